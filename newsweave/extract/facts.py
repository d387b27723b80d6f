"""Typed facts: one event per sentence with its participants, place, time, duration, quantities.

Event words come from ``lang/<code>/events.json`` and map to English keys (``talks``,
``call``, ``meeting``, ``report`` …), so sources in different languages meet on the key. A
place must be governed by a place preposition (در / في / in) and must not be someone's post
("سفير أوكرانيا لدى واشنطن") nor an origin or destination ("من ميامي إلى أوروبا"). Places,
times and durations attach to the nearest event word in the sentence; "three days of talks"
binds the duration to the event it qualifies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from newsweave import lang as langdata
from newsweave.extract.quantities import NUMBER_WORDS, quantities_in
from newsweave.extract.textview import (
    CueIndex,
    CueShape,
    SpanIndex,
    TextView,
    compile_lexicon,
    cue_index,
    cue_shape,
    fold,
    lookup_table,
    positions_between,
    sentence_spans,
    term_alternation,
)
from newsweave.model import Article, EntityType, Fact, Quantity, TimeKind

_POST_WINDOW = 40
_WRONG_SIDE_PENALTY = 1.5
_TOKEN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class EventLexicon:
    events: re.Pattern
    event_kind: dict
    not_events: re.Pattern
    expected: re.Pattern
    place: frozenset[str]
    origin: frozenset[str]
    destination: frozenset[str]
    posts: re.Pattern
    duration_connectors: frozenset[str]
    modifier_side: str
    cue_shapes: dict[str, CueShape]
    """Leads of the patterns matched through the article's cue index (see ``textview``)."""


@lru_cache(maxsize=None)
def event_lexicon(code: str) -> EventLexicon | None:
    """The compiled event vocabulary of a language, or None when it has no ``events.json``."""
    data = langdata.load(code, "events.json")
    if data is None:
        return None
    kinds = {term: event for event, terms in data["events"].items() for term in terms}
    return EventLexicon(
        events=compile_lexicon(kinds, data["prefixes"], data["suffixes"]),
        event_kind=lookup_table(kinds),
        not_events=compile_lexicon(data.get("not_events", ()), data["prefixes"], data["suffixes"]),
        expected=re.compile(rf"(?<!\w)(?:{term_alternation(data['expected'])})(?!\w)"),
        place=frozenset(fold(p) for p in data["place_prepositions"]),
        origin=frozenset(fold(p) for p in data["origin_prepositions"]),
        destination=frozenset(fold(p) for p in data["destination_prepositions"]),
        posts=compile_lexicon(data.get("post_roles", ()), data["prefixes"], data["suffixes"]),
        duration_connectors=frozenset(fold(p) for p in data.get("duration_connectors", ())),
        modifier_side=data.get("modifier_side", "after"),
        cue_shapes=_event_cue_shapes(data, kinds),
    )


def _event_cue_shapes(data: dict, kinds: dict) -> dict[str, CueShape]:
    pre, suf = (data["prefixes"], True), (data["suffixes"], True)
    return {
        "events.events": cue_shape(pre, (kinds, False), suf),
        "events.not_events": cue_shape(pre, (data.get("not_events", ()), False), suf),
        "events.expected": cue_shape((data["expected"], False)),
        "events.posts": cue_shape(pre, (data.get("post_roles", ()), False), suf),
        NUMBER_WORDS: cue_shape((_number_words(data), False)),
    }


def _number_words(data: dict) -> list[str]:
    q = data.get("quantities", {})
    return list(q.get("ones", ())) + list(q.get("scales", ())) + list(q.get("dual_scales", ()))


def _may_hold_number(cues: CueIndex, kstart: int, kend: int) -> bool:
    """Whether a quantity can start in the span: a number needs a digit or a number word.

    The number pattern is tried at every character, so a sentence without either skips it.
    """
    return _DIGIT.search(cues.key, kstart, kend) is not None or cues.has_start(NUMBER_WORDS, kstart, kend)


class _Trigger(NamedTuple):
    kstart: int
    kend: int
    event: str


def find_facts(article: Article) -> tuple[Fact, ...]:
    """The events stated in each sentence, in text order."""
    lex = event_lexicon(article.lang)
    if lex is None or not article.text.strip():
        return ()
    view = TextView.of(article)
    kspans = view.to_key_spans((m.start, m.end) for m in article.mentions)
    tspans = view.to_key_spans((t.start, t.end) for t in article.times)
    channels = _channel_mentions(article)
    # Each lexicon is matched once over the whole key (through the article's cue index, shared
    # with the quote stage); sentences then pick their share by bisecting on the starts.
    cues = cue_index(article.lang, view.key)
    events = [m for _, m in cues.find_all("events.events", lex.events)]
    event_starts = [m.start() for m in events]
    blocked = SpanIndex([(m.start(), m.end()) for _, m in cues.find_all("events.not_events", lex.not_events)])
    expected_at = [m.start() for _, m in cues.find_all("events.expected", lex.expected)]
    names, dated = SpanIndex(kspans), SpanIndex(tspans)
    facts: list[Fact] = []
    sentences = sentence_spans(article)
    for (start, end), (ks, ke) in zip(sentences, view.to_key_spans(sentences)):
        in_range = positions_between(event_starts, ks, ke)
        if not in_range:
            continue
        triggers = _triggers(lex, [events[i] for i in in_range], blocked, names)
        if not triggers:
            continue
        in_sentence = names.inside(ks, ke)
        places = _places(lex, cues, article, in_sentence, kspans, triggers)
        times = dated.inside(ks, ke)
        found = quantities_in(view, article.lang, ks, ke, cues) if _may_hold_number(cues, ks, ke) else []
        quantities = [q for q in found if not _overlaps_time(q, article)]
        expected = bool(positions_between(expected_at, ks, ke))
        participants = _participants(article, in_sentence, channels)
        for trigger in triggers:
            facts.append(_fact(article, view, lex, trigger, triggers, (start, end), places, times, tspans,
                               quantities, participants, expected, kspans))
    return tuple(facts)


def _triggers(lex: EventLexicon, matches: list[re.Match], blocked: SpanIndex, names: SpanIndex) -> list[_Trigger]:
    """Event words of a sentence, one per event kind, outside names and non-event phrases."""
    seen: dict[str, _Trigger] = {}
    for match in matches:
        start, end = match.start(), match.end()
        if blocked.overlaps(start, end) or names.overlaps(start, end):
            continue
        event = str(lex.event_kind.get(fold(match.group("term")), ""))
        if event and event not in seen:
            seen[event] = _Trigger(start, end, event)
    return sorted(seen.values(), key=lambda t: t.kstart)


def _previous_word(key: str, kpos: int) -> str:
    words = _TOKEN.findall(key[max(0, kpos - 25) : kpos])
    return fold(words[-1]) if words else ""


def _places(lex: EventLexicon, cues: CueIndex, article: Article, in_sentence: list[int],
            kspans: list[tuple[int, int]], triggers: list[_Trigger]) -> list[int]:
    """LOC mentions that name where something happened, not a post, origin or destination."""
    out = []
    key = cues.key
    for i in in_sentence:
        if article.mentions[i].type != EntityType.PLACE:
            continue
        ks, _ = kspans[i]
        if _previous_word(key, ks) not in lex.place:
            continue
        prep_start = key.rfind(" ", 0, max(0, ks - 1))
        post = cues.find_first("events.posts", lex.posts, max(0, prep_start - _POST_WINDOW), ks)
        if post and not any(post[0] + post[1].end() <= t.kstart < ks for t in triggers):
            continue
        if out and article.mentions[out[-1]].end >= article.mentions[i].start - 12:
            continue  # "in Miami, Florida": the first, most specific place stands
        out.append(i)
    return out


def _channel_mentions(article: Article) -> set[int]:
    """Outlets and platforms that carry statements are not participants of the events."""
    out: set[int] = set()
    for att in article.attributions:
        out.update(v.mention for v in att.via if v.mention is not None)
        if att.speaker is not None and article.mentions[att.speaker].type == EntityType.ORG:
            out.add(att.speaker)
    return out


def _participants(article: Article, in_sentence: list[int], channels: set[int]) -> tuple[int, ...]:
    out: list[int] = []
    seen: set[int] = set()
    for i in in_sentence:
        m = article.mentions[i]
        if m.type == EntityType.PLACE or i in channels:
            continue
        identity = m.head if m.head is not None else i
        if identity not in seen:
            seen.add(identity)
            out.append(i)
    return tuple(out)


def _overlaps_time(q: Quantity, article: Article) -> bool:
    return any(t.start < q.end and q.start < t.end for t in article.times)


def _distance(lex: EventLexicon, trigger: _Trigger, start: int, end: int) -> float:
    if start >= trigger.kend:
        gap, side = start - trigger.kend, "after"
    elif end <= trigger.kstart:
        gap, side = trigger.kstart - end, "before"
    else:
        return 0.0
    return gap * (1.0 if side == lex.modifier_side else _WRONG_SIDE_PENALTY)


def _nearest(lex: EventLexicon, trigger: _Trigger, triggers: list[_Trigger], span: tuple[int, int]) -> bool:
    """Whether ``trigger`` is the event word a modifier at ``span`` belongs to."""
    return min(triggers, key=lambda t: _distance(lex, t, *span)) is trigger


def _duration_owner(lex: EventLexicon, key: str, triggers: list[_Trigger], span: tuple[int, int]) -> _Trigger:
    """"three days of talks": a duration followed by of/من + event word belongs to that event."""
    for t in triggers:
        between = key[span[1] : t.kstart]
        words = _TOKEN.findall(between)
        if t.kstart >= span[1] and len(words) == 1 and fold(words[0]) in lex.duration_connectors:
            return t
    return min(triggers, key=lambda t: _distance(lex, t, *span))


def _fact(article: Article, view: TextView, lex: EventLexicon, trigger: _Trigger, triggers: list[_Trigger],
          sentence: tuple[int, int], places: list[int], times: list[int], tspans: list[tuple[int, int]],
          quantities: list[Quantity], participants: tuple[int, ...], expected: bool,
          kspans: list[tuple[int, int]]) -> Fact:
    place = next((i for i in places if _nearest(lex, trigger, triggers, kspans[i])), None)
    dates = [i for i in times if article.times[i].kind in (TimeKind.DATE, TimeKind.INTERVAL)]
    durations = [i for i in times if article.times[i].kind == TimeKind.DURATION]
    time = next((i for i in dates if _nearest(lex, trigger, triggers, tspans[i])), None)
    duration = next((i for i in durations if _duration_owner(lex, view.key, triggers, tspans[i]) is trigger), None)
    tstart, tend = view.to_text(trigger.kstart, trigger.kend)
    return Fact(
        start=sentence[0],
        end=sentence[1],
        event=trigger.event,
        trigger=article.text[tstart:tend],
        participants=participants,
        place=place,
        time=time,
        duration=duration,
        quantities=tuple(quantities) if len(triggers) == 1 or trigger is triggers[0] else (),
        attribution=_carrier(article, tstart),
        modality="expected" if expected else "asserted",
    )


def _carrier(article: Article, offset: int) -> int | None:
    """The attribution whose statement contains the event word (the innermost one)."""
    best, best_len = None, None
    for i, att in enumerate(article.attributions):
        if att.quote_start <= offset < att.quote_end or att.start <= offset < att.end:
            length = att.end - att.start
            if best_len is None or length < best_len:
                best, best_len = i, length
    return best


def loose_quantities(article: Article) -> tuple[Quantity, ...]:
    """Numbers with units that no fact carries (their sentence had no event word) and that are
    not part of a time expression: the values sources give outside any event."""
    if not article.text.strip():
        return ()
    try:
        view = TextView.of(article)
        found = quantities_in(view, article.lang, 0, len(view.key))
    except (KeyError, ValueError, IndexError):
        return ()
    carried = {(q.start, q.end) for fact in article.facts for q in fact.quantities}
    times = [(t.start, t.end) for t in article.times]
    return tuple(
        q for q in found
        if (q.start, q.end) not in carried and not any(q.start < e and s < q.end for s, e in times)
    )

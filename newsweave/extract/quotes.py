"""Quotes and reported speech with their attribution chains.

Cues come from ``lang/<code>/speech.json``: speech verbs (with the side their subject sits on:
before the verb in Persian and English, after it in verb-first Arabic), source phrases
("according to", "به نقل از", "وفق"), recipients ("told Axios", "به آکسیوس", "لوكالة"),
media ("post on X", "بیانیه", "مقابلة"), anonymous sources with counts, role nouns and group
subjects. Everything is matched on the article's match key and mapped back to text offsets.

A language without a ``speech.json`` yields no attributions rather than guesses.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from newsweave import lang as langdata
from newsweave.extract.textview import (
    QUOTE_OPENERS,
    CueShape,
    SpanIndex,
    TextView,
    closing_quote,
    compile_lexicon,
    cue_index,
    cue_shape,
    fold,
    lookup_table,
    paragraph_spans,
    positions_between,
    quoted_spans,
    sentence_spans,
    term_alternation,
)
from newsweave.model import Article, Attribution, EntityType, Mention, SpeakerKind, Via, ViaKind

_REGION_CAP = 160
"""How far (key characters) a subject or a source phrase's target may stretch from its cue."""
_CONTINUATION_REACH = 700
"""A subject-less "he added" continues a speaker whose statement ended at most this far back."""
_PUNCT_SKIP = re.compile(r"[\s:：,،؛\-–—]*")
_TOKEN = re.compile(r"\w+")
_CLAUSE_BREAK = re.compile(r"[:：؛;]|[.!?؟]\s")
_COMMA = re.compile(r"[,،]")
_PERSON_LIKE = (EntityType.PERSON, EntityType.ORG)
_SENTENCE_STOP = re.compile(r"[.!?؟:\n]")
_TWO_WORDS = re.compile(r"\w\W+\w")
_REGION_STOP_MARKS = ":：.؟?!؛;"


@dataclass(frozen=True)
class SpeechLexicon:
    side: str
    pick: str
    verbs: re.Pattern
    verb_kind: dict
    complementizer: re.Pattern
    content_intro: re.Pattern
    region_stops: re.Pattern
    """Where a post-verb subject region may stop: a superset that ``_after_region_end`` checks."""
    sources: re.Pattern
    source_kind: dict
    recipient_before: re.Pattern
    recipient_verbs: frozenset[str]
    recipient_verb_tails: frozenset[str]
    """Last four key characters of each recipient verb ("told" X): the verb right before a name."""
    media: re.Pattern
    phrase_tail: re.Pattern
    media_kind: dict
    anonymous: re.Pattern
    anon_nouns: dict
    anon_numbers: dict
    anon_another: frozenset[str]
    anon_informed: frozenset[str]
    roles: re.Pattern
    role_kind: dict
    role_definite: str
    definite_prefixes: frozenset[str]
    definite_articles: frozenset[str]
    indefinite: frozenset[str]
    groups: re.Pattern
    group_kind: dict
    pronouns: re.Pattern
    non_subject: frozenset[str]
    cue_shapes: dict[str, CueShape]
    """Leads of the patterns matched through the article's cue index (see ``textview``)."""


@lru_cache(maxsize=None)
def speech_lexicon(code: str) -> SpeechLexicon | None:
    """The compiled speech cues of a language, or None when it has no ``speech.json``."""
    data = langdata.load(code, "speech.json")
    if data is None:
        return None
    verb_kind = {fold(v): "say" for v in data["verbs"]}
    verb_kind.update({fold(v): "continue" for v in data["continuation_verbs"]})
    verb_kind.update({fold(v): "needs_quote" for v in data.get("needs_quote", ())})
    sources = data["source_phrases"]
    source_kind = {fold(p): kind for kind in ("report", "cite") for p in sources.get(kind, ())}
    anon = data["anonymous"]
    qualifier_alt = term_alternation(list(anon["qualifiers"]) + list(anon["another"]))
    anonymous = re.compile(
        rf"(?<!\w)(?:(?P<num>{term_alternation(anon['numbers'])})\s+)?"
        rf"(?:(?:{qualifier_alt})\s+){{0,3}}"
        rf"(?:{term_alternation(data['verb_prefixes'])})??(?P<noun>{term_alternation(anon['nouns'])})"
        rf"(?P<rest>(?:\s+(?:{qualifier_alt}))*)(?!\w)"
    )
    definite_prefixes = data.get("definite_prefixes", [])
    roles = re.compile(
        rf"(?<!\w)(?:{term_alternation(data['verb_prefixes'])})??(?P<def>{term_alternation(definite_prefixes)})?"
        rf"(?P<term>{term_alternation(data['roles'])})(?:{term_alternation(data.get('role_suffixes', ()))})?(?!\w)"
    )
    preps = term_alternation(data["recipient_prepositions"])
    outlets = term_alternation(data["outlet_nouns"])
    recipient_before = re.compile(rf"(?<!\w)(?:{preps})\s*(?:(?:{outlets})(?:\s+\w+)?\s*)?[\"«“'(]?\s*$")
    return SpeechLexicon(
        side=data["subject_side"],
        pick=data.get("subject_pick", "first"),
        verbs=compile_lexicon(verb_kind_keys(data), data["verb_prefixes"], data["verb_suffixes"]),
        verb_kind=verb_kind,
        complementizer=re.compile(rf"(?:{term_alternation(data['complementizers'])})(?!\w)"),
        content_intro=re.compile(rf"(?:{term_alternation(data['content_intro'])})(?!\w)"),
        region_stops=re.compile(
            "[" + re.escape("".join(sorted(QUOTE_OPENERS)) + _REGION_STOP_MARKS) + "]"
            + rf"|(?=(?:{term_alternation(data['complementizers'])}|{term_alternation(data['content_intro'])}))"
        ),
        sources=compile_lexicon(source_kind_keys(sources), data["verb_prefixes"]),
        source_kind=source_kind,
        recipient_before=recipient_before,
        recipient_verbs=frozenset(fold(v) for v in data["recipient_verbs"]),
        recipient_verb_tails=frozenset(fold(v)[-4:] for v in data["recipient_verbs"]),
        media=compile_lexicon(data["media"], data["verb_prefixes"], data.get("media_suffixes", ())),
        phrase_tail=re.compile(rf"\s*(?:{term_alternation(data.get('phrase_verb_tail', ()))})(?!\w)"),
        media_kind=lookup_table(data["media"]),
        anonymous=anonymous,
        anon_nouns=lookup_table(anon["nouns"]),
        anon_numbers=lookup_table(anon["numbers"]),
        anon_another=frozenset(fold(w) for w in anon["another"]),
        anon_informed=frozenset(fold(w) for w in anon["informed"]),
        roles=roles,
        role_kind=lookup_table(data["roles"]),
        role_definite=data.get("role_definite", "default"),
        definite_prefixes=frozenset(fold(p) for p in definite_prefixes),
        definite_articles=frozenset(fold(p) for p in data.get("definite_articles", ())),
        indefinite=frozenset(fold(p) for p in data.get("indefinite", ())),
        groups=compile_lexicon(data["groups"], data["verb_prefixes"]),
        group_kind=lookup_table(data["groups"]),
        pronouns=compile_lexicon(data["pronouns"], data["verb_prefixes"]),
        non_subject=frozenset(fold(p) for p in data["non_subject_prepositions"]),
        cue_shapes=_speech_cue_shapes(data),
    )


def _speech_cue_shapes(data: dict) -> dict[str, CueShape]:
    pre = (data["verb_prefixes"], True)
    anon = data["anonymous"]
    return {
        "speech.verbs": cue_shape(pre, (verb_kind_keys(data), False), (data["verb_suffixes"], True)),
        "speech.sources": cue_shape(pre, (source_kind_keys(data["source_phrases"]), False)),
        "speech.media": cue_shape(pre, (data["media"], False), (data.get("media_suffixes", ()), True)),
        "speech.groups": cue_shape(pre, (data["groups"], False)),
        "speech.pronouns": cue_shape(pre, (data["pronouns"], False)),
        "speech.roles": cue_shape(pre, (data.get("definite_prefixes", []), True), (data["roles"], False),
                                  (data.get("role_suffixes", ()), True)),
        "speech.anonymous": cue_shape((anon["numbers"], False))
        | cue_shape((list(anon["qualifiers"]) + list(anon["another"]), False))
        | cue_shape(pre, (anon["nouns"], False)),
    }


def verb_kind_keys(data: dict) -> list[str]:
    return list(data["verbs"]) + list(data["continuation_verbs"]) + list(data.get("needs_quote", ()))


def source_kind_keys(sources: dict) -> list[str]:
    return [p for kind in ("report", "cite") for p in sources.get(kind, ())]


# --- the speaker -------------------------------------------------------------------------


class Speaker(NamedTuple):
    """Who a cue names, before it becomes an Attribution (key offsets).

    A named tuple, not a frozen dataclass: a few dozen are made per article and a frozen
    dataclass costs several times more to build.
    """

    kstart: int
    kend: int
    kind: SpeakerKind
    mention: int | None = None
    role: str | None = None
    count: int | None = None
    definite: bool = False
    qualifier: str = ""
    pronoun: bool = False


class _Context:
    """Per-article view: key text, mentions in key offsets, roles seen next to people."""

    def __init__(self, article: Article, lex: SpeechLexicon) -> None:
        self.article = article
        self.lex = lex
        self.view = TextView.of(article)
        self.key = self.view.key
        self.mentions = article.mentions
        self.kspans = self.view.to_key_spans((m.start, m.end) for m in article.mentions)
        self.kstarts = [ks for ks, _ in self.kspans]
        self.cues = cue_index(article.lang, self.key)
        self.verbs = [m for _, m in self.cues.find_all("speech.verbs", lex.verbs)]
        self.verb_starts = [m.start() for m in self.verbs]
        self.sources = [m for _, m in self.cues.find_all("speech.sources", lex.sources)]
        self.source_starts = [m.start() for m in self.sources]
        self.ends_at: dict[int, list[int]] = {}
        for i, (_, ke) in enumerate(self.kspans):
            self.ends_at.setdefault(ke, []).append(i)
        self.names = SpanIndex(self.kspans)
        self._recipient: dict[int, bool] = {}
        self._eligible: dict[int, bool] = {}
        self.roles = self._mention_roles()
        self.quotes = self.view.to_key_spans(quoted_spans(article.text, 0, len(article.text)))
        self.quote_starts = [q[0] for q in self.quotes]

    def quotes_between(self, start: int, end: int) -> list[tuple[int, int]]:
        """Quotations (key offsets, with their marks) that open inside ``start..end``."""
        return [self.quotes[i] for i in positions_between(self.quote_starts, start, end)]

    def _mention_roles(self) -> dict[int, tuple[str, str]]:
        """For each person mention, the role beside it and the words of that role phrase."""
        out: dict[int, tuple[str, str]] = {}
        for _, match in self.cues.find_all("speech.roles", self.lex.roles):
            role = self.lex.role_kind.get(fold(match.group("term")))
            person = self._apposed_person(match.start(), match.end(), len(self.key))
            if role and person is not None and person not in out:
                out[person] = (role, self.key[match.start() : match.end() + 40])
        for i, m in enumerate(self.mentions):
            if m.role and m.type == EntityType.PERSON:
                out[i] = (m.role, out.get(i, ("", ""))[1])
        return out

    def _apposed_person(self, rstart: int, rend: int, limit: int) -> int | None:
        """A person named right after a role phrase, or right before it."""
        for i in self.names.starting_in(rend, min(rend + 50, limit)):
            ks = self.kspans[i][0]
            if self.mentions[i].type == EntityType.PERSON and not _SENTENCE_STOP.search(self.key, rend, ks):
                if not self._person_between(rend, ks):
                    return i
        ending = [i for ke in range(rstart - 3, rstart + 1) for i in self.ends_at.get(ke, ())]
        return min((i for i in ending if self.mentions[i].type == EntityType.PERSON), default=None)

    def _person_between(self, start: int, end: int) -> bool:
        return any(self.mentions[i].type == EntityType.PERSON for i in self.names.inside(start, end))

    def mentions_in(self, start: int, end: int) -> list[int]:
        """Mentions inside ``start..end`` (mentions are sorted by offset)."""
        first = bisect_left(self.kstarts, start)
        out = []
        for i in range(first, len(self.kspans)):
            ks, ke = self.kspans[i]
            if ks >= end:
                break
            if ke <= end:
                out.append(i)
        return out

    def previous_token(self, kpos: int) -> str:
        """The word right before ``kpos``; an attached one-letter clitic counts as a word."""
        if kpos > 0 and self.key[kpos - 1].isalpha():
            start = kpos - 1
            while start > 0 and self.key[start - 1].isalpha():
                start -= 1
            return self.key[start:kpos]
        tokens = _TOKEN.findall(self.key[max(0, kpos - 30) : kpos])
        return tokens[-1] if tokens else ""

    def is_recipient(self, index: int) -> bool:
        found = self._recipient.get(index)
        if found is None:
            ks, _ = self.kspans[index]
            found = self._recipient[index] = bool(self.lex.recipient_before.search(self.key[max(0, ks - 40) : ks]))
        return found

    def is_subject_eligible(self, index: int) -> bool:
        found = self._eligible.get(index)
        if found is None:
            found = self._eligible[index] = fold(self.previous_token(self.kspans[index][0])) not in self.lex.non_subject
        return found


def _masked(pos: int, masks: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in masks)


def _speaker_candidates(
    ctx: _Context, start: int, end: int, masks: list[tuple[int, int]], after_phrase: bool = False,
) -> list[Speaker]:
    lex = ctx.lex
    cues = ctx.cues
    found: list[Speaker] = []
    for offset, match in cues.find_all("speech.anonymous", lex.anonymous, start, end):
        found.append(_anonymous_speaker(lex, match, offset))
    for offset, match in cues.find_all("speech.groups", lex.groups, start, end):
        found.append(Speaker(offset + match.start(), offset + match.end(), SpeakerKind.GROUP,
                             role=str(lex.group_kind.get(fold(match.group("term")), "group"))))
    for offset, match in cues.find_all("speech.roles", lex.roles, start, end):
        found.append(_role_speaker(ctx, match, offset))
    for offset, match in cues.find_all("speech.pronouns", lex.pronouns, start, end):
        found.append(Speaker(offset + match.start(), offset + match.end(), SpeakerKind.ENTITY, pronoun=True))
    for i in ctx.mentions_in(start, end):
        if ctx.mentions[i].type not in _PERSON_LIKE:
            continue
        if (after_phrase or ctx.is_subject_eligible(i)) and not ctx.is_recipient(i):
            ks, ke = ctx.kspans[i]
            found.append(Speaker(ks, ke, SpeakerKind.ENTITY, mention=i))
    found = [s for s in found if not _masked(s.kstart, masks)]
    # An anonymous source phrase contains its role-like words; keep the longest cue at a spot.
    found.sort(key=lambda s: (s.kstart, -(s.kend - s.kstart)))
    kept: list[Speaker] = []
    for s in found:
        if kept and s.kstart < kept[-1].kend:
            continue
        kept.append(s)
    return kept


def _anonymous_speaker(lex: SpeechLexicon, match: re.Match, offset: int) -> Speaker:
    words = {fold(w) for w in _TOKEN.findall(match.group(0))}
    another = bool(words & lex.anon_another)
    informed = bool(words & lex.anon_informed)
    count = lex.anon_nouns.get(fold(match.group("noun")))
    if match.group("num"):
        count = lex.anon_numbers.get(fold(match.group("num")), count)
    label = "sources" if count is None or count > 1 else "source"
    if informed:
        label = f"informed {label}"
    if another:
        label = f"another {label}"
    return Speaker(offset + match.start(), offset + match.end(), SpeakerKind.ANONYMOUS, role=label, count=count)


def _role_speaker(ctx: _Context, match: re.Match, offset: int) -> Speaker:
    lex = ctx.lex
    kstart, kend = offset + match.start(), offset + match.end()
    role = str(lex.role_kind.get(fold(match.group("term")), "official"))
    previous = fold(ctx.previous_token(kstart))
    if lex.role_definite == "prefix":
        definite = bool(match.group("def"))
    elif lex.role_definite == "article":
        definite = previous in lex.definite_articles
    else:
        definite = previous not in lex.indefinite
    if previous in lex.indefinite:
        definite = False
    next_words = _TOKEN.findall(ctx.key[kend : kend + 30])
    qualifier = next_words[0] if next_words else ""
    return Speaker(kstart, kend, SpeakerKind.ROLE, role=role, definite=definite, qualifier=qualifier)


def _stem(word: str) -> str:
    word = fold(word)
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    return word[:5]


def _resolve_role(ctx: _Context, speaker: Speaker) -> int | None:
    """The person an earlier role phrase names: "the ambassador" → the ambassador named before."""
    candidates = [
        i for i, (role, _) in ctx.roles.items() if role == speaker.role and ctx.kspans[i][0] < speaker.kstart
    ]
    if not candidates:
        return None
    stem = _stem(speaker.qualifier) if speaker.qualifier else ""
    if stem:
        agreeing = [i for i in candidates if stem in fold(ctx.roles[i][1]).replace("ال", "")[:80] or
                    any(_stem(w) == stem for w in _TOKEN.findall(ctx.roles[i][1]))]
        if agreeing:
            candidates = agreeing
    return max(candidates, key=lambda i: ctx.kspans[i][0])


def _pick_speaker(
    ctx: _Context, start: int, end: int, masks: list[tuple[int, int]], nearest: bool, after_phrase: bool = False,
) -> Speaker | None:
    candidates = _speaker_candidates(ctx, start, end, masks, after_phrase)
    strong = [s for s in candidates if not (s.mention is not None and ctx.mentions[s.mention].type == EntityType.ORG)]
    ordered = candidates if not strong else strong + [s for s in candidates if s not in strong]
    if not candidates:
        return None
    chosen = (max if nearest else min)(ordered[: len(strong)] or ordered, key=lambda s: s.kstart)
    if chosen.kind == SpeakerKind.ROLE:
        apposed = _apposed_speaker(ctx, chosen, candidates, end)
        if apposed is not None:
            return apposed
    return chosen


def _apposed_speaker(ctx: _Context, role: Speaker, candidates: list[Speaker], end: int) -> Speaker | None:
    """A person named beside the role ("the ambassador, Olha Stefanishyna") is the speaker."""
    for s in candidates:
        if s.mention is not None and ctx.mentions[s.mention].type == EntityType.PERSON:
            if role.kend <= s.kstart <= role.kend + 50 and not ctx._person_between(role.kend, s.kstart):
                return s
            if 0 <= role.kstart - s.kend <= 25:
                return s
    return None


# --- via: media and outlets ------------------------------------------------------------


def _media_via(ctx: _Context, start: int, end: int, masks: list[tuple[int, int]]) -> tuple[Via | None, int | None]:
    lex = ctx.lex
    plain: Via | None = None
    for offset, match in ctx.cues.find_all("speech.media", lex.media, start, end):
        mstart, mend = offset + match.start(), offset + match.end()
        if _masked(mstart, masks):
            continue
        kind = str(lex.media_kind.get(fold(match.group("term")), "statement"))
        platform = next(
            (i for i in ctx.mentions_in(mend, min(end, mend + 40)) if ctx.mentions[i].type == EntityType.ORG),
            None,
        )
        if platform is not None:
            name = ctx.mentions[platform].canonical or ctx.mentions[platform].text
            return Via(ViaKind.MEDIUM, f"{kind} on {name}", platform), platform
        plain = plain or Via(ViaKind.MEDIUM, kind)
    return plain, None


def _recipient_vias(ctx: _Context, start: int, end: int, skip: set[int], verb_end: int | None) -> list[Via]:
    out = []
    for i in ctx.mentions_in(start, end):
        m = ctx.mentions[i]
        if i in skip or m.type != EntityType.ORG:
            continue
        told = verb_end is not None and 0 <= ctx.kspans[i][0] - verb_end <= 6 and bool(ctx.lex.recipient_verbs)
        if ctx.is_recipient(i) or (told and ctx.key[verb_end - 4 : verb_end] in ctx.lex.recipient_verb_tails):
            out.append(Via(ViaKind.OUTLET, m.canonical or m.text, i))
    return out


# --- source phrases: "according to", "به نقل از", "وفق" ---------------------------------


class SourcePhrase(NamedTuple):
    kstart: int
    kend: int
    kind: str
    target_end: int


def _source_phrases(ctx: _Context, start: int, end: int) -> list[SourcePhrase]:
    out = []
    for match in (ctx.sources[i] for i in positions_between(ctx.source_starts, start, end)):
        kind = str(ctx.lex.source_kind.get(fold(match.group("term")), "report"))
        cue_end = _phrase_verb_end(ctx, match.end(), end)
        target_end = _target_end(ctx, cue_end, end)
        out.append(SourcePhrase(match.start(), cue_end, kind, target_end))
    return out


def _phrase_verb_end(ctx: _Context, pos: int, limit: int) -> int:
    """"بحسب ما أفادت به X", "as X told": a speech verb inside the phrase belongs to the phrase."""
    at = _PUNCT_SKIP.match(ctx.key, pos).end()
    verb = ctx.lex.verbs.match(ctx.key, at, limit)
    if not verb:
        return pos
    tail = ctx.lex.phrase_tail.match(ctx.key, verb.end(), limit)
    return tail.end() if tail else verb.end()


def _target_end(ctx: _Context, kstart: int, limit: int) -> int:
    """Where the name after a source phrase stops: the next comma, clause end, cue or quote."""
    stop = min(limit, kstart + _REGION_CAP)
    text = ctx.key[kstart:stop]
    candidates = [stop]
    for pattern in (_COMMA, _CLAUSE_BREAK):
        match = pattern.search(text, 1)
        if match:
            candidates.append(kstart + match.start())
    for name, lexicon in (("speech.sources", ctx.lex.sources), ("speech.verbs", ctx.lex.verbs)):
        found = ctx.cues.find_first(name, lexicon, kstart, stop, pos=1)
        if found:
            candidates.append(found[0] + found[1].start())
    return min(candidates)


# --- building attributions -------------------------------------------------------------


class _Found(NamedTuple):
    speaker: Speaker
    content: tuple[int, int]
    cue: tuple[int, int]
    via: tuple[Via, ...]
    direct: bool


def _content_after(ctx: _Context, pos: int, limit: int, sentence_end: int) -> tuple[tuple[int, int], bool]:
    """The statement after a cue: a quotation to its closing mark, or the rest of the sentence."""
    key = ctx.key
    for _ in range(3):
        pos = _PUNCT_SKIP.match(key, pos).end()
        intro = ctx.lex.complementizer.match(key, pos) or ctx.lex.content_intro.match(key, pos)
        if not intro:
            break
        pos = intro.end()
    if pos < len(key) and key[pos] in QUOTE_OPENERS:
        tstart, _ = ctx.view.to_text(pos, pos + 1)
        close = closing_quote(ctx.article.text, tstart)
        if close is not None:
            return (pos + 1, ctx.view.to_key(close)), True
    return (pos, _trim_end(key, pos, sentence_end)), False


def _content_before(key: str, sentence_start: int, cue_start: int) -> tuple[int, int]:
    """"…, officials said.": the statement is the clause before the comma that precedes the cue."""
    comma = max(key.rfind(",", sentence_start, cue_start), key.rfind("،", sentence_start, cue_start))
    if comma < 0:
        return sentence_start, sentence_start
    return sentence_start, _trim_end(key, sentence_start, comma)


def _trim_end(key: str, start: int, end: int) -> int:
    while end > start and (key[end - 1].isspace() or key[end - 1] in ".،,؛;"):
        end -= 1
    return end


def _has_words(key: str, start: int, end: int) -> bool:
    """At least two words in ``start..end``."""
    return _TWO_WORDS.search(key, start, end) is not None


def _verb_attribution(
    ctx: _Context, verb: re.Match, sentence: tuple[int, int], phrases: list[SourcePhrase], last: _Found | None,
) -> _Found | None:
    lex = ctx.lex
    ks, ke = sentence
    vstart, vend = verb.start(), verb.end()
    kind = lex.verb_kind.get(fold(verb.group("term")), "say")
    quotes_in = ctx.quotes_between(ks, ke)
    phrase_masks = [(p.kstart, p.target_end if p.kind == "cite" else p.kend) for p in phrases]
    masks = quotes_in + phrase_masks

    before_start = _clause_start(ctx.key, ks, vstart, quotes_in)
    after_end = _after_region_end(ctx, vend, ke)
    regions = [(before_start, vstart, lex.pick == "nearest"), (vend, after_end, False)]
    if lex.side == "after":
        regions.reverse()

    speaker = None
    for start, end, nearest in regions:
        speaker = _pick_speaker(ctx, start, end, masks, nearest)
        if speaker is not None:
            break

    # "X quoting/citing Y wrote": Y is the speaker, X an outlet on the way.
    outer: list[Via] = []
    cue_start = min(before_start, vstart)
    region_lo, region_hi = min(r[0] for r in regions), max(r[1] for r in regions)
    for phrase in (p for p in phrases if region_lo <= p.kstart < region_hi):
        target = _pick_speaker(ctx, phrase.kend, phrase.target_end, quotes_in, False, after_phrase=True)
        if target is None:
            continue
        if phrase.kind == "cite":
            if speaker is not None and speaker.mention is not None:
                m = ctx.mentions[speaker.mention]
                outer.append(Via(ViaKind.OUTLET, m.canonical or m.text, speaker.mention))
            speaker = target
        elif target.mention is not None and target != speaker:
            m = ctx.mentions[target.mention]
            outer.append(Via(ViaKind.OUTLET, m.canonical or m.text, target.mention))

    if lex.side == "after":
        content, direct = _content_after(ctx, after_end, ke, ke)
    else:
        content, direct = _content_after(ctx, vend, ke, ke)
    if not _has_words(ctx.key, *content) and not direct:
        earlier = [q for q in quotes_in if q[1] <= vstart]
        if earlier:
            content, direct = (earlier[-1][0] + 1, earlier[-1][1] - 1), True
        elif speaker is not None and kind != "needs_quote":
            content = _content_before(ctx.key, ks, min(speaker.kstart, vstart))
            if not _has_words(ctx.key, *content):
                return None
        else:
            return None
    if kind == "needs_quote" and not direct:
        return None

    speaker, inherited = _settle_speaker(ctx, speaker, kind, last, ks)
    if speaker is None:
        return None
    skip = {speaker.mention} if speaker.mention is not None else set()
    medium, platform = _media_via(ctx, region_lo, region_hi, quotes_in)
    if platform is not None:
        skip.add(platform)
    recipients = _recipient_vias(ctx, region_lo, region_hi, skip | {v.mention for v in outer}, vend)
    # A continuation ("he added") keeps the speaker but not the chain: the gold labels and most
    # outlets name the channel once, and a wrong inherited chain is worse than a missing one.
    via = tuple(v for v in (medium,) if v) + tuple(recipients) + tuple(outer)
    return _Found(speaker, content, (cue_start, max(vend, after_end)), via, direct)


def _settle_speaker(
    ctx: _Context, speaker: Speaker | None, kind: str, last: _Found | None, sentence_start: int,
) -> tuple[Speaker | None, _Found | None]:
    """Resolve pronouns, titles and dropped subjects against the previous statement."""
    recent = last if last is not None and sentence_start - last.content[1] <= _CONTINUATION_REACH else None
    if speaker is None or speaker.pronoun:
        return (recent.speaker, recent) if recent else (None, None)
    if speaker.kind == SpeakerKind.ROLE and speaker.definite:
        if kind == "continue" and recent is not None and recent.speaker.mention is not None:
            previous_role = ctx.roles.get(recent.speaker.mention, (None, ""))[0]
            if previous_role in (None, speaker.role):
                return recent.speaker, recent
        person = _resolve_role(ctx, speaker)
        if person is not None:
            ks, ke = ctx.kspans[person]
            return Speaker(speaker.kstart, speaker.kend, SpeakerKind.ENTITY, mention=person, role=speaker.role), None
    return speaker, (recent if kind == "continue" else None)


def _clause_start(key: str, sentence_start: int, verb_start: int, quotes: list[tuple[int, int]]) -> int:
    start = max(sentence_start, verb_start - _REGION_CAP)
    for match in _CLAUSE_BREAK.finditer(key, start, verb_start):
        if not _masked(match.start(), quotes):
            start = match.end()
    return start


def _after_region_end(ctx: _Context, verb_end: int, sentence_end: int) -> int:
    """Where a post-verb subject region stops: complementizer, colon, quotation or clause end."""
    stop = min(sentence_end, verb_end + _REGION_CAP)
    key = ctx.key
    for candidate in ctx.lex.region_stops.finditer(key, verb_end, stop):
        pos = candidate.start()
        ch = key[pos]
        if ch in QUOTE_OPENERS:
            if not _quotes_a_name(ctx, pos):
                return pos
        elif ch in _REGION_STOP_MARKS:
            return pos
        elif ch.isalpha() and (pos == 0 or not key[pos - 1].isalpha()):
            if ctx.lex.complementizer.match(key, pos) or ctx.lex.content_intro.match(key, pos):
                return pos
    return stop


def _quotes_a_name(ctx: _Context, kpos: int) -> bool:
    """A quotation mark right around a name (لوكالة "أكسيوس") does not open a statement."""
    return any(0 < ks - kpos <= 2 or 0 <= kpos - ke <= 1 for ks, ke in ctx.kspans)


def _phrase_attribution(
    ctx: _Context, group: list[SourcePhrase], sentence: tuple[int, int], paragraph: tuple[int, int],
) -> _Found | None:
    """A standalone "according to X, …" / "…, وفق ما أفاد به X" attribution."""
    ks, ke = sentence
    speaker = None
    outer: list[Via] = []
    skip: set[int] = set()
    for phrase in group:
        target = _pick_speaker(ctx, phrase.kend, phrase.target_end, [], False, after_phrase=True)
        if target is None:
            continue
        if speaker is not None and speaker.mention is not None:
            m = ctx.mentions[speaker.mention]
            outer.insert(0, Via(ViaKind.OUTLET, m.canonical or m.text, speaker.mention))
        speaker = target
    if speaker is None:
        return None
    first, final = group[0], group[-1]
    if speaker.mention is not None:
        skip.add(speaker.mention)
    medium, platform = _media_via(ctx, first.kstart, final.target_end, [])
    if platform is not None:
        skip.add(platform)
    recipients = _recipient_vias(ctx, final.kend, final.target_end, skip, None)
    via = tuple(v for v in (medium,) if v) + tuple(recipients) + tuple(outer)
    if first.kstart - ks <= 3:
        at_paragraph_start = abs(first.kstart - paragraph[0]) <= 3
        end = paragraph[1] if at_paragraph_start else ke
        start = _PUNCT_SKIP.match(ctx.key, final.target_end).end()
        content = (start, _trim_end(ctx.key, start, end))
    else:
        content = (ks, _trim_end(ctx.key, ks, first.kstart))
    if not _has_words(ctx.key, *content):
        return None
    return _Found(speaker, content, (first.kstart, final.target_end), via, False)


def _group_phrases(phrases: list[SourcePhrase]) -> list[list[SourcePhrase]]:
    """Chained phrases ("به گزارش A به نقل از B") form one chain."""
    groups: list[list[SourcePhrase]] = []
    for phrase in phrases:
        if groups and phrase.kstart <= groups[-1][-1].target_end + 2:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
    return groups


def _colon_attribution(ctx: _Context, sentence: tuple[int, int]) -> _Found | None:
    """A headline-style "Name: statement" where the sentence opens with a named speaker."""
    ks, ke = sentence
    for i in ctx.mentions_in(ks, min(ke, ks + 60)):
        m = ctx.mentions[i]
        mks, mke = ctx.kspans[i]
        if m.type in _PERSON_LIKE and mks - ks <= 1:
            after = _PUNCT_SKIP.match(ctx.key, mke).end()
            if ":" in ctx.key[mke:after] or "：" in ctx.key[mke:after]:
                content, direct = _content_after(ctx, mke, ke, ke)
                if _has_words(ctx.key, *content):
                    return _Found(Speaker(mks, mke, SpeakerKind.ENTITY, mention=i), content, (mks, mke), (), direct)
        break
    return None


def find_attributions(article: Article) -> tuple[Attribution, ...]:
    """Every attributed statement in the article, in text order."""
    lex = speech_lexicon(article.lang)
    if lex is None or not article.text.strip():
        return ()
    ctx = _Context(article, lex)
    view = ctx.view
    paragraphs = view.to_key_spans(paragraph_spans(article.text))
    paragraph_starts = [a for a, _ in paragraphs]
    found: list[_Found] = []
    last: _Found | None = None
    covered_until = -1
    sentences = sentence_spans(article)
    for ks, ke in view.to_key_spans(sentences):
        if ke <= covered_until:
            continue  # inside a quotation already attributed
        paragraph = _paragraph_of(paragraphs, paragraph_starts, ks) or (ks, ke)
        for item in _sentence_attributions(ctx, (ks, ke), paragraph, last):
            found.append(item)
            last = item
            if item.direct:
                covered_until = max(covered_until, item.content[1])
    return tuple(_to_attribution(ctx, item) for item in sorted(found, key=lambda f: f.content[0]))


def _paragraph_of(paragraphs: list[tuple[int, int]], starts: list[int], kpos: int) -> tuple[int, int] | None:
    """The paragraph (sorted, disjoint key spans) holding ``kpos``."""
    i = bisect_right(starts, kpos) - 1
    return paragraphs[i] if i >= 0 and kpos < paragraphs[i][1] else None


def _sentence_attributions(
    ctx: _Context, sentence: tuple[int, int], paragraph: tuple[int, int], last: _Found | None,
) -> list[_Found]:
    ks, ke = sentence
    phrases = _source_phrases(ctx, ks, ke)
    phrase_masks = [(p.kstart, p.kend) for p in phrases]
    made: list[_Found] = []
    quotes = ctx.quotes_between(ks, ke)
    for verb in (ctx.verbs[i] for i in positions_between(ctx.verb_starts, ks, ke)):
        if _masked(verb.start(), phrase_masks) or _masked(verb.start(), quotes):
            continue
        item = _verb_attribution(ctx, verb, (ks, ke), phrases, last)
        if item is not None:
            made.append(item)
            break
    used = made[0].cue if made else None
    for group in _group_phrases(phrases):
        if used and used[0] <= group[0].kstart < max(used[1], made[0].content[0]):
            continue
        if used and made[0].content[0] <= group[0].kstart < made[0].content[1]:
            continue
        item = _phrase_attribution(ctx, group, sentence, paragraph)
        if item is not None:
            made.append(item)
    if not made:
        item = _colon_attribution(ctx, sentence)
        if item is not None:
            made.append(item)
    return made


def _to_attribution(ctx: _Context, item: _Found) -> Attribution:
    view = ctx.view
    qs, qe = view.to_text(*item.content)
    cs, ce = view.to_text(*item.cue)
    sstart, send = view.to_text(item.speaker.kstart, item.speaker.kend)
    start, end = min(qs, cs, sstart), max(qe, ce, send)
    if item.direct:
        start, end = min(start, qs - 1), max(end, qe + 1)
    text = ctx.article.text
    speaker = item.speaker
    speaker_text = text[sstart:send]
    if speaker.mention is not None:
        speaker_text = speaker_text if speaker.kind == SpeakerKind.ENTITY and speaker.role else ctx.mentions[speaker.mention].text
    return Attribution(
        start=max(0, start),
        end=min(len(text), end),
        quote_start=qs,
        quote_end=qe,
        speaker_text=speaker_text,
        speaker_kind=speaker.kind,
        speaker=speaker.mention,
        speaker_role=speaker.role if speaker.kind != SpeakerKind.ENTITY else (speaker.role or _mention_role(ctx, speaker.mention)),
        source_count=speaker.count,
        via=item.via,
        direct=item.direct,
    )


def _mention_role(ctx: _Context, index: int | None) -> str | None:
    if index is None:
        return None
    return ctx.roles.get(index, (None, ""))[0]

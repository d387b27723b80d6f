"""Align quotes: one statement reported in several languages is one statement with several reports.

No translation exists offline, so two reports are matched on what survives translation: the
speaker entity, the channel it went through (a post on X, Axios), the entities, dates and numbers
named inside the quote, and being the speaker's only statement in each article. Unnamed sources
have no identity of their own, so their statements need more of that shared content.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from typing import Hashable, Mapping, Sequence

from newsweave.compare.provenance import language_name, via_chain
from newsweave.model import Article, Comparison, Entity, Fact, ReportedValue, TimeKind

QUOTE_SLOT = "quote"
_ALIGN = 2.0
_NAMED_BASE = 1.0
_ANONYMOUS_BASE = -1.0
_SHARED_EVENT = 0.5


@dataclass(frozen=True)
class Statement:
    article: Article
    index: int
    speaker: str | None
    """Entity id of a named speaker."""
    channels: frozenset[str]
    """Case-folded English labels of the via chain (``post on x``, ``axios``)."""
    named: frozenset[str]
    """Entity ids named inside the quote."""
    values: frozenset[str]
    """Dates, durations and numbers stated inside the quote, normalised."""
    events: frozenset[str]
    display: str
    """The speaker in English, as reports show it (``speaker_label``)."""
    via: tuple[str, ...]
    """English labels of what carried the statement, as reports show them."""

    @property
    def attribution(self):
        return self.article.attributions[self.index]


def statements_of(article: Article, entities: Mapping[str, Entity]) -> list[Statement]:
    out: list[Statement] = []
    kept: list[tuple[int, int]] = []
    mentions = article.mentions
    by_start = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
    starts = [mentions[k].start for k in by_start]
    facts_of: dict[int, list[Fact]] = defaultdict(list)
    for fact in article.facts:
        if fact.attribution is not None:
            facts_of[fact.attribution].append(fact)
    for index, attribution in enumerate(article.attributions):
        lo, hi = attribution.quote_start, attribution.quote_end
        if any(start < hi and lo < end for start, end in kept):
            continue  # the same words found twice (two cues of one statement)
        kept.append((lo, hi))
        speaker = None
        if attribution.speaker is not None and 0 <= attribution.speaker < len(mentions):
            speaker = mentions[attribution.speaker].entity
        chain = via_chain(article, index, entities)
        inside = (mentions[k] for k in by_start[bisect_left(starts, lo) : bisect_left(starts, hi)])
        named = frozenset(m.entity for m in inside if m.entity and m.entity != speaker)
        facts = facts_of.get(index, ())
        values = frozenset(
            t.value for t in article.times if lo <= t.start < hi and t.value and t.kind != TimeKind.VAGUE
        ) | frozenset(f"{q.value:g}{q.unit}" for f in facts for q in f.quantities)
        events = frozenset(f.event for f in facts)
        out.append(Statement(article, index, speaker, frozenset(c.casefold() for c in chain[1:]), named, values,
                             events, chain[0], chain[1:]))
    return out


def _speakers(statements: Sequence[Statement]) -> dict[tuple[str, str | None], int]:
    counts: dict[tuple[str, str | None], int] = {}
    for s in statements:
        key = (s.article.id, s.speaker)
        counts[key] = counts.get(key, 0) + 1
    return counts


def statement_evidence(a: Statement, b: Statement, speakers: Mapping[tuple[str, str | None], int]) -> float | None:
    """How strongly two reports carry one statement; None when their speakers differ."""
    if (a.speaker is None) != (b.speaker is None) or (a.speaker and a.speaker != b.speaker):
        return None
    shared_named = len(a.named & b.named)
    if a.speaker is None:
        if shared_named < 2:
            return None
        score = _ANONYMOUS_BASE
        channel = 0.5  # many unnamed sources of one story come through the same outlet
    else:
        score = _NAMED_BASE
        channel = 1.0
        if speakers.get((a.article.id, a.speaker)) == 1 and speakers.get((b.article.id, b.speaker)) == 1:
            score += 1.0
    score += channel if a.channels & b.channels else 0.0
    score += shared_named + shared_named / len(a.named | b.named) if shared_named else 0.0
    score += 1.0 if a.values & b.values else 0.0
    score += _SHARED_EVENT if a.events & b.events else 0.0
    return score


def align_statements(statements: Sequence[Statement]) -> list[list[Statement]]:
    """Statements grouped one report per article, best evidence first; text order kept."""
    speakers = _speakers(statements)
    by_speaker: dict[str | None, list[int]] = {}
    for k, statement in enumerate(statements):
        by_speaker.setdefault(statement.speaker, []).append(k)
    # Unnamed sources need two named entities in common: one that names fewer can pair with none.
    if None in by_speaker:
        by_speaker[None] = [k for k in by_speaker[None] if len(statements[k].named) >= 2]
    article = [s.article.id for s in statements]
    pairs = []
    for indices in by_speaker.values():
        for i, j in statement_candidates(indices, statements, speakers):
            if article[i] == article[j]:
                continue
            a, b = statements[i], statements[j]
            score = statement_evidence(a, b, speakers)
            if score is not None and score >= _ALIGN:
                pairs.append((-score, i, j))
    group_of = list(range(len(statements)))
    members = {k: {s.article.id} for k, s in enumerate(statements)}

    def find(i: int) -> int:
        while group_of[i] != i:
            i = group_of[i]
        return i

    for _, i, j in sorted(pairs):
        gi, gj = find(i), find(j)
        if gi == gj or members[gi] & members[gj]:
            continue  # one statement has one report per article
        keep, drop = min(gi, gj), max(gi, gj)
        group_of[drop] = keep
        members[keep] |= members.pop(drop)
    groups: dict[int, list[Statement]] = {}
    for k, statement in enumerate(statements):
        groups.setdefault(find(k), []).append(statement)
    return [groups[k] for k in sorted(groups)]


def statement_candidates(indices: Sequence[int], statements: Sequence[Statement],
                         speakers: Mapping[tuple[str, str | None], int]) -> list[tuple[int, int]]:
    """Pairs (lower first, in order) of one speaker's statements among which are all that can
    reach ``_ALIGN``. Two reports of a named speaker score ``_NAMED_BASE`` and at most
    ``_SHARED_EVENT`` more unless each is the speaker's only statement in its article or they share
    a channel, a named entity or a value; unnamed sources must share two named entities. Only
    pairs that share one of those are tried, not every pair of a much-quoted speaker."""
    if _NAMED_BASE + _SHARED_EVENT >= _ALIGN:
        return [(i, j) for n, i in enumerate(indices) for j in indices[n + 1 :]]
    holders: dict[Hashable, list[int]] = defaultdict(list)
    for k in indices:
        statement = statements[k]
        keys: list[Hashable] = [("named", e) for e in statement.named]
        if statement.speaker is not None:
            if speakers.get((statement.article.id, statement.speaker)) == 1:
                keys.append(("only",))
            keys.extend(("channel", c) for c in statement.channels)
            keys.extend(("value", v) for v in statement.values)
        for key in keys:
            holders[key].append(k)
    pairs = {(i, j) for members in holders.values() for n, i in enumerate(members) for j in members[n + 1 :]}
    return sorted(pairs)


def _report(statement: Statement) -> ReportedValue:
    article, attribution = statement.article, statement.attribution
    return ReportedValue(
        value=statement.speaker or attribution.speaker_kind.value,
        display=statement.display,
        article=article.id,
        outlet=article.outlet,
        lang=article.lang,
        text=article.text[attribution.start : attribution.end],
        start=attribution.start,
        end=attribution.end,
        via=statement.via,
        value_start=attribution.quote_start,
        value_end=attribution.quote_end,
    )


def _shared_note(group: Sequence[Statement]) -> str:
    direct = [language_name(s.article.lang) for s in group if s.attribution.direct]
    indirect = [language_name(s.article.lang) for s in group if not s.attribution.direct]
    if direct and indirect:
        return f"one statement: quoted directly in {' and '.join(dict.fromkeys(direct))}, paraphrased in {' and '.join(dict.fromkeys(indirect))}"
    return f"one statement reported in {' and '.join(dict.fromkeys(language_name(s.article.lang) for s in group))}"


def compare_quotes(articles: Sequence[Article], entities: Mapping[str, Entity]) -> list[Comparison]:
    """Each statement once: ``agree`` when several articles report it, else ``only_in_one``."""
    statements = [s for article in articles for s in statements_of(article, entities)]
    out = []
    for group in align_statements(statements):
        event = next((e for s in group for e in sorted(s.events)), "statement")
        values = tuple(_report(s) for s in group)
        if len({s.article.id for s in group}) > 1:
            out.append(Comparison(QUOTE_SLOT, event, "agree", values, _shared_note(group)))
        else:
            out.append(Comparison(QUOTE_SLOT, event, "only_in_one", values, None))
    return out

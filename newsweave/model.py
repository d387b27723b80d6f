"""The one data model every stage reads and writes.

Records are frozen: a stage returns a new record (``dataclasses.replace``) instead of
mutating one, which keeps per-article stages pure and safe to run in parallel.

Offsets (``start``/``end``) are character offsets into ``Article.text``, the *clean* text:
the original characters of the article with boilerplate lines removed. Normalised forms and
match keys are derived views (see :mod:`newsweave.text.normalize`), never stored over the text.

Per-article annotations refer to each other by index (a fact names its participants as
indices into ``Article.mentions``); corpus-wide ids (entity ids) are filled in by the
single-writer linking stage.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from newsweave.text.normalize import Normalized

_Record = TypeVar("_Record", bound=type)


def _pickled_by_fields(cls: _Record) -> _Record:
    """Pickle a frozen slotted record as its class and field values, rebuilt by its constructor.

    Extracted articles travel between processes (a parallel engine's workers and the writer).
    The state methods ``dataclass`` gives slotted classes look up the fields of every object
    again: the records of one article cost 0.26 ms to pickle and 0.28 ms to unpickle that way,
    0.11 and 0.15 ms this way (the same records, 4% fewer bytes).
    """
    record_fields = fields(cls)
    names = tuple(f.name for f in record_fields)
    if any(not f.init for f in record_fields):
        raise TypeError(f"{cls.__name__}: every field must be a constructor argument to pickle by fields")
    values = operator.attrgetter(*names) if len(names) > 1 else (lambda record: (getattr(record, names[0]),))

    def __reduce__(self):  # noqa: N807  (the pickle protocol's name)
        return (cls, values(self))

    cls.__reduce__ = __reduce__
    return cls


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class RawArticle:
    """What an input yields before any text processing: extracted main text plus metadata."""

    source: str
    """Where it came from: a path, ``path:line`` for JSONL, ``path#entry`` for feeds, ``<stdin>``."""
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    author: str | None = None
    lang_hint: str | None = None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class IngestProblem:
    """An input that could not be read; the batch goes on without it."""

    source: str
    code: str
    """Stable short code, e.g. ``empty``, ``binary``, ``too-large``, ``bad-json``."""
    message: str

    def __str__(self) -> str:
        return f"{self.source}: [{self.code}] {self.message}"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    lang: str
    lang_confidence: float


class EntityType(StrEnum):
    PERSON = "PER"
    ORG = "ORG"
    PLACE = "LOC"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text that refers to a person, organisation or place."""

    start: int
    end: int
    text: str
    """The name as written, without clitics (``هناتوف`` for ``وهناتوف``)."""
    type: EntityType
    key: str
    """Script-folded match key of ``text`` (see :func:`newsweave.link.keys.name_key`)."""
    score: float = 1.0
    source: str = ""
    """Why it was found: ``gazetteer``, ``cue``, ``rare``, ``caps``, ``coref`` …"""
    head: int | None = None
    """Index in ``Article.mentions`` of the fuller name this one abbreviates (surname → full name)."""
    canonical: str | None = None
    """The English name when a gazetteer or known-name list recognised it (``Ukraine``)."""
    role: str | None = None
    """A role or title seen next to it (``ambassador``, ``president``), as an English key."""
    entity: str | None = None
    """Corpus-wide entity id, filled in by the linker."""


class TimeKind(StrEnum):
    DATE = "date"
    INTERVAL = "interval"
    DURATION = "duration"
    VAGUE = "vague"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class TimeExpr:
    start: int
    end: int
    text: str
    kind: TimeKind
    value: str | None
    """ISO date (``2025-12-06``), interval (``2025-12-08/2025-12-14``), ISO 8601 duration
    (``P2D``, ``PT5H``), or None when it cannot be resolved (no publication date)."""
    anchor: str | None = None
    """The date the value was resolved against (ISO), or None."""
    calendar: str = "gregorian"
    """``gregorian``, ``jalali`` or ``hijri``: the calendar the text was written in."""
    tense: str | None = None
    """``past``, ``future`` or None: which way a weekday or relative day was resolved."""
    confidence: float = 1.0
    """Below 1 when the text is inconsistent or the resolution is a guess (weekday ≠ yesterday)."""
    note: str | None = None
    """Why the confidence is lower, in English (``weekday does not match yesterday``)."""
    partial: str | None = None
    """What an unresolved date states of itself: month and day as ISO 8601 truncated
    ``--MM-DD`` in ``calendar`` ("3 August" with neither a year nor a publication date →
    ``--08-03``). Only set when ``value`` is None, so no consumer takes it for a full date."""
    weekday: int | None = None
    """The weekday an unresolved date names (ISO: 1 = Monday … 7 = Sunday); only set when
    ``value`` is None. "on Tuesday" in an undated article still says which day it was not."""


class ViaKind(StrEnum):
    MEDIUM = "medium"  # a post on X, a phone call, a statement, an interview
    OUTLET = "outlet"  # an intermediary outlet or agency: Reuters, Axios


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Via:
    kind: ViaKind
    text: str
    mention: int | None = None
    """Index in ``Article.mentions`` when the medium or outlet is a named entity."""


class SpeakerKind(StrEnum):
    ENTITY = "entity"
    ROLE = "role"
    ANONYMOUS = "anonymous"
    GROUP = "group"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said what, and through whom it reached this article."""

    start: int
    end: int
    """The whole attributed statement (speaker cue and content)."""
    quote_start: int
    quote_end: int
    """The content said, inside ``start..end``."""
    speaker_text: str
    speaker_kind: SpeakerKind
    speaker: int | None = None
    """Index in ``Article.mentions`` of the speaker when it is a named entity."""
    speaker_role: str | None = None
    """English key of a role (``official``, ``ambassador``) or the anonymous source's label."""
    source_count: int | None = None
    """For anonymous sources: how many ("two informed sources" → 2)."""
    via: tuple[Via, ...] = ()
    direct: bool = False


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str
    """Normalised unit: ``day``, ``hour``, ``person``, ``usd``, ``percent``, ``count`` …"""
    text: str
    start: int
    end: int
    measure: str | None = None
    """What is counted when the unit is ``person``: ``killed``, ``injured``, ``arrested`` …"""


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Fact:
    """One event stated in one sentence: the unit sources are compared on."""

    start: int
    end: int
    """The sentence the fact is stated in."""
    event: str
    """English event key from the language's event vocabulary: ``call``, ``talks``, ``meeting`` …"""
    trigger: str = ""
    participants: tuple[int, ...] = ()
    """Indices into ``Article.mentions``."""
    place: int | None = None
    """Index into ``Article.mentions``."""
    time: int | None = None
    """Index into ``Article.times`` (a date or interval)."""
    duration: int | None = None
    """Index into ``Article.times`` (a duration)."""
    quantities: tuple[Quantity, ...] = ()
    attribution: int | None = None
    """Index into ``Article.attributions`` of the statement that carries this fact."""
    modality: str = "asserted"
    """``asserted``, ``expected`` (future, planned) or ``reported``."""


@dataclass(frozen=True)
class Article:
    """An article after the text stages; extract stages fill the annotation tuples."""

    id: str
    source: str
    text: str
    lang: str
    lang_confidence: float
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    author: str | None = None
    boilerplate: tuple[str, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    facts: tuple[Fact, ...] = ()
    loose_quantities: tuple[Quantity, ...] | None = None
    """Numbers with units that no fact carries (their sentence had no event word), found while
    the text's normalised view is at hand; None for articles stored before they were kept."""

    @cached_property
    def normalized(self) -> Normalized:
        """The language's normalised view of ``text`` with a map back to its offsets."""
        from newsweave.text.normalize import normalize

        return normalize(self.text, self.lang)

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


@dataclass(frozen=True)
class Entity:
    """One real-world person, organisation or place, across languages and articles."""

    id: str
    type: EntityType
    label: str
    """English label: the known English name, or a readable romanisation."""
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Surface names by language code."""
    articles: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class FactRef:
    """A fact by address: the article and its index in ``Article.facts``."""

    article: str
    fact: int


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event of a story or storyline, with every report of it."""

    date: str
    """ISO date or interval the event happened (or is expected) on."""
    event: str
    """English event key (``call``, ``talks``, ``meeting`` …)."""
    label: str
    """English one-line description built from the event and its entities' labels."""
    facts: tuple[FactRef, ...] = ()
    articles: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    story: str | None = None
    modality: str = "asserted"


@dataclass(frozen=True)
class ReportedValue:
    """One value a source gives for a slot, with its provenance."""

    value: str
    """Comparable form: ISO duration/date, entity id, number with unit."""
    display: str
    """English rendering for a reader who knows no Persian or Arabic (``2 days``, ``Kyiv``)."""
    article: str
    outlet: str | None
    lang: str
    text: str
    """The sentence in its original language."""
    start: int = 0
    end: int = 0
    via: tuple[str, ...] = ()
    """English labels of the attribution chain, speaker outward (``Reuters``)."""
    value_start: int | None = None
    value_end: int | None = None
    """Where the value itself is written (inside ``start..end``), to highlight it."""


@dataclass(frozen=True)
class Comparison:
    """How the sources of one story report one slot of one event."""

    slot: str
    """``duration``, ``date``, ``place``, ``participants``, ``count`` …"""
    event: str
    status: str
    """``agree``, ``differ`` or ``only_in_one``."""
    values: tuple[ReportedValue, ...] = ()
    note: str | None = None
    """Why a difference may not be a conflict, or what was normalised."""


@dataclass(frozen=True)
class Story:
    """One real-world event, with every article that reports it, in any language."""

    id: str
    title: str
    label: str
    """English label built from the event and the top entities' labels."""
    articles: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    storyline: str | None = None
    event: str | None = None
    entities: tuple[str, ...] = ()
    """Entity ids, most central first."""
    timeline: tuple[TimelineEvent, ...] = ()
    comparison: tuple[Comparison, ...] = ()


@dataclass(frozen=True)
class Storyline:
    """Stories that continue one another: the same core actors and topic over days or weeks."""

    id: str
    title: str
    label: str
    stories: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    timeline: tuple[TimelineEvent, ...] = ()

"""Hand-annotated articles for the comparison tests: every span is found by its text, so a
test reads like the sentence it is about. The sentences are written for these tests."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from newsweave.model import (
    Article,
    Attribution,
    Entity,
    EntityType,
    Fact,
    Mention,
    Quantity,
    Sentence,
    SpeakerKind,
    TimeExpr,
    TimeKind,
    Via,
    ViaKind,
)

_SENTENCE = re.compile(r"[^.!?؟\n]+[.!?؟]?")

ENTITIES = {
    e.id: e
    for e in (
        Entity("loc-miami", EntityType.PLACE, "Miami"),
        Entity("loc-florida", EntityType.PLACE, "Florida"),
        Entity("loc-kyiv", EntityType.PLACE, "Kyiv"),
        Entity("loc-london", EntityType.PLACE, "London"),
        Entity("loc-geneva", EntityType.PLACE, "Geneva"),
        Entity("loc-vienna", EntityType.PLACE, "Vienna"),
        Entity("loc-gaza", EntityType.PLACE, "Gaza"),
        Entity("loc-rafah", EntityType.PLACE, "Rafah"),
        Entity("per-witkoff", EntityType.PERSON, "Steve Witkoff"),
        Entity("per-umerov", EntityType.PERSON, "Rustem Umerov"),
        Entity("per-zelensky", EntityType.PERSON, "Volodymyr Zelensky"),
        Entity("per-araghchi", EntityType.PERSON, "Abbas Araghchi"),
        Entity("org-reuters", EntityType.ORG, "Reuters"),
        Entity("org-axios", EntityType.ORG, "Axios"),
    )
}


class ArticleBuilder:
    """Builds one annotated article: ``mention``/``time`` return indices that facts refer to."""

    def __init__(self, text: str, lang: str, published: str, outlet: str | None = None) -> None:
        self.text = text
        self.lang = lang
        self.published = dt.date.fromisoformat(published)
        self.outlet = outlet
        self.mentions: list[Mention] = []
        self.times: list[TimeExpr] = []
        self.facts: list[Fact] = []
        self.attributions: list[Attribution] = []

    def _span(self, piece: str, after: int = 0) -> tuple[int, int]:
        start = self.text.index(piece, after)
        return start, start + len(piece)

    def mention(self, piece: str, entity: str, *, after: int = 0) -> int:
        start, end = self._span(piece, after)
        etype = ENTITIES[entity].type if entity in ENTITIES else EntityType.PERSON
        self.mentions.append(Mention(start, end, piece, etype, piece, entity=entity))
        return len(self.mentions) - 1

    def time(self, piece: str, value: str, kind: TimeKind = TimeKind.DATE) -> int:
        start, end = self._span(piece)
        self.times.append(TimeExpr(start, end, piece, kind, value))
        return len(self.times) - 1

    def duration(self, piece: str, value: str) -> int:
        return self.time(piece, value, TimeKind.DURATION)

    def sentence_of(self, piece: str) -> tuple[int, int]:
        offset = self.text.index(piece)
        for match in _SENTENCE.finditer(self.text):
            if match.start() <= offset < match.end():
                return match.start(), match.end()
        raise ValueError(piece)

    def fact(self, piece: str, event: str, *, participants: tuple[int, ...] = (), place: int | None = None,
             time: int | None = None, duration: int | None = None, quantities: tuple[Quantity, ...] = (),
             modality: str = "asserted", attribution: int | None = None) -> int:
        start, end = self.sentence_of(piece)
        self.facts.append(Fact(start, end, event, piece, participants, place, time, duration, quantities,
                               attribution, modality))
        return len(self.facts) - 1

    def quantity(self, piece: str, value: float, unit: str, measure: str | None = None) -> Quantity:
        start, end = self._span(piece)
        return Quantity(value, unit, piece, start, end, measure)

    def attribution(self, statement: str, quote: str, *, speaker: int | None = None,
                    kind: SpeakerKind = SpeakerKind.ENTITY, speaker_text: str = "", via: tuple[Via, ...] = (),
                    role: str | None = None, direct: bool = False) -> int:
        start, end = self._span(statement)
        q_start = self.text.index(quote, start)
        self.attributions.append(Attribution(start, end, q_start, q_start + len(quote), speaker_text or statement[:10],
                                             kind, speaker, role, None, via, direct))
        return len(self.attributions) - 1

    def build(self) -> Article:
        digest = hashlib.sha256(f"{self.lang}\n{self.text}".encode()).hexdigest()[:20]
        sentences = tuple(Sentence(m.start(), m.end(), self.lang, 0.99) for m in _SENTENCE.finditer(self.text))
        return Article(
            id=digest, source=f"test/{digest[:6]}", text=self.text, lang=self.lang, lang_confidence=0.99,
            outlet=self.outlet, published=self.published, sentences=sentences, mentions=tuple(self.mentions),
            times=tuple(self.times), attributions=tuple(self.attributions), facts=tuple(self.facts),
        )


def outlet_via(text: str) -> Via:
    return Via(ViaKind.OUTLET, text)


def medium_via(text: str) -> Via:
    return Via(ViaKind.MEDIUM, text)


def by_status(comparisons, status: str, slot: str | None = None) -> list:
    return [c for c in comparisons if c.status == status and (slot is None or c.slot == slot)]

"""Articles written for the store and report tests (not taken from any published article)."""

from __future__ import annotations

import datetime as dt
import hashlib

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


def make_article(text: str, lang: str, *, published: dt.date | None = None, **fields) -> Article:
    digest = hashlib.sha256(f"{lang}\n{fields.get('title')}\n{text}".encode()).hexdigest()[:24]
    base = {"id": digest, "source": f"test/{digest[:6]}.txt", "text": text, "lang": lang, "lang_confidence": 0.97}
    return Article(**{**base, "published": published, **fields})


FA_TEXT = "وزیر خارجه ایران روز یکشنبه در تهران گفت که گفت‌وگوها با هیئت عمانی ادامه دارد.\nاو افزود دور بعد هفته آینده برگزار می‌شود."
AR_TEXT = "قال وزير الخارجية العُماني يوم الأحد في مسقط إن المحادثات ستستمر ثلاثة أيام.\nوأضاف أن الجولة المقبلة ستعقد الأسبوع القادم."
EN_TEXT = "The foreign minister said on Sunday in Muscat that the talks would continue for three days.\nA further round is planned for next week."


def fa_article() -> Article:
    mentions = (
        Mention(*span(FA_TEXT, "ایران"), "ایران", EntityType.PLACE, "ایران", entity="loc-iran", canonical="Iran"),
        Mention(*span(FA_TEXT, "تهران"), "تهران", EntityType.PLACE, "تهران", entity="loc-tehran"),
    )
    return make_article(
        FA_TEXT,
        "fa",
        published=dt.date(2025, 12, 7),
        title="ادامهٔ گفت‌وگوها در تهران",
        outlet="example-fa",
        sentences=(Sentence(0, FA_TEXT.index("\n"), "fa", 0.99), Sentence(FA_TEXT.index("\n") + 1, len(FA_TEXT), "fa", 0.98)),
        mentions=mentions,
        times=(TimeExpr(*span(FA_TEXT, "روز یکشنبه"), "روز یکشنبه", TimeKind.DATE, "2025-12-07", "2025-12-07", "gregorian", "past"),),
    )


def ar_article() -> Article:
    return make_article(
        AR_TEXT, "ar", published=dt.date(2025, 12, 8), title="استمرار المحادثات في مسقط", outlet="example-ar"
    )


def en_article() -> Article:
    return make_article(EN_TEXT, "en", published=dt.date(2025, 12, 6), title="Talks to continue in Muscat", outlet="example-en")


def span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def rich(text: str = EN_TEXT) -> Article:
    """Every annotation kind, with cross references by index, offsets computed from the text."""
    first_end = text.index("\n")
    mentions = (
        Mention(*span(text, "Muscat"), "Muscat", EntityType.PLACE, "muscat", entity="loc-muscat", canonical="Muscat"),
        Mention(*span(text, "foreign minister"), "foreign minister", EntityType.PERSON, "foreign minister",
                score=0.5, source="cue", role="minister"),
    )
    times = (
        TimeExpr(*span(text, "Sunday"), "Sunday", TimeKind.DATE, "2025-12-07", "2025-12-09", tense="past"),
        TimeExpr(*span(text, "for three days"), "for three days", TimeKind.DURATION, "P3D"),
    )
    quote = span(text, "the talks would continue for three days")
    attribution = Attribution(0, first_end, *quote, "The foreign minister", SpeakerKind.ENTITY, speaker=1,
                              speaker_role="minister",
                              via=(Via(ViaKind.OUTLET, "Reuters"), Via(ViaKind.MEDIUM, "statement", mention=0)))
    fact = Fact(0, first_end, "talks", trigger="talks", participants=(1,), place=0, time=0, duration=1,
                quantities=(Quantity(3.0, "day", "three days", *span(text, "three days")),), attribution=0,
                modality="reported")
    return make_article(
        text, "en", published=dt.date(2025, 12, 9), title="Talks", outlet="wire", url="https://example.org/a",
        author="A. Writer", boilerplate=("Share this story",),
        sentences=(Sentence(0, first_end, "en", 0.99), Sentence(first_end + 1, len(text), "en", 0.95)),
        mentions=mentions, times=times, attributions=(attribution,), facts=(fact,),
    )


def entity_muscat() -> Entity:
    return Entity("loc-muscat", EntityType.PLACE, "Muscat", {"ar": ("مسقط",), "fa": ("مسقط",), "en": ("Muscat",)}, ("a1",))

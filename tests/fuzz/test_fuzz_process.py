"""The per-article pipeline on arbitrary text: never raises, every offset inside the text.

``process`` is what an engine worker runs on every article; one article that crashes it would
stop a whole Ray chunk, so it must take anything a reader can produce.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from newsweave.model import Article, RawArticle
from newsweave.pipeline import process
from newsweave.settings import Settings

from tests.fuzz.budget import finishes_within, fuzz

SETTINGS = Settings()
FRAGMENTS = st.sampled_from([
    "وزیر امور خارجه", "روز سه‌شنبه", "دیروز", "در تهران", "گفت: «", "»", "به گزارش رویترز", "۱۶ آذر ۱۴۰۴", "دو روز",
    "وزير الخارجية", "يوم أمس", "في بغداد", "وقال ", "بحسب وكالة", "٣ ديسمبر", "ثلاثة أيام", "قُتل ١٢ شخصاً",
    "President ", "said on Monday", "in Geneva", "\"We will", "according to AFP", "for two days", "12 people were killed",
    ". ", "، ", "\n\n", " ", ZWNJ := "\u200c", "\u0640", "ي", "ك",
])
TEXT = st.one_of(
    st.lists(FRAGMENTS, min_size=1, max_size=40).map("".join),
    st.text(max_size=300),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join),
)


def _spans(article: Article) -> list[tuple[str, int, int]]:
    spans = [("sentence", s.start, s.end) for s in article.sentences]
    spans += [("mention", m.start, m.end) for m in article.mentions]
    spans += [("time", t.start, t.end) for t in article.times]
    for a in article.attributions:
        spans += [("attribution", a.start, a.end), ("quote", a.quote_start, a.quote_end)]
    for f in article.facts:
        spans.append(("fact", f.start, f.end))
        spans += [("quantity", q.start, q.end) for q in f.quantities]
    return spans


def _check_indices(article: Article) -> None:
    mentions, times, attributions = len(article.mentions), len(article.times), len(article.attributions)
    for m in article.mentions:
        assert m.head is None or 0 <= m.head < mentions
        assert m.text and m.key is not None
    for a in article.attributions:
        assert a.start <= a.quote_start <= a.quote_end <= a.end
        assert a.speaker is None or 0 <= a.speaker < mentions
        assert all(v.mention is None or 0 <= v.mention < mentions for v in a.via)
    for f in article.facts:
        assert all(0 <= p < mentions for p in f.participants)
        assert f.place is None or 0 <= f.place < mentions
        assert f.time is None or 0 <= f.time < times
        assert f.duration is None or 0 <= f.duration < times
        assert f.attribution is None or 0 <= f.attribution < attributions


@fuzz(250)
@given(TEXT, st.sampled_from([None, "fa", "ar", "en", "de"]), st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))))
def test_process_takes_any_text(text: str, lang_hint: str | None, published: dt.date | None) -> None:
    raw = RawArticle("fuzz", text, title=text[:30] or None, published=published, lang_hint=lang_hint)
    with finishes_within(20, f"process() on {len(text)} characters"):
        article = process(raw, SETTINGS)
    for kind, start, end in _spans(article):
        assert 0 <= start <= end <= len(article.text), f"{kind} span {start}-{end} outside {len(article.text)} characters"
    for m in article.mentions:
        assert m.start < m.end
    starts = [s.start for s in article.sentences]
    assert starts == sorted(starts)
    _check_indices(article)

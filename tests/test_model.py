"""The data model travels between processes (a parallel engine's workers and the writer)."""

from __future__ import annotations

import pickle

from newsweave.model import Fact, Mention, RawArticle
from newsweave.pipeline import process
from newsweave.settings import Settings


def test_an_extracted_article_survives_pickling_whole() -> None:
    raw = RawArticle(
        source="pickle.txt", lang_hint="fa",
        text="وزیر خارجه ایران روز دوشنبه در مسقط با همتای عمانی خود دیدار کرد و دو طرف سه ساعت گفت‌وگو کردند.\n\n"
             "به گفته یک مقام آگاه، ۱۲ توافق‌نامه امضا شد.",
    )
    article = process(raw, Settings())
    assert article.mentions and article.times and article.facts
    again = pickle.loads(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == article
    assert type(again.mentions[0]) is Mention and type(again.facts[0]) is Fact

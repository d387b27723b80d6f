"""Any bytes at all, under any extension, give an article or a problem: never an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from newsweave.ingest import read_inputs
from newsweave.model import IngestProblem, RawArticle
from newsweave.settings import Settings

SETTINGS = Settings(max_input_bytes=64 * 1024)
SUFFIXES = st.sampled_from(["", ".txt", ".html", ".xml", ".rss", ".jsonl", ".json", ".dat"])
PREFIXES = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"<html><body><p>", b"<rss><channel><item>", b'{"text": "', b"\x00"])
CONTENT = st.one_of(
    st.binary(max_size=2048),
    st.text(max_size=600).map(lambda text: text.encode("utf-8")),
    st.text(alphabet="ابپتثجحخدذرزسشصضطظعغفقکگلمنوهیيك \n.؟<>/{}\":,", max_size=400).map(lambda t: t.encode("utf-8")),
)


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=PREFIXES, content=CONTENT, suffix=SUFFIXES)
def test_any_bytes_give_articles_or_problems(prefix: bytes, content: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(prefix + content)
        items = list(read_inputs([path], settings=SETTINGS))
    assert items, "every input yields at least one item"
    for item in items:
        assert isinstance(item, (RawArticle, IngestProblem))
        if isinstance(item, IngestProblem):
            assert item.code and item.message and "\n" not in item.message
        else:
            assert len(item.text.strip()) >= SETTINGS.min_article_chars

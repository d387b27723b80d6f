"""Quote alignment tries only the pairs of one speaker's statements that can score enough."""

from __future__ import annotations

from collections import defaultdict

import pytest

from newsweave.compare import story_order
from newsweave.compare.quotes import _ALIGN, statement_candidates, _speakers, statement_evidence, statements_of

from tests.compare.kit import ENTITIES, ArticleBuilder


def _by_speaker(statements) -> list[list[int]]:
    groups: dict[str | None, list[int]] = defaultdict(list)
    for k, statement in enumerate(statements):
        groups[statement.speaker].append(k)
    return list(groups.values())


def _aligning_pairs(indices, statements, speakers) -> set[tuple[int, int]]:
    return {
        (i, j)
        for n, i in enumerate(indices)
        for j in indices[n + 1 :]
        if statements[i].article.id != statements[j].article.id
        and (score := statement_evidence(statements[i], statements[j], speakers)) is not None
        and score >= _ALIGN
    }


@pytest.mark.parametrize("corpus", ["prepared_seeds", "prepared_examples"])
def test_every_pair_that_scores_enough_is_tried(corpus, request):
    articles, entities = request.getfixturevalue(corpus)
    articles = story_order(list(articles.values()) if isinstance(articles, dict) else articles)
    statements = [s for a in articles for s in statements_of(a, entities)]
    speakers = _speakers(statements)
    aligned = 0
    for indices in _by_speaker(statements):
        tried = statement_candidates(indices, statements, speakers)
        assert tried == sorted(set(tried))
        aligning = _aligning_pairs(indices, statements, speakers)
        assert aligning <= set(tried)
        aligned += len(aligning)
    assert aligned > 0


EN_TEXT = "Araghchi said the Geneva round was useful. Araghchi added that nobody had set a date yet."
FA_TEXT = "عراقچی گفت دور ژنو سودمند بود. عراقچی افزود که هنوز زمانی تعیین نشده است."


def _twice_quoted() -> list:
    """One minister quoted twice in each of two articles; only the Geneva remark is shared."""
    en = ArticleBuilder(EN_TEXT, "en", "2026-03-01")
    first = en.mention("Araghchi", "per-araghchi")
    second = en.mention("Araghchi", "per-araghchi", after=10)
    en.mention("Geneva", "loc-geneva")
    en.attribution("Araghchi said the Geneva round was useful", "the Geneva round was useful", speaker=first)
    en.attribution("Araghchi added that nobody had set a date yet", "nobody had set a date yet", speaker=second)
    fa = ArticleBuilder(FA_TEXT, "fa", "2026-03-02")
    first = fa.mention("عراقچی", "per-araghchi")
    second = fa.mention("عراقچی", "per-araghchi", after=5)
    fa.mention("ژنو", "loc-geneva")
    fa.attribution("عراقچی گفت دور ژنو سودمند بود", "دور ژنو سودمند بود", speaker=first)
    fa.attribution("عراقچی افزود که هنوز زمانی تعیین نشده است", "هنوز زمانی تعیین نشده است", speaker=second)
    return [en.build(), fa.build()]


def test_a_much_quoted_speaker_is_paired_only_on_shared_content():
    statements = [s for a in _twice_quoted() for s in statements_of(a, ENTITIES)]
    assert [s.speaker for s in statements] == ["per-araghchi"] * 4
    speakers = _speakers(statements)
    assert statement_candidates([0, 1, 2, 3], statements, speakers) == [(0, 2)]  # both name Geneva
    assert _aligning_pairs([0, 1, 2, 3], statements, speakers) == {(0, 2)}

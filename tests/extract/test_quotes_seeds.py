"""Seed acceptance: attributions in seeds.gold.json come out with the right speaker and chain.

Gold attributions are matched to extracted ones in text order (an order-preserving alignment),
by speaker (a mention resolved to its gold name through the gold surface forms) and chain.
"""

from __future__ import annotations

import pytest

from newsweave.extract.quotes import find_attributions
from newsweave.link.keys import name_key
from newsweave.model import Article, Attribution, SpeakerKind
from quotes_facts_kit import article, body, gold_mentions, surface_forms

from tests.paths import SEED_AR, SEED_FA

SEEDS = {"fa": SEED_FA, "ar": SEED_AR}


def gold_name(art: Article, index: int | None, forms: dict[str, str]) -> str | None:
    if index is None:
        return None
    mention = art.mentions[index]
    if mention.head is not None:
        mention = art.mentions[mention.head]
    by_key = {name_key(f): n for f, n in forms.items()}
    return forms.get(mention.text) or by_key.get(mention.key) or mention.canonical


def speaker_matches(gold: str, att: Attribution, art: Article, forms: dict[str, str]) -> bool:
    label = gold.lower()
    if att.speaker_kind == SpeakerKind.ENTITY:
        return gold_name(art, att.speaker, forms) == gold
    if att.speaker_kind == SpeakerKind.ANONYMOUS:
        if "source" not in label:
            return False
        if label.startswith("two"):
            return att.source_count == 2
        another = "another" in (att.speaker_role or "")
        return another == label.startswith("another") and att.source_count in (1, None)
    if att.speaker_kind == SpeakerKind.ROLE:
        return att.speaker_role is not None and att.speaker_role in label
    return att.speaker_kind == SpeakerKind.GROUP and "both" in label


def chain_matches(gold: dict, att: Attribution, art: Article, forms: dict[str, str]) -> bool:
    return [gold_name(art, v.mention, forms) for v in att.via] == gold.get("via", [])


def score(art: Article, attributions: tuple[Attribution, ...], gold: list[dict], forms: dict[str, str]) -> float:
    """Share of gold attributions aligned (in order) to an extracted one with speaker and chain right."""
    ok = [[speaker_matches(g["speaker"], a, art, forms) and chain_matches(g, a, art, forms) for a in attributions]
          for g in gold]
    n, m = len(gold), len(attributions)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + ok[i][j])
    return best[0][0] / len(gold)


def seed_article(code: str, seed_texts, seeds_gold) -> tuple[Article, dict, dict[str, str]]:
    doc = seeds_gold["documents"][SEEDS[code]]
    text = body(seed_texts[code])
    return article(text, code, gold_mentions(text, doc["entities"])), doc, surface_forms(doc["entities"])


@pytest.mark.parametrize("code", ["fa", "ar"])
def test_seed_attributions_with_placed_mentions(code, seed_texts, seeds_gold):
    art, doc, forms = seed_article(code, seed_texts, seeds_gold)
    atts = find_attributions(art)
    result = score(art, atts, doc["attributions"], forms)
    print(f"\n{code} attribution score (placed mentions): {result:.2f} of {len(doc['attributions'])}")
    for a in atts:
        print(" ", a.speaker_kind, a.speaker_text, a.speaker_role, a.source_count,
              [(v.kind.value, v.text) for v in a.via], art.text[a.quote_start:a.quote_start + 40])
    assert result >= 0.8


def test_seed_chains_named_in_the_brief(seed_texts, seeds_gold):
    fa, fa_doc, fa_forms = seed_article("fa", seed_texts, seeds_gold)
    ar, ar_doc, ar_forms = seed_article("ar", seed_texts, seeds_gold)
    fa_atts, ar_atts = find_attributions(fa), find_attributions(ar)

    def chains(art, atts, forms):
        return {(gold_name(art, a.speaker, forms), tuple(gold_name(art, v.mention, forms) for v in a.via))
                for a in atts if a.speaker is not None}

    assert ("Volodymyr Zelensky", ("X (social network)", "Reuters")) in chains(fa, fa_atts, fa_forms)
    assert ("Olha Stefanishyna", ("Axios",)) in chains(fa, fa_atts, fa_forms)
    assert ("Olha Stefanishyna", ("Axios",)) in chains(ar, ar_atts, ar_forms)
    assert ("Volodymyr Zelensky", ("X (social network)",)) in chains(ar, ar_atts, ar_forms)
    two = [a for a in ar_atts if a.speaker_kind == SpeakerKind.ANONYMOUS and a.source_count == 2]
    assert two and [v.text for v in two[0].via] == ["Axios"]
    assert any(a.via and a.via[0].text == "post on X (social network)" for a in fa_atts)

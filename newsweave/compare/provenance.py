"""Provenance in English: who said a value, through whom, in which outlet and language.

"2 days — according to Reuters, in a Persian outlet": the chain runs from the speaker outward
(speaker, then the media and outlets that carried the statement), with entity labels in
English; the sentence itself stays in its original language.
"""

from __future__ import annotations

from typing import Mapping

from newsweave.lang import info
from newsweave.model import Article, Attribution, Entity, SpeakerKind

_LATIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def language_name(code: str) -> str:
    return info(code).name


def _entity_label(article: Article, index: int | None, entities: Mapping[str, Entity]) -> str | None:
    if index is None or not 0 <= index < len(article.mentions):
        return None
    mention = article.mentions[index]
    entity = entities.get(mention.entity) if mention.entity else None
    return entity.label if entity else mention.canonical


def _readable(text: str) -> bool:
    """Whether a reader of English can read it (mostly Latin letters)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c in _LATIN for c in letters) * 2 >= len(letters)


def _group_label(article: Article, attribution: Attribution, entities: Mapping[str, Entity]) -> str:
    """The named members of a group speaker ("Saudi Arabia and the United States")."""
    labels: list[str] = []
    for index, mention in enumerate(article.mentions):
        if attribution.start <= mention.start and mention.end <= attribution.quote_start or (
            attribution.quote_end <= mention.start and mention.end <= attribution.end
        ):
            if mention.text and mention.text in attribution.speaker_text:
                label = _entity_label(article, index, entities)
                if label and label not in labels:
                    labels.append(label)
    if labels:
        return " and ".join(labels)
    return attribution.speaker_text if _readable(attribution.speaker_text) else "a group of speakers"


def _with_article(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def speaker_label(article: Article, attribution: Attribution, entities: Mapping[str, Entity]) -> str:
    """The speaker in English: an entity label, a role, or how many unnamed sources."""
    label = _entity_label(article, attribution.speaker, entities)
    if label:
        return label
    role = attribution.speaker_role if attribution.speaker_role and _readable(attribution.speaker_role) else None
    if attribution.speaker_kind == SpeakerKind.ANONYMOUS:
        count = attribution.source_count
        noun = "source" if not role or "source" in role else role
        if count and count > 1:
            return f"{count} unnamed {noun}s"
        if role and role.startswith("another"):
            return f"another unnamed {noun}"
        return _with_article(f"unnamed {noun}")
    if attribution.speaker_kind == SpeakerKind.GROUP:
        return _group_label(article, attribution, entities)
    if role:
        return _with_article(role)
    return attribution.speaker_text if _readable(attribution.speaker_text) else "a speaker"


def via_chain(article: Article, index: int | None, entities: Mapping[str, Entity]) -> tuple[str, ...]:
    """English labels of the attribution chain of statement ``index``, speaker outward."""
    if index is None or not 0 <= index < len(article.attributions):
        return ()
    attribution = article.attributions[index]
    chain = [speaker_label(article, attribution, entities)]
    for via in attribution.via:
        label = _entity_label(article, via.mention, entities) or via.text
        if label and label not in chain and (_readable(label) or via.mention is None):
            chain.append(label)
    return tuple(chain)


def source_phrase(lang: str, outlet: str | None, via: tuple[str, ...], *, channel: bool = False) -> str:
    """``Persian outlet, according to Reuters`` / ``Arabic outlet Al-Wasat Post``: the English caption.

    ``channel``: the chain holds only what carried a statement (``via X, Reuters``), no speaker.
    """
    outlet_part = f"{language_name(lang)} outlet"
    if outlet and _readable(outlet):
        outlet_part += f" {outlet}"
    if not via:
        return outlet_part
    if channel:
        return f"{outlet_part}, via {', '.join(via)}"
    return f"{outlet_part}, according to {' via '.join(via)}"

"""The entity registry: one identity per real-world person, organisation or place.

Every name is reduced to loose name keys in one key space (Arabic-script consonant skeletons,
see :mod:`newsweave.link.keys`; Latin names are brought there by
:mod:`newsweave.link.translit`), so زلنسکی, زيلينسكي and "Zelensky" meet by a dict lookup.
A mention is linked, in order of trust, by: its gazetteer English name (``canonical``); the
fuller name it abbreviates in the same article (``head``); an exact loose key; for a person, the
surname shared with a known full name when the given names agree or only one candidate exists;
a fuzzy match inside a small block of keys (same type, first letter, similar length). Context
(same role, same co-occurring entities) breaks ties between candidates.

Ids are derived from content, not from arrival order: ``<type>-<slug of canonical>`` when the
English name is known, else ``<type>-<hash of the surname key>`` for people and ``<type>-<hash of
the name key>`` otherwise, so the same inputs in any order give the same ids. Only a clash (two
different people with one surname; fuzzy-only variants) makes an id depend on which came first.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import Iterable

from anyascii import anyascii
from rapidfuzz import fuzz, process

from newsweave import lang as lang_data
from newsweave.link.keys import arabic_joined_variant, arabic_loose_tokens, is_arabic_script
from newsweave.link.known import known_person
from newsweave.link.translit import latin_loose_tokens, latin_variant_tokens, romanize
from newsweave.model import Article, Entity, EntityType, Mention
from newsweave.settings import Settings

_SHORT_KEY = 3
"""Keys this short (in letters) link only on exact matches: too many names share them."""
_MAX_NAMES_PER_LANG = 32
_MAX_NEIGHBOURS = 64
_MAX_SCAN = 24
"""More candidates than this (a very common surname) are not compared one by one: ambiguous."""
_SLUG_NOISE = re.compile(r"[^a-z0-9]+")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True, slots=True)
class _NameKeys:
    """A name in the shared key space: its usual token keys and the variants to look up."""

    tokens: tuple[str, ...]
    variants: tuple[tuple[str, ...], ...]
    latin: bool

    @property
    def full(self) -> str:
        return " ".join(self.tokens)


@lru_cache(maxsize=200_000)
def _name_keys(text: str) -> _NameKeys:
    if is_arabic_script(text):
        tokens = arabic_loose_tokens(text)
        joined = arabic_joined_variant(text)
        variants = tuple(v for v in (tokens, joined) if v)
        return _NameKeys(tokens, tuple(dict.fromkeys(variants)), False)
    tokens = latin_loose_tokens(text)
    variants = latin_variant_tokens(text)
    return _NameKeys(tokens, variants, True)


def _letters(key: str) -> int:
    return len(key) - key.count(" ")


_MENTION_FIELDS = tuple(f.name for f in fields(Mention))


def _with_entity(mention: Mention, entity_id: str | None) -> Mention:
    """``replace(mention, entity=…)`` without its per-call introspection (hot path)."""
    new = object.__new__(Mention)
    for name in _MENTION_FIELDS:
        object.__setattr__(new, name, getattr(mention, name))
    object.__setattr__(new, "entity", entity_id)
    return new


def _deletions(key: str) -> set[str]:
    """The key and every string one letter shorter: two keys one edit apart share one of these."""
    return {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}


def _slug(text: str) -> str:
    return _SLUG_NOISE.sub("-", anyascii(text).lower()).strip("-")


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=5).hexdigest()


def _prefix(type_: EntityType) -> str:
    return type_.value.lower()


@dataclass
class _Node:
    """Mutable working state of one entity; frozen ``Entity`` records are built on demand."""

    id: str
    type: EntityType
    canonical: str | None = None
    label: str = ""
    names: dict[str, list[str]] = field(default_factory=dict)
    articles: list[str] = field(default_factory=list)
    article_set: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    given: set[str] = field(default_factory=set)
    """Loose keys of given names seen in full names (people only)."""
    surnames: set[str] = field(default_factory=set)
    neighbours: Counter = field(default_factory=Counter)

    def add_name(self, lang: str, text: str) -> bool:
        bucket = self.names.setdefault(lang, [])
        if text in bucket or len(bucket) >= _MAX_NAMES_PER_LANG:
            return False
        bucket.append(text)
        return True

    def add_article(self, article_id: str) -> bool:
        if article_id in self.article_set:
            return False
        self.article_set.add(article_id)
        self.articles.append(article_id)
        return True

    def add_role(self, role: str | None) -> bool:
        if not role or role in self.roles:
            return False
        self.roles.append(role)
        return True

    def english_label(self) -> str:
        """Canonical name, else the fullest Latin spelling seen, else a romanisation."""
        if self.canonical:
            return self.canonical
        latin = [n for names in self.names.values() for n in names if _LATIN_LETTER.search(n)]
        if latin:
            return max(latin, key=lambda n: (len(n.split()), len(n)))
        if self.label and not is_arabic_script(self.label):
            return self.label  # restored from the store
        best_lang, best = "", ""
        for code in sorted(self.names):
            for name in self.names[code]:
                if (len(name.split()), len(name)) > (len(best.split()), len(best)):
                    best_lang, best = code, name
        return romanize(best, best_lang) if best else self.label

    def to_entity(self) -> Entity:
        return Entity(
            id=self.id,
            type=self.type,
            label=self.english_label(),
            names={code: tuple(names) for code, names in sorted(self.names.items())},
            articles=tuple(self.articles),
            roles=tuple(self.roles),
        )


def _name_lang(text: str, article_lang: str) -> str:
    """The language a surface name is filed under: a Latin name in a Persian article is not fa."""
    article_is_arabic = lang_data.info(article_lang).script == "Arab"
    if is_arabic_script(text) == article_is_arabic:
        return article_lang
    return "en" if _LATIN_LETTER.search(text) else "und"


class EntityRegistry:
    """The single writer's view of all entities; see the module docstring for the rules."""

    def __init__(self, entities: Iterable[Entity] = (), *, settings: Settings) -> None:
        self.fuzzy_min = settings.link_fuzzy_min
        self._known_people = settings.person_lists
        self._nodes: dict[str, _Node] = {}
        self._by_key: dict[tuple[EntityType, str], list[str]] = {}
        self._by_surname: dict[tuple[EntityType, str], list[str]] = {}
        self._by_canonical: dict[tuple[EntityType, str], str] = {}
        self._by_given_surname: dict[tuple[str, str], list[str]] = {}
        self._surname_only_ids: dict[str, list[str]] = {}
        self._deletes: dict[tuple[EntityType, str], list[str]] = {}
        """Every key and its one-letter deletions → keys: fuzzy candidates by lookup, not scan."""
        self._changed: set[str] = set()
        for entity in entities:
            self._restore(entity)

    # ------------------------------------------------------------------ public

    def link(self, article: Article) -> Article:
        """The article with every mention's ``entity`` set; the registry learns from it."""
        mentions = article.mentions
        if not mentions:
            return article
        ids: list[str | None] = [None] * len(mentions)
        context: set[str] = set()
        order = [i for i, m in enumerate(mentions) if m.head is None]
        order += [i for i, m in enumerate(mentions) if m.head is not None]
        for i in order:
            mention = mentions[i]
            entity_id = self._head_entity(mention, mentions, ids)
            if entity_id is None:
                entity_id = self._resolve(self._with_known_name(mention, article.lang), context)
            ids[i] = entity_id
            context.add(entity_id)
            self._attach(self._nodes[entity_id], mention, article)
        self._learn_neighbours(context)
        linked = tuple(
            m if m.entity == entity_id else _with_entity(m, entity_id) for m, entity_id in zip(mentions, ids)
        )
        return replace(article, mentions=linked)

    def entities(self) -> list[Entity]:
        return [self._nodes[i].to_entity() for i in sorted(self._nodes)]

    def changed(self) -> list[Entity]:
        """Entities created or changed since the last call: what the store must save."""
        out = [self._nodes[i].to_entity() for i in sorted(self._changed)]
        self._changed.clear()
        return out

    def __len__(self) -> int:
        return len(self._nodes)

    # ------------------------------------------------------------------ resolving

    def _head_entity(self, mention: Mention, mentions: tuple[Mention, ...], ids: list[str | None]) -> str | None:
        head = mention.head
        if head is None or not 0 <= head < len(mentions) or mentions[head].type != mention.type:
            return None
        return ids[head]

    def _with_known_name(self, mention: Mention, article_lang: str) -> Mention:
        """A person no gazetteer named but the notable-people list knows gets its English name."""
        if not self._known_people or mention.canonical or mention.type is not EntityType.PERSON:
            return mention
        known = known_person(mention.text, _name_lang(mention.text, article_lang))
        return replace(mention, canonical=known.en) if known else mention

    def _resolve(self, mention: Mention, context: set[str]) -> str:
        keys = _name_keys(mention.text)
        if mention.canonical:
            return self._resolve_canonical(mention, keys, context)
        candidates = self._candidates(mention.type, keys)
        if len(candidates) > 1:
            chosen = self._by_context(candidates, mention, context)
            if chosen:
                return chosen
            if mention.type is EntityType.PERSON and len(keys.tokens) == 1:
                return self._surname_only(mention, keys, candidates)
            return min(candidates)
        if candidates:
            return candidates[0]
        return self._create(mention, keys)

    def _resolve_canonical(self, mention: Mention, keys: _NameKeys, context: set[str]) -> str:
        known = self._by_canonical.get((mention.type, mention.canonical.casefold()))
        if known:
            return known
        # A name seen before without its English name: adopt it, unless it already has another.
        free = [c for c in self._candidates(mention.type, keys) if self._nodes[c].canonical is None]
        if len(free) > 1:
            chosen = self._by_context(free, mention, context)
            free = [chosen] if chosen else []
        if len(free) == 1:
            node = self._nodes[free[0]]
            node.canonical = mention.canonical
            self._by_canonical[(mention.type, mention.canonical.casefold())] = node.id
            self._changed.add(node.id)
            return node.id
        return self._create(mention, keys)

    def _candidates(self, type_: EntityType, keys: _NameKeys) -> list[str]:
        """Entity ids the name may refer to, best evidence first; [] when none."""
        if not keys.tokens:
            return []
        found: dict[str, None] = {}
        for variant in keys.variants:
            for entity_id in self._by_key.get((type_, " ".join(variant)), ()):
                found[entity_id] = None
        if type_ is EntityType.PERSON:
            found.update(dict.fromkeys(self._by_surname_match(keys)))
        if found:
            return sorted(found)
        return self._fuzzy(type_, keys)

    def _by_surname_match(self, keys: _NameKeys) -> list[str]:
        """People sharing this name's surname whose given names do not contradict it."""
        out: list[str] = []
        for variant in keys.variants:
            surname = variant[-1]
            ids = self._by_surname.get((EntityType.PERSON, surname), ())
            if len(variant) == 1:
                out.extend(ids)  # a bare surname: every bearer is a candidate
                continue
            given = variant[0]
            exact = self._by_given_surname.get((given, surname))
            if exact:
                out.extend(exact)
                continue
            if len(ids) <= _MAX_SCAN:
                agreeing = [i for i in ids if self._nodes[i].given and self._given_agrees(given, self._nodes[i].given)]
                if agreeing:
                    out.extend(agreeing)
                    continue
            surname_only = [i for i in self._surname_only_ids.get(surname, ()) if not self._nodes[i].given]
            if len(surname_only) == 1:
                out.extend(surname_only)
        return out

    def _given_agrees(self, given: str, known: set[str]) -> bool:
        if given in known:
            return True
        for other in known:
            if len(given) == 1 or len(other) == 1:
                if given[0] == other[0]:
                    return True  # an initial: V. Putin
            elif min(len(given), len(other)) > _SHORT_KEY and fuzz.ratio(given, other) >= self.fuzzy_min:
                return True
        return False

    def _fuzzy(self, type_: EntityType, keys: _NameKeys) -> list[str]:
        """Closest known key one edit away (found through the deletion index), if close enough."""
        best_score, best_key = 0.0, ""
        for variant in keys.variants:
            full = " ".join(variant)
            if _letters(full) <= _SHORT_KEY:
                continue
            near: set[str] = set()
            for deleted in _deletions(full):
                near.update(self._deletes.get((type_, deleted), ()))
            near.discard(full)
            if not near:
                continue
            hit = process.extractOne(full, sorted(near), scorer=fuzz.ratio, score_cutoff=self.fuzzy_min)
            if hit and (hit[1], hit[0]) > (best_score, best_key):
                best_score, best_key = hit[1], hit[0]
        if not best_key:
            return []
        ids = self._by_key.get((type_, best_key), [])
        if type_ is EntityType.PERSON and len(keys.tokens) > 1:
            ids = [i for i in ids if not self._nodes[i].given or self._given_agrees(keys.tokens[0], self._nodes[i].given)]
        return sorted(ids)

    def _by_context(self, candidates: list[str], mention: Mention, context: set[str]) -> str | None:
        """The one candidate sharing the most role and co-occurrence evidence, if there is one."""
        if len(candidates) > _MAX_SCAN:
            return None
        scored = []
        for entity_id in candidates:
            node = self._nodes[entity_id]
            shared = len(context & node.neighbours.keys()) if node.neighbours else 0
            score = (2 if mention.role and mention.role in node.roles else 0) + shared
            scored.append((score, entity_id))
        scored.sort(reverse=True)
        if scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return scored[0][1]
        return None

    def _surname_only(self, mention: Mention, keys: _NameKeys, candidates: list[str]) -> str:
        """A bare surname several known people share: its own entity, never a guess."""
        for entity_id in candidates:
            if not self._nodes[entity_id].given:
                return entity_id
        return self._create(mention, keys)

    # ------------------------------------------------------------------ creating and learning

    def _new_id(self, mention: Mention, keys: _NameKeys) -> str:
        prefix = _prefix(mention.type)
        if mention.canonical:
            bases = [f"{prefix}-{_slug(mention.canonical) or _digest(mention.canonical)}"]
        else:
            basis = keys.full or mention.text
            bases = [f"{prefix}-{_digest(basis)}"]
            if mention.type is EntityType.PERSON and len(keys.tokens) > 1:
                bases.insert(0, f"{prefix}-{_digest(keys.tokens[-1])}")
        for base in bases:
            if base not in self._nodes:
                return base
        n = 2
        while f"{bases[-1]}-{n}" in self._nodes:
            n += 1
        return f"{bases[-1]}-{n}"

    def _create(self, mention: Mention, keys: _NameKeys) -> str:
        if mention.type is EntityType.PERSON and len(keys.tokens) == 1 and not mention.canonical:
            base = f"{_prefix(mention.type)}-{_digest(keys.tokens[0])}"
            entity_id = base if base not in self._nodes else self._new_id(mention, keys)
        else:
            entity_id = self._new_id(mention, keys)
        node = _Node(id=entity_id, type=mention.type, canonical=mention.canonical)
        self._nodes[entity_id] = node
        if mention.canonical:
            self._by_canonical[(mention.type, mention.canonical.casefold())] = entity_id
        self._changed.add(entity_id)
        return entity_id

    def _attach(self, node: _Node, mention: Mention, article: Article) -> None:
        changed = node.add_article(article.id)
        if node.add_name(_name_lang(mention.text, article.lang), mention.text):
            changed = True
            self._index_name(node, mention.text)
        changed = node.add_role(mention.role) or changed
        if changed:
            self._changed.add(node.id)

    def _index_name(self, node: _Node, text: str) -> None:
        keys = _name_keys(text)
        if not keys.tokens:
            return
        person = node.type is EntityType.PERSON
        if person and len(keys.tokens) == 1 and node.given:
            for variant in keys.variants:
                self._index_person_parts(node, variant)  # a surname standing for a full name
            return
        for variant in keys.variants:
            full = " ".join(variant)
            if full in node.keys:
                continue
            node.keys.add(full)
            self._by_key.setdefault((node.type, full), []).append(node.id)
            if _letters(full) > _SHORT_KEY:
                for deleted in _deletions(full):
                    self._deletes.setdefault((node.type, deleted), []).append(full)
            if person:
                self._index_person_parts(node, variant)

    def _index_person_parts(self, node: _Node, variant: tuple[str, ...]) -> None:
        surname = variant[-1]
        if surname not in node.surnames:
            node.surnames.add(surname)
            self._by_surname.setdefault((EntityType.PERSON, surname), []).append(node.id)
        if len(variant) > 1:
            node.given.add(variant[0])
            self._by_given_surname.setdefault((variant[0], surname), []).append(node.id)
        elif not node.given:
            self._surname_only_ids.setdefault(surname, []).append(node.id)

    def _learn_neighbours(self, ids: set[str]) -> None:
        """Remember who appears with whom; only people need it (to tell namesakes apart)."""
        if len(ids) < 2:
            return
        for entity_id in ids:
            node = self._nodes[entity_id]
            if node.type is not EntityType.PERSON:
                continue
            neighbours = node.neighbours
            for other in ids:
                if other != entity_id and (other in neighbours or len(neighbours) < _MAX_NEIGHBOURS):
                    neighbours[other] += 1

    def _restore(self, entity: Entity) -> None:
        """Rebuild working state and indexes from a stored record."""
        node = _Node(id=entity.id, type=entity.type, label=entity.label)
        canonical_key = (entity.type, entity.label.casefold())
        if entity.id == f"{_prefix(entity.type)}-{_slug(entity.label)}":
            node.canonical = entity.label
            self._by_canonical[canonical_key] = entity.id
        else:
            # The label may be an English name adopted later; a mention carrying it belongs here.
            self._by_canonical.setdefault(canonical_key, entity.id)
        self._nodes[entity.id] = node
        for article_id in entity.articles:
            node.add_article(article_id)
        for role in entity.roles:
            node.add_role(role)
        # Full names first, so a surname stored beside them is known to stand for them.
        names = [(code, name) for code, group in entity.names.items() for name in group]
        names.sort(key=lambda cn: -len(_name_keys(cn[1]).tokens))
        for code, name in names:
            node.add_name(code, name)
        for code, name in names:
            self._index_name(node, name)
        for code in entity.names:
            node.names[code] = list(entity.names[code])[:_MAX_NAMES_PER_LANG]

"""Known public figures: give a person the English name the world uses, not a romanisation.

Romanising Arabic script guesses vowels ("Dunald Tramb" for دونالد ترامب); for the few hundred
people every reader of world news meets, ``data/people/notable.json`` lists the English name and
the spellings the English, Persian, Arabic and Russian press use. A mention matches a person on
the :func:`newsweave.link.keys.name_key` of the whole name, or on a bare surname only when that
surname belongs to exactly one listed person and is nobody's given name (``عون`` could be two
presidents of Lebanon; ``Said`` is a given name before it is a Tunisian president).
Callers use this for person mentions only, and only when ``settings.person_lists`` is on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from newsweave import lang as lang_data
from newsweave.errors import LanguageDataError
from newsweave.link.keys import name_key
from newsweave.text.keys import key as folded

_DATA_PACKAGE = "newsweave.data.people"
_DATA_FILE = "notable.json"
_MIN_SURNAME_KEY = 3
"""Shorter surname keys (``jr``, ``ii``, a two-letter skeleton) match too many words."""
_ROMAN_NUMERAL = re.compile(r"[ivxl]+")
_MIN_LOOSE_KEY = 3
"""Full-name keys shorter than this (مودی → ``مد``) match only the exact listed spelling."""


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """One listed public figure."""

    en: str
    roles: tuple[str, ...]
    country: str
    names: tuple[tuple[str, tuple[str, ...]], ...]
    """``(language, spellings)`` pairs, English first."""

    def names_in(self, lang: str) -> tuple[str, ...]:
        for code, spellings in self.names:
            if code == lang:
                return spellings
        return ()


@dataclass(frozen=True, slots=True)
class _Index:
    people: tuple[KnownPerson, ...]
    by_key: dict[str, tuple[int, ...]]
    """Full-name key → listed people spelled so (usually one)."""
    by_lang_key: dict[tuple[str, str], tuple[int, ...]]
    """(language, full-name key) → people spelled so in that language: breaks rare ties."""
    by_spelling: dict[str, tuple[int, ...]]
    """Script-folded exact spelling → people: decides when skeleton keys collide (خامنئي/خميني)."""
    by_surname: dict[str, int]
    """Surname key → the one person it stands for alone."""


def _bad(message: str) -> LanguageDataError:
    return LanguageDataError(f"data/people/{_DATA_FILE}: {message}", hint="fix the entry or reinstall newsweave")


def _person(entry: Any) -> tuple[KnownPerson, bool]:
    """A person record and whether its surname may stand alone; malformed entries raise."""
    if not isinstance(entry, dict) or not isinstance(entry.get("en"), str) or not isinstance(entry.get("names"), dict):
        raise _bad(f"bad entry {entry!r:.80}")
    names = []
    for code, spellings in entry["names"].items():
        if not isinstance(spellings, list) or not all(isinstance(s, str) and s.strip() for s in spellings):
            raise _bad(f"{entry['en']}: names[{code!r}] must be a list of names")
        names.append((code, tuple(spellings)))
    names.sort(key=lambda pair: pair[0] != "en")
    person = KnownPerson(
        en=entry["en"],
        roles=tuple(entry.get("roles", ())),
        country=str(entry.get("country", "")),
        names=tuple(names),
    )
    return person, bool(entry.get("surname", True))


def _read_people() -> list[Any]:
    path = resources.files(_DATA_PACKAGE) / _DATA_FILE
    if not path.is_file():
        raise _bad("missing")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise _bad(f"not valid JSON: {exc}") from None
    people = data.get("people") if isinstance(data, dict) else None
    if not isinstance(people, list):
        raise _bad("no 'people' list")
    return people


def _given_name_keys(people: tuple[KnownPerson, ...]) -> set[str]:
    """Keys of words that are given names: these never identify one person alone."""
    given: set[str] = set()
    for person in people:
        for _, spellings in person.names:
            for spelling in spellings:
                tokens = name_key(spelling).split()
                if len(tokens) > 1:
                    given.add(tokens[0])
    for data in lang_data.load_all("entities.json").values():
        names = data.get("given_names") if isinstance(data, dict) else None
        for name in names if isinstance(names, list) else ():
            if isinstance(name, str):
                given.update(name_key(name).split())
    return given


def _surname_index(
    people: tuple[KnownPerson, ...], surname_ok: list[bool], by_key: dict[str, tuple[int, ...]]
) -> dict[str, int]:
    bearers: dict[str, set[int]] = {}
    for i, person in enumerate(people):
        for _, spellings in person.names:
            for spelling in spellings:
                tokens = name_key(spelling).split()
                if len(tokens) > 1:
                    bearers.setdefault(tokens[-1], set()).add(i)
    given = _given_name_keys(people)
    index: dict[str, int] = {}
    for surname, owners in bearers.items():
        if len(owners) != 1 or surname in given or len(surname) < _MIN_SURNAME_KEY:
            continue
        if _ROMAN_NUMERAL.fullmatch(surname):
            continue
        (owner,) = owners
        if not surname_ok[owner] or set(by_key.get(surname, (owner,))) != {owner}:
            continue
        index[surname] = owner
    return index


@lru_cache(maxsize=1)
def _index() -> _Index:
    people: list[KnownPerson] = []
    surname_ok: list[bool] = []
    for entry in _read_people():
        person, ok = _person(entry)
        people.append(person)
        surname_ok.append(ok)
    by_key: dict[str, set[int]] = {}
    by_lang_key: dict[tuple[str, str], set[int]] = {}
    by_spelling: dict[str, set[int]] = {}
    for i, person in enumerate(people):
        for code, spellings in person.names:
            for spelling in spellings:
                key = name_key(spelling)
                if key:
                    by_key.setdefault(key, set()).add(i)
                    by_lang_key.setdefault((code, key), set()).add(i)
                    by_spelling.setdefault(folded(spelling), set()).add(i)
    frozen_by_key = {k: tuple(sorted(v)) for k, v in by_key.items()}
    people_tuple = tuple(people)
    return _Index(
        people=people_tuple,
        by_key=frozen_by_key,
        by_lang_key={k: tuple(sorted(v)) for k, v in by_lang_key.items()},
        by_spelling={k: tuple(sorted(v)) for k, v in by_spelling.items()},
        by_surname=_surname_index(people_tuple, surname_ok, frozen_by_key),
    )


def known_people() -> tuple[KnownPerson, ...]:
    """Every listed person, in file order."""
    return _index().people


@lru_cache(maxsize=65536)
def known_person(name: str, lang: str) -> KnownPerson | None:
    """The listed person a person mention names, or None when unknown or ambiguous.

    When two listed people meet on one key, the exact spelling decides, then ``lang`` (the
    language the name is written in). Call it for person mentions only.
    """
    key = name_key(name)
    if not key:
        return None
    index = _index()
    owners = index.by_key.get(key, ())
    if len(owners) > 1 or (owners and len(key) < _MIN_LOOSE_KEY):
        exact = index.by_spelling.get(folded(name), ())
        owners = exact if exact or len(key) < _MIN_LOOSE_KEY else index.by_lang_key.get((lang, key), ())
    if len(owners) == 1:
        return index.people[owners[0]]
    if owners or " " in key:
        return None
    owner = index.by_surname.get(key)
    return index.people[owner] if owner is not None else None

"""Well-known people get the English name the world uses; everyone else a readable romanisation."""

from __future__ import annotations

import re
import unicodedata

import pytest

from newsweave import lang as lang_data
from newsweave.link.known import KnownPerson, known_people, known_person
from newsweave.link.registry import EntityRegistry
from newsweave.model import Article, EntityType, Mention
from newsweave.settings import Settings

PER, ORG = EntityType.PERSON, EntityType.ORG


def mention(text: str, type_: EntityType = PER, **kw) -> Mention:
    return Mention(start=0, end=len(text), text=text, type=type_, key="", **kw)


def article(article_id: str, lang: str, *mentions: Mention) -> Article:
    text = " ".join(m.text for m in mentions)
    return Article(id=article_id, source=article_id, text=text, lang=lang, lang_confidence=1.0, mentions=mentions)


def link_all(reg: EntityRegistry, spellings: list[tuple[str, str]]) -> list[str]:
    return [reg.link(article(f"a{i}", code, mention(text))).mentions[0].entity for i, (code, text) in enumerate(spellings)]


def label_of(reg: EntityRegistry, entity_id: str) -> str:
    return next(e.label for e in reg.entities() if e.id == entity_id)


@pytest.mark.parametrize(
    ("english", "spellings"),
    [
        ("Donald Trump", [("fa", "دونالد ترامپ"), ("ar", "دونالد ترامب"), ("ru", "Дональд Трамп"), ("en", "Donald Trump"), ("fa", "ترمپ")]),
        ("Volodymyr Zelensky", [("ar", "زيلنسكي"), ("fa", "ولودیمیر زلنسکی"), ("ar", "فولوديمير زيلينسكي"), ("ru", "Зеленский"), ("en", "Zelenskyy")]),
        ("Benjamin Netanyahu", [("ar", "بنيامين نتنياهو"), ("fa", "نتانیاهو"), ("ru", "Нетаньяху"), ("en", "Netanyahu")]),
        ("Ali Khamenei", [("fa", "آیت‌الله خامنه‌ای"), ("ar", "علي خامنئي"), ("ru", "Али Хаменеи"), ("en", "Khamenei")]),
        ("Recep Tayyip Erdoğan", [("ar", "رجب طيب أردوغان"), ("fa", "اردوغان"), ("ru", "Эрдоган"), ("en", "Recep Tayyip Erdogan")]),
    ],
)
def test_spellings_in_four_scripts_are_one_person_with_the_english_name(english: str, spellings: list[tuple[str, str]]) -> None:
    reg = EntityRegistry(settings=Settings())
    ids = link_all(reg, spellings)
    assert len(set(ids)) == 1
    assert ids[0] == "per-" + re.sub(r"[^a-z0-9]+", "-", english.lower().replace("ğ", "g")).strip("-")
    assert label_of(reg, ids[0]) == english


def test_a_name_no_list_knows_still_gets_a_readable_romanisation() -> None:
    reg = EntityRegistry(settings=Settings())
    (entity_id,) = link_all(reg, [("fa", "کامران فرهادپور")])
    label = label_of(reg, entity_id)
    assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", label), label
    assert label.lower().startswith("k") and "f" in label.lower()
    assert label not in {p.en for p in known_people()}
    assert known_person("کامران فرهادپور", "fa") is None


def test_with_person_lists_off_nothing_from_the_list_is_used() -> None:
    reg = EntityRegistry(settings=Settings(person_lists=False))
    ids = link_all(reg, [("ar", "دونالد ترامب"), ("fa", "ولودیمیر زلنسکی")])
    labels = [label_of(reg, entity_id) for entity_id in ids]
    assert "Donald Trump" not in labels and "Volodymyr Zelensky" not in labels
    assert not any(entity_id in {"per-donald-trump", "per-volodymyr-zelensky"} for entity_id in ids)
    assert all(label.isascii() and label for label in labels)  # romanised, not Arabic script


def test_a_surname_two_listed_people_share_is_not_resolved_alone() -> None:
    assert known_person("عون", "ar") is None  # Joseph Aoun and Michel Aoun
    assert known_person("Aoun", "en") is None
    assert known_person("شریف", "fa") is None  # Shehbaz and Nawaz Sharif
    assert known_person("جوزاف عون", "ar").en == "Joseph Aoun"
    assert known_person("میشل عون", "fa").en == "Michel Aoun"
    reg = EntityRegistry(settings=Settings())
    ids = link_all(reg, [("ar", "جوزاف عون"), ("fa", "میشل عون"), ("ar", "عون")])
    assert ids[:2] == ["per-joseph-aoun", "per-michel-aoun"]
    assert ids[2] not in ids[:2]
    assert label_of(reg, ids[2]) not in {"Joseph Aoun", "Michel Aoun"}


def test_a_unique_surname_alone_resolves_but_another_given_name_does_not() -> None:
    assert known_person("پزشکیان", "fa").en == "Masoud Pezeshkian"  # listed spelling
    assert known_person("عراقجي", "ar").en == "Abbas Araghchi"
    assert known_person("Лавров", "ru").en == "Sergey Lavrov"
    assert known_person("Eric Trump", "en") is None
    assert known_person("کاترین ترامپ", "fa") is None


def test_a_surname_is_not_read_from_regnal_or_common_word_endings() -> None:
    assert known_person("II", "en") is None  # Abdullah II
    assert known_person("فرحان", "ar") is None  # Faisal bin Farhan: a father's name
    assert known_person("اسلامی", "fa") is None  # "Islamic" before it is a surname
    assert known_person("Mohammed VI", "en").en == "Mohammed VI"


def test_names_that_share_a_skeleton_are_told_apart_by_spelling() -> None:
    assert known_person("الخميني", "ar").en == "Ruhollah Khomeini"
    assert known_person("الخامنئي", "ar").en == "Ali Khamenei"
    assert known_person("مودی", "fa").en == "Narendra Modi"
    assert known_person("مادی", "fa") is None  # same skeleton, a common word


def test_only_person_mentions_and_mentions_without_a_canonical_name_use_the_list() -> None:
    reg = EntityRegistry(settings=Settings())
    linked = reg.link(article("o1", "ar", mention("ترامب", ORG), mention("بوتين", canonical="Vladimir Putin")))
    org_id, per_id = (m.entity for m in linked.mentions)
    assert not org_id.startswith("per-") and label_of(reg, org_id) != "Donald Trump"
    assert per_id == "per-vladimir-putin"


def test_a_surname_after_the_full_name_in_one_article_follows_it() -> None:
    reg = EntityRegistry(settings=Settings())
    linked = reg.link(article("h1", "fa", mention("عباس عراقچی"), mention("عراقچی", head=0)))
    assert {m.entity for m in linked.mentions} == {"per-abbas-araghchi"}


# ------------------------------------------------------------------ the data file

_SEPARATORS = re.compile(r"[\s\-'.\u200c\u2019]+")
_ROMAN = re.compile(r"[IVXL]+")
_SCRIPT_PREFIX = {"en": "LATIN", "ru": "CYRILLIC", "fa": "ARABIC", "ar": "ARABIC"}
_FOREIGN_LETTERS = {"fa": set("يكة"), "ar": set("یکگچپژ")}
"""Arabic yeh/kaf in Persian, Persian-only letters in Arabic: the wrong keyboard."""


def _in_script(code: str, name: str) -> bool:
    for token in _SEPARATORS.split(name):
        if not token or (code in {"en", "ru"} and _ROMAN.fullmatch(token)):
            continue
        for ch in token:
            if not unicodedata.name(ch, "").startswith(_SCRIPT_PREFIX[code]) or ch in _FOREIGN_LETTERS.get(code, ()):
                return False
    return True


def test_every_name_in_the_list_is_in_the_script_of_its_language() -> None:
    bad = [(p.en, code, name) for p in known_people() for code, names in p.names for name in names if not _in_script(code, name)]
    assert bad == []


def test_the_list_is_complete_and_well_formed() -> None:
    people = known_people()
    assert 200 <= len(people) <= 320
    assert len({p.en for p in people}) == len(people)
    roles = set((lang_data.load("en", "entities.json") or {}).get("roles", {}))
    for person in people:
        assert isinstance(person, KnownPerson)
        assert re.fullmatch(r"[A-Z]{2}", person.country), person
        assert person.roles and (not roles or set(person.roles) <= roles), person
        assert person.names_in("en")[0] == person.en
        assert all(person.names_in(code) for code in ("en", "fa", "ar", "ru")), person.en
    assert known_person("Vladimir Putin", "en") is known_person("Путин", "ru") is known_person("بوتين", "ar")

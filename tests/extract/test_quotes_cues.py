"""The cue index (one scan per article for every cue lexicon) finds exactly what ``re`` finds.

The quote and fact stages match their lexicons through ``textview.CueIndex`` instead of
``pattern.finditer`` on every region; these tests compare the two on our own sentences, on the
whole key and on regions cut anywhere (inside words too), for every indexed lexicon.
"""

from __future__ import annotations

import json
import random

import pytest

from newsweave.extract.facts import event_lexicon
from newsweave.extract.quotes import speech_lexicon
from newsweave.extract.textview import CueIndex, cue_scanner, cue_shape
from newsweave.text.normalize import normalize
from tests.paths import DATA_DIR

LANGS = ("fa", "ar", "en")


def lexicon_patterns(code: str) -> dict:
    speech, events = speech_lexicon(code), event_lexicon(code)
    return {
        "speech.verbs": speech.verbs, "speech.sources": speech.sources, "speech.media": speech.media,
        "speech.groups": speech.groups, "speech.pronouns": speech.pronouns, "speech.roles": speech.roles,
        "speech.anonymous": speech.anonymous, "events.events": events.events,
        "events.not_events": events.not_events, "events.expected": events.expected, "events.posts": events.posts,
    }


def article_keys(code: str) -> list[str]:
    cases = json.loads((DATA_DIR / code / "quotes_cases.json").read_text(encoding="utf-8"))["cases"]
    return [normalize(case["text"], code).key for case in cases]


def spans_by_re(pattern, key: str, start: int, end: int, pos: int = 0) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group()) for m in pattern.finditer(key[start:end], pos)]


def spans_by_index(index: CueIndex, name: str, pattern, start: int, end: int, pos: int = 0) -> list[tuple[int, int, str]]:
    return [(o + m.start(), o + m.end(), m.group()) for o, m in index.find_all(name, pattern, start, end, pos)]


@pytest.mark.parametrize("code", LANGS)
def test_whole_key_matches_equal_finditer(code):
    patterns = lexicon_patterns(code)
    keys = article_keys(code)
    hits = 0
    for key in keys:
        index = CueIndex(key, cue_scanner(code))
        for name, pattern in patterns.items():
            expected = spans_by_re(pattern, key, 0, len(key))
            assert spans_by_index(index, name, pattern, 0, len(key)) == expected, name
            hits += len(expected)
    assert hits > len(keys)  # the sentences do contain cues: the comparison is not vacuous


@pytest.mark.parametrize("code", LANGS)
def test_region_matches_equal_finditer_on_the_slice(code):
    """Regions cut anywhere, including inside words, after a full-key scan filled the memo."""
    rng = random.Random(4)
    patterns = lexicon_patterns(code)
    for key in article_keys(code):
        index = CueIndex(key, cue_scanner(code))
        for name, pattern in patterns.items():
            index.find_all(name, pattern)  # remembered tries must not leak into regions
            for _ in range(25):
                start = rng.randrange(0, len(key))
                end = min(len(key), start + rng.randrange(1, 120))
                assert spans_by_index(index, name, pattern, start, end) == spans_by_re(pattern, key, start, end)
                first = index.find_first(name, pattern, start, end, pos=1)
                expected = spans_by_re(pattern, key, start, end, pos=1)[:1]
                got = [(first[0] + first[1].start(), first[0] + first[1].end(), first[1].group())] if first else []
                assert got == expected


def test_a_region_starting_inside_a_word_sees_a_word_start_there():
    key = normalize("The spokesman said the talks went well.", "en").key
    pattern = speech_lexicon("en").verbs
    index = CueIndex(key, cue_scanner("en"))
    start = key.index("said") + 1  # "aid …": no verb starts there in the slice either
    assert spans_by_index(index, "speech.verbs", pattern, start, len(key)) == spans_by_re(pattern, key, start, len(key))
    whole = spans_by_index(index, "speech.verbs", pattern, 0, len(key))
    assert [text for _, _, text in whole] == ["said"]


def test_cue_shape_leads_are_first_words_with_optional_clitics():
    shape = cue_shape((["و", "ف"], True), (["قال", "أعلن"], False))
    assert shape.leads == {"قال", "اعل", "وقا", "واع", "فقا", "فاع"}
    assert shape.word_final
    multiword = cue_shape((["according to", "u.s. officials"], False))
    assert multiword.leads == {"acc", "u"}  # only the first word is certain; "." ends the lead
    assert not cue_shape((["«quoted»"], False)).word_final
    assert "" in cue_shape((["«quoted»"], False)).leads  # starts with a mark: cannot be indexed

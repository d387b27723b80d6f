"""Settings: one table, every entry documented, environment and overrides checked."""

from __future__ import annotations

from dataclasses import fields

import pytest

from newsweave.errors import SettingsError
from newsweave.settings import HELP, Settings, load_settings


def test_every_setting_has_help_text():
    names = {f.name for f in fields(Settings)}
    assert names == set(HELP)
    assert all(len(text) > 10 for text in HELP.values())


def test_environment_then_overrides():
    env = {"NEWSWEAVE_MAX_INPUT_BYTES": "1000", "NEWSWEAVE_PERSON_LISTS": "off"}
    settings = load_settings({"max_input_bytes": 5}, env=env)
    assert settings.max_input_bytes == 5
    assert settings.person_lists is False


def test_unknown_and_ill_typed_settings_fail_with_their_name():
    with pytest.raises(SettingsError, match="unknown setting 'colour'"):
        load_settings({"colour": "red"}, env={})
    with pytest.raises(SettingsError, match="batch_size"):
        load_settings(env={"NEWSWEAVE_BATCH_SIZE": "many"})

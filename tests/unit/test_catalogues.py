"""Every user-facing string has a Bahasa Indonesia and an English entry, and nothing is stale."""

from __future__ import annotations

import re

from jejaring.i18n import _, catalogue, set_locale
from tools.catalogues import extracted, problems

_FIELD = re.compile(r"\{(\w*)\}")


def test_catalogues_are_complete_and_current() -> None:
    assert problems(extracted()) == []


def test_translations_keep_every_placeholder() -> None:
    for msgid, translation in catalogue("id").items():
        assert set(_FIELD.findall(msgid)) == set(_FIELD.findall(translation)), msgid


def test_translation_follows_the_locale() -> None:
    set_locale("id")
    assert _("Show the version and exit.") == "Tampilkan versi lalu keluar."
    set_locale("en")
    assert _("Show the version and exit.") == "Show the version and exit."

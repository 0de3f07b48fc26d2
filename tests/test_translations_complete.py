"""Every shipped language is complete: extracting the messages afresh leaves nothing to translate.

The messages are extracted (`manage.py messages`, the same as `make messages`) into a copy of the
project, so the check sees the strings as they are in the code now, not as they were when the
.po files were last updated, and the checkout is left alone. Needs GNU gettext (.ci/run).
"""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

SHIPPED = [code for code, _name in settings.LANGUAGES if code != "en"]
DOMAINS = ["django", "djangojs"]
NOT_SOURCE = shutil.ignore_patterns(
    ".*", "__pycache__", "staticfiles", "data", "backups", "test-artifacts", "*.egg-info"
)


def _msgids(po: Path, *flags: str) -> list[str]:
    """The msgids of the entries msgattrib selects with `flags` (obsolete ones never count)."""
    selected = subprocess.run(
        ["msgattrib", *flags, "--no-obsolete", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        line.removeprefix("msgid ")
        for line in selected.splitlines()
        if line.startswith("msgid ") and line != 'msgid ""'
    ]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """A copy of the project whose locale/ was brought up to date with the code."""
    copy = tmp_path_factory.mktemp("project") / "nightstand"
    shutil.copytree(settings.BASE_DIR, copy, ignore=NOT_SOURCE)
    with override_settings(BASE_DIR=copy, LOCALE_PATHS=[copy / "locale"]):
        call_command("messages", verbosity=0)
    return copy / "locale"


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", SHIPPED)
def test_no_message_is_left_untranslated(extracted, language, domain):
    po = extracted / language / "LC_MESSAGES" / f"{domain}.po"
    assert po.exists(), f"{po.name} for {language} is missing: run `make messages`"
    untranslated = _msgids(po, "--untranslated")
    assert untranslated == [], f"{language}/{domain}.po: translate these: {untranslated}"


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", SHIPPED)
def test_no_translation_is_fuzzy(extracted, language, domain):
    po = extracted / language / "LC_MESSAGES" / f"{domain}.po"
    fuzzy = _msgids(po, "--only-fuzzy")
    assert fuzzy == [], f"{language}/{domain}.po: check and unmark these fuzzy entries: {fuzzy}"


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", SHIPPED)
def test_the_committed_mo_is_the_compiled_po(tmp_path, language, domain):
    """The .mo files are committed (no gettext needed to run): they must say what the .po says."""
    folder = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES"
    fresh = tmp_path / f"{domain}.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(fresh), str(folder / f"{domain}.po")], check=True
    )
    with open(fresh, "rb") as compiled, open(folder / f"{domain}.mo", "rb") as committed:
        expected = gettext.GNUTranslations(compiled)._catalog
        shipped = gettext.GNUTranslations(committed)._catalog
    assert shipped == expected, f"run `make messages`: {language}/{domain}.mo is out of date"

"""The English catalogue is complete, compiled, and in step with the French source strings."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib  # type: ignore[import-untyped]
import pytest
from django.conf import settings

PO = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
ROOT = Path(settings.BASE_DIR)


def test_english_catalogue_translates_every_string():
    catalogue = polib.pofile(str(PO))
    missing = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags]
    assert missing == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_po_file(tmp_path):
    compiled = tmp_path / "django.mo"
    polib.pofile(str(PO)).save_as_mofile(str(compiled))
    assert compiled.read_bytes() == PO.with_suffix(".mo").read_bytes()


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogue_holds_every_string_of_the_source(tmp_path):
    """Extract the strings again (needs GNU gettext, installed by .ci/run) and compare."""
    work = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "pmvt", work / "pmvt", ignore=shutil.ignore_patterns("locale"))
    (work / "pmvt" / "locale").mkdir()
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "makemessages",
            "-l",
            "en",
            "--ignore",
            "*/tests/*",
        ],
        cwd=work / "pmvt",
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(work / "pmvt" / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    known = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO)) if not e.obsolete}
    new = sorted(e.msgid for e in fresh if (e.msgctxt, e.msgid) not in known)
    assert new == [], "Run `make messages` and translate the new strings."

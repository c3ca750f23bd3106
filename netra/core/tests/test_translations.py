"""The English catalogue: complete, placeholders intact, and actually used when English is chosen.

The .po is parsed here with a few lines of code (no polib): the checks must not add a dependency. The
pages are rendered against a .mo compiled from the committed .po into a temporary directory, so a stale
or missing locale/en/LC_MESSAGES/django.mo in the work tree (it is gitignored) cannot hide a problem,
and parallel test workers never write the same file.

The catalogue is also checked against the source: `makemessages` runs over a copy of what it reads (the
.py/.html/.txt files and the locale directory) in a temporary directory, and every string it would add
or mark fuzzy fails the test. The copy keeps the real .po untouched, and keeps makemessages from writing
its temporary `<template>.py` files next to the real templates, where a concurrent run would collide.
"""

import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

PO_PATH = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(([^)]+)\)[a-z]")

# How the catalogue is brought up to date (run from the project root); the test below runs the same.
MAKEMESSAGES_IGNORE = (".venv", "node_modules", "tests/*")
UPDATE_COMMAND = (
    "DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python manage.py makemessages -l en "
    + " ".join(f"--ignore='{p}'" for p in MAKEMESSAGES_IGNORE)
)
SOURCE_SUFFIXES = (".py", ".html", ".txt")  # what makemessages reads for the "django" domain
# A string only the copied source holds: it must come out untranslated, or makemessages read nothing.
PROBE = "Netra translation check probe: never translated"

# The English the pages must show (and the Indonesian they show by default).
HOME_HEADING_EN = "Keeping ASN neutral in general and regional elections"
HOME_HEADING_ID = "Menjaga netralitas ASN dalam Pemilu dan Pilkada"
SELF_CHECK_EN = ("ASN neutrality self-check", "Describe your activity", "Election (optional)", ">Check<")
SELF_CHECK_ID = ("Cek mandiri netralitas ASN", "Ceritakan kegiatan Anda", "Pemilihan (opsional)", ">Periksa<")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"'), text
    assert text.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text[1:-1])


def parse_po(text: str) -> list[Entry]:
    """Every non-obsolete entry, the header (msgid "") excluded."""
    entries: list[Entry] = []
    entry: Entry | None = None
    current: tuple[str, int] | None = None  # ("msgid" | "msgid_plural" | "msgstr", plural index)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry, current = None, None
            continue
        if line.startswith("#~"):  # obsolete entries are not part of the catalogue
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line):
            keyword, index, value = match.group(1), int(match.group(2) or 0), _unquote(match.group(3))
            current = (keyword, index)
            _append(entry, current, value)
        elif line.startswith('"') and current is not None:
            _append(entry, current, _unquote(line))
        else:
            raise AssertionError(f"{PO_PATH.name}:{number}: cannot parse {raw!r}")
    return [e for e in entries if e.msgid]


def _append(entry: Entry, current: tuple[str, int], value: str) -> None:
    keyword, index = current
    if keyword == "msgid":
        entry.msgid += value
    elif keyword == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + value
    elif keyword == "msgstr":
        entry.msgstr[index] = entry.msgstr.get(index, "") + value
    # msgctxt only disambiguates; it is not checked here


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    found = parse_po(PO_PATH.read_text(encoding="utf-8"))
    assert found, f"no entries in {PO_PATH}"
    return found


def _where(entry: Entry) -> str:
    return f"{PO_PATH.name}:{entry.line} {entry.msgid[:70]!r}"


def test_every_entry_is_translated_and_none_is_fuzzy(entries):
    fuzzy = [_where(e) for e in entries if "fuzzy" in e.flags]
    empty = [
        _where(e)
        for e in entries
        if sorted(e.msgstr) != ([0, 1] if e.msgid_plural else [0])
        or not all(s.strip() for s in e.msgstr.values())
    ]
    assert not fuzzy, f"fuzzy entries: {fuzzy}"
    assert not empty, f"untranslated entries: {empty}"


def _copy_sources(root: Path, target: Path) -> None:
    """The files makemessages reads under `root` (hidden, node_modules and locale directories skipped:
    it skips the first two as well, and the locale directory is copied on its own) into `target`."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in ("node_modules", "locale")]
        for name in filenames:
            if name.endswith(SOURCE_SUFFIXES):
                source = Path(dirpath) / name
                copy = target / source.relative_to(root)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, copy)


def test_catalogue_has_every_source_string(tmp_path, monkeypatch):
    """makemessages would add nothing to the catalogue and mark nothing fuzzy."""
    root = Path(settings.BASE_DIR)
    _copy_sources(root, tmp_path)
    shutil.copytree(root / "locale", tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    (tmp_path / "translation_probe.py").write_text(
        f"from django.utils.translation import gettext as _\n\n_({PROBE!r})\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command(
            "makemessages", locale=["en"], ignore_patterns=list(MAKEMESSAGES_IGNORE), stdout=out, stderr=err
        )
    made = parse_po((tmp_path / PO_PATH.relative_to(root)).read_text(encoding="utf-8"))

    probe = [e for e in made if e.msgid == PROBE]
    assert probe, f"makemessages did not read the copied source: {err.getvalue()}"
    assert not probe[0].msgstr.get(0), "the probe string must come out untranslated"
    behind = [f"fuzzy (its msgid changed in the source): {e.msgid!r}" for e in made if "fuzzy" in e.flags] + [
        f"not in the catalogue: {e.msgid!r}"
        for e in made
        if e.msgid != PROBE and "fuzzy" not in e.flags and not all(s.strip() for s in e.msgstr.values())
    ]
    assert not behind, (
        f"{PO_PATH.relative_to(root)} is behind the source. Run\n  {UPDATE_COMMAND}\n"
        "then translate these entries and remove their fuzzy flags and #| lines:\n" + "\n".join(behind)
    )


def test_header_declares_english_utf8_and_plural_forms():
    header = PO_PATH.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert "#, fuzzy" not in header
    assert '"Language: en\\n"' in header
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in header
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in header


def test_placeholders_are_kept(entries):
    wrong = []
    for e in entries:
        sources = [e.msgid] + ([e.msgid_plural] if e.msgid_plural else [])
        wanted = set().union(*(PLACEHOLDER.findall(s) for s in sources))
        for index, text in e.msgstr.items():
            if set(PLACEHOLDER.findall(text)) != wanted:
                wrong.append(
                    f"{_where(e)} msgstr[{index}]: {sorted(PLACEHOLDER.findall(text))} != {sorted(wanted)}"
                )
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_leading_and_trailing_whitespace_is_kept(entries):
    def edges(text: str) -> tuple[str, str]:
        return (text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :])

    wrong = [_where(e) for e in entries for s in e.msgstr.values() if edges(s) != edges(e.msgid)]
    assert not wrong, f"leading/trailing whitespace differs: {wrong}"


def _msgfmt() -> str:
    path = shutil.which("msgfmt")
    assert path, "msgfmt (GNU gettext) is required: apt-get install gettext"
    return path


def test_msgfmt_check_passes():
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [_msgfmt(), "--check", "-o", "/dev/null", str(PO_PATH)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def compiled_locale(tmp_path_factory) -> Path:
    """The committed catalogues compiled into a private LOCALE_PATHS directory."""
    root = tmp_path_factory.mktemp("locale")
    for po in (Path(settings.BASE_DIR) / "locale").glob("*/LC_MESSAGES/django.po"):
        target = root / po.relative_to(po.parents[2]).with_suffix(".mo")
        target.parent.mkdir(parents=True)
        subprocess.run([_msgfmt(), "--check", "-o", str(target), str(po)], check=True)  # noqa: S603
    return root


@pytest.fixture
def english_catalogue(compiled_locale):
    # Changing LOCALE_PATHS makes Django drop its cached catalogues (django.test.signals).
    with override_settings(LOCALE_PATHS=[compiled_locale]):
        yield


def _choose_english(client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


@pytest.mark.django_db
@pytest.mark.usefixtures("english_catalogue")
def test_home_page_in_english_after_choosing_it(client):
    _choose_english(client)
    page = client.get("/").content.decode()
    assert HOME_HEADING_EN in page
    assert HOME_HEADING_ID not in page


@pytest.mark.django_db
@pytest.mark.usefixtures("english_catalogue")
def test_self_check_page_in_english_after_choosing_it(client):
    _choose_english(client)
    response = client.get("/aturan/cek/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in SELF_CHECK_EN:
        assert text in page
    for text in SELF_CHECK_ID:
        assert text not in page


@pytest.mark.django_db
@pytest.mark.usefixtures("english_catalogue")
def test_pages_stay_indonesian_without_a_choice(client):
    home = client.get("/").content.decode()
    assert HOME_HEADING_ID in home
    assert HOME_HEADING_EN not in home
    self_check = client.get("/aturan/cek/").content.decode()
    for text in SELF_CHECK_ID:
        assert text in self_check
    for text in SELF_CHECK_EN:
        assert text not in self_check

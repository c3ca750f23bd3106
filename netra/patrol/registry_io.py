"""The election registry as a JSON (or YAML) document: its parsing, shared by `manage.py import_registry`
(which writes it to the patrol tables) and the screening engine's batch CLI (which only reads it).

The format is documented in docs/patrol.md ("Registry file"). Pure Python: no ORM, no settings, so the
batch CLI and the benchmark can read a registry without a database.

    {
      "election": "pilkada-2024",          # Election.code
      "region": "64.71",                   # Kemendagri code of the race's region; "" or absent: national
      "contestants": [
        {
          "office": "wali_kota",           # presiden | gubernur | bupati | wali_kota
          "ballot_number": 1,              # absent/null only for the kolom kosong and the single pair facing it
          "candidate": "Rahmad Mas'ud",
          "running_mate": "Bagus Susetyo",
          "empty_box": false,
          "parties": ["golkar"],           # party codes (or names, for the screening CLI)
          "nicknames": ["RM"], "taglines": ["Balikpapan Maju"], "slogans": [], "hashtags": ["#RMBagus"],
          "gestures": ["salam satu jari"],
          "accounts": [{"platform": "instagram", "handle": "@rahmadmasud", "url": "", "role": "official"}]
        }
      ]
    }

A document may also hold several registries: `{"registries": [ <registry>, ... ]}`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netra.elections.ballot import pair_label
from netra.patrol.screening.types import ContestantTerms, Registry

OFFICES = ("presiden", "gubernur", "bupati", "wali_kota")
PLATFORMS = ("facebook", "instagram", "tiktok", "x", "youtube", "whatsapp", "other")
ACCOUNT_ROLES = ("official", "campaign")
TERM_LISTS = ("nicknames", "taglines", "slogans", "hashtags", "gestures", "parties")
_HANDLE = re.compile(r"^[A-Za-z0-9._\-]{1,100}$")


class RegistryFormatError(ValueError):
    """The registry document is malformed. `errors` lists every problem as "where: why"."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors[:5]) + (f" (+{len(errors) - 5})" if len(errors) > 5 else ""))
        self.errors = errors


@dataclass(frozen=True)
class AccountSpec:
    platform: str
    handle: str  # without "@", lower case
    url: str = ""
    role: str = "official"


@dataclass(frozen=True)
class ContestantSpecIn:
    """One contestant as the document describes it (validated for shape, not against the database)."""

    office: str
    ballot_number: int | None
    candidate: str = ""
    running_mate: str = ""
    empty_box: bool = False
    parties: tuple[str, ...] = ()
    nicknames: tuple[str, ...] = ()
    taglines: tuple[str, ...] = ()
    slogans: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    gestures: tuple[str, ...] = ()
    accounts: tuple[AccountSpec, ...] = ()
    key: str = ""


@dataclass(frozen=True)
class RegistrySpec:
    election: str
    region: str  # "" for a national race (the presidency)
    contestants: tuple[ContestantSpecIn, ...] = field(default=())


def contestant_key(election: str, region: str, ballot_number: int | None, *, empty_box: bool = False) -> str:
    """The stable key of a contestant in screenings and the review queue: "pilkada-2024/64.71/2"
    ("-" for a national race, "kosong" for the kolom kosong, "tunggal" for the single pair facing it, which
    has no number either: UU 10/2016 Pasal 54C ayat (2)). The same for a file and the database."""
    if ballot_number is not None:
        return f"{election}/{region or '-'}/{ballot_number}"
    return f"{election}/{region or '-'}/{'kosong' if empty_box else 'tunggal'}"


def normalise_handle(raw: str) -> str:
    return (raw or "").strip().lstrip("@").strip().lower()


def normalise_hashtag(raw: str) -> str:
    return (raw or "").strip().lstrip("#").strip()


def _strings(value: Any, where: str, errors: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.append(f"{where}: must be a list of texts")
        return ()
    return tuple(v.strip() for v in value if v.strip())


def _account(raw: Any, where: str, errors: list[str]) -> AccountSpec | None:
    if not isinstance(raw, dict):
        errors.append(f"{where}: must be an object with platform and handle")
        return None
    platform = str(raw.get("platform") or "").strip().lower()
    handle = normalise_handle(str(raw.get("handle") or ""))
    role = str(raw.get("role") or "official").strip().lower()
    url = str(raw.get("url") or "").strip()
    problems = []
    if platform not in PLATFORMS:
        problems.append(f"{where}.platform: '{platform}' is not one of {', '.join(PLATFORMS)}")
    if not _HANDLE.match(handle):
        problems.append(f"{where}.handle: '{raw.get('handle')}' is not an account name")
    if role not in ACCOUNT_ROLES:
        problems.append(f"{where}.role: '{role}' is not one of {', '.join(ACCOUNT_ROLES)}")
    if url and not url.startswith(("http://", "https://")):
        problems.append(f"{where}.url: must start with http:// or https://")
    errors.extend(problems)
    return None if problems else AccountSpec(platform=platform, handle=handle, url=url, role=role)


def _ballot(raw: dict, where: str, errors: list[str]) -> int | None:
    number = raw.get("ballot_number")
    empty = raw.get("empty_box", False)
    if not isinstance(empty, bool):
        errors.append(f"{where}.empty_box: must be true or false")
    if number is None:
        return None  # the kolom kosong, or a single pair facing it: checked per race in _one_registry
    if isinstance(number, bool) or not isinstance(number, int) or not 0 < number < 100:
        errors.append(f"{where}.ballot_number: must be a whole number from 1 to 99")
        return None
    if empty:
        errors.append(f"{where}.ballot_number: the kolom kosong has no ballot number")
    return number


def _contestant(raw: Any, where: str, errors: list[str]) -> ContestantSpecIn | None:
    if not isinstance(raw, dict):
        errors.append(f"{where}: must be an object")
        return None
    before = len(errors)
    office = str(raw.get("office") or "").strip()
    if office not in OFFICES:
        errors.append(f"{where}.office: '{office}' is not one of {', '.join(OFFICES)}")
    number = _ballot(raw, where, errors)
    empty = raw.get("empty_box") is True
    candidate = str(raw.get("candidate") or "").strip()
    if not empty and not candidate:
        errors.append(f"{where}.candidate: required")
    lists = {name: _strings(raw.get(name), f"{where}.{name}", errors) for name in TERM_LISTS}
    accounts_raw = raw.get("accounts") or []
    if not isinstance(accounts_raw, list):
        errors.append(f"{where}.accounts: must be a list")
        accounts_raw = []
    accounts = [_account(a, f"{where}.accounts[{i}]", errors) for i, a in enumerate(accounts_raw)]
    if len(errors) > before:
        return None
    return ContestantSpecIn(
        office=office,
        ballot_number=number,
        candidate=candidate,
        running_mate=str(raw.get("running_mate") or "").strip(),
        empty_box=empty,
        parties=lists["parties"],
        nicknames=lists["nicknames"],
        taglines=lists["taglines"],
        slogans=lists["slogans"],
        hashtags=tuple(normalise_hashtag(h) for h in lists["hashtags"]),
        gestures=lists["gestures"],
        accounts=tuple(a for a in accounts if a is not None),
        key=str(raw.get("key") or "").strip(),
    )


def _one_registry(raw: Any, where: str, errors: list[str]) -> RegistrySpec | None:
    if not isinstance(raw, dict):
        errors.append(f"{where or 'document'}: must be an object")
        return None
    prefix = f"{where}." if where else ""
    election = str(raw.get("election") or "").strip()
    region = str(raw.get("region") or "").strip()
    if not election:
        errors.append(f"{prefix}election: required (the election's code, e.g. pilkada-2024)")
    if region and not re.fullmatch(r"\d{2}(\.\d{2}){0,3}", region):
        errors.append(f"{prefix}region: '{region}' is not a Kemendagri code such as 64.71")
    contestants = raw.get("contestants")
    if not isinstance(contestants, list) or not contestants:
        errors.append(f"{prefix}contestants: must be a non-empty list")
        return None
    specs = [_contestant(c, f"{prefix}contestants[{i}]", errors) for i, c in enumerate(contestants)]
    seen: set[tuple[str, int | None, bool]] = set()
    pairs_per_office = Counter(s.office for s in specs if s is not None and not s.empty_box)
    for i, spec in enumerate(specs):
        if spec is None:
            continue
        if spec.ballot_number is None and not spec.empty_box and pairs_per_office[spec.office] > 1:
            errors.append(
                f"{prefix}contestants[{i}].ballot_number: required when more than one pair stands (only a "
                "single pair facing the kolom kosong has none, UU 10/2016 Pasal 54C)"
            )
        ident = (spec.office, spec.ballot_number, spec.empty_box)
        if ident in seen:
            errors.append(
                f"{prefix}contestants[{i}]: {spec.office} number {spec.ballot_number} appears twice"
            )
        seen.add(ident)
    return RegistrySpec(election=election, region=region, contestants=tuple(s for s in specs if s))


def registry_specs(data: Any) -> list[RegistrySpec]:
    """Every registry in a parsed document, checked for shape. Raises RegistryFormatError listing every
    problem (so a file is fixed in one pass), nothing partial."""
    errors: list[str] = []
    if isinstance(data, dict) and "registries" in data:
        items = data["registries"]
        if not isinstance(items, list) or not items:
            raise RegistryFormatError(["registries: must be a non-empty list"])
        specs = [_one_registry(r, f"registries[{i}]", errors) for i, r in enumerate(items)]
    else:
        specs = [_one_registry(data, "", errors)]
    if errors:
        raise RegistryFormatError(errors)
    return [s for s in specs if s is not None]


def registry_load_file(path: str | Path) -> Any:
    """The parsed document of a .json, .yaml or .yml file. Raises RegistryFormatError when unreadable."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RegistryFormatError([f"{path.name}: cannot be read ({exc})"]) from None
    return registry_parse(data, name=path.name)


def registry_parse(data: bytes, *, name: str) -> Any:
    """The parsed document of an uploaded file's bytes (YAML when `name` ends in .yaml/.yml)."""
    path = Path(name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegistryFormatError([f"{path.name}: cannot be read ({exc})"]) from None
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml  # PyYAML, only for YAML files

        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise RegistryFormatError([f"{path.name}: not valid YAML ({exc})"]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RegistryFormatError(
            [f"{path.name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"]
        ) from None


def terms_of(spec: ContestantSpecIn, *, election: str, region: str) -> ContestantTerms:
    """The screening engine's view of one contestant."""
    names = tuple(n for n in (spec.candidate, spec.running_mate) if n)
    label = (
        "Kolom kosong"
        if spec.empty_box
        else pair_label(spec.ballot_number, spec.candidate, spec.running_mate)
    )
    return ContestantTerms(
        key=spec.key or contestant_key(election, region, spec.ballot_number, empty_box=spec.empty_box),
        label=label,
        names=names,
        nicknames=spec.nicknames,
        ballot_number=spec.ballot_number,
        parties=spec.parties,
        taglines=spec.taglines + spec.slogans,
        hashtags=spec.hashtags,
        gestures=spec.gestures,
        handles=tuple(a.handle for a in spec.accounts),
        is_empty_box=spec.empty_box,
    )


def registry_from_json(data: Any) -> Registry:
    """A `Registry` for the screening engine from a parsed registry document (all its registries'
    contestants together). Raises RegistryFormatError on a malformed document."""
    contestants: list[ContestantTerms] = []
    for spec in registry_specs(data):
        contestants += [terms_of(c, election=spec.election, region=spec.region) for c in spec.contestants]
    return Registry(contestants=tuple(contestants))

"""Load the reference elections (`data/elections.json`) into the database.

Used by the data migration `0002_reference_elections` (with the migration's historical models) and by
`manage.py load_elections` (with the real ones), so both take the model classes as arguments, like
`netra.regions.loader.sync_regions`.

Upsert rules (the JSON is the source of truth only for what it lists):
- elections and parties by `code`; stages by (election, kind); party entries by (election, party);
  presidential pairs by (election, office, ballot number);
- regions listed for a non-nationwide election are *added*, never removed (an administrator's
  additions survive the next load); `regions_expect` ({kind: count}) checks the list itself, so Pilkada
  2020's 270 codes must be 9 provinces, 224 kabupaten and 37 kota or the load fails;
- `regions_derived` instead derives the list from the region table: every active province and
  kab/kota except the listed codes, checked against the expected count per kind (Pilkada 2024: 37
  provinces, 415 kabupaten, 93 kota; a region table that yields other numbers fails the load);
- stages are keyed by (election, kind, contest, region): without `contest` a stage is election-wide,
  with it the date of one race (and region). A migration's historical model from before contests
  existed (0002) skips the race rows; the later data migration loads them;
- stages, parties and contestants that exist in the database but not in the file are left alone.

Stage notes (`note`, e.g. "tanggal perkiraan") have no column of their own: they are appended to the
election's `notes`, so whoever reads the schedule sees the caveat next to it.
"""

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "elections.json"


@dataclass(frozen=True)
class ElectionModels:
    """The model classes the loader writes to (real ones, or a migration's historical ones)."""

    election: Any
    stage: Any
    party: Any
    election_party: Any
    contestant: Any
    region: Any

    @classmethod
    def from_apps(cls, apps) -> "ElectionModels":
        """`apps` is a migration's app registry or `django.apps.apps`."""
        return cls(
            election=apps.get_model("elections", "Election"),
            stage=apps.get_model("elections", "ElectionStage"),
            party=apps.get_model("elections", "Party"),
            election_party=apps.get_model("elections", "ElectionParty"),
            contestant=apps.get_model("elections", "Contestant"),
            region=apps.get_model("regions", "Region"),
        )


@dataclass
class SyncResult:
    """Rows created/updated per kind ("election", "stage", "party", "election_party", "contestant",
    "region_link")."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated)

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {"created": dict(+self.created), "updated": dict(+self.updated)}


def load_reference_data(path: Path = DATA_FILE) -> dict:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _upsert(model, lookup: dict, values: dict, result: SyncResult, label: str):
    """get-or-create by `lookup`, then set `values` if any differ. Returns the instance."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        result.created[label] += 1
        return obj
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        # `updated_at` (auto_now) is only refreshed when it is saved too.
        extra = ["updated_at"] if any(f.name == "updated_at" for f in model._meta.fields) else []
        obj.save(update_fields=changed + extra)
        result.updated[label] += 1
    return obj


def _notes(entry: dict) -> str:
    stage_notes = [s["note"] for s in entry.get("stages", []) if s.get("note")]
    parts = [entry.get("notes", "").strip()]
    if stage_notes:
        parts.append("Catatan tahapan:\n" + "\n".join(f"- {n}" for n in stage_notes))
    return "\n\n".join(p for p in parts if p)


def _check_kind_counts(kinds: list[str], expect: dict, *, label: str, what: str) -> None:
    """Raise ValueError unless the regions' kinds count exactly as `expect` ({kind: count}; empty: no
    check), so an election is never silently stored with the wrong regions."""
    expect = {str(k): int(v) for k, v in expect.items()}
    counts = Counter(kinds)
    if expect and dict(counts) != expect:
        raise ValueError(f"{label}: {what} regions {dict(sorted(counts.items()))} != expected {expect}")


def derive_region_codes(region_model, rule: dict, *, label: str) -> list[str]:
    """Active provinces and kab/kota (levels 1–2) minus `rule["exclude"]`, checked against
    `rule["expect"]` ({kind: count}). Raises ValueError when the counts differ (e.g. a region table from
    another decree), so an election is never silently stored with the wrong regions."""
    exclude = {str(c) for c in rule.get("exclude", [])}
    rows = [
        (code, kind)
        for code, kind in region_model.objects.filter(level__in=(1, 2), is_active=True).values_list(
            "code", "kind"
        )
        if code not in exclude
    ]
    _check_kind_counts([kind for _, kind in rows], rule.get("expect", {}), label=label, what="derived")
    return sorted(code for code, _ in rows)


def _sync_parties(models: ElectionModels, data: dict, result: SyncResult) -> dict:
    """Upsert the party catalogue; returns the parties by code for the elections that list them."""
    parties = {}
    for p in data.get("parties", []):
        parties[p["code"]] = _upsert(
            models.party,
            {"code": p["code"]},
            {
                "name": p["name"],
                "abbreviation": p["abbreviation"],
                "is_local": bool(p.get("is_local", False)),
            },
            result,
            "party",
        )
    return parties


def _sync_election_row(models: ElectionModels, entry: dict, result: SyncResult):
    """Upsert the election itself (stage notes folded into its `notes`)."""
    return _upsert(
        models.election,
        {"code": entry["code"]},
        {
            "name": entry["name"],
            "kind": entry["kind"],
            "voting_day": _date(entry["voting_day"]),
            "is_nationwide": bool(entry.get("is_nationwide", True)),
            "legal_basis": entry.get("legal_basis", ""),
            "is_tentative": bool(entry.get("is_tentative", False)),
            "notes": _notes(entry),
        },
        result,
        "election",
    )


def _sync_regions(models: ElectionModels, entry: dict, election, result: SyncResult) -> None:
    """Add the listed (or derived) regions to the election; never removes one, fails on an unknown code."""
    codes = [str(c) for c in entry.get("regions", [])]  # codes are strings, never numbers
    if entry.get("regions_derived"):
        codes += derive_region_codes(models.region, entry["regions_derived"], label=entry["code"])
    if not codes:
        return
    kinds = dict(models.region.objects.filter(code__in=codes).values_list("code", "kind"))
    missing = sorted(set(codes) - set(kinds))
    if missing:
        raise ValueError(f"{entry['code']}: unknown region codes {missing}")
    _check_kind_counts(
        [kinds[c] for c in set(codes)], entry.get("regions_expect", {}), label=entry["code"], what="listed"
    )
    linked = set(election.regions.values_list("code", flat=True))
    new = [c for c in codes if c not in linked]
    if new:
        election.regions.add(*new)
        result.created["region_link"] += len(new)


def _sync_stages(models: ElectionModels, entry: dict, election, result: SyncResult) -> None:
    """Upsert the stages; a historical model without `contest` skips the race rows."""
    has_contest = any(f.name == "contest" for f in models.stage._meta.fields)
    for s in entry.get("stages", []):
        lookup = {"election": election, "kind": s["kind"]}
        if has_contest:
            lookup |= {"contest": s.get("contest", ""), "region_id": s.get("region")}
        elif s.get("contest"):
            continue  # loaded by the migration that adds contests
        _upsert(
            models.stage,
            lookup,
            {
                "starts_on": _date(s["starts_on"]),
                "ends_on": _date(s["ends_on"]),
                "legal_basis": s.get("legal_basis", ""),
            },
            result,
            "stage",
        )


def _sync_election_parties(
    models: ElectionModels, entry: dict, election, parties: dict, result: SyncResult
) -> None:
    """Upsert the parties' ballot numbers in this election; fails on an unknown party code."""
    for ep in entry.get("parties", []):
        party = parties.get(ep["party"]) or models.party.objects.filter(code=ep["party"]).first()
        if party is None:
            raise ValueError(f"{entry['code']}: unknown party code {ep['party']!r}")
        _upsert(
            models.election_party,
            {"election": election, "party": party},
            {"ballot_number": ep["ballot_number"]},
            result,
            "election_party",
        )


def _sync_contestants(
    models: ElectionModels, entry: dict, election, parties: dict, result: SyncResult
) -> None:
    """Upsert the pairs by ballot number (the *kolom kosong* of a single-pair region by its flag: it
    has no number and no names, UU 10/2016 Pasal 54C; the single pair it faces has no number either, and
    is keyed by the empty number and the flag) and set their supporting parties when they
    differ. A `source` key is the data's citation, not stored."""
    for c in entry.get("contestants", []):
        empty_box = bool(c.get("is_empty_box"))
        contestant = _upsert(
            models.contestant,
            {
                "election": election,
                "office": c["office"],
                "region_id": c.get("region"),
                # None also for the single pair facing the kolom kosong (UU 10/2016 Pasal 54C ayat (2))
                "ballot_number": None if empty_box else c.get("ballot_number"),
                "is_empty_box": empty_box,
            },
            {
                "candidate_name": "" if empty_box else c["candidate_name"],
                "running_mate_name": "" if empty_box else c.get("running_mate_name", ""),
            },
            result,
            "contestant",
        )
        wanted = {parties[code].pk for code in c.get("parties", [])}
        if wanted and set(contestant.parties.values_list("pk", flat=True)) != wanted:
            contestant.parties.set(wanted)
            result.updated["contestant"] += 1


def sync_elections(models: ElectionModels, *, data: dict | None = None) -> SyncResult:
    """Upsert the reference elections. Raises ValueError for a region or party code that does not
    exist (a typo in the data must fail the migration, not load a silently narrower election)."""
    data = data if data is not None else load_reference_data()
    result = SyncResult()
    parties = _sync_parties(models, data, result)
    for entry in data.get("elections", []):
        election = _sync_election_row(models, entry, result)
        _sync_regions(models, entry, election, result)
        _sync_stages(models, entry, election, result)
        _sync_election_parties(models, entry, election, parties, result)
        _sync_contestants(models, entry, election, parties, result)
    return result

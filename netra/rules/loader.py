"""Load the catalogue from `netra/rules/data/*.json` (migration 0002 and `manage.py load_rules`).

Rows are upserted by their natural key, so the loader can run any number of times. Fields an
administrator may tune (`TUNABLE_FIELDS`: the level of a [CONFLICT] row, validity dates, routing targets)
are compared with what the data files said at the previous load (`catalogue_values`): if the current
value differs from that, an administrator changed it and the loader keeps it unless `force=True`.

Works with the real models and with a migration's historical models (no model methods are used).
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from netra.core.serialization import json_value

DATA_DIR = Path(__file__).resolve().parent / "data"

TUNABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "Conduct": (),
    "ViolationType": ("level", "is_active"),
    "Sanction": ("valid_from", "valid_until"),
    "OversightBody": ("valid_from", "valid_until", "agency_kind"),
    "RoutingRule": ("destination", "destination_agency_kind"),
    "CrimeProvision": ("is_active",),
    "AsnPosition": ("is_active",),
    "PermittedAct": ("is_active",),
}

# Files added after the first catalogue migration: optional in read_catalogue (older test fixtures).
_OPTIONAL_FILES = frozenset({"crime_provisions", "asn_positions", "permitted_acts"})

_DATE_FIELDS = frozenset({"valid_from", "valid_until"})
_MISSING = object()


class CatalogueModels(NamedTuple):
    conduct: Any
    violation_type: Any
    sanction: Any
    oversight_body: Any
    routing_rule: Any
    crime_provision: Any = None  # absent from migration states before rules 0003
    asn_position: Any = None  # absent from migration states before rules 0005
    permitted_act: Any = None  # absent from migration states before rules 0007


def catalogue_models(apps) -> CatalogueModels:
    """The catalogue's models from `apps` (django.apps.apps, or a migration's state apps)."""

    def optional(name: str):
        try:
            return apps.get_model("rules", name)
        except LookupError:
            return None

    return CatalogueModels(
        conduct=apps.get_model("rules", "Conduct"),
        violation_type=apps.get_model("rules", "ViolationType"),
        sanction=apps.get_model("rules", "Sanction"),
        oversight_body=apps.get_model("rules", "OversightBody"),
        routing_rule=apps.get_model("rules", "RoutingRule"),
        crime_provision=optional("CrimeProvision"),
        asn_position=optional("AsnPosition"),
        permitted_act=optional("PermittedAct"),
    )


@dataclass
class Change:
    """One row the loader wrote: created, or the fields it changed (before/after, JSON-safe)."""

    instance: Any
    created: bool
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass
class Kept:
    """A tunable value an administrator changed and the loader left alone (no `force`)."""

    model: str
    key: str
    field: str
    current: Any
    catalogue: Any


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    changes: list[Change] = field(default_factory=list)
    kept: list[Kept] = field(default_factory=list)


def read_catalogue(data_dir: Path | None = None) -> dict[str, list[dict[str, Any]]]:
    """The data files as lists of dicts (dates still ISO strings)."""
    base = data_dir or DATA_DIR
    names = (
        "conducts",
        "violation_types",
        "sanctions",
        "oversight_bodies",
        "routing_rules",
        "crime_provisions",
        "asn_positions",
        "permitted_acts",
    )
    return {
        name: json.loads((base / f"{name}.json").read_text(encoding="utf-8"))
        for name in names
        if name not in _OPTIONAL_FILES or (base / f"{name}.json").exists()
    }


def _typed(row: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    # Keys the model (maybe a migration's historical model) does not have yet are dropped: a data file
    # written for the newest schema must still load at an older migration state (0002 runs before the
    # fields of 0007 exist; 0008 loads them).
    out = {k: v for k, v in row.items() if k in known}
    for name in _DATE_FIELDS & out.keys():
        out[name] = dt.date.fromisoformat(out[name]) if out[name] else None
    return out


def _upsert(
    model,
    *,
    rows: list[dict[str, Any]],
    key_fields: tuple[str, ...],
    force: bool,
    result: SyncResult,
) -> set[tuple]:
    tunable = TUNABLE_FIELDS[model.__name__]
    known = frozenset(f.attname for f in model._meta.concrete_fields) | frozenset(key_fields)
    if model.__module__ != "__fake__":  # the real model: a key it lacks is a typo in the data file
        unknown = sorted({k for raw in rows for k in raw} - known)
        if unknown:
            raise ValueError(f"{model.__name__}: unknown fields {unknown} in the data files")
    existing = {tuple(getattr(obj, k) for k in key_fields): obj for obj in model.objects.all()}
    seen: set[tuple] = set()
    for raw in rows:
        row = _typed(raw, known)
        key = tuple(row.pop(k) for k in key_fields)
        if key in seen:
            raise ValueError(f"{model.__name__}: duplicate key {key} in the data files")
        seen.add(key)
        file_values = {name: json_value(row[name]) for name in tunable if name in row}
        obj = existing.get(key)
        if obj is None:
            obj = model(**dict(zip(key_fields, key, strict=True)), **row, catalogue_values=file_values)
            obj.full_clean()
            obj.save()
            result.created += 1
            result.changes.append(Change(obj, True, {}, {k: json_value(v) for k, v in row.items()}))
            continue
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for name, value in row.items():
            current = getattr(obj, name)
            if name in tunable and not force:
                last_loaded = obj.catalogue_values.get(name, _MISSING)
                if last_loaded is not _MISSING and json_value(current) != last_loaded:
                    if json_value(current) != json_value(value):
                        result.kept.append(
                            Kept(model.__name__, "/".join(map(str, key)), name, current, value)
                        )
                    continue
            if current != value:
                before[name], after[name] = json_value(current), json_value(value)
                setattr(obj, name, value)
        if before or obj.catalogue_values != file_values:
            obj.catalogue_values = file_values
            obj.full_clean()
            obj.save()
        if before:
            result.updated += 1
            result.changes.append(Change(obj, False, before, after))
        else:
            result.unchanged += 1
    return seen


def sync_catalogue(
    models: CatalogueModels,
    *,
    force: bool = False,
    data: dict[str, list[dict[str, Any]]] | None = None,
) -> SyncResult:
    """Upsert the whole catalogue. Catalogue items missing from the files are deactivated, never
    deleted (cases refer to them). The caller owns the transaction (and, outside migrations, the audit)."""
    data = data if data is not None else read_catalogue()
    result = SyncResult()
    _upsert(models.conduct, rows=data["conducts"], key_fields=("code",), force=force, result=result)
    conduct_ids = dict(models.conduct.objects.values_list("code", "id"))
    violation_rows = []
    for raw in data["violation_types"]:
        row = {k: v for k, v in raw.items() if k != "conduct"}
        if raw["conduct"] not in conduct_ids:
            raise ValueError(f"Violation {raw['code']}: unknown conduct {raw['conduct']!r}")
        row["conduct_id"] = conduct_ids[raw["conduct"]]
        row.setdefault("is_active", True)
        violation_rows.append(row)
    seen = _upsert(
        models.violation_type, rows=violation_rows, key_fields=("code",), force=force, result=result
    )
    gone = models.violation_type.objects.filter(is_active=True).exclude(code__in=[k[0] for k in seen])
    for obj in gone:
        obj.is_active = False
        obj.save()
        result.deactivated += 1
        result.changes.append(Change(obj, False, {"is_active": True}, {"is_active": False}))
    _upsert(models.sanction, rows=data["sanctions"], key_fields=("code",), force=force, result=result)
    _upsert(
        models.oversight_body, rows=data["oversight_bodies"], key_fields=("code",), force=force, result=result
    )
    _upsert(
        models.routing_rule,
        rows=data["routing_rules"],
        key_fields=("subject_type", "violation_class", "election_kind"),
        force=force,
        result=result,
    )
    if models.crime_provision is not None:
        sync_crime_provisions(
            models.crime_provision,
            rows=data.get("crime_provisions", []),
            conduct_codes=set(conduct_ids),
            force=force,
            result=result,
        )
    if models.asn_position is not None:
        _upsert(
            models.asn_position,
            rows=data.get("asn_positions", []),
            key_fields=("code",),
            force=force,
            result=result,
        )
    if models.permitted_act is not None:
        sync_permitted_acts(
            models.permitted_act,
            rows=data.get("permitted_acts", []),
            conduct_codes=set(conduct_ids),
            force=force,
            result=result,
        )
    return result


def sync_permitted_acts(
    model, *, rows: list[dict[str, Any]], conduct_codes: set[str], force: bool, result: SyncResult
) -> None:
    """Upsert the permitted acts (by code); the conducts each names must exist."""
    for row in rows:
        unknown = set(row.get("related_conducts", [])) - conduct_codes
        if unknown:
            raise ValueError(f"Permitted act {row['code']}: unknown conducts {sorted(unknown)}")
    _upsert(model, rows=rows, key_fields=("code",), force=force, result=result)


def sync_crime_provisions(
    model, *, rows: list[dict[str, Any]], conduct_codes: set[str], force: bool, result: SyncResult
) -> None:
    """Upsert the election-crime provisions (by code); each names conducts that must exist."""
    for row in rows:
        unknown = set(row["conducts"]) - conduct_codes
        if unknown:
            raise ValueError(f"Crime provision {row['code']}: unknown conducts {sorted(unknown)}")
    _upsert(model, rows=rows, key_fields=("code",), force=force, result=result)

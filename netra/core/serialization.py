"""Turn model instances and values into JSON-safe, deterministic snapshots (for audit before/after)."""

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models


def json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [json_value(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if hasattr(value, "all"):  # a related manager
        return sorted(obj.pk for obj in value.all())
    return str(value)


def snapshot(data: dict[str, Any]) -> dict[str, Any]:
    return {k: json_value(v) for k, v in data.items()}


def instance_snapshot(instance: models.Model, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """All concrete fields (FKs as ids) of an instance; secrets must be listed in `exclude`."""
    out: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude:
            continue
        out[field.attname] = json_value(getattr(instance, field.attname))
    return out

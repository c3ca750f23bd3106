"""Generic service helpers (HackSoft's `model_update`), used by every app's services."""

from typing import Any

from django.db import models

from netra.core.serialization import snapshot


def model_update(
    *, instance: models.Model, fields: list[str], data: dict[str, Any]
) -> tuple[bool, dict, dict]:
    """Set `fields` from `data` on `instance`, validate, save only what changed.

    Returns (changed, before, after) snapshots of the changed fields, ready for the audit log.
    Callers own the transaction and the audit row.
    """
    before: dict[str, Any] = {}
    changed_fields: list[str] = []
    for field in fields:
        if field not in data:
            continue
        old = getattr(instance, field)
        if old != data[field]:
            before[field] = old
            setattr(instance, field, data[field])
            changed_fields.append(field)
    if not changed_fields:
        return False, {}, {}
    instance.full_clean()
    update_fields = list(changed_fields)
    if any(f.name == "updated_at" for f in instance._meta.get_fields()):
        update_fields.append("updated_at")
    instance.save(update_fields=update_fields)
    after = {f: getattr(instance, f) for f in changed_fields}
    return True, snapshot(before), snapshot(after)


def in_record_language(func):
    """Run a service in the language of the official record (settings.LANGUAGE_CODE, Indonesian).

    Letters, timeline lines and notices are stored as written; an officer who reads the interface in
    English must not leave English sentences in a case file or an official letter. Messages shown to
    that officer afterwards are translated at display time as usual.
    """
    import functools

    from django.conf import settings
    from django.utils import translation

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    return wrapper

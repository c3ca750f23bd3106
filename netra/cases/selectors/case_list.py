"""The case list with its filters and sort orders (issue 14), shared by the page and its XLSX export.

`CaseFilter` is what the page's query string says, parsed once and never raising: an unknown value is
dropped (the list then shows more, never fails). Every filter narrows `case_list_visible_to`, so the
reader's scope (`restrict`) is applied before any of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import urlencode

from django.db.models import Exists, Min, OuterRef, Q, QuerySet

from netra.cases.models import (
    TERMINAL_STATES,
    Case,
    CaseState,
    CaseSubject,
    Deadline,
    DeadlineState,
    Participant,
    ParticipantRole,
)
from netra.cases.selectors.cases import case_list_visible_to
from netra.cases.selectors.workspace import cases_waiting_for_agency

RUNNING = (DeadlineState.OPEN, DeadlineState.BREACHED)
# Sort keys of the page (Indonesian, as in its URL) → the ordering they mean; ties broken by pk.
SORTS: dict[str, tuple[str, ...]] = {
    "-dibuka": ("-created_at", "-pk"),
    "dibuka": ("created_at", "pk"),
    "-diperbarui": ("-updated_at", "-pk"),
    "nomor": ("reference", "pk"),
    "-nomor": ("-reference", "-pk"),
    "tahap": ("state", "-created_at", "pk"),
    "tenggat": ("next_due", "pk"),
}
DEFAULT_SORT = "-dibuka"
REGION_CODE_CHARS = set("0123456789.")


def _digits(value: Any) -> int | None:
    raw = str(value or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


@dataclass(frozen=True)
class CaseFilter:
    """The list's filters as the URL names them: tahap, q, pemilihan, wilayah, petugas, terlambat,
    instansi_terlapor, menunggu, terbuka, urut."""

    tahap: str = ""
    q: str = ""
    pemilihan: int | None = None
    wilayah: str = ""  # a region code prefix ("64", "64.71")
    petugas: int | None = None  # an assignee's user id
    terlambat: bool = False
    instansi_terlapor: int | None = None  # the terlapor's employer (PPK)
    menunggu: bool = False  # waiting for my agency
    terbuka: bool = False  # open cases only
    urut: str = DEFAULT_SORT

    @classmethod
    def parse(cls, params: Mapping[str, Any]) -> CaseFilter:
        state = str(params.get("tahap") or "")
        region = str(params.get("wilayah") or "").strip()[:13]
        sort = str(params.get("urut") or DEFAULT_SORT)
        return cls(
            tahap=state if state in CaseState.values else "",
            q=str(params.get("q") or "").strip()[:100],
            pemilihan=_digits(params.get("pemilihan")),
            wilayah=region if region and set(region) <= REGION_CODE_CHARS else "",
            petugas=_digits(params.get("petugas")),
            terlambat=params.get("terlambat") in ("1", "on", "true"),
            instansi_terlapor=_digits(params.get("instansi_terlapor")),
            menunggu=params.get("menunggu") in ("1", "on", "true"),
            terbuka=params.get("terbuka") in ("1", "on", "true"),
            urut=sort if sort in SORTS else DEFAULT_SORT,
        )

    def query(self, **changes: Any) -> str:
        """The canonical query string of these filters (defaults left out), with `changes` applied."""
        values = {f.name: getattr(self, f.name) for f in fields(self)} | changes
        pairs = []
        for f in fields(self):
            value = values[f.name]
            if value in (None, "", False) or (f.name == "urut" and value == DEFAULT_SORT):
                continue
            pairs.append((f.name, "1" if value is True else str(value)))
        return urlencode(pairs)

    @property
    def is_filtered(self) -> bool:
        return bool(self.query(urut=DEFAULT_SORT))


def case_list_filtered(*, user, filters: CaseFilter, now: dt.datetime) -> QuerySet[Case]:
    """The reader's cases narrowed by `filters`, sorted, each with `next_due` (its earliest running
    clock) and `overdue` (a running clock past due at `now`)."""
    qs = case_list_visible_to(user=user, state=filters.tahap, q=filters.q)
    if filters.pemilihan:
        qs = qs.filter(election_id=filters.pemilihan)
    if filters.wilayah:
        qs = qs.filter(
            Q(incident_region__code=filters.wilayah)
            | Q(incident_region__code__startswith=f"{filters.wilayah}.")
        )
    if filters.petugas:
        qs = qs.filter(
            Exists(
                Participant.objects.filter(
                    case=OuterRef("pk"), user_id=filters.petugas, role=ParticipantRole.ASSIGNEE, active=True
                )
            )
        )
    if filters.instansi_terlapor:
        qs = qs.filter(
            Exists(CaseSubject.objects.filter(case=OuterRef("pk"), agency_id=filters.instansi_terlapor))
        )
    if filters.menunggu:
        qs = qs.filter(pk__in=cases_waiting_for_agency(user=user).values("pk"))
    if filters.terbuka:
        qs = qs.exclude(state__in=TERMINAL_STATES)
    late = Deadline.objects.filter(case=OuterRef("pk"), state__in=RUNNING, due_at__lte=now)
    qs = qs.annotate(
        next_due=Min("deadlines__due_at", filter=Q(deadlines__state__in=RUNNING)),
        overdue=Exists(late),
    )
    if filters.terlambat:
        qs = qs.filter(overdue=True)
    return qs.order_by(*SORTS[filters.urut])

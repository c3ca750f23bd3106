"""Checking a submission before anything is stored (`netra.intake.submission.report_submit`): input that
cannot be understood (unknown region, a date in the future, "known" before "happened", a birth date
before 1900), too many people or links, and refused evidence files or links, all reported at once, each
under its field (issue 14). Missing *legal* requirements are not errors: `netra.intake.requirements`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from netra.core.exceptions import ApplicationError
from netra.elections.models import Election
from netra.evidence import services as evidence
from netra.intake.models import ReportKind
from netra.regions.models import Region
from netra.regions.selectors import region_active

if TYPE_CHECKING:
    from netra.intake.submission import Submission

MAX_PERSONS = 20
MAX_WITNESSES = 20
MAX_LINKS = 20

EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)


def birth_date_problem(value: str, *, today: dt.date) -> str:
    """Why a reporter's birth date (ISO "YYYY-MM-DD") cannot be right, or "" when it can: a date in the
    future or before 1900 is a typing slip, and the sealed identity would carry it to the office."""
    try:
        born = dt.date.fromisoformat(value.strip())
    except ValueError:
        return _("Tanggal lahir tidak dikenal. Tulis seperti 31-12-1980.")
    if born > today:
        return _("Tanggal lahir tidak boleh di masa depan.")
    if born < EARLIEST_BIRTH_DATE:
        return _("Tanggal lahir tidak mungkin sebelum tahun 1900. Periksa tahunnya.")
    return ""


def _validate(sub: Submission, today: dt.date) -> tuple[Region | None, Election | None]:
    """Hard errors: the input cannot be understood. (Missing legal requirements are not errors.) All are
    reported at once, the first one as the message; the order is the form's."""
    errors: dict[str, str] = {}
    _text_problems(sub, errors)
    region = _region_problems(sub, errors)
    _date_problems(sub, today, errors)
    _count_problems(sub, errors)
    _identity_problems(sub, today, errors)
    election = _election_problems(sub, errors)
    if errors:
        raise ApplicationError(next(iter(errors.values())), extra={"errors": errors}, code="invalid-report")
    return region, election


def _text_problems(sub: Submission, errors: dict[str, str]) -> None:
    if sub.kind not in ReportKind.values:
        errors["kind"] = _("Jenis laporan tidak dikenal.")
    if len(sub.description.strip()) < 10:
        errors["description"] = _("Ceritakan apa yang terjadi (minimal 10 huruf).")
    if len(sub.description) > 20000:
        errors["description"] = _("Uraian terlalu panjang (maksimal 20.000 huruf).")


def _region_problems(sub: Submission, errors: dict[str, str]) -> Region | None:
    if not sub.incident_region_code:
        return None
    region = region_active(code=sub.incident_region_code)
    if region is None:
        errors["incident_region_code"] = _("Wilayah kejadian tidak dikenal.")
    return region


def _date_problems(sub: Submission, today: dt.date, errors: dict[str, str]) -> None:
    for name, value in (("incident_date", sub.incident_date), ("known_date", sub.known_date)):
        if value is not None and value > today + dt.timedelta(days=1):
            errors[name] = _("Tanggal tidak boleh di masa depan.")
    if sub.incident_date and sub.known_date and sub.known_date < sub.incident_date:
        errors["known_date"] = _("Tanggal diketahui tidak boleh sebelum tanggal kejadian.")


def _count_problems(sub: Submission, errors: dict[str, str]) -> None:
    limits = (
        ("persons", sub.persons, MAX_PERSONS, _("Terlalu banyak terlapor (maksimal %(n)s).")),
        ("witnesses", sub.witnesses, MAX_WITNESSES, _("Terlalu banyak saksi (maksimal %(n)s).")),
        ("links", sub.links, MAX_LINKS, _("Terlalu banyak tautan (maksimal %(n)s).")),
    )
    for name, items, limit, message in limits:
        if len(items) > limit:
            errors[name] = message % {"n": limit}


@sensitive_variables("sub")
def _identity_problems(sub: Submission, today: dt.date, errors: dict[str, str]) -> None:
    if sub.kind == ReportKind.TIP and sub.identity and not sub.identity.is_empty():
        errors["identity"] = _("Informasi awal bersifat anonim: jangan isi identitas.")
    elif sub.identity and sub.identity.birth_date:
        problem = birth_date_problem(sub.identity.birth_date, today=today)
        if problem:
            errors["birth_date"] = problem


def _election_problems(sub: Submission, errors: dict[str, str]) -> Election | None:
    if not sub.election_code:
        return None
    election = Election.objects.prefetch_related("stages").filter(code=sub.election_code).first()
    if election is None:
        errors["election_code"] = _("Pemilihan tidak dikenal.")
    return election


def submission_validate(sub: Submission, files: list, today: dt.date):
    """The input, the files and the links checked together, so that every problem is reported at once
    (a refused file is not announced only after the other fields are fixed, issue 14). A single
    refusal keeps its own code and status (a refused file: 422); several are merged per field."""
    problems: dict[str, str] = {}
    refusals: list[ApplicationError] = []
    region = election = None
    try:
        region, election = _validate(sub, today)
    except ApplicationError as exc:
        problems.update(exc.extra.get("errors") or {"description": exc.message})
        refusals.append(exc)
    checked, links = [], []
    try:
        check_file_count(files)
        checked = [evidence.evidence_check(uploaded_file=f) for f in files]
    except ApplicationError as exc:
        problems["files"] = exc.message
        refusals.append(exc)
    try:
        links = [evidence.evidence_link_prepare(url=u) for u in sub.links if u.strip()]
    except ApplicationError as exc:
        problems["links"] = exc.message
        refusals.append(exc)
    if len(refusals) == 1:
        raise refusals[0]
    if refusals:
        raise ApplicationError(
            next(iter(problems.values())), extra={"errors": problems}, code="invalid-report"
        )
    return region, election, checked, links


def files_problem(files: list) -> str:
    """Why these evidence files would be refused, or "" (for a form that has other errors already)."""
    try:
        check_file_count(files)
        for f in files:
            evidence.evidence_check(uploaded_file=f)
    except ApplicationError as exc:
        return exc.message
    return ""


def check_file_count(files: list) -> None:
    if len(files) > settings.NETRA_UPLOAD_MAX_FILES:
        raise ApplicationError(
            _("Terlalu banyak berkas (maksimal %(n)s).") % {"n": settings.NETRA_UPLOAD_MAX_FILES},
            code="too-many-files",
        )

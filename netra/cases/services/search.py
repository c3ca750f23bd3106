"""Keep each case's search text in step with the case, its subjects and its reports.

Two columns, because not everyone who sees a case may read its reports (oversight bodies and employers
never see the reporter's words, `netra.intake.permissions`):

- `Case.search_text`: the case's own record — its numbers, title, the officers' decision and forwarding
  summaries, and each subject as recorded in this case (name, agency, position) with the NIP;
- `Case.search_text_reports`: its reports — their numbers, the description (also the case summary, which
  copies it), the place, and the terlapor as the reporter named them.

Never the reporter's identity (sealed, `ReporterIdentity`), witnesses or messages. The columns are a
derived index, not a record: they are written with `update()` (no audit row, no version bump, no
signals) by `netra.cases.receivers_search` after each commit that touched a case, and rebuilt in bulk by
the `cases_search_reindex` command and the migration that added them.
"""

from collections import defaultdict
from collections.abc import Iterable

from netra.cases import search
from netra.cases.models import Case, CaseReport, CaseSubject
from netra.intake.models import ReportedPerson

BATCH = 500


def search_texts(
    *,
    case_ids: list[int],
    case_model=Case,
    subject_model=CaseSubject,
    link_model=CaseReport,
    person_model=None,
) -> dict[int, tuple[str, str]]:
    """case id → (search_text, search_text_reports), in four queries per batch. The model arguments let
    the migration pass its historical models."""
    person_model = person_model or ReportedPerson
    case_texts: dict[int, list[str]] = defaultdict(list)
    case_ids_: dict[int, list[str]] = defaultdict(list)
    report_texts: dict[int, list[str]] = defaultdict(list)
    report_ids: dict[int, list[str]] = defaultdict(list)
    rows = case_model.objects.filter(pk__in=case_ids).values_list(
        "pk", "reference", "registration_number", "title", "decision_summary", "forwarding_summary", "summary"
    )
    for pk, reference, registration, title, decision, forwarding, summary in rows:
        case_ids_[pk] += [reference or "", registration or ""]
        case_texts[pk] += [title, decision, forwarding]
        report_texts[pk].append(summary)
    subjects = subject_model.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "name", "agency_name", "agency__name", "position", "person__nip"
    )
    for case_id, name, agency_name, agency, position, nip in subjects:
        case_texts[case_id] += [name, agency_name, agency or "", position]
        case_ids_[case_id].append(nip)
    links = link_model.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "report_id", "report__reference", "report__description", "report__incident_place"
    )
    case_of_report = {}
    for case_id, report_id, reference, description, place in links:
        case_of_report[report_id] = case_id
        report_ids[case_id].append(reference or "")
        report_texts[case_id] += [description, place]
    named = person_model.objects.filter(report_id__in=list(case_of_report)).values_list(
        "report_id", "name", "nip", "agency_name", "position"
    )
    for report_id, name, nip, agency_name, position in named:
        case_id = case_of_report[report_id]
        report_texts[case_id] += [name, agency_name, position]
        report_ids[case_id].append(nip)
    return {
        pk: (
            search.document(case_texts[pk], case_ids_[pk]),
            search.document(report_texts[pk], report_ids[pk]),
        )
        for pk in case_texts
    }


def case_search_refresh(*, case_ids: Iterable[int], case_model=Case, **models) -> int:
    """Rewrite the search text of these cases (those that changed). Returns how many rows changed."""
    ids = sorted(set(case_ids))
    changed = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        texts = search_texts(case_ids=batch, case_model=case_model, **models)
        current = dict(
            (pk, (a, b))
            for pk, a, b in case_model.objects.filter(pk__in=batch).values_list(
                "pk", "search_text", "search_text_reports"
            )
        )
        for pk, (text, reports) in texts.items():
            if current.get(pk) != (text, reports):
                changed += case_model.objects.filter(pk=pk).update(
                    search_text=text, search_text_reports=reports
                )
    return changed

"""Refresh a case's search text after any commit that touched the case, its subjects or its reports.

Index upkeep, not business logic: the services stay unaware of it (a new service that edits a subject or
a report needs nothing extra). Cases touched within one transaction are collected and refreshed once, on
commit, in one batch (netra.core.aftercommit); rolled-back changes refresh nothing.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from netra.cases.models import Case, CaseReport, CaseSubject, Person
from netra.core.aftercommit import refresh_after_commit
from netra.intake.models import Report, ReportedPerson


def _refresh(case_ids: set[int]) -> None:
    from netra.cases.services.search import case_search_refresh

    case_search_refresh(case_ids=case_ids)


def _queue(case_ids) -> None:
    refresh_after_commit("search", case_ids, _refresh)


@receiver(post_save, sender=Case, dispatch_uid="cases.search.case")
def _case_saved(sender, instance: Case, update_fields=None, **kwargs) -> None:
    if update_fields and set(update_fields) <= {"version", "updated_at", "reporter_notified_at"}:
        return
    _queue([instance.pk])


@receiver([post_save, post_delete], sender=CaseSubject, dispatch_uid="cases.search.subject")
@receiver([post_save, post_delete], sender=CaseReport, dispatch_uid="cases.search.case_report")
def _case_part_changed(sender, instance, **kwargs) -> None:
    _queue([instance.case_id])


@receiver(post_save, sender=Person, dispatch_uid="cases.search.person")
def _person_saved(sender, instance: Person, created: bool = False, **kwargs) -> None:
    if not created:  # the NIP may have been added or corrected
        _queue(CaseSubject.objects.filter(person=instance).values_list("case_id", flat=True))


@receiver(post_save, sender=Report, dispatch_uid="cases.search.report")
def _report_saved(sender, instance: Report, created: bool = False, **kwargs) -> None:
    if not created:
        _queue(CaseReport.objects.filter(report=instance).values_list("case_id", flat=True))


@receiver([post_save, post_delete], sender=ReportedPerson, dispatch_uid="cases.search.reported_person")
def _reported_person_changed(sender, instance: ReportedPerson, **kwargs) -> None:
    _queue(CaseReport.objects.filter(report_id=instance.report_id).values_list("case_id", flat=True))

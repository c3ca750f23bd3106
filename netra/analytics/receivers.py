"""Keep the fact table in step with live cases: any commit that touched a case, its subjects, their
recommendations or sanctions, or its clarifications refreshes that case's facts once, after commit
(rolled-back changes refresh nothing). Upkeep, not business logic: the cases app knows nothing of it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from netra.cases.models import Case, CaseEvent, CaseSubject, Clarification, Recommendation, SanctionRecord
from netra.core.aftercommit import refresh_after_commit


def _refresh(case_ids: set[int]) -> None:
    from netra.analytics.facts import facts_refresh

    facts_refresh(case_ids=case_ids)


def _queue(case_ids) -> None:
    refresh_after_commit("facts", case_ids, _refresh)


@receiver(post_save, sender=Case, dispatch_uid="analytics.case")
def _case_saved(sender, instance: Case, update_fields=None, **kwargs) -> None:
    if update_fields and set(update_fields) <= {"version", "updated_at", "reporter_notified_at"}:
        return
    _queue([instance.pk])


@receiver([post_save, post_delete], sender=CaseSubject, dispatch_uid="analytics.subject")
@receiver([post_save, post_delete], sender=Clarification, dispatch_uid="analytics.clarification")
@receiver(post_save, sender=CaseEvent, dispatch_uid="analytics.event")
def _case_part_changed(sender, instance, **kwargs) -> None:
    _queue([instance.case_id])


@receiver([post_save, post_delete], sender=Recommendation, dispatch_uid="analytics.recommendation")
@receiver([post_save, post_delete], sender=SanctionRecord, dispatch_uid="analytics.sanction")
def _subject_part_changed(sender, instance, **kwargs) -> None:
    _queue(CaseSubject.objects.filter(pk=instance.subject_id).values_list("case_id", flat=True))

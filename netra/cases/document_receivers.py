"""Letters issued with their transition (netra.cases.signals.case_transitioned, sent inside the
transition's transaction, so a failed letter rolls the move back): `forward` issues the forwarding
letter, `recommend` one recommendation letter per addressed PPK. The status notice is not automatic
(see services.documents)."""

from django.dispatch import receiver

from netra.cases.signals import case_transitioned


@receiver(case_transitioned, dispatch_uid="cases.letters_on_transition")
def _letters_on_transition(sender, case, transition, actor, payload, event, now=None, **kwargs) -> None:
    from netra.cases.services.common import case_bump
    from netra.cases.services.documents import forwarding_letter_issue, recommendation_letters_issue

    if transition.name == "forward":
        forwarding_letter_issue(case=case, actor=actor, now=now)
        case_bump(case)
    elif transition.name == "recommend":
        ids = event.data.get("recommendation_ids", [])
        if recommendation_letters_issue(case=case, recommendation_ids=ids, actor=actor, now=now):
            case_bump(case)

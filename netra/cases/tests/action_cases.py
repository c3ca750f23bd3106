"""Cases for the named actions on a case (netra/cases/permissions.py), checked by
netra/core/tests/test_action_permissions.py, which fails if a registered action has none.
World: `case_world` (netra/cases/tests/fixtures.py): a Balikpapan laporan in kajian awal."""

from netra.cases.models import Case, Person
from netra.cases.tests.fixtures import NOW, days
from netra.core.testing import ActionCase

DENIED = "permission-denied"


def _registered(world) -> None:
    """The case registered: its follow-up clock runs."""
    from netra.cases.services.transitions import case_transition

    case_transition(
        case_id=world["case"].pk, user=world["users"]["bpp_officer"], name="register", now=NOW + days(1)
    )


def _stopped(world) -> None:
    from netra.cases.services.transitions import case_transition

    u = world["users"]["bpp_officer"]
    case_transition(case_id=world["case"].pk, user=u, name="withdraw", payload={"reason": "Dicabut"}, now=NOW)


CASES = [
    ActionCase(
        Case,
        "classify",
        allowed="bpp_officer",
        # a viewer lacks the permission; the PPK never re-judges the violation
        refused=(("bpp_viewer", DENIED), ("bkpsdm_officer", "not_your_stage")),
    ),
    # an ended case is changed only after reopening
    ActionCase(
        Case,
        "classify",
        allowed=None,
        refused=(("bpp_officer", "case_closed"), ("bpp_head", "case_closed")),
        prepare=_stopped,
    ),
    ActionCase(
        Case, "extend_deadline", allowed="bpp_officer", refused=(("bpp_viewer", DENIED),), prepare=_registered
    ),
    ActionCase(  # no follow-up clock runs before registration: nobody extends it
        Case,
        "extend_deadline",
        allowed=None,
        refused=(("bpp_officer", "no_running_clock"), ("platform", "no_running_clock")),
    ),
    ActionCase(Case, "add_subject", allowed="bpp_officer", refused=(("bpp_viewer", DENIED),)),
    ActionCase(Case, "edit_subject", allowed="bpp_officer", refused=(("bpp_viewer", DENIED),)),
    ActionCase(Case, "edit", allowed="bpp_officer", refused=(("bpp_viewer", DENIED),)),
    ActionCase(Case, "note", allowed="bpp_officer", refused=(("bpp_viewer", DENIED),)),
    ActionCase(Case, "assign", allowed="bpp_head", refused=(("bpp_viewer", DENIED),)),
]
CASES += [
    # supervisors with the permission to add cases; the oversight body and viewers do not record temuan
    ActionCase(
        Case,
        "record_finding",
        allowed="bpp_officer",
        refused=(("bkn_officer", DENIED), ("bpp_viewer", DENIED)),
    ),
]
CASES += [
    # the status notice waits for the plenary decision (or a stop) and goes to a case with a reporter
    ActionCase(Case, "notify_reporter", allowed=None, refused=(("bpp_officer", "status_not_settled"),)),
    ActionCase(
        Case,
        "notify_reporter",
        allowed="bpp_officer",
        refused=(("bpp_viewer", DENIED), ("bkn_officer", DENIED)),
        prepare=_stopped,
    ),
    ActionCase(
        Case,
        "clarify",
        allowed="bpp_officer",
        refused=(("bpp_viewer", DENIED), ("bkn_officer", "not_your_stage")),
    ),
    # merging is the leadership's: an officer lacks the permission
    ActionCase(
        Case, "merge", allowed="bpp_head", refused=(("bpp_officer", "no_permission"), ("bkn_head", DENIED))
    ),
    ActionCase(Case, "upload_document", allowed="bpp_officer", refused=(("bpp_viewer", DENIED),)),
    # a terlapor record wholly inside Balikpapan's cases: Balikpapan's officers change it
    ActionCase(
        Person,
        "edit",
        allowed="bpp_officer",
        refused=(("bpp_viewer", DENIED),),
        obj=lambda w: w["case"].subjects.first().person,
    ),
]

"""Cases for the named actions on a patrol queue item (netra/patrol/permissions.py), checked by
netra/core/tests/test_action_permissions.py. World: `case_world` (Balikpapan supervisors, the PPK)."""

from netra.core.testing import ActionCase
from netra.patrol.models import PatrolItem

DENIED = "permission-denied"
DECIDED = frozenset({"item_decided"})


def _item(world) -> PatrolItem:
    """An open capture item of Bawaslu Kota Balikpapan (made once per world)."""
    from netra.patrol.services.capture import CaptureIn, capture_create

    if "patrol_item" not in world:
        data = CaptureIn(url="https://x.com/lurah/status/7", region_code="64.71", text="Coblos nomor 1")
        world["patrol_item"] = capture_create(actor=world["users"]["bpp_officer"], data=data).item
    return world["patrol_item"]


def _decided(world) -> None:
    from netra.patrol.services.review import item_dismiss

    item_dismiss(actor=world["users"]["bpp_officer"], item_id=_item(world).pk, reason="Bukan dukungan.")


CASES = [
    *[
        ActionCase(
            PatrolItem,
            action,
            allowed="bpp_officer",
            # a viewer reads the queue but does not decide; the PPK's officers are not supervisors
            refused=(("bpp_viewer", DENIED), ("bkpsdm_officer", "not_your_stage")),
            obj=_item,
        )
        for action in ("dismiss", "make_finding")
    ],
    *[
        ActionCase(
            PatrolItem,
            action,
            allowed=None,
            refused=(("bpp_officer", "item_decided"), ("bpp_head", "item_decided")),
            obj=_item,
            prepare=_decided,
            state_codes=DECIDED,
        )
        for action in ("dismiss", "make_finding")
    ],
]

"""Rotating the identity/evidence key without downtime (issue 13): at every step of the documented
procedure (docs/operations.md), every identity and every evidence original still opens, its content
unchanged; at the end the old private key is removed and nothing needs it."""

import hashlib
import io
import json

import pytest
from django.core.management import call_command

from netra.core import sealing
from netra.core.keys import rotation_pending, sealed_models
from netra.intake.crypto import generate_keypair, open_identity

pytestmark = pytest.mark.django_db


@pytest.fixture
def sealed_world(world, settings, tmp_path):
    """Three reports with sealed identities and two evidence photos, all sealed to the old key i1."""
    from netra.evidence.tests.factories import EvidenceFactory
    from netra.intake.submission import IdentityIn, report_submit
    from netra.intake.tests.conftest import NOW, make_submission

    settings.NETRA_EVIDENCE_ROOT = str(tmp_path / "evidence")
    reports = []
    for i in range(3):
        identity = IdentityIn(name=f"Pelapor Rahasia {i}", nik=f"647101234567000{i}", phone=f"0812000000{i}")
        reports.append(report_submit(submission=make_submission(identity=identity), now=NOW).report)
    evidence = [EvidenceFactory(report=reports[0]), EvidenceFactory(report=reports[1])]
    return {"reports": reports, "evidence": evidence}


def _identities() -> dict:
    from netra.intake.models import ReporterIdentity

    return {
        row.pk: open_identity(bytes(row.sealed))
        for row in ReporterIdentity.objects.filter(sealed__isnull=False)
    }


def _originals(evidence) -> dict:
    """Each original opened through the sealed storage, checked against its recorded SHA-256."""
    opened = {}
    for item in evidence:
        item.refresh_from_db()
        with item.original.storage.open(item.original.name, "rb") as handle:
            data = handle.read()
        assert hashlib.sha256(data).hexdigest() == item.sha256
        opened[item.pk] = data
    return opened


def _key_ids() -> set[str]:
    from netra.intake.models import ReporterIdentity

    return set(ReporterIdentity.objects.filter(sealed__isnull=False).values_list("key_id", flat=True))


def test_rotation_without_downtime(sealed_world, settings):
    from netra.audit.models import AuditLogEntry
    from netra.intake.submission import IdentityIn, report_submit
    from netra.intake.tests.conftest import NOW, make_submission

    old_private = settings.NETRA_IDENTITY_PRIVATE_KEYS["i1"]
    identities, originals = _identities(), _originals(sealed_world["evidence"])
    assert len(identities) == 3
    assert _key_ids() == {"i1"}

    # 1. The officers' tier gets both private keys: nothing changes for readers.
    new_public, new_private = generate_keypair()
    settings.NETRA_IDENTITY_PRIVATE_KEYS = {"i1": old_private, "i2": new_private}
    assert _identities() == identities

    # 2. Every tier seals to i2: new data under i2, old data still opens with i1.
    settings.NETRA_IDENTITY_KEY_ID, settings.NETRA_IDENTITY_PUBLIC_KEY = "i2", new_public
    fresh = IdentityIn(name="Pelapor Baru", nik="6471012345670009", phone="081200000009")
    report_submit(submission=make_submission(identity=fresh), now=NOW)
    identities = _identities()
    assert len(identities) == 4
    assert _key_ids() == {"i1", "i2"}
    assert _originals(sealed_world["evidence"]) == originals
    pending = rotation_pending()
    assert pending.rows["intake.ReporterIdentity"] == 3
    assert pending.files == 2

    # 3. Re-seal in batches of one; between batches everything still reads.
    from netra.core.keys import keys_rotate_batch

    batches = 0
    while keys_rotate_batch(batch=1).total:
        batches += 1
        assert _identities() == identities
        assert _originals(sealed_world["evidence"]) == originals
    assert batches >= 3
    assert _key_ids() == {"i2"}
    assert AuditLogEntry.objects.filter(action="keys.rotate").count() >= 5
    out = io.StringIO()
    call_command("rotate_keys", "--check", stdout=out)
    check = json.loads(out.getvalue())
    assert check["files"] == 0
    assert set(check["pending"].values()) == {0}

    # 4. The old private key goes: everything opens with i2 alone, unchanged.
    settings.NETRA_IDENTITY_PRIVATE_KEYS = {"i2": new_private}
    assert _identities() == identities
    assert _originals(sealed_world["evidence"]) == originals


def test_without_rotation_the_old_key_cannot_go(sealed_world, settings):
    """The control: had the rows not been re-sealed, removing i1 would lock them away; the command
    refuses to run without the old key instead of half-rotating."""
    new_public, new_private = generate_keypair()
    settings.NETRA_IDENTITY_KEY_ID, settings.NETRA_IDENTITY_PUBLIC_KEY = "i2", new_public
    settings.NETRA_IDENTITY_PRIVATE_KEYS = {"i2": new_private}
    with pytest.raises(sealing.KeyUnavailableError):
        _identities()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="old private key"):
        call_command("rotate_keys", stdout=io.StringIO())
    assert _key_ids() == {"i1"}


def test_every_sealed_model_is_rotated():
    """Rows sealed to the office key are found by shape (`sealed` + `key_id`), so a new sealed model
    (witnesses) is rotated without changing the command."""
    labels = {m._meta.label for m in sealed_models()}
    assert "intake.ReporterIdentity" in labels

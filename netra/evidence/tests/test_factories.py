"""The evidence factories store what the services store: the hash of the bytes on disk, a display copy
without the reporter's metadata, the custody chain from its first step, and links as classified."""

import hashlib

import pytest

from netra.evidence.models import CustodyAction, UploadedBy
from netra.evidence.selectors import custody_event_list
from netra.evidence.services import evidence_open
from netra.evidence.services.links import link_platform
from netra.evidence.tests import fixtures as F
from netra.evidence.tests.factories import CustodyEventFactory, EvidenceFactory, EvidenceLinkFactory

pytestmark = pytest.mark.django_db


def test_a_file_is_stored_through_the_service_and_opens_byte_for_byte(officer):
    data = F.png_bytes(text={"Author": F.REPORTER_NAME})
    stored = EvidenceFactory(data=data, name="layar.png", uploaded_by=UploadedBy.OFFICER, user=officer)
    stored.full_clean()
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.report.reference.startswith("LAP-2024-")
    assert [e.action for e in custody_event_list(evidence=stored)] == ["received", "stored", "stripped"]
    original, _ = evidence_open(evidence=stored, user=officer, variant="original")
    with original:
        assert original.read() == data
    display, _ = evidence_open(evidence=stored, user=officer)
    with display:
        assert F.REPORTER_NAME.encode() not in display.read()


def test_build_is_refused_rather_than_an_unhashed_row():
    with pytest.raises(TypeError, match="evidence_store"):
        EvidenceFactory.build()
    with pytest.raises(TypeError, match="sha256"):
        EvidenceFactory(sha256="0" * 64)


def test_links_and_custody_steps_are_valid_rows(report, officer):
    link = EvidenceLinkFactory(report=report)
    link.full_clean()
    assert link.platform == link_platform(link.url)
    step = CustodyEventFactory(actor=officer)
    step.full_clean()
    assert (step.action, step.actor_label) == (CustodyAction.VIEWED, officer.get_username())
    assert list(custody_event_list(evidence=step.evidence))[-1] == step

"""Factories for evidence: files, links and custody events, on intake's `ReportFactory` reports.

A file is stored through the service (`evidence_check` + `evidence_store`), never written as a bare row:
its hash must match the bytes on disk (every download checks it), its original is sealed at rest, its
display copy stripped, and its custody chain and audit row begin as they do in production. Tests that
store files need a private evidence folder (`evidence_dir` here, `settings.NETRA_EVIDENCE_ROOT`
elsewhere).
"""

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from netra.evidence.models import CustodyAction, CustodyEvent, Evidence, EvidenceLink, Platform, UploadedBy
from netra.evidence.services import evidence_check, evidence_store
from netra.evidence.tests import fixtures as files
from netra.intake.tests.factories import ReportFactory


class EvidenceFactory(factory.django.DjangoModelFactory):
    """A reporter's photo (JPEG with GPS and the reporter's name in its EXIF) stored for a report.
    `data`/`name` give another file; `user=` with `uploaded_by="petugas"` an officer's upload."""

    class Meta:
        model = Evidence

    report = factory.SubFactory(ReportFactory)
    uploaded_by = UploadedBy.REPORTER
    user = None
    # The upload itself (not model fields: the service derives kind, size, hashes and copies from it).
    data = factory.LazyFunction(lambda: files.jpeg_bytes(exif=files.gps_exif()))
    name = factory.Sequence(lambda n: f"IMG_bukti_{n}.jpg")

    @classmethod
    def _create(cls, model_class, *args, report, uploaded_by, user, data, name, **kwargs):
        if kwargs:  # kind, sha256, display... are the service's to decide
            raise TypeError(
                f"EvidenceFactory takes report, uploaded_by, user, data, name; not {sorted(kwargs)}"
            )
        checked = evidence_check(uploaded_file=SimpleUploadedFile(name, data))
        return evidence_store(report=report, checked=checked, uploaded_by=uploaded_by, user=user)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise TypeError("Evidence is stored through evidence_store: use EvidenceFactory(), not .build().")


class EvidenceLinkFactory(factory.django.DjangoModelFactory):
    """A link to a post in a Facebook group, as `evidence_link_prepare` classifies it."""

    class Meta:
        model = EvidenceLink

    report = factory.SubFactory(ReportFactory)
    url = factory.Sequence(lambda n: f"https://www.facebook.com/groups/warga/posts/{1000 + n}")
    platform = Platform.FACEBOOK
    captured_at = factory.LazyFunction(timezone.now)


class CustodyEventFactory(factory.django.DjangoModelFactory):
    """One more step in a stored file's chain (append-only): an officer viewed it."""

    class Meta:
        model = CustodyEvent

    evidence = factory.SubFactory(EvidenceFactory)
    action = CustodyAction.VIEWED
    actor = None
    actor_label = factory.LazyAttribute(lambda o: o.actor.get_username() if o.actor else "sistem")

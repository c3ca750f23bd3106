import pytest
from django.contrib.auth.models import Permission

from netra.agencies.models import User
from netra.agencies.tests.factories import UserFactory
from netra.evidence.storage import evidence_root
from netra.intake.tests.factories import ReportFactory


@pytest.fixture(autouse=True)
def evidence_dir(settings, tmp_path):
    """Each test gets its own evidence folder (and proves the storage follows the setting)."""
    settings.NETRA_EVIDENCE_ROOT = tmp_path / "bukti"
    return evidence_root()


@pytest.fixture
def report(db):
    """A laporan as intake stores it (Balikpapan Selatan, Pilkada 2024): evidence belongs to a report."""
    return ReportFactory()


@pytest.fixture
def officer(db):
    """An officer allowed to download originals."""
    user = UserFactory(username="petugas-bukti")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="evidence", codename="download_original")
    )
    return User.objects.get(pk=user.pk)  # fresh instance: no stale permission cache


@pytest.fixture
def viewer(db):
    """An officer without the permission to download originals."""
    return UserFactory(username="pengamat-bukti")

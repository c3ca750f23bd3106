"""Factories for agencies and officers. Regions come from the data migration (real Kemendagri codes)."""

import factory

from netra.agencies.models import Agency, AgencyKind, OfficeLetterSettings, User
from netra.regions.models import Region
from netra.regions.timezones import WIB


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"agency-{n}")
    name = factory.Sequence(lambda n: f"Instansi {n}")
    kind = AgencyKind.BAWASLU_RI
    region = None
    timezone = factory.LazyAttribute(lambda o: o.region.timezone if o.region else WIB)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def bawaslu(code: str, *, parent: Agency | None = None) -> Agency:
    """The Bawaslu office of a region code ("" = Bawaslu RI)."""
    if not code:
        return AgencyFactory(code="bawaslu-ri", name="Bawaslu RI", kind=AgencyKind.BAWASLU_RI)
    reg = region(code)
    kind = {
        1: AgencyKind.BAWASLU_PROVINSI,
        2: AgencyKind.BAWASLU_KABKOTA,
        3: AgencyKind.PANWASLU_KECAMATAN,
    }[reg.level]
    prefix = "Panwaslu Kecamatan" if reg.level == 3 else "Bawaslu"
    name = f"{prefix} {reg.name}" if reg.level != 1 else f"Bawaslu Provinsi {reg.name}"
    return AgencyFactory(
        code=f"bawaslu-{code.replace('.', '-')}", name=name, kind=kind, region=reg, parent=parent
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"officer{n}")
    full_name = factory.Faker("name", locale="id_ID")
    agency = None
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class OfficeLetterSettingsFactory(factory.django.DjangoModelFactory):
    """What an office's letters carry besides its name: the kop's telephone and website, and the official
    who signs (with an 18-digit NIP). Bawaslu Kota Balikpapan's by default; one row per office."""

    class Meta:
        model = OfficeLetterSettings
        django_get_or_create = ("agency",)

    agency = factory.LazyFunction(lambda: bawaslu("64.71"))
    telephone = "(0542) 000000"
    website = "balikpapankota.bawaslu.go.id"
    signer_name = "Hendra Saputra, S.H."
    signer_position = factory.LazyAttribute(lambda o: f"Ketua {o.agency.name}")
    signer_on_behalf = ""
    signer_nip = factory.Sequence(lambda n: f"19750101200003{1000 + n % 9000:04d}")

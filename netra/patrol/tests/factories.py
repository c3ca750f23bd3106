"""Factories for the patrol app (fictional accounts and people)."""

import factory
from django.utils import timezone

from netra.elections.tests.factories import ContestantFactory
from netra.evidence.models import Platform
from netra.patrol.models import AccountRole, AsnAccount, ContestantAccount, ContestantProfile, EstablishedHow


class ContestantProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContestantProfile

    contestant = factory.SubFactory(ContestantFactory)
    nicknames = factory.LazyFunction(lambda: ["Bang Fiktif"])
    taglines = factory.LazyFunction(lambda: ["Kota Maju Bersama"])
    hashtags = factory.LazyFunction(lambda: ["FiktifMenang"])
    gestures = factory.LazyFunction(lambda: ["salam satu jari"])


class ContestantAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContestantAccount

    contestant = factory.SubFactory(ContestantFactory)
    platform = Platform.INSTAGRAM
    handle = factory.Sequence(lambda n: f"calonfiktif{n}")
    role = AccountRole.OFFICIAL


class AsnAccountFactory(factory.django.DjangoModelFactory):
    """An ASN's account registered by the officer's office in the officer's region (pass `established_by`)."""

    class Meta:
        model = AsnAccount

    platform = Platform.INSTAGRAM
    handle = factory.Sequence(lambda n: f"asn.fiktif{n}")
    name = factory.Sequence(lambda n: f"ASN Fiktif {n}")
    nip = ""
    agency_name = "Dinas Fiktif Kota Balikpapan"
    established_how = EstablishedHow.INVESTIGATION
    basis = "Berita acara klarifikasi uji"
    region_id = "64.71"
    office = factory.LazyAttribute(lambda o: o.established_by.agency)
    established_at = factory.LazyFunction(timezone.now)

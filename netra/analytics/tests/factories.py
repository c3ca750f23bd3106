"""Factories for analytics: a historical import and the facts it brought in.

Only *imported* facts are built here (`is_imported=True`, with their `ImportBatch`), as
`netra.analytics.imports` stores them: they live only in the fact table. A *live* fact is a projection
of a case and is never built by hand: make the case with the cases factories and call
`netra.analytics.facts.facts_refresh(case_ids=[case.pk])` (what the after-commit receiver runs), so the
fact says exactly what the case says.

Related rows are reference data: the reference Pilkada 2020 (by its code), Kota Balikpapan (64.71), its
Bawaslu and Pemkot Balikpapan (the agencies `world` uses, got or created by code).
"""

import datetime as dt
import hashlib

import factory

from netra.analytics.models import ImportBatch, Stage, SubjectFact
from netra.cases.models import PositionCategory
from netra.cases.tests.factories import handling_office, pemkot_balikpapan
from netra.rules.models import Category, Level, SubjectType


class ImportBatchFactory(factory.django.DjangoModelFactory):
    """A finished import of a spreadsheet of past cases (all its rows added)."""

    class Meta:
        model = ImportBatch

    file_name = factory.Sequence(lambda n: f"riwayat-kaltim-pilkada-2020-{n}.csv")
    file_sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.file_name.encode()).hexdigest())
    status = ImportBatch.Status.DONE
    rows_total = 1
    rows_done = factory.SelfAttribute("rows_total")
    rows_added = factory.SelfAttribute("rows_total")
    created_by = None
    finished_at = dt.datetime(2024, 10, 1, 9, 0, tzinfo=dt.UTC)


class ImportedFactFactory(factory.django.DjangoModelFactory):
    """One ASN of a past case, as a row of the import makes it: a lurah in Kota Balikpapan in Pilkada 2020
    who campaigned on social media, was found proven, forwarded to KASN, recommended a moral sanction
    and sanctioned so (stage `disanksi`). Trait `at_oversight`: forwarded and still waiting there."""

    class Meta:
        model = SubjectFact

    class Params:
        at_oversight = factory.Trait(
            stage=Stage.OVERSIGHT,
            recommended_on=None,
            sanctioned_on=None,
            closed_on=None,
            waiting_since=factory.SelfAttribute("forwarded_on"),
            recommended_level="",
            imposed_level="",
        )

    # The import's identity of a row is the SHA-256 of its normalised cells; any unique digest will do.
    row_key = factory.Sequence(lambda n: f"import:{hashlib.sha256(f'uji-{n}'.encode()).hexdigest()}")
    batch = factory.SubFactory(ImportBatchFactory)
    is_imported = True
    election_code = "pilkada-2020"
    election_kind = "pilkada"
    election_year = 2020
    region_code = "64.71"
    province_code = factory.LazyAttribute(lambda o: o.region_code[:2])
    office = factory.LazyAttribute(lambda o: handling_office(o.region_code))
    employer = factory.LazyFunction(pemkot_balikpapan)
    employer_name = factory.LazyAttribute(lambda o: o.employer.name if o.employer else "")
    violation_category = "medsos-kampanye"
    level = Category.ETHICS
    position_category = PositionCategory.CAMAT_LURAH
    employment_type = SubjectType.PNS
    received_on = dt.date(2020, 10, 5)
    registered_on = dt.date(2020, 10, 7)
    decided_on = dt.date(2020, 10, 19)
    proven = True
    forwarded_on = dt.date(2020, 10, 21)
    recommended_on = dt.date(2020, 11, 20)
    sanctioned_on = dt.date(2021, 1, 15)
    closed_on = factory.SelfAttribute("sanctioned_on")
    stage = Stage.SANCTIONED
    waiting_since = None
    outcome = "terbukti"
    recommended_level = Level.MORAL
    imposed_level = Level.MORAL

"""Catalogue rows that sit beside the violation catalogue: acts that may also be election crimes, and
ASN positions officers confuse with village offices."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from netra.core.models import Verification
from netra.elections.models import ElectionScope
from netra.rules.choices import Punishes, SubjectType
from netra.rules.models.catalogue import (
    CatalogueEntry,
    _in,
    english_field,
    internal_note_field,
    validate_text_list,
    verification_field,
)


class CrimeProvision(CatalogueEntry):
    """An act in the catalogue (a conduct) that may also be an election crime for one election type:
    the prohibition, the penal article, whom it punishes and which subject types it names. Bawaslu,
    with Polri and Kejaksaan in Sentra Gakkumdu, decides whether to forward (UU 7/2017 Pasal 476;
    UU 10/2016 Pasal 135): Netra only suggests it, with the article; it never routes automatically.
    Rows with `punishes = none` record that an article some officers cite is *not* a crime for that
    subject (e.g. UU 7/2017 Pasal 490 names only village heads)."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    election_kind = models.CharField(_("jenis pemilihan"), max_length=10, choices=ElectionScope.choices)
    conducts = models.JSONField(
        _("perbuatan (kode)"), default=list, validators=[validate_text_list], help_text=_("Kode perbuatan.")
    )
    subject_types = models.JSONField(
        _("jenis subjek yang disebut"), default=list, validators=[validate_text_list]
    )
    prohibition = models.CharField(_("larangan"), max_length=300)
    prohibition_en = english_field(_("larangan (Inggris)"))
    penal_article = models.CharField(_("pasal pidana"), max_length=200, blank=True)
    punishes = models.CharField(_("yang dipidana"), max_length=16, choices=Punishes.choices)
    penalty = models.CharField(_("ancaman pidana"), max_length=300, blank=True)
    penalty_en = english_field(_("ancaman pidana (Inggris)"))
    summary = models.TextField(_("ringkasan"))
    summary_en = english_field(_("ringkasan (Inggris)"), text=True)
    legal_basis = models.TextField(_("dasar hukum"))
    research_note = internal_note_field()
    verification = verification_field()
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["election_kind", "order", "code"]
        verbose_name = _("ketentuan pidana pemilihan")
        verbose_name_plural = _("ketentuan pidana pemilihan")
        constraints = [
            models.CheckConstraint(
                condition=Q(election_kind__in=[ElectionScope.PEMILU, ElectionScope.PILKADA]),
                name="crime_provision_election_kind_valid",
            ),
            models.CheckConstraint(
                condition=_in("punishes", Punishes), name="crime_provision_punishes_valid"
            ),
            models.CheckConstraint(
                condition=_in("verification", Verification), name="crime_provision_verification_valid"
            ),
            models.CheckConstraint(condition=~Q(legal_basis=""), name="crime_provision_has_legal_basis"),
        ]

    def __str__(self) -> str:
        return f"{self.get_election_kind_display()}: {self.prohibition} jo. {self.penal_article or '—'}"


class AsnPosition(CatalogueEntry):
    """A position held by an ASN that officers often mistake for something else (a lurah is not a village
    head: UU 23/2014 Pasal 229), with the employing authority (PPK) that usually sanctions it. Matched
    against the position text recorded for a terlapor by `subject_type_warning`."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    title = models.CharField(_("jabatan"), max_length=200)
    keywords = models.JSONField(
        _("kata kunci"),
        default=list,
        validators=[validate_text_list],
        help_text=_("Kata/frasa dalam teks jabatan yang menunjukkan jabatan ini (huruf kecil)."),
    )
    subject_type = models.CharField(_("jenis subjek"), max_length=20, choices=SubjectType.choices)
    usual_ppk = models.CharField(_("PPK yang lazim"), max_length=300)
    note = models.TextField(_("catatan"), blank=True)
    legal_basis = models.TextField(_("dasar hukum"))
    research_note = internal_note_field()
    verification = verification_field()
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("jabatan ASN")
        verbose_name_plural = _("jabatan ASN")
        constraints = [
            models.CheckConstraint(
                condition=_in("subject_type", SubjectType), name="asn_position_subject_valid"
            ),
            models.CheckConstraint(
                condition=_in("verification", Verification), name="asn_position_verification_valid"
            ),
            models.CheckConstraint(condition=~Q(legal_basis=""), name="asn_position_has_legal_basis"),
        ]

    def __str__(self) -> str:
        return self.title

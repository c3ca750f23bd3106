"""The law as data: the SKB 2022 violation catalogue, sanctions, ASN oversight bodies and routing.

Every row cites its legal basis and carries a verification marker (REGULATIONS.md: VERIFIED / SECONDARY /
CONFLICT / UNVERIFIED). Rows are loaded from `netra/rules/data/*.json` (migration 0002 and
`manage.py load_rules`); administrators tune the uncertain parts (the level of a CONFLICT row, validity
dates) in the admin, with history and an audit row for every change. `catalogue_values` remembers what
the data files said at the last load, so a reload never silently undoes an administrator's decision.
"""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from netra.core.models import TimeStampedModel, Verification
from netra.elections.models import ElectionScope
from netra.rules.choices import (
    LEVEL_SEVERITY,
    Category,
    Destination,
    EmploymentType,
    Level,
    Punishes,
    Stage,
    SubjectType,
    Verdict,
    ViolationClass,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = [
    "LEVEL_SEVERITY",
    "CatalogueEntry",
    "Category",
    "Conduct",
    "Destination",
    "EmploymentType",
    "Level",
    "OversightBody",
    "Punishes",
    "RoutingRule",
    "Sanction",
    "Stage",
    "SubjectType",
    "ViolationClass",
    "Verdict",
    "ViolationType",
    "internal_note_field",
    "validate_agency_kind",
    "validate_text_list",
]


def validate_agency_kind(value: str) -> None:
    """Blank, or one of `netra.agencies.models.AgencyKind` (kept as a validator so this app's migrations
    do not change whenever the agencies app adds a kind)."""
    from netra.agencies.models import AgencyKind

    if value and value not in AgencyKind.values:
        raise ValidationError(_("Jenis instansi tidak dikenal: %(value)s"), params={"value": value})


def validate_text_list(value) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValidationError(_("Harus berupa daftar teks (JSON list of strings)."))


def _in(field: str, choices: type[models.TextChoices]) -> Q:
    return Q(**{f"{field}__in": choices.values})


def _valid_range_q() -> Q:
    # For oversight bodies a blank start means "not in force yet", so an end needs a start.
    return Q(valid_until__isnull=True) | Q(valid_from__isnull=False, valid_until__gte=F("valid_from"))


def verification_field() -> models.CharField:
    """The REGULATIONS.md marker every catalogue row but a conduct carries (declared in each model, in
    its place: the field order is the admin form's order)."""
    return models.CharField(
        _("status verifikasi"), max_length=12, choices=Verification.choices, default=Verification.UNVERIFIED
    )


def internal_note_field(label: "StrOrPromise | None" = None) -> models.TextField:
    """Research notes (sources, confidence marks, to-dos): shown in the admin and to signed-in officers,
    never on public pages. The public fields carry the legal basis only (issue 14)."""
    return models.TextField(label or _("catatan riset (internal)"), blank=True)


def english_field(label: "StrOrPromise", *, text: bool = False) -> models.Field:
    """The English text of a catalogue field (shown when the active language is English; blank falls
    back to the Indonesian text)."""
    if text:
        return models.TextField(label, blank=True)
    return models.CharField(label, max_length=300, blank=True)


class CatalogueEntry(TimeStampedModel):
    """A row loaded from `netra/rules/data/*.json`. `catalogue_values` remembers what the data file said
    at the last load, so `load_rules` can tell an administrator's change from a change of the file.

    Only the non-editable field lives here: an inherited field comes first in a model's field order,
    which is the order of the admin's forms, so the editable shared fields (legal_basis, verification,
    is_active, order) stay declared in place. Each model declares its own `history = HistoricalRecords()`
    and `Meta` (constraint names are per model).
    """

    catalogue_values = models.JSONField(
        _("nilai dari berkas katalog"), default=dict, blank=True, editable=False
    )

    class Meta:
        abstract = True


class Conduct(CatalogueEntry):
    """An act (perbuatan) as a civil servant would describe it, independent of the election stage.

    One conduct groups the catalogue items that punish it: e.g. liking a candidate's post is KE-4 before
    candidates are determined and D-6 afterwards. The texts feed the self-check search.
    """

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    title = models.CharField(_("judul"), max_length=300)
    title_en = english_field(_("judul (Inggris)"))
    description = models.TextField(_("uraian"))
    description_en = english_field(_("uraian (Inggris)"), text=True)
    verdict = models.CharField(
        _("jawaban cek mandiri"),
        max_length=12,
        choices=Verdict.choices,
        default=Verdict.PROHIBITED,
        help_text=_("Tergantung: bila jawabannya bergantung pada syarat (mis. CLTN)."),
    )
    verdict_note = models.TextField(_("syarat jawaban"), blank=True)
    verdict_note_en = english_field(_("syarat jawaban (Inggris)"), text=True)
    keywords = models.JSONField(
        _("kata kunci"),
        default=list,
        blank=True,
        validators=[validate_text_list],
        help_text=_("Kata dan istilah sehari-hari (termasuk slang) untuk pencarian cek mandiri."),
    )
    cues = models.JSONField(
        _("frasa penanda"),
        default=list,
        blank=True,
        validators=[validate_text_list],
        help_text=_("Frasa yang kuat menunjukkan perbuatan ini (kata-katanya berdekatan dalam uraian)."),
    )
    requires = models.JSONField(
        _("kata wajib"),
        default=list,
        blank=True,
        validators=[validate_text_list],
        help_text=_("Bila diisi, uraian harus memuat salah satunya agar perbuatan ini cocok."),
    )
    examples = models.JSONField(
        _("contoh"),
        default=list,
        blank=True,
        validators=[validate_text_list],
        help_text=_("Contoh kalimat seperti yang ditulis seorang ASN."),
    )
    stage_gap_note = models.TextField(
        _("catatan tahap yang tidak tercakup"),
        blank=True,
        help_text=_("Ditampilkan bila tidak ada butir katalog untuk tahap tertentu."),
    )
    stage_gap_note_en = english_field(_("catatan tahap (Inggris)"), text=True)
    research_note = internal_note_field()
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("perbuatan")
        verbose_name_plural = _("perbuatan")

    def __str__(self) -> str:
        return self.title


class ViolationType(CatalogueEntry):
    """One item of SKB 2022 Lampiran II: KE-1..KE-7 (kode etik) and D-1..D-11 (disiplin, D-9 split).

    `level` is the level in force. For [CONFLICT] rows it is an administrator's choice among the
    positions recorded in `level_positions`; `catalogue_values["level"]` keeps the recommended default.
    """

    code = models.CharField(_("kode"), max_length=12, unique=True)
    conduct = models.ForeignKey(
        Conduct, verbose_name=_("perbuatan"), on_delete=models.PROTECT, related_name="violations"
    )
    title = models.TextField(_("bentuk pelanggaran (redaksi SKB)"))
    title_en = english_field(_("bentuk pelanggaran (Inggris)"), text=True)
    category = models.CharField(_("kategori"), max_length=10, choices=Category.choices)
    stage = models.CharField(_("tahap"), max_length=10, choices=Stage.choices, default=Stage.ANY)
    level = models.CharField(_("tingkat sanksi"), max_length=10, choices=Level.choices)
    applies_to_pns = models.BooleanField(_("berlaku bagi PNS"), default=True)
    applies_to_pppk = models.BooleanField(_("berlaku bagi PPPK"), default=True)
    legal_basis = models.TextField(_("dasar hukum"))
    source_note = internal_note_field(_("sumber (internal)"))
    verification = verification_field()
    level_positions = models.JSONField(
        _("posisi sumber tentang tingkat"),
        default=list,
        blank=True,
        help_text=_('Untuk baris [CONFLICT]: [{"level": "sedang", "sources": "..."}, ...].'),
    )
    valid_from = models.DateField(_("berlaku sejak"))
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("jenis pelanggaran")
        verbose_name_plural = _("jenis pelanggaran")
        constraints = [
            models.CheckConstraint(condition=_in("category", Category), name="violation_category_valid"),
            models.CheckConstraint(condition=_in("stage", Stage), name="violation_stage_valid"),
            models.CheckConstraint(condition=_in("level", Level), name="violation_level_valid"),
            models.CheckConstraint(
                condition=_in("verification", Verification), name="violation_verification_valid"
            ),
            # Ethics breaches carry a moral sanction (PP 42/2004 Pasal 15); discipline never does.
            models.CheckConstraint(
                condition=Q(category=Category.ETHICS, level=Level.MORAL)
                | (Q(category=Category.DISCIPLINE) & ~Q(level=Level.MORAL)),
                name="violation_level_matches_category",
            ),
            models.CheckConstraint(
                condition=Q(applies_to_pns=True) | Q(applies_to_pppk=True),
                name="violation_applies_to_someone",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="violation_valid_range",
            ),
            models.CheckConstraint(condition=~Q(legal_basis=""), name="violation_has_legal_basis"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}"

    def clean(self) -> None:
        super().clean()
        if self.verification == Verification.CONFLICT and not self.level_positions:
            raise ValidationError(
                {"level_positions": _("Baris [CONFLICT] harus mencatat posisi setiap sumber.")}
            )
        for position in self.level_positions or []:
            if (
                not isinstance(position, dict)
                or position.get("level") not in Level.values
                or not str(position.get("sources") or "").strip()
            ):
                raise ValidationError(
                    {"level_positions": _('Setiap posisi perlu "level" yang sah dan "sources".')}
                )


class Sanction(CatalogueEntry):
    """One concrete punishment of a level for PNS or PPPK, valid for a period (PP 53/2010 → PP 94/2021).

    A blank `valid_from` means "since before the period the catalogue covers" (the start date was not
    recorded); a blank `valid_until` means still in force.
    """

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    employment_type = models.CharField(_("jenis kepegawaian"), max_length=6, choices=EmploymentType.choices)
    name = models.CharField(_("nama sanksi"), max_length=300)
    name_en = english_field(_("nama sanksi (Inggris)"))
    description = models.TextField(_("uraian"), blank=True)
    legal_basis = models.TextField(_("dasar hukum"))
    source_note = internal_note_field(_("sumber (internal)"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    valid_from = models.DateField(_("berlaku sejak"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    verification = verification_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["employment_type", "order", "code"]
        verbose_name = _("sanksi")
        verbose_name_plural = _("sanksi")
        constraints = [
            models.CheckConstraint(condition=_in("level", Level), name="sanction_level_valid"),
            models.CheckConstraint(
                condition=_in("employment_type", EmploymentType), name="sanction_employment_type_valid"
            ),
            models.CheckConstraint(
                condition=_in("verification", Verification), name="sanction_verification_valid"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="sanction_valid_range",
            ),
            models.CheckConstraint(condition=~Q(legal_basis=""), name="sanction_has_legal_basis"),
        ]

    def __str__(self) -> str:
        return f"{self.get_employment_type_display()} · {self.name}"


class OversightBody(CatalogueEntry):
    """The body that examines ASN neutrality cases after Bawaslu forwards them: KASN, then BKN, then
    the independent body ordered by Putusan MK 121/PUU-XXII/2024. A blank `valid_from` means the body
    is not in force yet; the switch dates are data, so administrators move them without a deploy."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=40, blank=True)
    valid_from = models.DateField(
        _("berlaku sejak"), null=True, blank=True, help_text=_("Kosong berarti belum berlaku.")
    )
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    legal_basis = models.TextField(_("dasar hukum"))
    notes = models.TextField(_("catatan"), blank=True)
    notes_en = english_field(_("catatan (Inggris)"), text=True)
    research_note = internal_note_field()
    agency_kind = models.CharField(
        _("jenis instansi"),
        max_length=24,
        blank=True,
        validators=[validate_agency_kind],
        help_text=_("Nilai AgencyKind instansi penerima (mis. kasn, bkn); kosong bila belum ada."),
    )
    verification = verification_field()

    history = HistoricalRecords()

    class Meta:
        ordering = [F("valid_from").asc(nulls_last=True), "code"]
        verbose_name = _("badan pengawas ASN")
        verbose_name_plural = _("badan pengawas ASN")
        constraints = [
            models.CheckConstraint(condition=_valid_range_q(), name="oversight_valid_range"),
            models.CheckConstraint(
                condition=_in("verification", Verification), name="oversight_verification_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class RoutingRule(CatalogueEntry):
    """Who receives a matter after Bawaslu's kajian (UU 7/2017 Pasal 455; UU 1/2015 Pasal 135).

    A blank subject type or election kind is a wildcard; the most specific matching row wins.
    """

    subject_type = models.CharField(
        _("jenis subjek"), max_length=20, choices=SubjectType.choices, blank=True, default=SubjectType.ANY
    )
    violation_class = models.CharField(_("jenis pelanggaran"), max_length=20, choices=ViolationClass.choices)
    election_kind = models.CharField(
        _("jenis pemilihan"), max_length=10, choices=ElectionScope.choices, blank=True, default=""
    )
    destination = models.CharField(_("tujuan"), max_length=20, choices=Destination.choices)
    destination_agency_kind = models.CharField(
        _("jenis instansi tujuan"), max_length=24, blank=True, validators=[validate_agency_kind]
    )
    deadline_note = models.TextField(_("catatan tenggat"), blank=True)
    deadline_note_en = english_field(_("catatan tenggat (Inggris)"), text=True)
    legal_basis = models.TextField(_("dasar hukum"))
    note = models.TextField(_("catatan"), blank=True)
    note_en = english_field(_("catatan (Inggris)"), text=True)
    research_note = internal_note_field()
    verification = verification_field()
    priority = models.PositiveSmallIntegerField(
        _("urutan tampil"), default=0, help_text=_("Makin besar makin atas di tabel penerusan.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-priority", "violation_class", "subject_type", "election_kind"]
        verbose_name = _("aturan penerusan")
        verbose_name_plural = _("aturan penerusan")
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "violation_class", "election_kind"], name="routing_rule_unique"
            ),
            models.CheckConstraint(condition=_in("subject_type", SubjectType), name="routing_subject_valid"),
            models.CheckConstraint(
                condition=_in("violation_class", ViolationClass), name="routing_class_valid"
            ),
            models.CheckConstraint(
                condition=_in("election_kind", ElectionScope), name="routing_election_kind_valid"
            ),
            models.CheckConstraint(
                condition=_in("destination", Destination), name="routing_destination_valid"
            ),
            models.CheckConstraint(
                condition=_in("verification", Verification), name="routing_verification_valid"
            ),
            models.CheckConstraint(condition=~Q(legal_basis=""), name="routing_has_legal_basis"),
        ]

    def __str__(self) -> str:
        subject = self.get_subject_type_display()
        kind = self.get_election_kind_display()
        return f"{subject} · {self.get_violation_class_display()} · {kind} → {self.get_destination_display()}"

"""Acts an ASN may do (or may do under a condition): the self-check's "boleh" answers, with their basis."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from netra.core.models import Verification
from netra.rules.choices import Verdict
from netra.rules.models.catalogue import (
    CatalogueEntry,
    _in,
    english_field,
    internal_note_field,
    validate_text_list,
    verification_field,
)


class PermittedAct(CatalogueEntry):
    """An act that is not a neutrality breach (voting, reading the news, …) or is one only under a
    condition (attending a campaign passively; accompanying a spouse on CLTN). The self-check matches it
    like a conduct and answers "boleh" or "tergantung" with `explanation` and `legal_basis`;
    `related_conducts` names the prohibited conducts the act turns into when the condition fails."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    title = models.CharField(_("judul"), max_length=300)
    title_en = english_field(_("judul (Inggris)"))
    verdict = models.CharField(
        _("jawaban cek mandiri"),
        max_length=12,
        choices=[c for c in Verdict.choices if c[0] != Verdict.PROHIBITED],
        default=Verdict.ALLOWED,
    )
    explanation = models.TextField(_("penjelasan"))
    explanation_en = english_field(_("penjelasan (Inggris)"), text=True)
    keywords = models.JSONField(_("kata kunci"), default=list, blank=True, validators=[validate_text_list])
    examples = models.JSONField(_("contoh"), default=list, blank=True, validators=[validate_text_list])
    cues = models.JSONField(_("frasa penanda"), default=list, blank=True, validators=[validate_text_list])
    requires = models.JSONField(_("kata wajib"), default=list, blank=True, validators=[validate_text_list])
    related_conducts = models.JSONField(
        _("perbuatan terkait (kode)"),
        default=list,
        blank=True,
        validators=[validate_text_list],
        help_text=_("Perbuatan terlarang yang terjadi bila syaratnya tidak dipenuhi."),
    )
    legal_basis = models.TextField(_("dasar hukum"))
    research_note = internal_note_field()
    verification = verification_field()
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("perbuatan yang diperbolehkan")
        verbose_name_plural = _("perbuatan yang diperbolehkan")
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict__in=[Verdict.ALLOWED, Verdict.DEPENDS]),
                name="permitted_act_verdict_valid",
            ),
            models.CheckConstraint(
                condition=_in("verification", Verification), name="permitted_act_verification_valid"
            ),
            models.CheckConstraint(condition=~Q(legal_basis=""), name="permitted_act_has_legal_basis"),
        ]

    def __str__(self) -> str:
        return self.title

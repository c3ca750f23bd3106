"""Agencies (Bawaslu at every level, BKN, KemenPANRB, Kemendagri, employing agencies and their PPK
units, TNI/Polri liaisons) and the people who work in them."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from netra.core.models import TimeStampedModel


class AgencyKind(models.TextChoices):
    BAWASLU_RI = "bawaslu_ri", _("Bawaslu RI")
    BAWASLU_PROVINSI = "bawaslu_provinsi", _("Bawaslu Provinsi")
    BAWASLU_KABKOTA = "bawaslu_kabkota", _("Bawaslu Kabupaten/Kota")
    PANWASLU_KECAMATAN = "panwaslu_kecamatan", _("Panwaslu Kecamatan")
    BKN = "bkn", _("Badan Kepegawaian Negara (BKN)")
    BKN_KANREG = "bkn_kanreg", _("Kantor Regional BKN")
    KASN = "kasn", _("Komisi Aparatur Sipil Negara (KASN)")
    KEMENPANRB = "kemenpanrb", _("Kementerian PANRB")
    KEMENDAGRI = "kemendagri", _("Kementerian Dalam Negeri")
    INSTANSI = "instansi", _("Instansi pemerintah (PPK)")
    BKPSDM = "bkpsdm", _("BKPSDM / BKD")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    TNI = "tni", _("TNI (Polisi Militer)")
    POLRI = "polri", _("Polri")
    GAKKUMDU = "gakkumdu", _("Sentra Gakkumdu")
    KPU = "kpu", _("KPU")
    DKPP = "dkpp", _("DKPP")
    PEMDA = "pemda", _("Kepala daerah (bupati/wali kota)")


class AgencyFamily(models.TextChoices):
    """How an agency kind reaches records; the scoping rules switch on this, not on the kind."""

    BAWASLU = "bawaslu", _("Pengawas pemilu")
    OVERSIGHT = "oversight", _("Pengawas ASN / Satgas")
    EMPLOYER = "employer", _("Instansi pemberi kerja")
    RECIPIENT = "recipient", _("Penerima penerusan lain")


FAMILY_OF_KIND: dict[str, str] = {
    AgencyKind.BAWASLU_RI: AgencyFamily.BAWASLU,
    AgencyKind.BAWASLU_PROVINSI: AgencyFamily.BAWASLU,
    AgencyKind.BAWASLU_KABKOTA: AgencyFamily.BAWASLU,
    AgencyKind.PANWASLU_KECAMATAN: AgencyFamily.BAWASLU,
    AgencyKind.BKN: AgencyFamily.OVERSIGHT,
    AgencyKind.BKN_KANREG: AgencyFamily.OVERSIGHT,
    AgencyKind.KASN: AgencyFamily.OVERSIGHT,
    AgencyKind.KEMENPANRB: AgencyFamily.OVERSIGHT,
    AgencyKind.KEMENDAGRI: AgencyFamily.OVERSIGHT,
    AgencyKind.INSTANSI: AgencyFamily.EMPLOYER,
    AgencyKind.BKPSDM: AgencyFamily.EMPLOYER,
    AgencyKind.INSPEKTORAT: AgencyFamily.EMPLOYER,
    AgencyKind.TNI: AgencyFamily.RECIPIENT,
    AgencyKind.POLRI: AgencyFamily.RECIPIENT,
    AgencyKind.GAKKUMDU: AgencyFamily.RECIPIENT,
    AgencyKind.KPU: AgencyFamily.RECIPIENT,
    AgencyKind.DKPP: AgencyFamily.RECIPIENT,
    AgencyKind.PEMDA: AgencyFamily.RECIPIENT,
}

# Which region level a kind's jurisdiction must have (None = national, no region).
REGION_LEVEL_OF_KIND: dict[str, int | None] = {
    AgencyKind.BAWASLU_RI: None,
    AgencyKind.BAWASLU_PROVINSI: 1,
    AgencyKind.BAWASLU_KABKOTA: 2,
    AgencyKind.PANWASLU_KECAMATAN: 3,
    AgencyKind.BKN: None,
    AgencyKind.KASN: None,
    AgencyKind.KEMENPANRB: None,
    AgencyKind.KEMENDAGRI: None,
    AgencyKind.DKPP: None,
}


class Agency(TimeStampedModel):
    """An office that takes part in a case. Its jurisdiction is a region (code prefix) or national."""

    code = models.SlugField(_("kode"), max_length=80, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=24, choices=AgencyKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_(
            "Mis. BKPSDM dan Inspektorat di bawah pemerintah daerahnya; Bawaslu Kota di bawah provinsi."
        ),
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("wilayah kerja"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
        help_text=_("Kosong berarti nasional."),
    )
    timezone = models.CharField(
        _("zona waktu"), max_length=32, help_text=_("Diisi dari wilayah; kantor nasional memakai WIB.")
    )
    email = models.EmailField(_("surel resmi"), blank=True)
    address = models.TextField(_("alamat"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "region_id", "name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="agency_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def family(self) -> str:
        return FAMILY_OF_KIND[self.kind]

    @property
    def jurisdiction_code(self) -> str:
        """Region code prefix of the jurisdiction; "" is national."""
        return self.region_id or ""


class OfficeLetterSettings(TimeStampedModel):
    """What an office's official letters carry besides its name and address: the kop (logo, telephone,
    website) and the official who signs (name, position, NIP), per Permendagri/PermenPANRB practice on
    *tata naskah dinas*. Edited by administrators in the agency's admin page."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("instansi"), on_delete=models.CASCADE, related_name="letter_settings"
    )
    logo = models.ImageField(_("logo kop surat"), upload_to="kop-surat/", blank=True)
    telephone = models.CharField(_("telepon"), max_length=60, blank=True)
    website = models.CharField(_("laman"), max_length=120, blank=True)
    signer_name = models.CharField(_("nama penanda tangan"), max_length=200, blank=True)
    signer_position = models.CharField(
        _("jabatan penanda tangan"),
        max_length=200,
        blank=True,
        help_text=_("Mis. “Ketua Bawaslu Kota Balikpapan” atau “Deputi Bidang Pengawasan dan Pengendalian”."),
    )
    signer_on_behalf = models.CharField(
        _("atas nama"),
        max_length=200,
        blank=True,
        help_text=_("Diisi bila penanda tangan menandatangani atas nama pimpinan, mis. “a.n. Kepala BKN”."),
    )
    signer_nip = models.CharField(_("NIP penanda tangan"), max_length=30, blank=True)
    extra_copies = models.TextField(
        _("tembusan tambahan"),
        blank=True,
        help_text=_("Satu baris satu penerima; ditambahkan ke setiap surat."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["agency"]
        verbose_name = _("pengaturan surat dinas")
        verbose_name_plural = _("pengaturan surat dinas")

    def __str__(self) -> str:
        return str(self.agency)


class User(AbstractUser):
    """A person working in one agency. Platform administrators may have no agency."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("instansi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    full_name = models.CharField(_("nama lengkap"), max_length=200, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username


class SavedView(TimeStampedModel):
    """One user's named filter for a list page (e.g. the case list): the page's own query string,
    rebuilt by the page from the filters it understands, so nothing else is ever stored. A saved view is
    its owner's alone; it narrows what the page shows, never widens the reader's scope."""

    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="saved_views"
    )
    page = models.CharField(_("halaman"), max_length=40)
    name = models.CharField(_("nama"), max_length=80)
    query = models.CharField(_("filter"), max_length=1000, blank=True)

    class Meta:
        ordering = ["user", "page", "name"]
        verbose_name = _("filter tersimpan")
        verbose_name_plural = _("filter tersimpan")
        constraints = [models.UniqueConstraint(fields=["user", "page", "name"], name="saved_view_unique")]

    def __str__(self) -> str:
        return self.name

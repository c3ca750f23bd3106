"""The catalogue's choice sets: violation category, election stage, sanction level, employment type,
subject type, violation class, forwarding destination and whom a criminal article punishes.

Re-exported by `netra.rules.models`, where they have always been imported from.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    ETHICS = "etik", _("Pelanggaran kode etik")
    DISCIPLINE = "disiplin", _("Pelanggaran disiplin")


class Stage(models.TextChoices):
    """Relative to the determination of candidates (penetapan calon/pasangan calon)."""

    BEFORE_DETERMINATION = "before", _("Sebelum penetapan calon (bakal calon)")
    AFTER_DETERMINATION = "after", _("Sejak penetapan calon")
    ANY = "any", _("Setiap tahap")


class Level(models.TextChoices):
    MORAL = "moral", _("Sanksi moral")
    RINGAN = "ringan", _("Hukuman disiplin ringan")
    SEDANG = "sedang", _("Hukuman disiplin sedang")
    BERAT = "berat", _("Hukuman disiplin berat")
    PTDH = "ptdh", _("Pemberhentian tidak dengan hormat")


# Severity order, used to name the heaviest outcome when several items apply.
LEVEL_SEVERITY: dict[str, int] = {
    Level.MORAL: 0,
    Level.RINGAN: 1,
    Level.SEDANG: 2,
    Level.BERAT: 3,
    Level.PTDH: 4,
}


class EmploymentType(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")


class SubjectType(models.TextChoices):
    ANY = "", _("Semua subjek")
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")
    NON_ASN = "non_asn", _("Pegawai non-ASN (honorer)")
    TNI = "tni", _("Anggota TNI")
    POLRI = "polri", _("Anggota Polri")
    KEPALA_DESA = "kepala_desa", _("Kepala desa")
    PERANGKAT_DESA = "perangkat_desa", _("Perangkat desa")
    BPD = "bpd", _("Anggota BPD")
    PENYELENGGARA = "penyelenggara", _("Penyelenggara pemilu (KPU/Bawaslu)")
    PENGAWAS_ADHOC = "pengawas_adhoc", _("Pengawas ad hoc (Panwascam, PKD, PTPS)")
    OTHER = "other", _("Lainnya")


class ViolationClass(models.TextChoices):
    NEUTRALITY = "neutrality", _("Pelanggaran peraturan perundang-undangan lainnya (netralitas)")
    ADMINISTRATIVE = "administrative", _("Pelanggaran administratif")
    CRIMINAL = "criminal", _("Tindak pidana pemilu/pemilihan")
    ELECTION_ETHICS = "election_ethics", _("Pelanggaran kode etik penyelenggara")


class Destination(models.TextChoices):
    OVERSIGHT_BODY = "oversight_body", _("Badan pengawas ASN yang berlaku (KASN/BKN)")
    POM_TNI = "pom_tni", _("Polisi Militer TNI")
    POLRI_INTERNAL = "polri_internal", _("Mekanisme internal Polri")
    GAKKUMDU = "gakkumdu", _("Sentra Gakkumdu")
    KPU = "kpu", _("KPU sesuai tingkatan")
    BAWASLU = "bawaslu", _("Bawaslu (diputus sendiri)")
    DKPP = "dkpp", _("DKPP")
    REGIONAL_HEAD = "regional_head", _("Bupati/Wali Kota")
    # Perangkat desa are sanctioned by the kepala desa (UU 6/2014 Pasal 52–53), not by the regent.
    VILLAGE_HEAD = "village_head", _("Kepala desa (setelah konsultasi dengan camat)")
    BAWASLU_KABKOTA = "bawaslu_kabkota", _("Bawaslu Kabupaten/Kota")
    RECORD_ONLY = "record_only", _("Dicatat Bawaslu (tidak ada instansi penerus)")


class Punishes(models.TextChoices):
    """Whom the criminal article punishes: the terlapor, or someone else (then the act is evidence
    against that person, and the terlapor is not the suspect)."""

    SUBJECT = "subject", _("Terlapor sendiri")
    CANDIDATE = "candidate", _("Calon/pasangan calon yang melibatkan (bukan terlapor)")
    CAMPAIGN_TEAM = "campaign_team", _("Pelaksana/tim kampanye yang mengikutsertakan (bukan terlapor)")
    NONE = "none", _("Tidak ada ancaman pidana bagi subjek ini")


class Verdict(models.TextChoices):
    """The self-check's first answer to "boleh tidak?"."""

    ALLOWED = "boleh", _("Boleh")
    PROHIBITED = "tidak_boleh", _("Tidak boleh")
    DEPENDS = "tergantung", _("Tergantung")

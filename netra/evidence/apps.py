from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    """Evidence files and links: sniffed types, hashes, originals kept byte for byte, metadata-stripped
    display copies, chain of custody."""

    name = "netra.evidence"
    label = "evidence"
    verbose_name = _("Bukti")

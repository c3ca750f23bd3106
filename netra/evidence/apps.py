from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    """Evidence files and links: sniffed types, hashes, originals kept byte for byte, metadata-stripped
    display copies, chain of custody."""

    name = "netra.evidence"
    label = "evidence"
    verbose_name = _("Bukti")

    def ready(self) -> None:
        # Pillow refuses (DecompressionBombError) above twice this anywhere in the process, and warns
        # above it: the same per-image limit the evidence check applies (issue 13).
        from PIL import Image

        from netra.evidence.inspection.images import MAX_IMAGE_PIXELS

        Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS

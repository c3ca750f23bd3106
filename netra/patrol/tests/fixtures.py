"""The patrol world: the agencies world, a Pilkada running today with Balikpapan's two pairs (profiles and
accounts), and one ASN account registered by Bawaslu Kota Balikpapan."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

from netra.elections.tests.factories import running_pilkada
from netra.patrol.registry_io import registry_specs
from netra.patrol.services.registry import registry_import

REGISTRY = {
    "election": "pilkada-uji-kini",
    "region": "64.71",
    "contestants": [
        {
            "office": "wali_kota",
            "ballot_number": 1,
            "candidate": "Andi Fiktif",
            "running_mate": "Budi Rekaan",
            "nicknames": ["Bang Andi"],
            "taglines": ["Balikpapan Melaju"],
            "hashtags": ["#AndiBudiMenang"],
            "gestures": ["salam satu jari"],
            "accounts": [{"platform": "instagram", "handle": "@andifiktif", "role": "official"}],
        },
        {
            "office": "wali_kota",
            "ballot_number": 2,
            "candidate": "Citra Karangan",
            "running_mate": "Dodi Khayal",
            "hashtags": ["CitraDodi2"],
            "gestures": ["salam dua jari"],
            "accounts": [{"platform": "instagram", "handle": "timcitradodi", "role": "campaign"}],
        },
    ],
}


@pytest.fixture
def patrol_world(world):
    from netra.agencies.roles import Role
    from netra.agencies.tests.factories import UserFactory
    from netra.patrol.tests.factories import AsnAccountFactory

    world["users"]["pbg_officer"] = UserFactory(
        username="u-pbg-officer", agency=world["agencies"]["pbg"], roles=[Role.OFFICER]
    )

    world["election"] = running_pilkada()
    registry_import(
        actor=world["users"]["bpp_officer"], specs=registry_specs(json.loads(json.dumps(REGISTRY)))
    )
    world["asn"] = AsnAccountFactory(
        handle="lurah.fiktif",
        name="Lurah Fiktif",
        nip="198501012010011001",
        position="Lurah Fiktif Sejahtera",
        established_by=world["users"]["bpp_officer"],
    )
    return world


def screenshot(lines: list[str], *, name: str = "tangkapan.png") -> SimpleUploadedFile:
    """A screenshot rendered here: black text on white, a large TrueType font (DejaVu/Noto if present)."""
    font = None
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    ):
        try:
            font = ImageFont.truetype(path, 32)
            break
        except OSError:
            continue
    font = font or ImageFont.load_default(size=32)
    image = Image.new("RGB", (1200, 70 * len(lines) + 60), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((40, 30 + 70 * i), line, fill="black", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")

"""OCR of screenshots with Tesseract and its Indonesian data (Debian tesseract-ocr, tesseract-ocr-ind)."""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError

OCR_LANG = "ind+eng"  # Indonesian posts mix in English; eng ships with tesseract-ocr
MAX_PIXELS = 40_000_000


class OcrError(Exception):
    """The image could not be read (not an image, too large, Tesseract missing or failing)."""


def ocr_image(data: bytes, *, lang: str = OCR_LANG, timeout: int = 60) -> str:
    """The text of an image, lines kept, blank lines dropped. Slow (seconds): never under a row lock."""
    import pytesseract

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise OcrError("image too large for OCR")
            gray = ImageOps.grayscale(ImageOps.exif_transpose(image))
            # Screenshots are small text at screen resolution: doubling helps Tesseract's LSTM.
            if gray.width < 1600:
                gray = gray.resize((gray.width * 2, gray.height * 2), Image.Resampling.LANCZOS)
            text = pytesseract.image_to_string(gray, lang=lang, timeout=timeout)
    except (UnidentifiedImageError, OSError) as exc:
        raise OcrError(f"not a readable image: {exc}") from None
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, RuntimeError) as exc:
        raise OcrError(f"tesseract failed: {exc}") from None
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())

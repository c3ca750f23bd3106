"""The receipt code kept in the reporter's own session for the minutes the receipt page may be reloaded.

The code is what opens the report to its holder (and with it the conversation with the office), so it is
kept encrypted: Fernet (AES-128-CBC + HMAC-SHA256, with its own timestamp) under a key derived from
SECRET_KEY with HKDF for this one purpose. Whoever reads the session store (a database dump, a Redis
snapshot) sees a token, not the code; a token older than NETRA_RECEIPT_SHOW_MINUTES is refused by the
cipher itself, not only by the page's clock check.
"""

import base64
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


@cache
def _fernet(secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"netra:intake:receipt-session").derive(
        secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def receipt_seal(code: str) -> str:
    return _fernet(settings.SECRET_KEY).encrypt(code.encode()).decode()


def receipt_unseal(token: str) -> str | None:
    """The code, or None when the token is altered, from another key, or older than the showing time."""
    try:
        return (
            _fernet(settings.SECRET_KEY)
            .decrypt(token.encode(), ttl=settings.NETRA_RECEIPT_SHOW_MINUTES * 60)
            .decode()
        )
    except (InvalidToken, ValueError):
        return None

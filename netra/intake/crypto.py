"""Reporter protection primitives.

- Identity: sealed with libsodium's sealed box (X25519 + XSalsa20-Poly1305, PyNaCl) to the office's
  public key. The public intake tier needs only the public key; opening requires a private key that can
  live on the officers' tier alone (docs/domain/reporting.md). Every blob starts with its key id, so keys
  rotate (`manage.py identity_rekey`).
- Blind indexes: HMAC-SHA256 under NETRA_BLIND_INDEX_KEY of the normalised NIK / phone / e-mail, so two
  reports by the same person can be linked without opening either.
- Receipts: 100 random bits shown once as 5 groups of 4 characters; stored only as an Argon2id hash
  (with a site-wide salt, so that a code can be looked up; its entropy, not the salt, is what stops
  guessing, and the slow hash protects a leaked table).
"""

import base64
import hashlib
import hmac
import json
import re
import secrets

from argon2.low_level import Type, hash_secret_raw
from django.conf import settings
from nacl.public import PrivateKey

from netra.core import sealing

RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
RECEIPT_GROUPS, RECEIPT_GROUP_LEN = 5, 4


# The public intake tier holds no private key: opening raises this.
IdentityKeyUnavailableError = sealing.KeyUnavailableError


def seal_identity(identity: dict) -> tuple[bytes, str]:
    """Seal a dict of identity fields to the current office key. Returns (blob, key_id)."""
    return sealing.seal(json.dumps(identity, ensure_ascii=False, sort_keys=True).encode())


def open_identity(blob: bytes) -> dict:
    """Open a sealed identity with the private key of its key id (officers' tier only)."""
    return json.loads(sealing.unseal(blob))


def generate_keypair() -> tuple[str, str]:
    """(public, private) as base64, for `manage.py identity_keygen`."""
    key = PrivateKey.generate()
    return base64.b64encode(bytes(key.public_key)).decode(), base64.b64encode(bytes(key)).decode()


# --- blind indexes ----------------------------------------------------------------------------------

_NON_DIGIT = re.compile(r"\D")


def normalise_phone(value: str) -> str:
    digits = _NON_DIGIT.sub("", value or "")
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    elif digits.startswith("8"):
        digits = "0" + digits
    return digits


def normalise(kind: str, value: str) -> str:
    value = (value or "").strip()
    if kind == "nik":
        return _NON_DIGIT.sub("", value)
    if kind == "phone":
        return normalise_phone(value)
    if kind == "email":
        return value.lower()
    raise ValueError(kind)


def blind_index(kind: str, value: str) -> str:
    """Keyed hash of a normalised identifier; "" when there is nothing to index."""
    norm = normalise(kind, value)
    if not norm:
        return ""
    key = settings.NETRA_BLIND_INDEX_KEY.encode()
    return hmac.new(key, f"{kind}:{norm}".encode(), hashlib.sha256).hexdigest()


# --- receipts -----------------------------------------------------------------------------------------


def generate_receipt() -> str:
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_GROUPS * RECEIPT_GROUP_LEN))
    return "-".join(chars[i : i + RECEIPT_GROUP_LEN] for i in range(0, len(chars), RECEIPT_GROUP_LEN))


def normalise_receipt(value: str) -> str:
    """Forgiving input: case, spaces, dashes, and the look-alikes O→0, I/L→1."""
    cleaned = re.sub(r"[\s\-_.]", "", (value or "").upper())
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def receipt_is_well_formed(value: str) -> bool:
    norm = normalise_receipt(value)
    return len(norm) == RECEIPT_GROUPS * RECEIPT_GROUP_LEN and all(c in RECEIPT_ALPHABET for c in norm)


def hash_receipt(value: str) -> str:
    params = settings.NETRA_RECEIPT_ARGON2
    digest = hash_secret_raw(
        secret=normalise_receipt(value).encode(),
        salt=settings.NETRA_RECEIPT_SALT.encode(),
        time_cost=params["time_cost"],
        memory_cost=params["memory_cost"],
        parallelism=params["parallelism"],
        hash_len=32,
        type=Type.ID,
    )
    return digest.hex()

"""Sealing to the office key: data the public tier can lock but only the officers' tier can open.

- `seal(data)`: libsodium sealed box (X25519 + XSalsa20-Poly1305) to NETRA_IDENTITY_PUBLIC_KEY, prefixed
  with the key id (rotation). Used for reporter identities.
- `seal_file(data)`: for larger data (evidence originals): a random 256-bit key encrypts the data
  (SecretBox), and that key is sealed as above. Opening needs the private key of its key id
  (NETRA_IDENTITY_PRIVATE_KEYS, present only on the officers' tier).
"""

import base64
from functools import lru_cache

import nacl.exceptions
import nacl.secret
import nacl.utils
from django.conf import settings
from nacl.public import PrivateKey, PublicKey, SealedBox

_SEP = b":"
FILE_MAGIC = b"NETRA-SEALED-1\n"


class KeyUnavailableError(RuntimeError):
    """This process holds no private key for the data (e.g. the public intake tier)."""


class SealedDataError(ValueError):
    """The data is not a sealed blob, or it was altered (authentication failed)."""


@lru_cache(maxsize=8)
def _public_key(encoded: str) -> PublicKey:
    return PublicKey(base64.b64decode(encoded))


@lru_cache(maxsize=8)
def _private_key(encoded: str) -> PrivateKey:
    return PrivateKey(base64.b64decode(encoded))


def current_key_id() -> str:
    return settings.NETRA_IDENTITY_KEY_ID


def seal(data: bytes) -> tuple[bytes, str]:
    """(key_id + ":" + sealed box of data, key_id) with the current public key."""
    key_id = current_key_id()
    sealed = SealedBox(_public_key(settings.NETRA_IDENTITY_PUBLIC_KEY)).encrypt(data)
    return key_id.encode() + _SEP + sealed, key_id


def unseal(blob: bytes) -> bytes:
    key_id, sep, sealed = bytes(blob).partition(_SEP)
    if not sep:
        raise SealedDataError("not a sealed blob")
    private = settings.NETRA_IDENTITY_PRIVATE_KEYS.get(key_id.decode(errors="replace"))
    if not private:
        raise KeyUnavailableError(f"No private key {key_id.decode(errors='replace')!r} on this server")
    try:
        return SealedBox(_private_key(private)).decrypt(sealed)
    except nacl.exceptions.CryptoError as exc:
        raise SealedDataError("sealed blob failed authentication") from exc


def seal_file(data: bytes) -> bytes:
    """FILE_MAGIC + key_id + ":" + sealed file key (80 bytes) + SecretBox(data)."""
    file_key = nacl.utils.random(nacl.secret.SecretBox.KEY_SIZE)
    sealed_key, _ = seal(file_key)
    return FILE_MAGIC + sealed_key + nacl.secret.SecretBox(file_key).encrypt(data)


def unseal_file(blob: bytes) -> bytes:
    if not blob.startswith(FILE_MAGIC):
        raise SealedDataError("not a sealed file")
    rest = blob[len(FILE_MAGIC) :]
    key_id, sep, tail = rest.partition(_SEP)
    if not sep or len(tail) < 80:
        raise SealedDataError("truncated sealed file")
    file_key = unseal(key_id + _SEP + tail[:80])
    try:
        return nacl.secret.SecretBox(file_key).decrypt(tail[80:])
    except nacl.exceptions.CryptoError as exc:
        raise SealedDataError("sealed file failed authentication") from exc

"""Sealed identities, blind indexes and receipts."""

import pytest

from netra.intake import crypto


def test_sealed_identity_opens_only_with_the_private_key(settings):
    blob, key_id = crypto.seal_identity({"name": "Budi Santoso", "nik": "6471012345670001"})
    assert key_id == "i1"
    assert blob.startswith(b"i1:")
    assert b"Budi" not in blob
    assert b"6471012345670001" not in blob
    assert crypto.open_identity(blob) == {"name": "Budi Santoso", "nik": "6471012345670001"}
    settings.NETRA_IDENTITY_PRIVATE_KEYS = {}  # the public intake tier
    with pytest.raises(crypto.IdentityKeyUnavailableError):
        crypto.open_identity(blob)


def test_two_seals_of_the_same_identity_differ():
    a, _ = crypto.seal_identity({"name": "Budi"})
    b, _ = crypto.seal_identity({"name": "Budi"})
    assert a != b  # ephemeral keys: equal identities cannot be matched by ciphertext


def test_rotated_key_still_opens_old_blobs(settings):
    old_blob, _ = crypto.seal_identity({"name": "Siti"})
    public, private = crypto.generate_keypair()
    settings.NETRA_IDENTITY_KEY_ID = "i2"
    settings.NETRA_IDENTITY_PUBLIC_KEY = public
    settings.NETRA_IDENTITY_PRIVATE_KEYS = {**settings.NETRA_IDENTITY_PRIVATE_KEYS, "i2": private}
    new_blob, key_id = crypto.seal_identity({"name": "Ani"})
    assert key_id == "i2"
    assert crypto.open_identity(new_blob) == {"name": "Ani"}
    assert crypto.open_identity(old_blob) == {"name": "Siti"}


@pytest.mark.parametrize(
    ("kind", "a", "b"),
    [
        ("phone", "0812-3456-7890", "+62 812 3456 7890"),
        ("phone", "812 3456 7890", "081234567890"),
        ("email", "Budi@Example.COM ", "budi@example.com"),
        ("nik", "6471 0123 4567 0001", "6471012345670001"),
    ],
)
def test_blind_index_matches_the_same_person_written_differently(kind, a, b):
    assert crypto.blind_index(kind, a) == crypto.blind_index(kind, b)
    assert len(crypto.blind_index(kind, a)) == 64


def test_blind_index_depends_on_the_key(settings):
    before = crypto.blind_index("nik", "6471012345670001")
    settings.NETRA_BLIND_INDEX_KEY = "another-key"
    assert crypto.blind_index("nik", "6471012345670001") != before
    assert crypto.blind_index("nik", "") == ""


def test_receipt_shape_entropy_and_forgiving_input():
    receipt = crypto.generate_receipt()
    groups = receipt.split("-")
    assert [len(g) for g in groups] == [4, 4, 4, 4, 4]
    assert all(c in crypto.RECEIPT_ALPHABET for c in receipt.replace("-", ""))
    assert len({crypto.generate_receipt() for _ in range(200)}) == 200
    typed = receipt.lower().replace("-", " ")
    assert crypto.hash_receipt(typed) == crypto.hash_receipt(receipt)
    assert crypto.normalise_receipt("o1l-i") == "0111"
    assert crypto.receipt_is_well_formed(receipt)
    assert not crypto.receipt_is_well_formed("1234")
    assert not crypto.receipt_is_well_formed(receipt + "A")


def test_receipt_hash_is_argon2_and_salted(settings):
    receipt = crypto.generate_receipt()
    digest = crypto.hash_receipt(receipt)
    assert len(digest) == 64
    assert receipt.replace("-", "") not in digest
    settings.NETRA_RECEIPT_SALT = "another-site"
    assert crypto.hash_receipt(receipt) != digest

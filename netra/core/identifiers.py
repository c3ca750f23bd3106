"""Identifiers people type: the NIP (Nomor Induk Pegawai) of a civil servant.

An NIP has 18 digits (PP 11/2017 jo. PP 17/2020; BKN's format: birth date 8, appointment month 6, sex 1,
sequence 3). People type it with spaces and dots ("19800101 200501 1 001"); Netra keeps the digits.
One place cleans it, so a form, a service, a merge and an import agree on what "the same NIP" is.
"""

import re

NIP_LENGTH = 18
_NON_DIGITS = re.compile(r"\D")


def nip_digits(value: str | None) -> str:
    """The digits of what was typed ("" for nothing)."""
    return _NON_DIGITS.sub("", value or "")


def nip_is_valid(digits: str) -> bool:
    """Whether cleaned digits are a whole NIP (an empty NIP is "not given", not valid)."""
    return len(digits) == NIP_LENGTH


def nip_or_blank(value: str | None) -> str:
    """A whole NIP's digits, or "" when what was typed is not one (a reporter's partial NIP is kept as
    typed on the report, never used to link identities)."""
    digits = nip_digits(value)
    return digits if nip_is_valid(digits) else ""

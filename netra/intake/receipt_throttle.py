"""Throttling receipt guesses without locking out strangers who share an address (issue 13, item 8).

Indonesian mobile carriers put thousands of phones behind one address (carrier-grade NAT): a limit per
address alone let one device's wrong codes lock every other reporter there out, valid receipt or not.
Failures now count three ways, each in a one-hour window on the cache (netra.core.ratelimit):

- per (address, receipt prefix): someone typing or guessing codes that start alike from one address
  (NETRA_RECEIPT_FAILURES_PER_HOUR);
- per receipt prefix, from any address: a receipt whose first group is known is "under attack" and
  refuses even its right code for the hour (NETRA_RECEIPT_PREFIX_FAILURES_PER_HOUR);
- per address, whatever the prefix: a generous ceiling against a flood from one place
  (NETRA_RECEIPT_ADDRESS_FAILURES_PER_HOUR).

So a valid receipt opens from a shared address however many wrong codes other devices there sent, until
that address floods, or that receipt itself is being guessed. Guessing stays hopeless: a receipt has
100 random bits, the first group 20 of them. The prefix is kept only as an HMAC (no code material in
the cache).
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from netra.core import ratelimit
from netra.intake.crypto import RECEIPT_GROUP_LEN, normalise_receipt


@dataclass(frozen=True)
class Refusal:
    scope: str
    message: str


def _prefix_key(receipt: str) -> str:
    prefix = normalise_receipt(receipt)[:RECEIPT_GROUP_LEN]
    secret = (settings.NETRA_RECEIPT_SALT or settings.SECRET_KEY).encode()
    return hmac.new(secret, b"receipt-prefix:" + prefix.encode(), hashlib.sha256).hexdigest()[:24]


def _keys(request, receipt: str) -> tuple[str, str, str]:
    client = ratelimit.client_key(request)
    prefix = _prefix_key(receipt)
    return client, prefix, f"{client}:{prefix}"


def receipt_refusal(request, receipt: str) -> Refusal | None:
    """Why this attempt is refused before the code is even checked, or None."""
    client, prefix, pair = _keys(request, receipt)
    if ratelimit.exceeded("receipt-prefix", prefix, limit=settings.NETRA_RECEIPT_PREFIX_FAILURES_PER_HOUR):
        return Refusal(
            "prefix",
            _(
                "Kode dengan awalan ini dikunci sementara karena terlalu banyak percobaan yang salah. "
                "Coba lagi dalam satu jam."
            ),
        )
    if ratelimit.exceeded("receipt-pair", pair, limit=settings.NETRA_RECEIPT_FAILURES_PER_HOUR) or (
        ratelimit.exceeded("receipt-address", client, limit=settings.NETRA_RECEIPT_ADDRESS_FAILURES_PER_HOUR)
    ):
        return Refusal(
            "address",
            _("Terlalu banyak percobaan kode yang salah dari perangkat ini. Coba lagi dalam satu jam."),
        )
    return None


def receipt_failure(request, receipt: str) -> Refusal | None:
    """Count a wrong code; returns the refusal it brings about, if any (so the last try says so)."""
    client, prefix, pair = _keys(request, receipt)
    ratelimit.hit("receipt-pair", pair)
    ratelimit.hit("receipt-prefix", prefix)
    ratelimit.hit("receipt-address", client)
    return receipt_refusal(request, receipt)

"""Per-client limits cannot be escaped by forging X-Forwarded-For."""

from django.test import RequestFactory

from netra.core.ratelimit import client_key


def _request(remote: str, forwarded: str = ""):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_forged_header_is_ignored_without_a_trusted_proxy(settings):
    settings.NETRA_TRUST_X_FORWARDED_FOR = False
    assert client_key(_request("203.0.113.7", "1.1.1.1")) == client_key(_request("203.0.113.7", "2.2.2.2"))


def test_behind_a_trusted_proxy_the_address_it_appended_counts(settings):
    settings.NETRA_TRUST_X_FORWARDED_FOR = True
    proxy = "10.0.0.2"
    # The client may prepend anything; the proxy appends the real address last.
    a = client_key(_request(proxy, "1.1.1.1, 198.51.100.4"))
    b = client_key(_request(proxy, "9.9.9.9, 198.51.100.4"))
    c = client_key(_request(proxy, "198.51.100.5"))
    assert a == b
    assert a != c
    assert "198.51.100.4" not in a  # hashed, never the address itself

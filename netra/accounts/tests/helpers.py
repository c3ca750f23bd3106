"""Shared bits of the accounts tests: a client with its own address (the per-address ceiling lives in
the shared cache) and signing in through the real login page."""

import itertools
import random

from django.test import Client

PASSWORD = "rahasia-uji-123"
_ips = itertools.count(random.randrange(1, 200) * 1000)


def fresh_client() -> Client:
    n = next(_ips)
    return Client(
        REMOTE_ADDR=f"10.{(n >> 16) % 256}.{(n >> 8) % 256}.{n % 256}", HTTP_USER_AGENT="pytest-browser"
    )


def sign_in(client: Client, username: str, password: str = PASSWORD):
    return client.post("/akun/masuk/", {"username": username, "password": password})


def admin_client(user) -> Client:
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client = fresh_client()
    client.force_login(user)
    return client

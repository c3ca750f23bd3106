"""Case API: clarifications (see netra/cases/api/__init__.py)."""

from ninja import Router

router = Router(tags=["cases"])

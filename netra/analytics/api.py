"""`/api/v1/stats/...`: the dashboard's numbers, with its filters and groupings (issue 11)."""

from ninja import Router

router = Router(tags=["statistik"])

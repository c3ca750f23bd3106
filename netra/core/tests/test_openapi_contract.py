"""The OpenAPI document is a contract (issue 13 item 4, part): no two schemas share a name."""

from collections import Counter

from config.api import api


def test_schema_names_are_unique_across_routers():
    """Two routers each defining `DeadlineOut` (clocks and cases) or `SanctionOut` (rules and cases)
    collapsed into one component, so one endpoint's responses broke their declared schema."""
    from ninja import Schema

    names = Counter()

    def walk(cls):
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("netra."):
                names[sub.__name__] += 1
            walk(sub)

    walk(Schema)
    clashes = {name: n for name, n in names.items() if n > 1}
    assert not clashes, clashes
    components = api.get_openapi_schema(path_prefix="/api/v1")["components"]["schemas"]
    assert "CaseDeadlineOut" in components
    assert "SanctionRecordOut" in components

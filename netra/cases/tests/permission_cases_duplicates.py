"""Permission cases for the case API: duplicates."""

from netra.core.testing import EndpointCase

A = "/api/v1"

CASES: list[EndpointCase] = []

"""Reading the law: classification of an act, sanctions, the oversight body in force, routing, self-check.

Everything here is read-only and keyword-only. The catalogue is public, so there is no user scoping
(see permissions.py). Import from this package (`from netra.rules.selectors import classify_conduct`);
the modules split it by topic.
"""

from netra.rules.selectors.catalogue import (
    ConductGroup,
    Rulebook,
    conduct_get,
    conduct_list,
    oversight_body_list,
    oversight_body_on,
    routing_rule_list,
    rulebook,
    sanctions_for,
    violation_get,
    violation_list,
    violation_recommended_level,
)
from netra.rules.selectors.classification import Classification, StageVariant, classify_conduct
from netra.rules.selectors.routing import FALLBACK_LEGAL_BASIS, Route, route_for
from netra.rules.selectors.self_check import SelfCheckMatch, SelfCheckResult, SelfCheckStatus, self_check

__all__ = [
    "FALLBACK_LEGAL_BASIS",
    "Classification",
    "ConductGroup",
    "Route",
    "Rulebook",
    "SelfCheckMatch",
    "SelfCheckResult",
    "SelfCheckStatus",
    "StageVariant",
    "classify_conduct",
    "conduct_get",
    "conduct_list",
    "oversight_body_list",
    "oversight_body_on",
    "route_for",
    "routing_rule_list",
    "rulebook",
    "sanctions_for",
    "self_check",
    "violation_get",
    "violation_list",
    "violation_recommended_level",
]

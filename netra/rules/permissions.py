"""Scoping rules for the catalogue (see netra.core.scoping).

The law is public: anyone, signed in or not, may read every catalogue row (the rulebook, the self-check
and the public API depend on it). Changing rows is for administrators only, through the admin (Django
model permissions), so no "change" rule is registered: `restrict(..., "change")` yields nothing.
"""

from django.db.models import Q

from netra.core.scoping import Scope, register_scope
from netra.rules.models import Conduct, OversightBody, RoutingRule, Sanction, ViolationType


def _public(scope: Scope) -> Q:
    return Q()


# Permitted acts are read only by the self-check's selector (no list or detail endpoint), so they need
# no scoping rule of their own.
for _model in (Conduct, ViolationType, Sanction, OversightBody, RoutingRule):
    register_scope(_model, "view")(_public)

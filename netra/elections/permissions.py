"""Elections, their stages, parties and contestants are public reference data: everyone may view them."""

from django.db.models import Q

from netra.core.scoping import Scope, register_scope
from netra.elections.models import Election


@register_scope(Election, "view")
def _election_view(scope: Scope) -> Q:
    return Q()

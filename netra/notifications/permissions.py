"""Who sees which notification (netra.core.scoping): only its recipient. Someone else's is not found."""

from django.db.models import Q

from netra.core.scoping import Scope, register_scope
from netra.notifications.models import Notification


@register_scope(Notification, "view")
def _view(scope: Scope) -> Q | None:
    return Q(recipient_id=scope.user_id) if scope.is_authenticated else None


@register_scope(Notification, "change")
def _change(scope: Scope) -> Q | None:
    return Q(recipient_id=scope.user_id) if scope.is_authenticated else None

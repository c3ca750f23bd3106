"""One scoping selector per model (NetBox's `restrict`): what a user may see or act on.

Every list, detail, API endpoint, export and dashboard narrows its queryset with `restrict()`. A model
without a registered rule yields nothing (deny by default). Out-of-scope objects are simply not found,
so callers answer 404, never "403 but it exists".

The `Scope` of a user (region prefixes, agency ids, permissions) is computed by the agencies app, which
installs its resolver at start-up; this module depends on no Netra app.

Named actions (`register_action`) live in the same registry: an action ("classify", "extend_deadline",
"notify_reporter", …) names the permission and agency families it needs and the check of one object's
own state, so `restrict(qs, user, "classify")` narrows a list to what the user may act on and
`action_refusal(user, Case, "classify", case)` says why not; the page (to show or hide a form) and the
service (to refuse) ask the same question.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.http import Http404

from netra.core.exceptions import ApplicationError, PermissionDeniedError

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Scope:
    """What one user may reach. Built once per request by the agencies app's resolver."""

    user_id: int | None = None
    is_superuser: bool = False
    agency_id: int | None = None
    agency_kind: str = ""
    agency_family: str = ""
    # Region code prefixes of the user's jurisdiction; ("",) = national; () = none.
    region_prefixes: tuple[str, ...] = ()
    # The user's own agency and everything under it (e.g. a Pemkot with its BKPSDM and Inspektorat).
    agency_ids: frozenset[int] = field(default_factory=frozenset)
    permissions: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_national(self) -> bool:
        return self.is_superuser or "" in self.region_prefixes

    def can(self, perm: str) -> bool:
        return self.is_superuser or perm in self.permissions

    def acts_as(self, *families: str) -> bool:
        """Whether the user works for one of these agency families (platform administrators act as all)."""
        return self.is_superuser or self.agency_family in families

    def region_q(self, lookup: str) -> Q | None:
        """Q matching a region-code field inside the jurisdiction; None when the user has none.

        A prefix matches the code itself and its children ("64.71" matches "64.71" and "64.71.05", not
        "64.710"); codes are strings and never compared arithmetically.
        """
        if self.is_national:
            return Q()
        if not self.region_prefixes:
            return None
        q = Q()
        for prefix in self.region_prefixes:
            q |= Q(**{lookup: prefix}) | Q(**{f"{lookup}__startswith": prefix + "."})
        return q


ANONYMOUS = Scope()

ScopeRule = Callable[[Scope], Q | None]
_RULES: dict[tuple[type[models.Model], str], ScopeRule] = {}
_resolver: Callable[[Any], Scope] | None = None


def register_scope(model: type[models.Model], action: str = "view") -> Callable[[ScopeRule], ScopeRule]:
    """Register the rule for (model, action). The rule returns a Q, or None for "nothing"."""

    def decorator(rule: ScopeRule) -> ScopeRule:
        key = (model, action)
        if key in _RULES and _RULES[key] is not rule:
            raise RuntimeError(f"Scope rule for {model.__name__}.{action} registered twice")
        _RULES[key] = rule
        return rule

    return decorator


def set_scope_resolver(resolver: Callable[[Any], Scope]) -> None:
    global _resolver  # noqa: PLW0603 (set once at start-up by the agencies app)
    _resolver = resolver


def scope_for(user) -> Scope:
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return ANONYMOUS
    cached = getattr(user, "_netra_scope", None)
    if cached is not None:
        return cached
    if _resolver is None:
        raise RuntimeError("No scope resolver installed (is netra.agencies in INSTALLED_APPS?)")
    scope = _resolver(user)
    user._netra_scope = scope
    return scope


def reach(model: type[models.Model], user, action: str = "view") -> Q | None:
    """What `user` may `action` on `model`, as a condition: None for nothing (deny by default), an
    empty `Q()` for everything (readers that keep pre-aggregated figures may serve those only then)."""
    scope = scope_for(user)
    rule = _RULES.get((model, action))
    if rule is None:
        return None
    if scope.is_superuser:
        return Q()
    return rule(scope)


def restrict(queryset: models.QuerySet[M], user, action: str = "view") -> models.QuerySet[M]:
    """Narrow `queryset` to what `user` may `action`. Unknown model/action: nothing (deny by default)."""
    q = reach(queryset.model, user, action)
    if q is None:
        return queryset.none()
    return queryset.filter(q) if q else queryset


def get_scoped_or_404(queryset: models.QuerySet[M], user, action: str = "view", **lookup) -> M:
    try:
        return restrict(queryset, user, action).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def registered_rules() -> dict[tuple[type[models.Model], str], ScopeRule]:
    return dict(_RULES)


@dataclass(frozen=True)
class Action:
    """A named action on a model's objects. `objects`: the scope rule of the objects it applies to;
    `check(obj, user)`: why this object, in its present state, refuses it (or None). The messages say
    why a user may not act at all; they are shown to officers (Indonesian first)."""

    name: str
    permission: str
    families: tuple[str, ...] = ()  # () = whatever the user's agency family
    objects: str = "change"
    no_permission: str = ""
    not_family: str = ""
    no_permission_code: str = PermissionDeniedError.code
    not_family_code: str = "not_your_stage"
    family_first: bool = False  # say "not your agency" before "no permission" (when both apply)
    check: Callable[[Any, Any], ApplicationError | None] | None = None

    def refusal(self, scope: Scope) -> PermissionDeniedError | None:
        """Why a user with this scope may not take the action on any object, or None."""
        missing_permission = not scope.can(self.permission)
        wrong_family = bool(self.families) and not scope.acts_as(*self.families)
        permission_error = (
            PermissionDeniedError(str(self.no_permission), code=self.no_permission_code)
            if missing_permission
            else None
        )
        family_error = (
            PermissionDeniedError(str(self.not_family), code=self.not_family_code) if wrong_family else None
        )
        first, second = (
            (family_error, permission_error) if self.family_first else (permission_error, family_error)
        )
        return first or second


_ACTIONS: dict[tuple[type[models.Model], str], Action] = {}


def register_action(model: type[models.Model], action: Action) -> Action:
    """Register `action` on `model`, and its scope rule: the `objects` rule's objects, for users the
    action's permission and families allow (nothing for others)."""
    key = (model, action.name)
    if key in _ACTIONS:
        raise RuntimeError(f"Action {model.__name__}.{action.name} registered twice")
    _ACTIONS[key] = action

    def rule(scope: Scope) -> Q | None:
        if action.refusal(scope) is not None:
            return None
        objects = _RULES.get((model, action.objects))
        return objects(scope) if objects is not None else None

    register_scope(model, action.name)(rule)
    return action


def action_refusal(user, model: type[models.Model], name: str, obj: Any = None) -> ApplicationError | None:
    """Why `user` may not take the action `name` (on `obj`, when given), or None. An unregistered
    action is a programming error, not a refusal."""
    action = _ACTIONS[(model, name)]
    if (refusal := action.refusal(scope_for(user))) is not None:
        return refusal
    if obj is not None and action.check is not None:
        return action.check(obj, user)
    return None


def registered_actions() -> dict[tuple[type[models.Model], str], Action]:
    return dict(_ACTIONS)

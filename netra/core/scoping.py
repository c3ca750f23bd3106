"""One scoping selector per model (NetBox's `restrict`): what a user may see or act on.

Every list, detail, API endpoint, export and dashboard narrows its queryset with `restrict()`. A model
without a registered rule yields nothing (deny by default). Out-of-scope objects are simply not found,
so callers answer 404, never "403 but it exists".

The `Scope` of a user (region prefixes, agency ids, permissions) is computed by the agencies app, which
installs its resolver at start-up; this module depends on no Netra app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q
from django.http import Http404

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


def restrict(queryset: models.QuerySet[M], user, action: str = "view") -> models.QuerySet[M]:
    """Narrow `queryset` to what `user` may `action`. Unknown model/action: nothing (deny by default)."""
    scope = scope_for(user)
    rule = _RULES.get((queryset.model, action))
    if rule is None:
        return queryset.none()
    if scope.is_superuser:
        return queryset
    q = rule(scope)
    if q is None:
        return queryset.none()
    return queryset.filter(q)


def get_scoped_or_404(queryset: models.QuerySet[M], user, action: str = "view", **lookup) -> M:
    try:
        return restrict(queryset, user, action).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def registered_rules() -> dict[tuple[type[models.Model], str], ScopeRule]:
    return dict(_RULES)

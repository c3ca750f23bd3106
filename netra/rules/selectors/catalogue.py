"""Catalogue lookups: conducts, violation types, sanctions by date, oversight bodies, the rulebook."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import formats, timezone

from netra.rules.models import (
    Category,
    Conduct,
    EmploymentType,
    OversightBody,
    PermittedAct,
    RoutingRule,
    Sanction,
    ViolationType,
)


def fmt_date(day: dt.date | None) -> str:
    return formats.date_format(day, "j M Y") if day is not None else ""


def valid_on_q(on: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=on)
    )


# --- catalogue lists -------------------------------------------------------------------------------


def conduct_list() -> QuerySet[Conduct]:
    active = ViolationType.objects.filter(is_active=True).order_by("order", "code")
    return Conduct.objects.prefetch_related(Prefetch("violations", queryset=active))


def conduct_get(*, code: str) -> Conduct | None:
    return conduct_list().filter(code=code).first()


def violation_list(
    *, category: str | None = None, conduct: str | None = None, include_inactive: bool = False
) -> QuerySet[ViolationType]:
    qs = ViolationType.objects.select_related("conduct")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if category:
        qs = qs.filter(category=category)
    if conduct:
        qs = qs.filter(conduct__code=conduct)
    return qs


def violation_get(*, code: str) -> ViolationType | None:
    """One catalogue item by code, case-insensitive ("ke-4" finds KE-4); inactive ones too (old cases)."""
    return ViolationType.objects.select_related("conduct").filter(code__iexact=code.strip()).first()


def violation_recommended_level(*, violation: ViolationType) -> str:
    """The level the data files recommend; differs from `level` when an administrator changed it."""
    return violation.catalogue_values.get("level", violation.level)


def sanctions_for(*, level: str, employment_type: str, on: dt.date) -> list[Sanction]:
    """The punishments of `level` for PNS/PPPK in force on `on` (PP 53/2010 until 30 Aug 2021, then PP 94)."""
    return list(
        Sanction.objects.filter(valid_on_q(on), level=level, employment_type=employment_type).order_by(
            "order", "code"
        )
    )


def sanctions_by_level(*, employment_type: str, on: dt.date) -> dict[str, list[Sanction]]:
    out: dict[str, list[Sanction]] = {}
    for sanction in Sanction.objects.filter(valid_on_q(on), employment_type=employment_type).order_by(
        "order", "code"
    ):
        out.setdefault(sanction.level, []).append(sanction)
    return out


def oversight_body_list() -> QuerySet[OversightBody]:
    return OversightBody.objects.all()


def oversight_body_on(*, on: dt.date) -> OversightBody | None:
    """The ASN oversight body in force on `on`; if ranges overlap, the one that started last wins."""
    return (
        OversightBody.objects.filter(valid_from__isnull=False, valid_from__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .order_by("-valid_from", "code")
        .first()
    )


def routing_rule_list() -> QuerySet[RoutingRule]:
    return RoutingRule.objects.all()


# --- rulebook --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConductGroup:
    conduct: Conduct
    ethics: tuple[ViolationType, ...]
    discipline: tuple[ViolationType, ...]


@dataclass(frozen=True)
class Rulebook:
    on: dt.date
    groups: tuple[ConductGroup, ...]
    sanctions: dict[str, dict[str, list[Sanction]]]  # employment type → level → sanctions
    oversight_body: OversightBody | None
    oversight_bodies: tuple[OversightBody, ...]
    routing_rules: tuple[RoutingRule, ...]
    permitted_acts: tuple[PermittedAct, ...] = ()


def permitted_act_list() -> QuerySet[PermittedAct]:
    return PermittedAct.objects.filter(is_active=True)


def rulebook(*, on: dt.date | None = None) -> Rulebook:
    """Everything the public rulebook page shows, as of `on` (today by default)."""
    on = on or timezone.localdate()
    groups = []
    for conduct in conduct_list():
        items = list(conduct.violations.all())
        if not items:
            continue
        groups.append(
            ConductGroup(
                conduct=conduct,
                ethics=tuple(v for v in items if v.category == Category.ETHICS),
                discipline=tuple(v for v in items if v.category == Category.DISCIPLINE),
            )
        )
    return Rulebook(
        on=on,
        groups=tuple(groups),
        sanctions={et: sanctions_by_level(employment_type=et, on=on) for et in EmploymentType.values},
        oversight_body=oversight_body_on(on=on),
        oversight_bodies=tuple(oversight_body_list()),
        routing_rules=tuple(routing_rule_list()),
        permitted_acts=tuple(permitted_act_list()),
    )

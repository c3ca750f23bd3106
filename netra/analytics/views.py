"""Staff dashboard (scoped: each user sees their own jurisdiction). The page, its JSON for the charts
and each table's CSV/XLSX download are built from the same `tables()` so they always agree."""

import json
import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from netra.analytics.downloads import table_response
from netra.analytics.forms import StatsFilterForm
from netra.analytics.models import WAITING_STAGES
from netra.analytics.selectors import (
    facts_for,
    stats_breakdown,
    stats_clarification,
    stats_funnel,
    stats_ppk_follow_up,
    stats_trend,
    stats_waiting,
    stats_waiting_by_agency,
    stats_within_time,
    trend_elections,
)
from netra.analytics.synthetic import BATCH_NAME as SYNTHETIC_BATCH
from netra.analytics.vulnerability import stats_vulnerability

# Each table: its columns (key, header) for the page and the downloads.
COLUMNS = {
    "waiting": (
        ("label", _("Tahap")),
        ("n", _("ASN menunggu")),
        ("median", _("Median hari")),
        ("p90", _("P90 hari")),
        ("longest", _("Terlama (hari)")),
    ),
    "bottleneck": (
        ("stage", _("Tahap")),
        ("agency", _("Instansi")),
        ("n", _("ASN menunggu")),
        ("median", _("Median hari")),
        ("longest", _("Terlama (hari)")),
    ),
    "within_time": (
        ("kind", _("Tenggat")),
        ("agency__name", _("Instansi")),
        ("n", _("Selesai")),
        ("within", _("Tepat waktu")),
        ("share", _("Porsi tepat waktu")),
        ("median", _("Median hari")),
        ("p90", _("P90 hari")),
    ),
    "funnel": (
        ("label", _("Langkah")),
        ("n", _("ASN")),
        ("of_previous", _("Dari langkah sebelumnya")),
        ("of_first", _("Dari awal")),
    ),
    "ppk": (
        ("employer_name", _("PPK")),
        ("recommended", _("Direkomendasikan")),
        ("sanctioned", _("Disanksi")),
        ("rate", _("Tingkat tindak lanjut")),
        ("waiting", _("Masih menunggu")),
    ),
    "category": (
        ("key", _("Kategori")),
        ("n", _("ASN")),
        ("proven", _("Terbukti")),
        ("sanctioned", _("Disanksi")),
    ),
    "position": (
        ("key", _("Jabatan")),
        ("n", _("ASN")),
        ("proven", _("Terbukti")),
        ("sanctioned", _("Disanksi")),
    ),
    "province": (
        ("key", _("Provinsi")),
        ("n", _("ASN")),
        ("proven", _("Terbukti")),
        ("sanctioned", _("Disanksi")),
    ),
    "employer": (
        ("key", _("Instansi")),
        ("n", _("ASN")),
        ("proven", _("Terbukti")),
        ("sanctioned", _("Disanksi")),
    ),
    "trend": (  # and one column per election, in time order (columns_for)
        ("key", _("Kode wilayah")),
        ("name", _("Wilayah")),
        ("total", _("Jumlah")),
    ),
    "vulnerability": (
        ("region", _("Provinsi")),
        ("grade_label", _("Kerawanan")),
        ("trend_label", _("Tren")),
        ("reason", _("Dasar penilaian")),
    ),
}


def columns_for(key: str, rows: list[dict]) -> tuple[tuple[str, str], ...]:
    """A table's columns; the trend table has one per election shown, between the region and the total."""
    columns = COLUMNS[key]
    if key != "trend":
        return columns
    return (*columns[:2], *((e, e) for e in trend_elections(rows)), columns[2])


def _with_region_names(rows: list[dict]) -> list[dict]:
    from netra.regions.models import Region

    names = dict(Region.objects.filter(code__in=[r["key"] for r in rows]).values_list("code", "name"))
    return [{**r, "name": names.get(r["key"], "")} for r in rows]


def tables(request: HttpRequest, form: StatsFilterForm) -> dict[str, list[dict]]:
    """Every table of the dashboard for this reader and these filters."""
    filters = form.filters()
    facts = facts_for(user=request.user, filters=filters)
    today = timezone.localdate()
    waiting = stats_waiting(facts, today=today)
    bottleneck = [
        {"stage": str(row["label"]), **agency}
        for row in waiting
        for agency in stats_waiting_by_agency(facts, stage=row["stage"], today=today, limit=10)
    ]
    return {
        "waiting": waiting,
        "bottleneck": bottleneck,
        "within_time": stats_within_time(user=request.user, filters=filters),
        "funnel": stats_funnel(facts),
        "ppk": stats_ppk_follow_up(facts, today=today, limit=20),
        "category": stats_breakdown(facts, dimension="violation_category", limit=20),
        "position": stats_breakdown(facts, dimension="position", limit=20),
        "province": stats_breakdown(facts, dimension="province", limit=40),
        "employer": stats_breakdown(facts, dimension="employer", limit=20),
        "trend": _with_region_names(stats_trend(facts, region_code=filters.region_code)),
        "vulnerability": stats_vulnerability(facts),
        "clarification": [stats_clarification(facts)],
    }


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form = StatsFilterForm(request.GET or None)
    data = tables(request, form)
    elections = trend_elections(data["trend"])
    chart = {
        "funnel": [[str(r["label"]), r["n"]] for r in data["funnel"]],
        "waiting": [[str(r["label"]), r["n"]] for r in data["waiting"]],
        "trend": {
            "elections": elections,
            "rows": [[r["name"] or r["key"], *(r[e] for e in elections)] for r in data["trend"][:12]],
        },
    }
    sections = [(key, columns_for(key, data[key]), data[key]) for key in COLUMNS]
    return render(
        request,
        "analytics/dashboard.html",
        {
            "form": form,
            "sections": sections,
            "clarification": data["clarification"][0],
            "chart_json": json.dumps(chart),
            "query": request.GET.urlencode(),
            "waiting_stages": WAITING_STAGES,
            "synthetic": facts_for(user=request.user, filters=form.filters())
            .filter(batch__file_name=SYNTHETIC_BATCH)
            .exists(),
        },
    )


@login_required
@require_GET
def download(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if table not in COLUMNS or fmt not in ("csv", "xlsx"):
        raise Http404
    form = StatsFilterForm(request.GET or None)
    rows = tables(request, form)[table]
    return table_response(name=table, columns=columns_for(table, rows), rows=rows, fmt=fmt)


@login_required
@require_GET
def recap(request: HttpRequest, fmt: str) -> HttpResponse:
    """The laporan rekapitulasi of the reader's office for the chosen filters, as PDF or XLSX."""
    from netra.analytics.recap import recap_pdf, recap_xlsx

    office = getattr(request.user, "agency", None)
    if fmt not in ("pdf", "xlsx") or office is None:
        raise Http404
    form = StatsFilterForm(request.GET or None)
    data = tables(request, form)
    if fmt == "xlsx":
        content = recap_xlsx(data=data)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        synthetic = facts_for(user=request.user, filters=form.filters()).filter(
            batch__file_name=SYNTHETIC_BATCH
        )
        content = recap_pdf(office=office, filters=form.filters(), data=data, synthetic=synthetic.exists())
        kind = "application/pdf"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="netra-rekapitulasi.{fmt}"'
    return response


@require_GET
def boundaries(request: HttpRequest, level: str) -> JsonResponse:
    """Region outlines for the map (public information; cached an hour). `?parent=64`: one province's
    kab/kota."""
    from netra.regions.selectors import boundaries_geojson

    if level not in ("province", "kabkota"):
        raise Http404
    parent = request.GET.get("parent", "")
    if parent and not re.fullmatch(r"\d{2}", parent):
        raise Http404
    response = JsonResponse(boundaries_geojson(level, parent or None))
    response["Cache-Control"] = "public, max-age=3600"
    return response


@login_required
@require_GET
def map_counts(request: HttpRequest) -> JsonResponse:
    """ASN alleged per province, or per kab/kota of `?parent=` (the reader's facts, the page's filters)."""
    form = StatsFilterForm(request.GET or None)
    facts = facts_for(user=request.user, filters=form.filters())
    parent = request.GET.get("parent", "")
    if parent:
        if not re.fullmatch(r"\d{2}", parent):
            raise Http404
        rows = stats_breakdown(facts.filter(province_code=parent), dimension="kabkota", limit=1000)
    else:
        rows = stats_breakdown(facts, dimension="province", limit=100)
    return JsonResponse({"counts": {r["key"]: r["n"] for r in rows if r["key"]}})


extra_urlpatterns: list = [
    path("peta/<slug:level>.geojson", boundaries, name="boundaries"),
    path("peta/angka.json", map_counts, name="map_counts"),
    path("unduh/<slug:table>.<slug:fmt>", download, name="download"),
    path("rekapitulasi.<slug:fmt>", recap, name="recap"),
]

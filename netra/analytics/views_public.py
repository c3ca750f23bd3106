"""The public transparency page and its open data (no login): counts only, suppressed (public.py)."""

import csv
import io
import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from netra.analytics.models import Stage
from netra.analytics.public import public_table, public_waiting, public_within_time
from netra.analytics.suppression import ALL

LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"


def _names() -> dict[str, str]:
    from netra.regions.models import Region

    return dict(Region.objects.filter(level=1).values_list("code", "name"))


@require_GET
def public_page(request: HttpRequest) -> HttpResponse:
    table = public_table()
    names = _names()
    rows = [
        {
            "code": "" if p == ALL else p,
            "name": "Indonesia" if p == ALL else names.get(p, p),
            "cells": [table.cells[(p, e)] for e in table.elections],
        }
        for p in table.provinces
    ]
    elections = ["Semua" if e == ALL else e for e in table.elections]
    waiting = public_waiting()
    waiting_rows = [
        {
            "name": "Indonesia" if p == ALL else names.get(p, p),
            "cells": [waiting.cells[(p, st)] for st in waiting.stages],
        }
        for p in waiting.provinces
    ]
    stages = ["Semua" if st == ALL else str(Stage(st).label) for st in waiting.stages]
    response = render(
        request,
        "analytics/public.html",
        {
            "rows": rows,
            "elections": elections,
            "table": table,
            "licence": LICENCE,
            "waiting_rows": waiting_rows if waiting.cells else [],
            "stages": stages,
            "within_time": public_within_time(),
        },
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def _open_data_response(
    *, name: str, fmt: str, rows: list[dict], fields: list[str], about: dict
) -> HttpResponse:
    """One dataset as CSV (a suppressed or missing value is an empty cell) or JSON (`about`, then the
    rows; null where suppressed)."""
    if fmt == "json":
        body = {"schema": "docs/open-data.md", "licence": LICENCE, **about, "rows": rows}
        response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/json")
    else:
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=fields)
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in rows)
        response = HttpResponse(text.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="netra-{name}.{fmt}"'
    return response


@require_GET
def open_data(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "json"):
        raise Http404
    table = public_table()
    return _open_data_response(
        name="asn-terlapor",
        fmt=fmt,
        rows=table.rows(),
        fields=["province", "election", "asn_alleged"],
        about={"unit": "ASN terlapor (one per case)", "suppressed_below": table.threshold},
    )


def _waiting_rows() -> list[dict]:
    waiting = public_waiting()
    return [
        {
            "province": "" if p == ALL else p,
            "stage": "" if st == ALL else st,
            "asn_waiting": waiting.cells[(p, st)],
        }
        for p in waiting.provinces
        for st in waiting.stages
    ]


# The other open datasets: name -> (rows, CSV fields, what one row counts).
DATASETS = {
    "asn-menunggu": (_waiting_rows, ["province", "stage", "asn_waiting"], "ASN menunggu sekarang per tahap"),
    "tepat-waktu": (
        public_within_time,
        ["clock", "clock_label", "agency", "ended", "share_within"],
        "tenggat hukum yang berakhir per instansi",
    ),
}


@require_GET
def open_dataset(request: HttpRequest, dataset: str, fmt: str) -> HttpResponse:
    if dataset not in DATASETS or fmt not in ("csv", "json"):
        raise Http404
    build, fields, unit = DATASETS[dataset]
    return _open_data_response(name=dataset, fmt=fmt, rows=build(), fields=fields, about={"unit": unit})


urlpatterns = [
    path("publik/", public_page, name="public"),
    path("publik/data/<slug:dataset>.<slug:fmt>", open_dataset, name="open_dataset"),
    path("publik/asn-terlapor.<slug:fmt>", open_data, name="open_data"),
]

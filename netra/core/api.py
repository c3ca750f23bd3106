"""API plumbing shared by every router: one error shape (RFC 9457 problem details) for every failure."""

import datetime as dt
import logging
import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from netra.core.exceptions import ApplicationError

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
# How far into a list a client may page. Beyond it (or below zero) the request is refused with 422
# problem details instead of reaching the database as an out-of-range OFFSET (a 500).
MAX_OFFSET = 1_000_000


def offset_query(default: int = 0):
    """The `offset` query parameter of every list endpoint: 0 ≤ offset ≤ MAX_OFFSET, documented."""
    from ninja import Query

    return Query(default, ge=0, le=MAX_OFFSET, description="Lewati sejumlah baris (0 sampai 1.000.000).")


class ApiJSONEncoder(NinjaJSONEncoder):
    """Date-times as RFC 3339. Before 1924 Asia/Jakarta is local mean time (+07:07:12): an offset with
    seconds, which RFC 3339 cannot write; such a value is sent in UTC instead (the same instant)."""

    def default(self, o):
        offset = o.utcoffset() if isinstance(o, dt.datetime) else None
        if offset is not None and offset.seconds % 60:
            try:
                o = o.astimezone(dt.UTC)
            except OverflowError:  # year 1 east of Greenwich: UTC falls in year 0; drop the LMT seconds
                o = o.replace(tzinfo=dt.timezone(dt.timedelta(minutes=offset // dt.timedelta(minutes=1))))
        return super().default(o)


class ApiJSONRenderer(JSONRenderer):
    encoder_class = ApiJSONEncoder


_REF = re.compile(r"#/components/schemas/([A-Za-z0-9_]+)")


def fill_referenced_components(document: dict) -> dict:
    """Define every `#/components/schemas/X` an operation's `openapi_extra` refers to (the multipart
    bodies of reports, tips and document uploads name `ReportIn`, `TipIn`, `UploadIn`), from the one
    Netra schema class of that name: names are unique across routers (test_openapi_contract)."""
    from ninja.openapi.schema import REF_TEMPLATE
    from ninja.schema import NinjaGenerateJsonSchema

    components = document.setdefault("components", {}).setdefault("schemas", {})
    by_name = _netra_schemas()
    while True:
        missing = set(_REF.findall(repr(document))) - set(components)
        found = [by_name[name] for name in sorted(missing) if name in by_name]
        if not found:
            return document
        for cls in found:
            schema = cls.model_json_schema(
                ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema
            )
            components.update(schema.pop("$defs", {}))
            components[cls.__name__] = schema


def _netra_schemas() -> dict[str, type[Schema]]:
    found: dict[str, type[Schema]] = {}

    def walk(cls):
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("netra."):
                found[sub.__name__] = sub
            walk(sub)

    walk(Schema)
    return found


class NetraAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document defines every schema it references and whose JSON is RFC 3339."""

    def __init__(self, **kwargs):
        kwargs.setdefault("renderer", ApiJSONRenderer())
        super().__init__(**kwargs)

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        fill_referenced_components(document)
        return document


class ProblemOut(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str = ""
    instance: str = ""
    errors: list[dict] | None = None


def problem_body(request: HttpRequest, *, status: int, code: str, title: str, detail: str = "") -> dict:
    """The RFC 9457 fields every Netra problem document carries."""
    return {
        "type": f"https://netra.local/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path.replace("\x00", ""),
        "request_id": getattr(request, "request_id", ""),
    }


def problem(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    code: str,
    title: str,
    detail: str = "",
    errors: list | None = None,
    extra: dict | None = None,
) -> HttpResponse:
    body = problem_body(request, status=status, code=code, title=title, detail=detail)
    if errors is not None:
        body["errors"] = errors
    if extra:
        body.update(extra)
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    return response


def install_problem_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApplicationError)
    def _application_error(request, exc: ApplicationError):
        return problem(
            api,
            request,
            status=exc.status,
            code=exc.code,
            title=exc.message,
            detail=exc.message,
            extra=exc.extra,
        )

    @api.exception_handler(ValidationError)
    def _validation_error(request, exc: ValidationError):
        return problem(
            api,
            request,
            status=422,
            code="validation-error",
            title=_("Data yang dikirim tidak valid."),
            errors=[{k: v for k, v in e.items() if k != "ctx"} for e in exc.errors],
        )

    @api.exception_handler(AuthenticationError)
    def _authentication_error(request, exc):
        return problem(
            api, request, status=401, code="unauthenticated", title=_("Silakan masuk terlebih dahulu.")
        )

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return problem(api, request, status=404, code="not-found", title=_("Data tidak ditemukan."))

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):
        return problem(api, request, status=exc.status_code, code=f"http-{exc.status_code}", title=str(exc))

    @api.exception_handler(RequestDataTooBig)
    def _too_big(request, exc):
        # An upload stopped while streaming says its own limit (netra.evidence.uploads.UploadTooLarge).
        title = getattr(exc, "message", "") or _("Isi permintaan terlalu besar (maksimal %(mb)s MB).") % {
            "mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        }
        return problem(api, request, status=413, code="payload-too-large", title=title)

    @api.exception_handler(Exception)
    def _unexpected(request, exc):
        from netra.core.errors import database_unavailable, unavailable_response

        if database_unavailable(exc):  # PostgreSQL down: 503 with Retry-After, never a 500 (issue 13)
            logger.error("database unavailable: %s", type(exc).__name__)
            return unavailable_response(request)
        logger.exception("Unhandled API error")
        return problem(
            api,
            request,
            status=500,
            code="server-error",
            title=_("Terjadi kesalahan pada server."),
        )

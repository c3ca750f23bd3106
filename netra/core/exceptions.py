"""Errors raised by services. The API turns them into RFC 9457 problem details; views into messages."""

from typing import Any


class ApplicationError(Exception):
    """A business rule refused the operation. `message` is shown to the user (Indonesian first)."""

    status = 400
    code = "application-error"

    def __init__(self, message: str, *, extra: dict[str, Any] | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
        if code:
            self.code = code


class NotFoundError(ApplicationError):
    status = 404
    code = "not-found"


class PermissionDeniedError(ApplicationError):
    status = 403
    code = "permission-denied"


class ConflictError(ApplicationError):
    status = 409
    code = "conflict"

"""One JSON object per log line (production: `config/settings/production.py`), for a log shipper.

Every line carries the request id of the request it was written in (`RequestIdLogFilter`, the
`X-Request-ID` header the client sees), so an officer's "it failed at 10:02" finds its lines. Messages
are written as the code formats them: identities never reach a log (test_no_plaintext_identity).
"""

import datetime as dt
import json
import logging

# Attributes every LogRecord has; anything else was passed as `extra=` and is written as a field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key not in entry:
                entry[key] = value if isinstance(value, str | int | float | bool | None) else repr(value)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)

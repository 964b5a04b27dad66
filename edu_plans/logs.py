"""Log records as one JSON object a line, each carrying the id of the request it belongs to.

The id is set by ``edu_plans.middleware.RequestIdMiddleware`` for the time of a request and
read here through a context variable, so any logger, ours or a library's, gets it.

A small formatter of our own rather than python-json-logger: the fields are fixed and
few, the time must be Vietnam time with its offset, and it is one dependency less.
"""

import json
import logging
from contextvars import ContextVar
from datetime import datetime
from zoneinfo import ZoneInfo

request_id: ContextVar[str] = ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id``: the current request's id, or "-" outside a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """time (ISO 8601 with offset), level, logger, message, request_id, and exception."""

    def __init__(self, *, time_zone: str = "Asia/Ho_Chi_Minh"):
        super().__init__()
        self.zone = ZoneInfo(time_zone)

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, self.zone).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id.get()),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)

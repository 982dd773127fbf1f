"""``ESCALADE_LOG_FORMAT=json``: one JSON object per line, for log collectors.

The fields: ``time`` (ISO 8601, UTC), ``level``, ``logger``, ``message`` (after the
masking of secrets, escalade.core.logs.RedactingFilter), ``process``, and ``exception``
when there is one; the extra fields a caller passes (``logger.info(..., extra={…})``) too.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

# Attributes every LogRecord has: the rest are the caller's extra fields.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, int | float | bool | None) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)

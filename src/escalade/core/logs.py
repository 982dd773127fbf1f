"""Secrets never reach a log: query-string values and headers that carry credentials.

GLPI clients may put ``password``, ``user_token``, ``session_token`` or ``app_token`` in the
query string (``/apirest.php/initSession?user_token=…``). :func:`redact` masks their values
wherever a URL appears in a log line; :class:`RedactingFilter` applies it to every record of
Django's loggers (settings.LOGGING), :class:`GunicornLogger` to gunicorn's access and error
logs (``escalade run`` uses it; ``gunicorn --logger-class escalade.core.logs.GunicornLogger``).
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any
from urllib.parse import quote, unquote_plus

from gunicorn.glogging import Logger as _GunicornLogger

SECRET_PARAMETERS = frozenset({"password", "user_token", "session_token", "app_token"})
SECRET_HEADERS = frozenset({"authorization", "session-token", "app-token", "cookie", "x-api-key"})
MASK = "[masqué]"

# A query string: from "?" to the end of the URL (whitespace or a quote ends it).
_QUERY = re.compile(r"\?([^\s\"'<>]*)")


def _is_secret(key: str) -> bool:
    name = unquote_plus(key).strip().lower()
    name = name.split("[", 1)[0]  # password[0], user_token[] …
    return name in SECRET_PARAMETERS


def redact_query(query: str) -> str:
    """``a=1&password=x`` → ``a=1&password=[masqué]``."""
    if "=" not in query:
        return query
    pairs = []
    for pair in re.split(r"([&;])", query):
        key, equals, value = pair.partition("=")
        if equals and _is_secret(key):
            pair = f"{key}={MASK}"
        elif equals and "?" in (decoded := unquote_plus(value)):
            # A URL in a parameter (?next=/tickets/%3Fpassword%3D…): masked inside too.
            cleaned = redact(decoded)
            if cleaned != decoded:
                pair = f"{key}={quote(cleaned, safe='/:')}"
        pairs.append(pair)
    return "".join(pairs)


def redact(text: str) -> str:
    """Every query string found in ``text`` with its secret values masked."""
    if "?" not in text or "=" not in text:
        return text
    return _QUERY.sub(lambda m: "?" + redact_query(m.group(1)), text)


class RedactingFilter(logging.Filter):
    """Rewrites a record whose message holds a secret query-string value."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format: leave it to the handler's own error path
            return True
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        return True


class GunicornLogger(_GunicornLogger):
    """gunicorn's logger, with the request line, query, referer and secret headers masked."""

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if not isinstance(value, str):
                continue
            if key.startswith("{") and key[1:-2] in SECRET_HEADERS | {
                f"http_{h.replace('-', '_')}" for h in SECRET_HEADERS
            }:
                atoms[key] = MASK
            elif key in ("q", "{query_string}e"):
                atoms[key] = redact_query(value)
            else:
                atoms[key] = redact(value)
        return atoms

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        json_lines = os.environ.get("ESCALADE_LOG_FORMAT", "").strip().lower() == "json"
        for logger in (self.error_log, self.access_log):
            logger.addFilter(RedactingFilter())
            if json_lines:  # ESCALADE_LOG_FORMAT=json: gunicorn's lines too
                from escalade.operations.logs import JsonFormatter

                for handler in logger.handlers:
                    handler.setFormatter(JsonFormatter())

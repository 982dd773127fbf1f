"""One parser per kind of value that comes from outside: the only place that turns text into
numbers, ids, dates and JSON for the web pages, /api/v1, GLPI's /apirest.php and the mail.

Each parser either returns a value every database and every later computation can take, or
raises :class:`BadValue` with a message for the person who sent it: the callers turn it into
their own 400 (a form error, DRF's ``ValidationError``, GLPI's ``["ERROR", …]``). Nothing
here queries the database.

- :func:`integer` — an integer in bounds (never past what a ``bigint`` column holds),
- :func:`object_id` — a database id (1 … 2^63-1; 0 allowed where it means "none"),
- :func:`page_number` — a page of a list, clamped to :data:`MAX_PAGE`,
- :func:`day` / :func:`moment` — an ISO date / an aware date-time between :data:`DATE_MIN`
  and :data:`DATE_MAX`,
- :func:`relative_moment` — GLPI's ``NOW``, ``-3 DAY``, ``BEGINMONTH`` …, in the same bounds,
- :func:`text` — a string without NUL, of bounded length; :func:`search_words` — the words
  of a search box,
- :func:`json_body` — a JSON document no deeper than :data:`MAX_JSON_DEPTH`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

MAX_INT = 2**63 - 1  # the largest value a bigint column (our ids) holds
MAX_PAGE = 100_000  # page numbers past this are the last page anyone will ever reach
MAX_JSON_DEPTH = 64  # nesting of JSON bodies (GLPI's deepest criteria need a dozen)
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2999, 12, 31)

_INTEGER = re.compile(r"[+-]?\d{1,19}")


class BadValue(ValueError):
    """A value that cannot be used; ``message`` says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def integer(value: Any, *, minimum: int = -MAX_INT, maximum: int = MAX_INT) -> int:
    """An int from an int, an integral float (JSON's ``1.0``) or a decimal string."""
    if isinstance(value, bool):
        number = int(value)
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer() or abs(value) > MAX_INT:
            raise BadValue(_("Nombre entier attendu."))
        number = int(value)
    elif isinstance(value, str | bytes):
        text = value.decode("ascii", "replace") if isinstance(value, bytes) else value
        text = text.strip()
        if not _INTEGER.fullmatch(text):
            raise BadValue(_("Nombre entier attendu."))
        number = int(text)
    else:
        raise BadValue(_("Nombre entier attendu."))
    if not minimum <= number <= maximum:
        raise BadValue(
            _("Nombre hors limites (de %(min)s à %(max)s).") % {"min": minimum, "max": maximum}
        )
    return number


def object_id(value: Any, *, zero: bool = False) -> int:
    """A database id; with ``zero``, 0 too (GLPI's "none" and root entity)."""
    try:
        return integer(value, minimum=0 if zero else 1, maximum=MAX_INT)
    except BadValue:
        raise BadValue(_("Identifiant incorrect.")) from None


def page_number(value: Any, *, default: int = 1) -> int:
    """A list page (1-based): missing or malformed gives ``default``, huge the last we allow."""
    if value in (None, ""):
        return default
    try:
        return min(max(integer(value, minimum=-MAX_INT), 1), MAX_PAGE)
    except BadValue:
        return default


def day(value: Any) -> dt.date:
    """``YYYY-MM-DD`` between DATE_MIN and DATE_MAX."""
    try:
        parsed = dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise BadValue(_("Date attendue (AAAA-MM-JJ).")) from None
    return _in_bounds(parsed)


def _in_bounds(value: dt.date) -> dt.date:
    if not DATE_MIN <= value <= DATE_MAX:
        raise BadValue(
            _("Date hors limites (du %(min)s au %(max)s).")
            % {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}
        )
    return value


def moment(value: Any) -> dt.datetime:
    """An ISO date-time (or date), made aware in the current time zone, in bounds."""
    if isinstance(value, dt.datetime):
        parsed = value
    else:
        text = str(value).strip()
        try:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise BadValue(_("Date et heure attendues (AAAA-MM-JJ HH:MM:SS).")) from None
    _in_bounds(parsed.date())
    return bounded_moment(parsed)


def bounded_moment(value: dt.datetime) -> dt.datetime:
    """``value`` aware, refused outside the bounds (so no time zone shift can overflow)."""
    _in_bounds(value.date())
    return timezone.make_aware(value) if timezone.is_naive(value) else value


_RELATIVE = re.compile(r"([+-]?\d{1,9})\s*(YEAR|MONTH|WEEK|DAY|HOUR|MINUTE)S?", re.IGNORECASE)
_UNIT_DAYS = {"YEAR": 365, "MONTH": 30, "WEEK": 7, "DAY": 1}
_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S")


def relative_moment(value: Any, *, now: dt.datetime | None = None) -> dt.datetime:
    """GLPI's search dates: NOW, TODAY, BEGINMONTH, BEGINYEAR, ``±N UNIT``, or a date."""
    text = str(value).strip()
    now = timezone.localtime(now)
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    keywords = {
        "NOW": now,
        "TODAY": today,
        "BEGINMONTH": today.replace(day=1),
        "BEGINYEAR": today.replace(month=1, day=1),
    }
    if text.upper() in keywords:
        return keywords[text.upper()]
    match = _RELATIVE.fullmatch(text)
    if match:
        amount, unit = int(match.group(1)), match.group(2).upper()
        days = _UNIT_DAYS.get(unit)
        try:
            shift = (
                dt.timedelta(days=amount * days)
                if days is not None
                else dt.timedelta(hours=amount)
                if unit == "HOUR"
                else dt.timedelta(minutes=amount)
            )
            return bounded_moment(now + shift)
        except OverflowError:
            raise BadValue(
                _("Date hors limites (du %(min)s au %(max)s).")
                % {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}
            ) from None
    for pattern in _FORMATS:
        try:
            parsed = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return bounded_moment(parsed)
    raise BadValue(_("Date incorrecte : « %s ».") % text[:40])


def text(value: Any, *, max_length: int, required: bool = False) -> str:
    """A string without NUL (no database stores it) and at most ``max_length`` long."""
    if value is None:
        value = ""
    if not isinstance(value, str | int | float):
        raise BadValue(_("Texte attendu."))
    result = str(value)
    if "\x00" in result:
        raise BadValue(_("Le caractère nul n'est pas permis."))
    if len(result) > max_length:
        raise BadValue(_("Texte trop long (%d caractères au plus).") % max_length)
    if required and not result.strip():
        raise BadValue(_("Texte attendu."))
    return result


def search_words(value: Any, *, max_length: int = 100, max_words: int = 5) -> list[str]:
    """The words of a search-as-you-type box: controls (NUL included) separate words."""
    cleaned = "".join(" " if ord(c) < 32 or c == "\x7f" else c for c in str(value or ""))
    return cleaned.strip()[:max_length].split()[:max_words]


def json_depth_ok(raw: str, max_depth: int = MAX_JSON_DEPTH) -> bool:
    """Whether the nesting of ``raw`` (brackets outside strings) stays within ``max_depth``."""
    if raw.count("[") + raw.count("{") <= max_depth:
        return True
    depth = 0
    in_string = escaped = False
    for char in raw:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                return False
        elif char in "]}":
            depth -= 1
    return True


def json_body(raw: bytes | str, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """A JSON document, refused (BadValue) when malformed, not UTF-8 or nested too deep."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BadValue(_("Le corps JSON doit être en UTF-8.")) from None
    if not json_depth_ok(raw, max_depth):
        raise BadValue(_("JSON trop imbriqué (%d niveaux au plus).") % max_depth)
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise BadValue(_("JSON invalide.")) from None

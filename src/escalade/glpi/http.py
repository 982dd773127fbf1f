"""Transport of GLPI's legacy API: parameters, booleans, error arrays, ranges."""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest, JsonResponse

from escalade.core import parsing

MAX_RANGE = 1000  # the most rows one list or search answers (Accept-Range)
DEFAULT_RANGE = (0, 49)

ERROR_STATUS = {
    "ERROR_SESSION_TOKEN_MISSING": 400,
    "ERROR_APP_TOKEN_PARAMETERS_MISSING": 400,
    "ERROR_WRONG_APP_TOKEN_PARAMETER": 400,
    "ERROR_NOT_ALLOWED_IP": 400,
    "ERROR_LOGIN_PARAMETERS_MISSING": 400,
    "ERROR_BAD_ARRAY": 400,
    "ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM": 400,
    "ERROR_RESOURCE_MISSING": 400,
    "ERROR_ITEMTYPE_NOT_FOUND_NOR_COMMONDBTM": 400,
    "ERROR_JSON_PAYLOAD_INVALID": 400,
    "ERROR_JSON_PAYLOAD_FORBIDDEN": 400,
    "ERROR_RANGE_EXCEED_TOTAL": 400,
    "ERROR_GLPI_ADD": 400,
    "ERROR_GLPI_UPDATE": 400,
    "ERROR_GLPI_DELETE": 400,
    "ERROR": 400,
    "ERROR_SESSION_TOKEN_INVALID": 401,
    "ERROR_GLPI_LOGIN": 401,
    "ERROR_GLPI_LOGIN_USER_TOKEN": 401,
    "ERROR_RIGHT_MISSING": 403,
    "ERROR_ITEM_NOT_FOUND": 404,
    "ERROR_METHOD_NOT_ALLOWED": 405,
}


class GlpiError(Exception):
    """Answered as ``["CODE", "message"]`` with the code's HTTP status."""

    def __init__(self, code: str, message: str, *, status: int | None = None, payload: Any = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or ERROR_STATUS.get(code, 400)
        self.payload = payload  # replaces the message in the array when given

    def response(self) -> JsonResponse:
        second = self.payload if self.payload is not None else self.message
        return JsonResponse([self.code, second], status=self.status, safe=False)


# --- Parameters ----------------------------------------------------------------------

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
MAX_PARAMS = 1000


def _set_nested(target: dict, key: str, value: Any) -> None:
    match = _KEY.match(key)
    if not match:
        target[key] = value
        return
    parts = [match.group(1), *re.findall(r"\[([^\[\]]*)\]", match.group(2))]
    node: Any = target
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        if part == "":
            part = str(len(node)) if isinstance(node, dict) else part
        if not isinstance(node, dict):
            return  # conflicting shapes (a[b]=1&a=2): keep the first
        if last:
            node[part] = value
        else:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]


def php_query(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """``criteria[0][field]=12&forcedisplay[]=4`` → nested dicts, as PHP reads them."""
    result: dict[str, Any] = {}
    for key, value in pairs[:MAX_PARAMS]:
        _set_nested(result, key, value)
    return result


def as_list(value: Any) -> list:
    """A PHP array given as a list, a dict of indexes, or a scalar, as a list."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, dict):

        def order(key: str) -> tuple[int, Any]:
            return (0, int(key)) if str(key).isdigit() else (1, key)

        return [value[k] for k in sorted(value, key=order)]
    return [value]


def boolean(value: Any, default: bool = False) -> bool:
    """GLPI's booleans: true/false, 1/0, True/False, "true"/"false", "1"/"0"."""
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", "null", "none"):
        return False
    return default


def request_params(request: HttpRequest) -> dict[str, Any]:
    """Query string merged with the body (JSON, or multipart with uploadManifest)."""
    params = php_query([(k, str(v)) for k, v in request.GET.items()])
    for key in request.GET:
        values = request.GET.getlist(key)
        if key.endswith("[]") and len(values) > 1:
            params[key[:-2]] = values
    if request.method == "GET":
        if request.body and request.body.strip() not in (b"", b"{}", b"[]"):
            raise GlpiError(
                "ERROR_JSON_PAYLOAD_FORBIDDEN", "Le corps JSON est interdit pour une requête GET."
            )
        return params
    content_type = request.content_type or ""
    if content_type.startswith("multipart/"):
        manifest = request.POST.get("uploadManifest")
        body: Any = {}
        if manifest:
            try:
                body = parsing.json_body(manifest)
            except parsing.BadValue as error:
                raise GlpiError(
                    "ERROR_JSON_PAYLOAD_INVALID", f"uploadManifest : {error.message}"
                ) from None
        else:
            body = php_query([(k, str(v)) for k, v in request.POST.items()])
        if not isinstance(body, dict):
            raise GlpiError("ERROR_JSON_PAYLOAD_INVALID", "uploadManifest doit être un objet.")
        params.update(body)
        return params
    raw = request.body
    if raw and raw.strip():
        try:
            body = parsing.json_body(raw)
        except parsing.BadValue as error:
            if content_type == "application/x-www-form-urlencoded":
                body = php_query([(k, str(v)) for k, v in request.POST.items()])
            else:
                raise GlpiError(
                    "ERROR_JSON_PAYLOAD_INVALID",
                    f"Le corps de la requête n'est pas un JSON valide : {error.message}",
                ) from None
        if not isinstance(body, dict):
            raise GlpiError("ERROR_JSON_PAYLOAD_INVALID", "Le corps JSON doit être un objet.")
        params.update(body)
    return params


def parse_range(value: Any) -> tuple[int, int]:
    """``"0-49"`` → (0, 49), capped to MAX_RANGE rows."""
    if value in (None, ""):
        return DEFAULT_RANGE
    match = re.fullmatch(r"\s*(\d{1,9})\s*-\s*(\d{1,9})\s*", str(value))
    if not match:
        raise GlpiError("ERROR", "Requête invalide : le paramètre range est mal formé.")
    start, end = int(match.group(1)), int(match.group(2))
    if end < start:
        raise GlpiError("ERROR", "Requête invalide : la fin du range précède son début.")
    return start, min(end, start + MAX_RANGE - 1)


def ranged(
    response: JsonResponse, *, itemtype: str, start: int, count: int, total: int
) -> JsonResponse:
    """Content-Range / Accept-Range headers, 206 when the page is partial."""
    if total > 0:
        end = start + max(count, 1) - 1
        response["Content-Range"] = f"{start}-{min(end, total - 1)}/{total}"
    response["Accept-Range"] = f"{itemtype} {MAX_RANGE}"
    if count < total:
        response.status_code = 206
    return response


def check_start(start: int, total: int) -> None:
    if (total > 0 and start >= total) or (total == 0 and start > 0):
        raise GlpiError(
            "ERROR_RANGE_EXCEED_TOTAL", "Le début du range dépasse le nombre total d'éléments."
        )

"""/api/v1's JSON parser: a body nested deeper than parsing.MAX_JSON_DEPTH is a 400."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from escalade.core import parsing


class JSONBodyParser(JSONParser):
    """DRF's JSON parser through ``parsing.json_body`` (depth limit, UTF-8, strict)."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        raw = stream.read() if stream is not None else b""
        if not raw:
            raise ParseError("Corps JSON vide.")
        try:
            return parsing.json_body(raw)
        except parsing.BadValue as error:
            raise ParseError(error.message) from None

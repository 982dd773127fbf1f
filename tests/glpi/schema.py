"""GLPI 10.0.15's schema (``data/glpi-empty.sql``, copied from GLPI's install/mysql/).

``columns(table)`` gives a table's columns in order with the default a new row gets:
``None`` for NULL, an ``int`` for integer columns, a ``str`` otherwise.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

SCHEMA = Path(__file__).parent / "data" / "glpi-empty.sql"

_TABLE = re.compile(r"^CREATE TABLE `(?P<name>\w+)` \((?P<body>.*?)^\) ENGINE", re.M | re.S)
_COLUMN = re.compile(r"^\s+`(?P<name>\w+)` (?P<type>\w+)(?P<rest>.*?),?$")
_DEFAULT = re.compile(r"DEFAULT (NULL|'(?P<quoted>[^']*)'|(?P<bare>[\w.()-]+))")


def _default(kind: str, rest: str) -> Any:
    found = _DEFAULT.search(rest)
    integer = kind in ("int", "tinyint", "smallint", "bigint", "mediumint")
    if found is None:
        if "NOT NULL" in rest and "AUTO_INCREMENT" not in rest:
            return 0 if integer else ""
        return None
    if found.group(1) == "NULL":
        return None
    value = found.group("quoted") if found.group("quoted") is not None else found.group("bare")
    if integer:
        return int(value)
    if kind in ("float", "decimal", "double"):
        return float(value)
    return value


@functools.cache
def tables() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for table in _TABLE.finditer(SCHEMA.read_text(encoding="utf-8")):
        cols: dict[str, Any] = {}
        for line in table.group("body").splitlines():
            match = _COLUMN.match(line)
            if match:
                cols[match.group("name")] = _default(match.group("type"), match.group("rest"))
        found[table.group("name")] = cols
    return found


def columns(table: str) -> dict[str, Any]:
    return tables()[table]

"""The one-writer rule, checked on every test: no interface writes tickets by itself.

Pages, /api/v1, GLPI's API, the mail gateway and forms call the workflow, which is the
only code that writes the ticket tables. While a test runs, every INSERT, UPDATE or
DELETE on a ticket's tables (the ticket, its actors, followups, tasks, solutions,
documents and events) is traced back through the Python stack to the first
frame of Escalade's own code that is not a model: a writer (a ``workflow.py`` or
``actions.py``, the demo and benchmark loaders, commands, migrations, the GLPI importer)
is allowed; an interface module is a failure. Tests that arrange rows with the ORM are
allowed (their frames are in ``tests/``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import escalade

SRC = str(Path(escalade.__file__).resolve().parent) + "/"
TESTS = str(Path(__file__).resolve().parent) + "/"

TICKET_TABLES = "ticket|ticketactor|followup|task|solution|attachment|ticketevent"
WRITE = re.compile(
    rf'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(tickets_(?:{TICKET_TABLES}))"?\b', re.I
)

# Where a write may come from (relative to src/escalade/).
WRITERS = re.compile(
    r"(^|/)(workflow|actions)\.py$|/migrations/|/management/|^demo/"
    r"|^glpiimport/"
)
# Interfaces: they call writers and never write tickets themselves.
INTERFACES = re.compile(
    r"(^|/)(views\w*|api\w*|serializers|forms|urls)\.py$|(^|/)api/|^glpi/|^mailgate/"
    r"|/templatetags/"
)


class InterfaceWroteTickets(AssertionError):
    pass


def writer_of(frame: Any) -> str | None:
    """The interface module that wrote, or None when the write is allowed."""
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(TESTS):
            return None
        if filename.startswith(SRC):
            module = filename[len(SRC) :]
            if WRITERS.search(module):
                return None
            if INTERFACES.search(module):
                return f"{module}:{frame.f_lineno} ({frame.f_code.co_name})"
        frame = frame.f_back
    return None


def guard(execute: Callable, sql: str, params: Any, many: bool, context: dict) -> Any:
    match = WRITE.match(sql)
    if match:
        culprit = writer_of(sys._getframe(1))
        if culprit is not None:
            raise InterfaceWroteTickets(
                f"{culprit} writes {match.group(1)} without the workflow: call a writer."
            )
    return execute(sql, params, many, context)

"""Typed errors raised by the workflow; each interface maps them to its answer.

Web views turn them into form errors or messages, the APIs into 400/403/404/409.
"""

from __future__ import annotations

from django.http import Http404


class WorkflowError(Exception):
    """Base class. ``message`` is translated text fit for the user."""

    status_code = 400
    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidInput(WorkflowError):
    """The request is well-formed but its values are not acceptable (400)."""


class Forbidden(WorkflowError):
    """The actor may see the ticket but not do this to it (403)."""

    status_code = 403
    code = "forbidden"


class Conflict(WorkflowError):
    """The ticket's state does not allow this now (409): closed, wrong status…"""

    status_code = 409
    code = "conflict"


class TicketNotFound(Http404):
    """No such ticket, or one outside the actor's reach: they answer alike (404)."""

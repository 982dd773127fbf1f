"""/api/v1: Escalade's own REST API (DRF, described by drf-spectacular's OpenAPI schema).

- ``base``: what every view shares (``ApiView``, error shapes, context headers, paging);
- ``views``: the tickets, their followups, tasks, solutions, actors and documents, the
  directory (categories, groups, users), the caller (``me``) and their tokens;
- ``serializers``: the request and response shapes; ``filters``: the list's query
  parameters; ``docs``: the documentation page (Swagger UI served by the app);
- ``urls``: the routes, included under ``/api/v1/``.

Other apps keep their endpoints in their own ``api.py`` and ``api_urls.py``.
"""

from escalade.tickets.api.base import (
    CONTEXT_HEADERS,
    ERRORS,
    WITH_ID,
    WRITE_ERRORS,
    ApiView,
    _many,
    _pick,
    paged,
)

__all__ = [
    "CONTEXT_HEADERS",
    "ERRORS",
    "WITH_ID",
    "WRITE_ERRORS",
    "ApiView",
    "_many",
    "_pick",
    "paged",
]

"""Property-based fuzzing of /api/v1/ against its own OpenAPI schema (schemathesis).

Bounded (a few examples per operation, run in-process through the WSGI app):
no server error, and no response that contradicts the schema (status code,
content type, body, headers).
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import open_lsu_ticket

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


DJANGO = get_wsgi_application()


def wsgi_app(environ, start_response):
    """Django's WSGI app, keeping the test's database connection open (as the test client)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = DJANGO(environ, start_response)
        try:
            body = b"".join(response)
        finally:
            response.close()
        return [body]
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
# Data the schema allows (Django's router answers a non-integer id before the API does).
schema.config.generation.update(modes=[GenerationMode.POSITIVE], no_shrink=True, database="none")


@pytest.fixture
def lsu_world(demo, chef):
    open_lsu_ticket(demo, chef)  # something to read, update and act on


@pytest.mark.usefixtures("lsu_world")
@schema.parametrize()
@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_within_its_schema_and_never_fails(case):
    response = case.call(headers={"Authorization": "Token admin-token"})
    case.validate_response(response, checks=CHECKS)

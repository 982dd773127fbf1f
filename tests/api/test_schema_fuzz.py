"""Property-based fuzzing of /api/v1/ against its own OpenAPI schema (schemathesis).

Bounded (a few examples per operation, run in-process through the WSGI app):
no server error, and no response that contradicts the schema (status code,
content type, body, headers).
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
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

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]


schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
# Data the schema allows (Django's router answers a non-integer id before the API does).
schema.config.generation.update(modes=[GenerationMode.POSITIVE], no_shrink=True,
                                database="none")


@pytest.fixture
def lsu_world(demo, chef):
    open_lsu_ticket(demo, chef)  # something to read, update and act on


@pytest.mark.usefixtures("lsu_world")
@schema.parametrize()
@settings(max_examples=3, deadline=None, derandomize=True,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_api_answers_within_its_schema_and_never_fails(case):
    response = case.call(headers={"Authorization": "Token referent.lsu-token"})
    case.validate_response(response, checks=CHECKS)

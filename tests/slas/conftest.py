from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from escalade.demo.slas import SlaDemo, load_sla_demo

PARIS = ZoneInfo("Europe/Paris")


def paris(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=PARIS)


@pytest.fixture
def slas(demo) -> SlaDemo:
    return load_sla_demo(demo)


from tests.api.conftest import api_as  # noqa: E402, F401
from tests.glpi.conftest import glpi_as  # noqa: E402, F401
from tests.web.conftest import client_as  # noqa: E402, F401

from tests.api.conftest import api_as  # noqa: F401
from tests.glpi.conftest import glpi_as  # noqa: F401
from tests.web.conftest import client_as, outsider_client  # noqa: F401

from tests.notifications.conftest import smtp  # noqa: F401 - the real SMTP server
from tests.slas.conftest import slas  # noqa: F401 - the DANE's calendar and SLM

from tests.notifications.conftest import smtp  # noqa: F401

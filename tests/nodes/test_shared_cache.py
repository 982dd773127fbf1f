"""The cache every node shares: Redis with ESCALADE_CACHE_URL, else the database in
multi-node mode (what Escalade caches, such as the read-your-writes pins, must be seen by
every process)."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from escalade.operations import config
from tests.servers import base_env


def settings_with(monkeypatch, tmp_path, **env: str) -> dict:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    namespace = {
        "MIDDLEWARE": [],
        "LOGGING": {"formatters": {}, "handlers": {"console": {}}},
        "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3"}},
        "DATA_DIR": tmp_path,
    }
    config.apply(namespace)
    return namespace


def test_redis_when_configured_the_database_in_multi_node_mode(monkeypatch, tmp_path):
    redis = settings_with(monkeypatch, tmp_path, ESCALADE_CACHE_URL="redis://127.0.0.1:6379/3")
    assert redis["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
    }
    monkeypatch.delenv("ESCALADE_CACHE_URL")
    shared = settings_with(monkeypatch, tmp_path, ESCALADE_MULTI_NODE="1")
    assert shared["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    with pytest.raises(ImproperlyConfigured, match="ESCALADE_CACHE_URL"):
        settings_with(monkeypatch, tmp_path, ESCALADE_CACHE_URL="memcached://x")


def redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_up(), reason="no Redis on 127.0.0.1:6379")
def test_two_processes_share_the_redis_cache(tmp_path):
    env = base_env(tmp_path, ESCALADE_CACHE_URL="redis://127.0.0.1:6379/9", SECRET_KEY="c" * 40)

    def shell(code: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "escalade.cli", "shell", "-c", code],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()[-1]

    key = f"escalade-test-{tmp_path.name}"
    shell(f"from django.core.cache import cache; cache.set({key!r}, 'noeud A', 30); print('ok')")
    assert shell(f"from django.core.cache import cache; print(cache.get({key!r}))") == "noeud A"

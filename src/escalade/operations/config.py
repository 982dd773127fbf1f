"""Settings for running Escalade on several machines, read from environment variables.

``escalade.settings`` calls :func:`apply` last, so that this one place adds what a
deployment past one machine needs (README « Déploiement sur plusieurs machines »):

- ``ESCALADE_METRICS_TOKEN`` / ``ESCALADE_METRICS_ALLOW``: who may read ``/sante/metriques/``;
- ``ESCALADE_WORKER_HEARTBEAT_MAX_AGE``: past it, ``/sante/pret/`` says the workers are gone;
- ``ESCALADE_LOG_FORMAT=json``: one JSON object per log line;
- ``ESCALADE_S3_*``: attachments in an S3-compatible bucket (escalade.core.storage);
- ``DATABASE_REPLICA_URL``: reads of lists, searches, exports, statistics and API reads
  on a streaming replica (escalade.core.dbrouting);
- ``ESCALADE_DB_POOLER=pgbouncer``: behind PgBouncer in transaction mode;
- ``ESCALADE_MULTI_NODE``, ``ESCALADE_CACHE_URL``: several web nodes and workers.
"""

from __future__ import annotations

import ipaddress
import os
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from escalade import env


def _networks(name: str, default: list[str]) -> list[str]:
    values = env.listing(name, default)
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {value!r} is not an address or network (e.g. 10.0.0.0/8)."
            ) from None
    return values


def _s3() -> dict[str, Any]:
    bucket = env.text("ESCALADE_S3_BUCKET", "").strip()
    if not bucket:
        return {"ESCALADE_S3": None}
    try:
        import storages.backends.s3  # noqa: F401
    except ImportError:
        raise ImproperlyConfigured(
            "ESCALADE_S3_BUCKET: the S3 storage is not installed (pip install 'escalade[s3]')."
        ) from None
    endpoint = env.text("ESCALADE_S3_ENDPOINT_URL", "").strip() or None
    if endpoint and not endpoint.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"ESCALADE_S3_ENDPOINT_URL={endpoint!r}: expected http(s)://host:port."
        )
    style = env.text("ESCALADE_S3_ADDRESSING_STYLE", "path" if endpoint else "auto")
    if style not in {"path", "virtual", "auto"}:
        raise ImproperlyConfigured(
            f"ESCALADE_S3_ADDRESSING_STYLE={style!r}: expected path, virtual or auto."
        )
    return {
        "ESCALADE_S3": {
            "bucket_name": bucket,
            "location": env.text("ESCALADE_S3_PREFIX", "attachments").strip("/"),
            "endpoint_url": endpoint,
            "region_name": env.text("ESCALADE_S3_REGION", "") or None,
            # Empty: boto3 looks further (AWS_ACCESS_KEY_ID, instance role, ~/.aws).
            "access_key": env.text("ESCALADE_S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env.text("ESCALADE_S3_SECRET_ACCESS_KEY", "") or None,
            "addressing_style": style,
            "default_acl": None,  # the bucket stays private: no public-read object
            "querystring_auth": True,
            "signature_version": "s3v4",
            "file_overwrite": False,
            "querystring_expire": env.integer("ESCALADE_S3_SIGNED_URL_SECONDS", 0, minimum=0) or 60,
        },
        # 0: every download streams through Escalade; N: a redirect to a URL signed for N s.
        "ESCALADE_S3_SIGNED_URL_SECONDS": env.integer(
            "ESCALADE_S3_SIGNED_URL_SECONDS", 0, minimum=0
        ),
    }


def _pooled(database: dict[str, Any]) -> dict[str, Any]:
    """A connection through PgBouncer in transaction mode: no session state survives a
    transaction, so no server-side cursor, no prepared statement, no startup options."""
    result = dict(database)
    result["DISABLE_SERVER_SIDE_CURSORS"] = True
    options = dict(result.get("OPTIONS", {}))
    options.pop("options", None)  # PgBouncer refuses "-c jit=off": set it on the database
    options["prepare_threshold"] = None
    result["OPTIONS"] = options
    return result


def apply(settings: dict[str, Any]) -> None:
    """Add the operations settings to the settings module's namespace."""
    middleware: list[str] = settings["MIDDLEWARE"]
    middleware.insert(0, "escalade.operations.metrics.MetricsMiddleware")

    settings["ESCALADE_METRICS_TOKEN"] = env.text("ESCALADE_METRICS_TOKEN", "").strip()
    # Without a token, the metrics answer only these client addresses (none by default).
    settings["ESCALADE_METRICS_ALLOW"] = _networks("ESCALADE_METRICS_ALLOW", [])
    settings["ESCALADE_WORKER_HEARTBEAT_MAX_AGE"] = env.integer(
        "ESCALADE_WORKER_HEARTBEAT_MAX_AGE", 120, minimum=1
    )

    log_format = env.text("ESCALADE_LOG_FORMAT", "plain").strip().lower()
    if log_format not in {"plain", "json"}:
        raise ImproperlyConfigured(f"ESCALADE_LOG_FORMAT={log_format!r}: expected plain or json.")
    settings["ESCALADE_LOG_FORMAT"] = log_format
    if log_format == "json":
        logging = settings["LOGGING"]
        logging["formatters"]["json"] = {"()": "escalade.operations.logs.JsonFormatter"}
        logging["handlers"]["console"]["formatter"] = "json"

    settings.update(_s3())

    databases = settings["DATABASES"]
    replica_url = env.text("DATABASE_REPLICA_URL", "").strip()
    if replica_url:
        if databases["default"]["ENGINE"] != "django.db.backends.postgresql":
            raise ImproperlyConfigured("DATABASE_REPLICA_URL needs a PostgreSQL DATABASE_URL.")
        replica = env.database("DATABASE_REPLICA_URL", settings["DATA_DIR"] / "unused")
        replica["TEST"] = {"MIRROR": "default"}
        databases["replica"] = replica
        settings["DATABASE_ROUTERS"] = ["escalade.core.dbrouting.ReplicaRouter"]
        middleware.append("escalade.core.dbrouting.ReplicaMiddleware")
    # After a write, that person's reads stay on the primary this long (read-your-writes).
    settings["ESCALADE_READ_YOUR_WRITES_SECONDS"] = env.integer(
        "ESCALADE_READ_YOUR_WRITES_SECONDS", 15, minimum=0
    )

    pooler = env.text("ESCALADE_DB_POOLER", "").strip().lower()
    if pooler not in {"", "pgbouncer"}:
        raise ImproperlyConfigured(f"ESCALADE_DB_POOLER={pooler!r}: expected pgbouncer or empty.")
    settings["ESCALADE_DB_POOLER"] = pooler
    if pooler:
        for alias, database in list(databases.items()):
            if database["ENGINE"] != "django.db.backends.postgresql":
                raise ImproperlyConfigured("ESCALADE_DB_POOLER=pgbouncer needs PostgreSQL.")
            databases[alias] = _pooled(database)

    settings["ESCALADE_MULTI_NODE"] = env.boolean("ESCALADE_MULTI_NODE", False)
    cache_url = env.text("ESCALADE_CACHE_URL", "").strip()
    if cache_url:
        if not cache_url.startswith(("redis://", "rediss://")):
            raise ImproperlyConfigured(
                f"ESCALADE_CACHE_URL={cache_url!r}: expected redis://host:6379/0."
            )
        settings["CACHES"] = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": cache_url,
            }
        }
    elif settings["ESCALADE_MULTI_NODE"] or replica_url:
        # The read-your-writes pins of API clients, and anything cached, seen by every process.
        # Table made by the operations migration 0002.
        settings["CACHES"] = {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "escalade_cache",
            }
        }


def multi_node_problems() -> list[str]:
    """What keeps ``escalade run`` from starting as one node of several (empty: nothing)."""
    from django.conf import settings

    problems = []  # SECRET_KEY: escalade.env.secret_key refuses to make one
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        problems.append("DATABASE_URL: every node needs the same PostgreSQL database.")
    if not settings.ESCALADE_S3 and not os.environ.get("ESCALADE_ATTACHMENTS_DIR", "").strip():
        problems.append(
            "ESCALADE_S3_BUCKET or ESCALADE_ATTACHMENTS_DIR: attachments must be on storage "
            "that every node reaches (a bucket or a shared directory)."
        )
    return problems

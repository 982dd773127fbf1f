"""Reading Escalade's configuration from environment variables.

Every reader names the variable in its error, so that a bad value stops
start-up with a message an administrator can act on.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def text(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def boolean(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected one of 1/0, true/false, yes/no, on/off.")


def integer(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r}: must be at least {minimum}.")
    return value


def listing(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database(name: str, default_sqlite: Path) -> dict:
    import dj_database_url

    raw = os.environ.get(name, "").strip()
    if not raw:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(default_sqlite),
            "OPTIONS": {
                # WAL lets the worker and the web processes write side by side.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"{name}: cannot read {raw!r} ({exc}).") from None
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.postgresql", "django.db.backends.sqlite3"}:
        raise ImproperlyConfigured(
            f"{name}: only postgres:// and sqlite:// are supported, got {raw!r}."
        )
    result: dict[str, Any] = dict(config)
    if engine == "django.db.backends.postgresql":
        # Escalade's list queries are short OLTP queries whose estimated cost crosses
        # PostgreSQL's JIT threshold: compiling them cost more than running them
        # (bench/FINDINGS.md: the "Tous" count went from 722 ms to 249 ms with JIT off).
        options = result.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return result


def email(name: str, default: str) -> dict:
    """Parse EMAIL_URL into Django EMAIL_* settings.

    smtp://host:port, smtp+tls://user:pass@host:port (STARTTLS),
    smtp+ssl://user:pass@host:port (implicit TLS), console:, file:/path.
    """
    raw = os.environ.get(name, default).strip()
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    result: dict = {
        "EMAIL_HOST": "localhost",
        "EMAIL_PORT": 25,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
    }
    if scheme == "console":
        result["EMAIL_BACKEND"] = "django.core.mail.backends.console.EmailBackend"
        return result
    if scheme == "file":
        path = parts.path or parts.netloc
        if not path:
            raise ImproperlyConfigured(
                f"{name}={raw!r}: file: needs a folder, e.g. file:/var/mail."
            )
        result["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
        result["EMAIL_FILE_PATH"] = path
        return result
    if scheme not in {"smtp", "smtp+tls", "smtp+ssl"}:
        raise ImproperlyConfigured(
            f"{name}={raw!r}: expected smtp://, smtp+tls://, smtp+ssl://, console: or file:."
        )
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: the port is not a number.") from None
    if not parts.hostname:
        raise ImproperlyConfigured(f"{name}={raw!r}: the host is missing.")
    result.update(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=parts.hostname,
        EMAIL_PORT=port or (465 if scheme == "smtp+ssl" else 587 if scheme == "smtp+tls" else 25),
        EMAIL_HOST_USER=unquote(parts.username or ""),
        EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
        EMAIL_USE_TLS=scheme == "smtp+tls",
        EMAIL_USE_SSL=scheme == "smtp+ssl",
    )
    return result


def base_url(name: str, default: str) -> str:
    raw = os.environ.get(name, default).strip().rstrip("/")
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ImproperlyConfigured(
            f"{name}={raw!r}: expected an absolute http(s) address, e.g. https://assistance.ac-x.fr."
        )
    return raw


def secret_key(name: str, data_dir: Path) -> str:
    """SECRET_KEY from the environment, or generated once and kept in the data dir."""
    raw = os.environ.get(name, "").strip()
    if raw:
        if len(raw) < 32:
            raise ImproperlyConfigured(f"{name}: too short; use at least 32 random characters.")
        return raw
    if boolean("ESCALADE_MULTI_NODE", False):
        raise ImproperlyConfigured(
            f"{name}: ESCALADE_MULTI_NODE=1 needs the same {name} on every node and worker "
            "(a key generated in one node's data directory signs sessions and links that the "
            "other nodes refuse)."
        )
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # Written whole under a private name, then linked into place: processes starting
    # together (web and worker processes) never read a file still being written, and
    # the first link wins.
    draft = data_dir / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    try:
        os.link(draft, key_file)
    except FileExistsError:  # another process put its key first
        key = key_file.read_text().strip()
    finally:
        draft.unlink()
    return key

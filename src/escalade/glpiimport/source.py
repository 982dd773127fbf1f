"""Reading a GLPI 10.0 database (MySQL or MariaDB) with PyMySQL, read-only."""

from __future__ import annotations

import contextlib
import datetime as dt
import zoneinfo
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from django.utils.translation import gettext as _

# Tables the importer reads: a database without them is not GLPI's.
REQUIRED_TABLES = (
    "glpi_configs",
    "glpi_entities",
    "glpi_users",
    "glpi_groups",
    "glpi_profiles",
    "glpi_profilerights",
    "glpi_tickets",
    "glpi_itilfollowups",
)


class GlpiImportError(Exception):
    """A problem that stops the import before anything is written: one line for people."""


@dataclass(frozen=True)
class Dsn:
    user: str
    password: str
    host: str
    port: int
    database: str
    unix_socket: str | None = None


def parse_dsn(dsn: str) -> Dsn:
    """``mysql://USER:PASS@HOST:PORT/DBNAME`` (also ``mariadb://``; ``?unix_socket=``)."""
    try:
        parts = urlsplit(dsn)
        port = parts.port or 3306
    except ValueError as exc:
        raise GlpiImportError(_("adresse de la base GLPI invalide : %s") % exc) from None
    if parts.scheme not in ("mysql", "mariadb") or not parts.hostname:
        raise GlpiImportError(
            _("adresse de la base GLPI invalide (attendu mysql://UTILISATEUR:MOT@HÔTE:PORT/BASE)")
        )
    database = unquote(parts.path.lstrip("/"))
    if not database or "/" in database:
        raise GlpiImportError(_("adresse de la base GLPI invalide : nom de base manquant"))
    socket = None
    for item in parts.query.split("&") if parts.query else []:
        key, _sep, value = item.partition("=")
        if key == "unix_socket":
            socket = unquote(value)
    return Dsn(
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        host=parts.hostname,
        port=port,
        database=database,
        unix_socket=socket,
    )


class GlpiSource:
    """A read-only connection to GLPI's database; rows as dicts.

    The session time zone is UTC: GLPI 10 stores dates as TIMESTAMP columns, which
    MySQL then gives in UTC whatever the server's zone. A database not yet migrated
    to timestamps (``bin/console migration:timestamps``) has DATETIME columns, in
    the GLPI server's local time: those are read in ``timezone`` (the option, or the
    server's own zone).
    """

    def __init__(self, dsn: Dsn, *, timezone: str | None = None) -> None:
        try:
            import pymysql
            import pymysql.cursors
        except ImportError:  # pragma: no cover - the extra is missing
            raise GlpiImportError(_("PyMySQL manque : installez escalade[glpi-import]")) from None
        self._pymysql = pymysql
        try:
            self.connection = pymysql.connect(
                host=dsn.host,
                port=dsn.port,
                user=dsn.user,
                password=dsn.password,
                database=dsn.database,
                unix_socket=dsn.unix_socket,
                charset="utf8mb4",
                cursorclass=pymysql.cursors.DictCursor,
                connect_timeout=10,
                init_command="SET time_zone = '+00:00'",
            )
        except pymysql.err.OperationalError as exc:
            code = exc.args[0] if exc.args else 0
            message = exc.args[1] if len(exc.args) > 1 else str(exc)
            if code in (1044, 1045, 1049):
                raise GlpiImportError(
                    _("base GLPI refusée par %(host)s:%(port)s : %(message)s")
                    % {"host": dsn.host, "port": dsn.port, "message": message}
                ) from None
            raise GlpiImportError(
                _("serveur GLPI injoignable (%(host)s:%(port)s) : %(message)s")
                % {"host": dsn.host, "port": dsn.port, "message": message}
            ) from None
        except (pymysql.err.MySQLError, OSError) as exc:
            raise GlpiImportError(
                _("serveur GLPI injoignable (%(host)s:%(port)s) : %(message)s")
                % {"host": dsn.host, "port": dsn.port, "message": exc}
            ) from None
        self.database = dsn.database
        self.version = self._check_glpi()
        self.local_zone = self._local_zone(timezone)
        self.naive_dates = self._column_type("glpi_tickets", "date") == "datetime"

    # --- checks ------------------------------------------------------------

    def _check_glpi(self) -> str:
        with self.connection.cursor(self._pymysql.cursors.Cursor) as cursor:
            cursor.execute("SHOW TABLES")
            tables = {row[0] for row in cursor.fetchall()}
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise GlpiImportError(
                _("la base %(db)s n'est pas une base GLPI (tables absentes : %(tables)s)")
                % {"db": self.database, "tables": ", ".join(missing)}
            )
        self.tables = tables
        row = self.one("SELECT value FROM glpi_configs WHERE context = 'core' AND name = 'version'")
        version = (row or {}).get("value") or ""
        if not version.startswith("10."):
            raise GlpiImportError(
                _("la base %(db)s est celle de GLPI %(version)s : GLPI 10.0 attendu")
                % {"db": self.database, "version": version or "?"}
            )
        return version

    def _column_type(self, table: str, column: str) -> str:
        row = self.one(f"SHOW COLUMNS FROM `{table}` LIKE %s", [column])
        return str((row or {}).get("Type") or "").lower().split("(")[0]

    def _local_zone(self, name: str | None) -> dt.tzinfo:
        """The GLPI server's zone: the option, GLPI's setting, or MySQL's system zone."""
        candidates: list[str | None] = [name] if name else []
        if not name:
            row = self.one(
                "SELECT value FROM glpi_configs WHERE context='core' AND name='timezone'"
            )
            candidates.append((row or {}).get("value"))
            row = self.one("SELECT @@global.time_zone AS tz, @@system_time_zone AS sys")
            candidates += [(row or {}).get("tz"), (row or {}).get("sys")]
        for candidate in candidates:
            if not candidate or candidate == "SYSTEM":
                continue
            if candidate.startswith(("+", "-")) and ":" in candidate:
                sign = -1 if candidate[0] == "-" else 1
                hours, minutes = candidate[1:].split(":")
                delta = dt.timedelta(hours=int(hours), minutes=int(minutes))
                return dt.timezone(sign * delta)
            try:
                return zoneinfo.ZoneInfo(candidate)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                if name:
                    raise GlpiImportError(_("fuseau horaire inconnu : %s") % name) from None
        return dt.UTC

    # --- reading -----------------------------------------------------------

    def rows(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def one(self, sql: str, params: Sequence[Any] | None = None) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def has_table(self, table: str) -> bool:
        return table in self.tables

    def batches(
        self, table: str, columns: str = "*", where: str = "1=1", size: int = 1000
    ) -> Iterator[list[dict[str, Any]]]:
        """Rows by increasing id, ``size`` at a time (keyset paging)."""
        last = -1
        while True:
            found = self.rows(
                f"SELECT {columns} FROM {table} WHERE ({where}) AND id > %s"  # noqa: S608 (our names)
                " ORDER BY id LIMIT %s",
                [last, size],
            )
            if not found:
                return
            yield found
            last = found[-1]["id"]

    def count(self, table: str, where: str = "1=1") -> int:
        row = self.one(f"SELECT COUNT(*) AS n FROM {table} WHERE {where}")  # noqa: S608
        return int((row or {}).get("n") or 0)

    def when(self, value: Any) -> dt.datetime | None:
        """A GLPI date as an aware datetime (None for empty or zero dates)."""
        if not isinstance(value, dt.datetime):
            return None
        if self.naive_dates:
            return value.replace(tzinfo=self.local_zone)
        return value.replace(tzinfo=dt.UTC)

    def close(self) -> None:
        with contextlib.suppress(self._pymysql.err.Error):
            self.connection.close()

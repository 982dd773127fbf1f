"""A real MariaDB server loaded with GLPI 10.0.15's schema and a small GLPI desk.

The server (Debian's ``mariadb-server``) runs in a temporary directory on a free
port for the test session and stops at its end. If it cannot start, the tests fail
loudly: they never fall back to anything else.

The data set (written below, GLPI's own columns):
- entities 0 "Entité racine" > 1 "Académie de Lyon" > 2 "Collège Jean Moulin";
  0 > 3 "Académie de Grenoble";
- users: glpi (Super-Admin), chef.etab and autre.chef (Self-Service on the college),
  tech.lyon (Technician on Lyon and below), tech.gre (Technician on Grenoble),
  ldap.user (LDAP, no local password), parti (inactive);
- groups DSI > BAI; categories Scolarité > LSU; profiles Self-Service, Technician,
  Super-Admin with GLPI's seeded rights bitmasks;
- tickets 3, 7, 8 and 1234 (gaps), with actors (one e-mail-only), HTML entities in
  both GLPI 10 and 9.5 encodings, a public and a private followup, a private task,
  a solution waiting for approval, documents (an inline image whose file is there,
  one whose file is missing) and history rows.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import bcrypt
import pymysql
import pytest

# GLPI 10.0.15's schema, shipped once for the GLPI API and import tests.
SCHEMA = Path(__file__).parents[1] / "glpi" / "data" / "glpi-empty.sql"
MARIADBD = shutil.which("mariadbd", path="/usr/sbin:/usr/bin:" + os.environ.get("PATH", ""))
INSTALL_DB = shutil.which("mariadb-install-db", path="/usr/bin:/usr/sbin")

PASSWORDS = {
    "glpi": "glpi-admin-2024",
    "chef.etab": "Chef&Etab<2024>",
    "autre.chef": "autre-chef-pw",
    "tech.lyon": "tech-lyon-pw",
    "tech.gre": "tech-gre-pw",
}
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def glpi_hash(password: str) -> str:
    """What PHP's password_hash() stores: bcrypt with the $2y$ prefix."""
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()
    return "$2y$" + hashed[4:]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class MariaDB:
    port: int
    socket: str
    tmp: Path

    def dsn(self, database: str = "glpi", user: str = "glpi", password: str = "glpi-pw") -> str:
        return f"mysql://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "glpi") -> pymysql.connections.Connection:
        return pymysql.connect(
            unix_socket=self.socket,
            user="root",
            database=database,
            charset="utf8mb4",
            autocommit=True,
            init_command="SET time_zone = '+00:00'",
        )

    def execute(self, sql: str, params: object = None, database: str = "glpi") -> None:
        with self.connect(database) as conn, conn.cursor() as cursor:
            cursor.execute(sql, params)


@pytest.fixture(scope="session")
def mariadb() -> Iterator[MariaDB]:
    assert MARIADBD and INSTALL_DB, "mariadb-server is not installed (scripts/system-deps.sh)"
    tmp = Path(tempfile.mkdtemp(prefix="escalade-mariadb-"))
    data = tmp / "data"
    sock = str(tmp / "mysqld.sock")
    install = subprocess.run(
        [
            INSTALL_DB,
            "--no-defaults",
            f"--datadir={data}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
            "--user=" + (os.environ.get("USER") or "root"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert install.returncode == 0, f"mariadb-install-db failed: {install.stderr[-2000:]}"
    port = free_port()
    log = tmp / "error.log"
    args = [
        MARIADBD,
        "--no-defaults",
        f"--datadir={data}",
        f"--socket={sock}",
        f"--port={port}",
        "--bind-address=127.0.0.1",
        f"--pid-file={tmp / 'mysqld.pid'}",
        f"--log-error={log}",
        "--skip-name-resolve",
        "--skip-log-bin",
        "--innodb-buffer-pool-size=64M",
        # A throw-away server: no durability needed, schema loads twice as fast.
        "--innodb-flush-method=nosync",
        "--innodb-doublewrite=0",
        "--innodb-file-per-table=0",
        "--innodb-flush-log-at-trx-commit=0",
    ]
    if os.geteuid() == 0:
        args.append("--user=root")
    server = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        try:
            pymysql.connect(unix_socket=sock, user="root").close()
            break
        except pymysql.err.OperationalError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                text = log.read_text(errors="replace")[-3000:] if log.exists() else ""
                pytest.fail(f"MariaDB did not start: {text}", pytrace=False)
            time.sleep(0.2)
    db = MariaDB(port=port, socket=sock, tmp=tmp)
    try:
        db.execute("CREATE DATABASE glpi CHARACTER SET utf8mb4", database="mysql")
        db.execute("CREATE DATABASE notglpi CHARACTER SET utf8mb4", database="mysql")
        db.execute("CREATE USER 'glpi'@'127.0.0.1' IDENTIFIED BY 'glpi-pw'", database="mysql")
        db.execute("GRANT ALL ON glpi.* TO 'glpi'@'127.0.0.1'", database="mysql")
        db.execute("GRANT ALL ON notglpi.* TO 'glpi'@'127.0.0.1'", database="mysql")
        db.execute("CREATE TABLE notglpi.things (id INT PRIMARY KEY)", database="mysql")
        with open(SCHEMA, "rb") as schema:
            subprocess.run(
                ["mariadb", "--no-defaults", "-uroot", f"--socket={sock}", "glpi"],
                stdin=schema,
                check=True,
                timeout=300,
            )
        yield db
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def _insert(cursor, table: str, rows: list[dict]) -> None:
    for row in rows:
        columns = ", ".join(f"`{c}`" for c in row)
        marks = ", ".join(["%s"] * len(row))
        cursor.execute(f"INSERT INTO `{table}` ({columns}) VALUES ({marks})", list(row.values()))


# GLPI's seeded rights bitmasks (install/empty_data.php) for the three profiles.
SELF_SERVICE = {"ticket": 1 | 4, "followup": 1 | 4, "task": 1}
TECHNICIAN = {
    "ticket": 1 | 2 | 4 | 1024 | 2048 | 32768 | 131072,
    "followup": 1 | 2 | 4 | 1024 | 2048 | 4096 | 8192,
    "task": 1 | 2 | 1024 | 4096 | 8192,
}
SUPER_ADMIN = {
    "ticket": 31 | 1024 | 2048 | 4096 | 8192 | 16384 | 32768 | 65536 | 131072,
    "followup": 1 | 2 | 4 | 1024 | 2048 | 4096 | 8192,
    "task": 1 | 2 | 1024 | 4096 | 8192,
    "config": 31,
}


@dataclass
class GlpiDesk:
    db: MariaDB
    files: Path

    @property
    def dsn(self) -> str:
        return self.db.dsn()


@pytest.fixture(scope="session")
def glpi(mariadb: MariaDB) -> GlpiDesk:
    files = mariadb.tmp / "files"
    (files / "PNG" / "4e").mkdir(parents=True)
    png_sha1 = hashlib.sha1(PNG).hexdigest()
    (files / "PNG" / "4e" / f"{png_sha1[2:]}.PNG").write_bytes(PNG)
    report = b"rapport d'erreur LSU\n"
    with mariadb.connect() as conn, conn.cursor() as c:
        _insert(
            c,
            "glpi_configs",
            [
                {"context": "core", "name": "version", "value": "10.0.15"},
                {"context": "core", "name": "dbversion", "value": "10.0.15@x"},
            ],
        )
        _insert(
            c,
            "glpi_entities",
            [
                {
                    "id": 0,
                    "name": "Entité racine",
                    "entities_id": None,
                    "completename": "Entité racine",
                    "level": 1,
                    "autoclose_delay": -10,
                },
                {
                    "id": 1,
                    "name": "Académie de Lyon",
                    "entities_id": 0,
                    "completename": "Entité racine > Académie de Lyon",
                    "level": 2,
                    "autoclose_delay": 7,
                },
                {
                    "id": 2,
                    "name": "Collège Jean Moulin",
                    "entities_id": 1,
                    "completename": "Entité racine > Académie de Lyon > Collège Jean Moulin",
                    "level": 3,
                    "autoclose_delay": -2,
                },
                {
                    "id": 3,
                    "name": "Académie de Grenoble",
                    "entities_id": 0,
                    "completename": "Entité racine > Académie de Grenoble",
                    "level": 2,
                    "autoclose_delay": 0,
                },
            ],
        )
        users = [
            (2, "glpi", "Admin", "GLPI", 1, 1),
            (10, "chef.etab", "Moulin", "Jeanne", 1, 1),
            (11, "tech.lyon", "Martin", "Paul", 1, 1),
            (12, "tech.gre", "Durand", "Léa", 1, 1),
            (13, "ldap.user", "Annuaire", "Aline", 3, 1),
            (14, "autre.chef", "Bernard", "Luc", 1, 1),
            (15, "parti", "Ancien", "Marc", 1, 0),
        ]
        _insert(
            c,
            "glpi_users",
            [
                {
                    "id": uid,
                    "name": name,
                    "realname": last,
                    "firstname": first,
                    "authtype": authtype,
                    "is_active": active,
                    "password": glpi_hash(PASSWORDS.get(name, "old-password"))
                    if authtype == 1
                    else None,
                    "language": "fr_FR",
                    "date_creation": "2021-09-01 08:00:00",
                }
                for uid, name, last, first, authtype, active in users
            ],
        )
        _insert(
            c,
            "glpi_useremails",
            [
                {"users_id": 10, "email": "ancien.chef@example.org", "is_default": 0},
                {"users_id": 10, "email": "chef.etab@example.org", "is_default": 1},
                {"users_id": 11, "email": "tech.lyon@example.org", "is_default": 1},
                {"users_id": 12, "email": "tech.gre@example.org", "is_default": 0},
            ],
        )
        _insert(
            c,
            "glpi_groups",
            [
                {
                    "id": 1,
                    "entities_id": 0,
                    "is_recursive": 1,
                    "name": "DSI",
                    "completename": "DSI",
                    "level": 1,
                    "groups_id": 0,
                },
                {
                    "id": 2,
                    "entities_id": 0,
                    "is_recursive": 1,
                    "name": "BAI",
                    "completename": "DSI &#62; BAI",
                    "level": 2,
                    "groups_id": 1,
                    "is_requester": 0,
                },
            ],
        )
        _insert(
            c,
            "glpi_groups_users",
            [{"id": 1, "users_id": 11, "groups_id": 2, "is_manager": 1, "is_userdelegate": 1}],
        )
        _insert(
            c,
            "glpi_itilcategories",
            [
                {
                    "id": 1,
                    "entities_id": 0,
                    "is_recursive": 1,
                    "itilcategories_id": 0,
                    "name": "Scolarité",
                    "completename": "Scolarité",
                    "level": 1,
                },
                {
                    "id": 2,
                    "entities_id": 0,
                    "is_recursive": 1,
                    "itilcategories_id": 1,
                    "name": "LSU",
                    "completename": "Scolarité > LSU",
                    "level": 2,
                    "groups_id": 2,
                    "users_id": 11,
                    "is_request": 0,
                    "code": "LSU",
                },
            ],
        )
        _insert(
            c,
            "glpi_profiles",
            [
                {"id": 1, "name": "Self-Service", "interface": "helpdesk", "is_default": 1},
                {"id": 4, "name": "Super-Admin", "interface": "central", "is_default": 0},
                {"id": 6, "name": "Technician", "interface": "central", "is_default": 0},
            ],
        )
        _insert(
            c,
            "glpi_profilerights",
            [
                {"profiles_id": pid, "name": name, "rights": bits}
                for pid, rights in ((1, SELF_SERVICE), (4, SUPER_ADMIN), (6, TECHNICIAN))
                for name, bits in rights.items()
            ],
        )
        _insert(
            c,
            "glpi_profiles_users",
            [
                {"id": 1, "users_id": 2, "profiles_id": 4, "entities_id": 0, "is_recursive": 1,
                 "is_default_profile": 1},
                {"id": 2, "users_id": 10, "profiles_id": 1, "entities_id": 2, "is_recursive": 0,
                 "is_default_profile": 1},
                {"id": 3, "users_id": 11, "profiles_id": 6, "entities_id": 1, "is_recursive": 1,
                 "is_default_profile": 1},
                {"id": 4, "users_id": 11, "profiles_id": 1, "entities_id": 0, "is_recursive": 1,
                 "is_default_profile": 0},
                {"id": 5, "users_id": 12, "profiles_id": 6, "entities_id": 3, "is_recursive": 1,
                 "is_default_profile": 1},
                {"id": 6, "users_id": 13, "profiles_id": 1, "entities_id": 0, "is_recursive": 1,
                 "is_default_profile": 1},
                {"id": 7, "users_id": 14, "profiles_id": 1, "entities_id": 2, "is_recursive": 0,
                 "is_default_profile": 1},
            ],
        )  # fmt: skip
        _insert(
            c,
            "glpi_requesttypes",
            [
                {"id": 1, "name": "Helpdesk"},
                {"id": 2, "name": "E-Mail"},
                {"id": 3, "name": "Phone"},
            ],
        )
        inline = (
            "&#60;p&#62;Message : &#38;lt;erreur&#38;gt; &#38;amp; page blanche&#60;/p&#62;"
            '&#60;p&#62;&#60;a href="/front/document.send.php?docid=1&#38;amp;itemtype=Ticket'
            '&#38;amp;items_id=3" target="_blank"&#62;&#60;img src="/front/document.send.php?'
            'docid=1&#38;amp;itemtype=Ticket&#38;amp;items_id=3" alt="capture" width="200" /&#62;'
            "&#60;/a&#62;&#60;/p&#62;"
        )
        _insert(
            c,
            "glpi_tickets",
            [
                {
                    "id": 3,
                    "entities_id": 2,
                    "name": "LSU : &#60;erreur&#62; &#38; export",
                    "date": "2024-01-15 09:30:00",
                    "date_mod": "2024-01-16 10:00:00",
                    "date_creation": "2024-01-15 09:30:00",
                    "takeintoaccountdate": "2024-01-15 11:00:00",
                    "status": 2,
                    "users_id_recipient": 10,
                    "users_id_lastupdater": 11,
                    "requesttypes_id": 2,
                    "content": inline,
                    "urgency": 4,
                    "impact": 3,
                    "priority": 4,
                    "itilcategories_id": 2,
                    "type": 1,
                },
                {
                    "id": 7,
                    "entities_id": 2,
                    "name": "Ancien ticket 9.5",
                    "date": "2023-03-01 08:00:00",
                    "date_mod": "2023-03-02 08:00:00",
                    "solvedate": "2023-03-02 08:00:00",
                    "status": 5,
                    "users_id_recipient": 14,
                    "content": "&lt;p&gt;&lt;erreur&gt; &amp; bulletin&lt;/p&gt;",
                    "urgency": 3,
                    "impact": 3,
                    "priority": 3,
                    "type": 2,
                },
                {
                    "id": 8,
                    "entities_id": 1,
                    "name": "Réseau lent au rectorat",
                    "date": "2023-06-01 08:00:00",
                    "date_mod": "2023-06-03 08:00:00",
                    "solvedate": "2023-06-02 08:00:00",
                    "closedate": "2023-06-03 08:00:00",
                    "status": 6,
                    "users_id_recipient": 13,
                    "content": "&#60;p&#62;Lenteurs&#60;/p&#62;",
                    "urgency": 2,
                    "impact": 2,
                    "priority": 2,
                    "type": 1,
                    "slas_id_ttr": 1,
                },
                {
                    "id": 1234,
                    "entities_id": 3,
                    "name": "Imprimante Grenoble",
                    "date": "2024-02-01 08:00:00",
                    "date_mod": "2024-02-01 08:00:00",
                    "status": 1,
                    "users_id_recipient": 12,
                    "content": "&#60;p&#62;Bourrage&#60;/p&#62;",
                    "urgency": 9,
                    "impact": 3,
                    "priority": 3,
                    "type": 1,
                },
            ],
        )
        _insert(
            c,
            "glpi_tickets_users",
            [
                {"id": 1, "tickets_id": 3, "users_id": 10, "type": 1, "use_notification": 1},
                {"id": 2, "tickets_id": 3, "users_id": 11, "type": 2, "use_notification": 1},
                {
                    "id": 3,
                    "tickets_id": 3,
                    "users_id": 0,
                    "type": 3,
                    "use_notification": 1,
                    "alternative_email": "parent@example.org",
                },
                {
                    "id": 4,
                    "tickets_id": 7,
                    "users_id": 14,
                    "type": 1,
                    "use_notification": 0,
                    "alternative_email": "luc.perso@example.org",
                },
                {"id": 5, "tickets_id": 8, "users_id": 13, "type": 1, "use_notification": 1},
                {"id": 6, "tickets_id": 1234, "users_id": 12, "type": 1, "use_notification": 1},
            ],
        )
        _insert(
            c,
            "glpi_groups_tickets",
            [
                {"id": 1, "tickets_id": 3, "groups_id": 2, "type": 2},
                {"id": 2, "tickets_id": 8, "groups_id": 1, "type": 3},
            ],
        )
        _insert(
            c,
            "glpi_itilfollowups",
            [
                {
                    "id": 1,
                    "itemtype": "Ticket",
                    "items_id": 3,
                    "date": "2024-01-15 10:00:00",
                    "users_id": 10,
                    "content": "&#60;p&#62;Voici le rapport joint.&#60;/p&#62;",
                    "is_private": 0,
                    "requesttypes_id": 1,
                },
                {
                    "id": 2,
                    "itemtype": "Ticket",
                    "items_id": 3,
                    "date": "2024-01-15 11:00:00",
                    "users_id": 11,
                    "content": "&#60;p&#62;Note interne : voir avec la DSI&#60;/p&#62;",
                    "is_private": 1,
                },
                {
                    "id": 3,
                    "itemtype": "Problem",
                    "items_id": 1,
                    "date": "2024-01-15 11:00:00",
                    "users_id": 11,
                    "content": "&#60;p&#62;Suivi de problème&#60;/p&#62;",
                },
            ],
        )
        _insert(
            c,
            "glpi_tickettasks",
            [
                {
                    "id": 1,
                    "tickets_id": 3,
                    "date": "2024-01-15 12:00:00",
                    "users_id": 11,
                    "content": "&#60;p&#62;Relancer le prestataire&#60;/p&#62;",
                    "is_private": 1,
                    "actiontime": 1800,
                    "state": 1,
                    "users_id_tech": 11,
                    "groups_id_tech": 2,
                }
            ],
        )
        _insert(
            c,
            "glpi_itilsolutions",
            [
                {
                    "id": 1,
                    "itemtype": "Ticket",
                    "items_id": 7,
                    "content": "&#60;p&#62;Relancer l'export&#60;/p&#62;",
                    "date_creation": "2023-03-02 08:00:00",
                    "users_id": 11,
                    "status": 2,
                }
            ],
        )
        _insert(
            c,
            "glpi_documents",
            [
                {
                    "id": 1,
                    "entities_id": 2,
                    "name": "capture",
                    "filename": "capture.png",
                    "filepath": f"PNG/4e/{png_sha1[2:]}.PNG",
                    "mime": "image/png",
                    "sha1sum": png_sha1,
                    "users_id": 10,
                    "tickets_id": 3,
                    "date_creation": "2024-01-15 09:30:00",
                },
                {
                    "id": 2,
                    "entities_id": 2,
                    "name": "rapport",
                    "filename": "rapport.txt",
                    "filepath": "TXT/ab/cdef0123456789.TXT",
                    "mime": "text/plain",
                    "sha1sum": hashlib.sha1(report).hexdigest(),
                    "users_id": 10,
                    "date_creation": "2024-01-15 10:00:00",
                },
            ],
        )
        _insert(
            c,
            "glpi_documents_items",
            [
                {"id": 1, "documents_id": 1, "items_id": 3, "itemtype": "Ticket", "users_id": 10},
                {
                    "id": 2,
                    "documents_id": 2,
                    "items_id": 1,
                    "itemtype": "ITILFollowup",
                    "users_id": 10,
                },
            ],
        )
        _insert(
            c,
            "glpi_logs",
            [
                {
                    "id": 1,
                    "itemtype": "Ticket",
                    "items_id": 3,
                    "linked_action": 20,
                    "user_name": "Moulin Jeanne (10)",
                    "date_mod": "2024-01-15 09:30:00",
                },
                {
                    "id": 2,
                    "itemtype": "Ticket",
                    "items_id": 3,
                    "linked_action": 0,
                    "id_search_option": 12,
                    "user_name": "Martin Paul (11)",
                    "date_mod": "2024-01-15 11:00:00",
                    "old_value": "Nouveau",
                    "new_value": "En cours (Attribué)",
                },
            ],
        )
        _insert(
            c,
            "glpi_rules",
            [{"sub_type": "RuleTicket", "name": "Vers les référents", "entities_id": 0}],
        )
    return GlpiDesk(db=mariadb, files=files)


@pytest.fixture(autouse=True)
def empty_escalade(request):
    """An import targets a new Escalade: the demo that other tests share is removed
    (inside the test's transaction, so the next test has it back)."""
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db")
    from django.db import connection

    keep = {"django_content_type", "auth_permission", "django_migrations"}
    tables = [
        t for t in connection.introspection.django_table_names(only_existing=True) if t not in keep
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")

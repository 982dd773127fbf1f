"""Fill a GLPI 10.0 database (MariaDB/MySQL) with N tickets, to time ``escalade import-glpi``.

    python bench/glpi_seed.py --database mysql://root@127.0.0.1:PORT/glpi --tickets 100000

The database must exist; the script loads GLPI 10.0.15's schema
(tests/glpi/data/glpi-empty.sql) when ``glpi_tickets`` is missing, then writes a
desk: 20 entities, 2,000 users (bcrypt passwords), 50 groups, 30 categories, GLPI's
Self-Service and Technician profiles with grants, and per ticket a requester, an
assigned group, an observer on one ticket in three, three followups (one private) and
two history rows. Ids have gaps (every 7th id is skipped), as in a real GLPI.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import bcrypt
import pymysql

SCHEMA = Path(__file__).resolve().parent.parent / "tests" / "glpi" / "data" / "glpi-empty.sql"
TEXT = (
    "accès impossible LSU livret scolaire bulletin connexion identifiant mot de passe erreur "
    "page blanche export PDF élève classe trimestre compétences ONDE messagerie imprimante"
)
WORDS = TEXT.split()
CHUNK = 5000


def connect(dsn: str) -> pymysql.connections.Connection:
    parts = urlsplit(dsn)
    return pymysql.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=unquote(parts.username or "root"),
        password=unquote(parts.password or ""),
        database=parts.path.lstrip("/"),
        charset="utf8mb4",
        autocommit=False,
        init_command="SET time_zone = '+00:00'",
    )


def insert(cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    for start in range(0, len(rows), CHUNK):
        cursor.executemany(sql, rows[start : start + CHUNK])


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--socket", help="mariadb client socket, to load the schema")
    args = parser.parse_args()
    rng = random.Random(14)
    conn = connect(args.database)
    started = time.monotonic()
    with conn.cursor() as c:
        c.execute("SHOW TABLES LIKE 'glpi_tickets'")
        if not c.fetchall():
            parts = urlsplit(args.database)
            command = ["mariadb", "--no-defaults", "-u", unquote(parts.username or "root")]
            command += [f"--socket={args.socket}"] if args.socket else [
                "-h", parts.hostname or "127.0.0.1", "-P", str(parts.port or 3306)
            ]  # fmt: skip
            with SCHEMA.open("rb") as schema:
                subprocess.run([*command, parts.path.lstrip("/")], stdin=schema, check=True)
        c.execute("SELECT COUNT(*) FROM glpi_tickets")
        if c.fetchone()[0]:
            sys.exit("glpi_tickets is not empty: seed an empty GLPI database")
        c.execute(
            "INSERT INTO glpi_configs (context, name, value) VALUES ('core', 'version', '10.0.15')"
        )
        insert(
            c,
            "glpi_entities",
            ["id", "name", "entities_id", "completename", "level", "autoclose_delay"],
            [(0, "Entité racine", None, "Entité racine", 1, -10)]
            + [
                (i, f"Académie {i}", 0, f"Entité racine > Académie {i}", 2, -2)
                for i in range(1, 20)
            ],
        )
        password = "$2y$" + bcrypt.hashpw(b"bench", bcrypt.gensalt(rounds=4)).decode()[4:]
        users = list(range(2, 2002))
        insert(
            c,
            "glpi_users",
            ["id", "name", "realname", "firstname", "password", "authtype", "is_active"],
            [(u, f"user{u}", f"Nom{u}", f"Prénom{u}", password, 1, 1) for u in users],
        )
        insert(
            c,
            "glpi_useremails",
            ["users_id", "email", "is_default"],
            [(u, f"user{u}@example.org", 1) for u in users],
        )
        groups = list(range(1, 51))
        insert(
            c,
            "glpi_groups",
            ["id", "entities_id", "is_recursive", "name", "completename", "level"],
            [(g, 0, 1, f"Groupe {g}", f"Groupe {g}", 1) for g in groups],
        )
        insert(
            c,
            "glpi_groups_users",
            ["users_id", "groups_id"],
            [(u, groups[u % len(groups)]) for u in users[:500]],
        )
        insert(
            c,
            "glpi_itilcategories",
            ["id", "entities_id", "is_recursive", "name", "completename", "level", "groups_id"],
            [
                (k, 0, 1, f"Catégorie {k}", f"Catégorie {k}", 1, groups[k % 50])
                for k in range(1, 31)
            ],
        )
        insert(
            c,
            "glpi_profiles",
            ["id", "name", "interface", "is_default"],
            [(1, "Self-Service", "helpdesk", 1), (6, "Technician", "central", 0)],
        )
        insert(
            c,
            "glpi_profilerights",
            ["profiles_id", "name", "rights"],
            [
                *[(1, "ticket", 5), (1, "followup", 5), (1, "task", 1)],
                *[(6, "ticket", 166919), (6, "followup", 15367), (6, "task", 13315)],
            ],
        )
        insert(
            c,
            "glpi_profiles_users",
            ["users_id", "profiles_id", "entities_id", "is_recursive", "is_default_profile"],
            [(u, 6 if u < 502 else 1, 0 if u < 502 else u % 19 + 1, 1, 1) for u in users],
        )
        conn.commit()

        base = datetime(2020, 1, 1)
        ticket_id = 0
        made = 0
        while made < args.tickets:
            tickets, actors, group_actors, followups, logs = [], [], [], [], []
            for _ in range(min(CHUNK, args.tickets - made)):
                ticket_id += 1
                if ticket_id % 7 == 0:
                    ticket_id += 1  # gaps in the ids
                made += 1
                opened = base + timedelta(minutes=ticket_id * 13)
                status = rng.choice((1, 2, 2, 4, 5, 6, 6, 6))
                requester = rng.choice(users[500:])
                tickets.append(
                    (
                        ticket_id,
                        requester % 19 + 1,
                        f"{sentence(rng, 5)} &#60;{ticket_id}&#62;",
                        opened,
                        opened + timedelta(hours=2),
                        status,
                        requester,
                        f"&#60;p&#62;{sentence(rng, 30)} &#38;amp; merci&#60;/p&#62;",
                        3,
                        3,
                        3,
                        rng.choice((1, 2)),
                        rng.randint(1, 30),
                        opened + timedelta(days=1) if status == 6 else None,
                    )
                )
                actors.append((ticket_id, requester, 1))
                if ticket_id % 3 == 0:
                    actors.append((ticket_id, rng.choice(users[:500]), 3))
                group_actors.append((ticket_id, rng.choice(groups), 2))
                for k in range(3):
                    followups.append(
                        (
                            "Ticket",
                            ticket_id,
                            opened + timedelta(minutes=10 * (k + 1)),
                            rng.choice(users[:500]) if k else requester,
                            f"&#60;p&#62;{sentence(rng, 15)}&#60;/p&#62;",
                            1 if k == 2 else 0,
                        )
                    )
                logs.append(("Ticket", ticket_id, 20, f"user{requester} ({requester})", opened, 0))
                logs.append(("Ticket", ticket_id, 0, "tech (2)", opened + timedelta(hours=1), 12))
            insert(
                c,
                "glpi_tickets",
                [
                    "id",
                    "entities_id",
                    "name",
                    "date",
                    "date_mod",
                    "status",
                    "users_id_recipient",
                    "content",
                    "urgency",
                    "impact",
                    "priority",
                    "type",
                    "itilcategories_id",
                    "closedate",
                ],
                tickets,
            )
            insert(c, "glpi_tickets_users", ["tickets_id", "users_id", "type"], actors)
            insert(c, "glpi_groups_tickets", ["tickets_id", "groups_id", "type"], group_actors)
            insert(
                c,
                "glpi_itilfollowups",
                ["itemtype", "items_id", "date", "users_id", "content", "is_private"],
                followups,
            )
            insert(
                c,
                "glpi_logs",
                ["itemtype", "items_id", "linked_action", "user_name", "date_mod",
                 "id_search_option"],
                logs,
            )  # fmt: skip
            conn.commit()
            print(f"{made} tickets", file=sys.stderr)
    print(f"seeded {made} tickets (highest id {ticket_id}) in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()

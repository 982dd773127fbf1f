"""Query plans of the slowest SQL of each read scenario (bench-only).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench100k \\
        PYTHONPATH=src python bench/explain.py [--top 2] [scenario …] > plans.txt

Runs each GET scenario of scenarios.py once in-process (Django's test client, signed in as
the bench technician, after a warm-up), captures its SQL with timings, and prints
EXPLAIN (ANALYZE, BUFFERS) of its slowest statements on PostgreSQL (EXPLAIN QUERY PLAN on
SQLite). The same as QuerySet.explain(analyze=True), but for the exact statements the
pages run, COUNT(*) included.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import prepare
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from scenarios import SCENARIOS

from escalade.accounts.models import User


def short(sql: str) -> str:
    """The SQL with long id lists abbreviated (the plan is of the full statement)."""

    def shorten(match: re.Match[str]) -> str:
        ids = match.group(1).split(",")
        return f"IN ({', '.join(i.strip() for i in ids[:3])}, … {len(ids)} ids)"

    sql = re.sub(r"IN \(((?:\s*-?\d+\s*,){20,}\s*-?\d+\s*)\)", shorten, sql)
    return re.sub(  # the same lists in plans: '{1,2,3,…}'
        r"'\{((?:-?\d+,){20,}-?\d+)\}'",
        lambda m: (
            "'{" + ",".join(m.group(1).split(",")[:3]) + f",… {m.group(1).count(',') + 1} ids}}'"
        ),
        sql,
    )


def plan(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            return short("\n".join(row[0] for row in cursor.fetchall()))
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 2
    if "--top" in sys.argv:
        args.remove(str(top))
    info = prepare.prepare()
    user = User.objects.get(username=info["login"])
    clients = {
        "web": Client(HTTP_HOST="127.0.0.1"),
        "api": Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {info['api_token']}"),
        "glpi": Client(HTTP_HOST="127.0.0.1", HTTP_APP_TOKEN=info["app_token"]),
    }
    clients["web"].force_login(user)
    session = (
        clients["glpi"]
        .get("/apirest.php/initSession", HTTP_AUTHORIZATION=f"user_token {info['api_token']}")
        .json()["session_token"]
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, n_live_tup, last_analyze, last_autoanalyze "
                "FROM pg_stat_user_tables WHERE relname LIKE 'tickets_%' ORDER BY relname"
            )
            print("-- table statistics (n_live_tup, last_analyze, last_autoanalyze)")
            for row in cursor.fetchall():
                print("--", *row)
    print(f"-- {info['tickets_total']} tickets, {info['tickets_visible']} visible to the tech\n")
    for scenario in SCENARIOS:
        if scenario.writes or (args and scenario.name not in args):
            continue
        request = scenario.build(info, 0)
        extra = {"HTTP_SESSION_TOKEN": session} if scenario.kind == "glpi" else {}
        client = clients[scenario.kind]
        client.get(request.path, **extra)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(request.path, **extra)
        total = sum(float(q["time"]) for q in queries.captured_queries)
        print(f"=== {scenario.name}: HTTP {response.status_code}, {len(queries)} queries, ", end="")
        print(f"{total * 1000:.0f} ms in SQL — GET {request.path}")
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
        for query in [q for q in slowest if q["sql"].lstrip().upper().startswith("SELECT")][:top]:
            print(f"\n--- {float(query['time']) * 1000:.0f} ms\n{short(query['sql'])}\n")
            print(plan(query["sql"]))
        print()


if __name__ == "__main__":
    main()

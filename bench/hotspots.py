"""Where one request of a scenario spends its time (bench-only): SQL vs Python, cProfile.

    PYTHONPATH=src python bench/hotspots.py ticket_page [create_ticket_web …] [--top 25]

Runs each named scenario once in-process (Django's test client, as the bench technician,
after a warm-up request), prints the wall time, the time spent in SQL (sum of the
captured queries), the slowest queries, and cProfile's top functions by cumulative time.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import prepare
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from explain import short
from scenarios import BY_NAME

from escalade.accounts.models import User


def main() -> None:
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 25
    names = [a for a in sys.argv[1:] if a in BY_NAME]
    info = prepare.prepare()
    web = Client(HTTP_HOST="127.0.0.1")
    web.force_login(User.objects.get(username=info["login"]))
    api = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {info['api_token']}")
    glpi = Client(HTTP_HOST="127.0.0.1", HTTP_APP_TOKEN=info["app_token"])
    session = glpi.get(
        "/apirest.php/initSession", HTTP_AUTHORIZATION=f"user_token {info['api_token']}"
    ).json()["session_token"]
    for number, name in enumerate(names):
        scenario = BY_NAME[name]
        client = {"web": web, "api": api, "glpi": glpi}[scenario.kind]
        extra = {"HTTP_SESSION_TOKEN": session} if scenario.kind == "glpi" else {}

        def send(n: int, client=client, scenario=scenario, extra=extra):
            request = scenario.build(info, n)
            if request.method == "GET":
                return client.get(request.path, **extra)
            if request.form is not None:
                return client.post(request.path, request.form, **extra)
            return client.post(
                request.path, request.json_body, content_type="application/json", **extra
            )

        send(20_000 + 2 * number)  # warm-up
        profiler = cProfile.Profile()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            profiler.enable()
            response = send(20_001 + 2 * number)
            profiler.disable()
        wall = time.perf_counter() - started
        sql = sum(float(q["time"]) for q in queries.captured_queries)
        print(f"=== {name}: HTTP {response.status_code}, {len(response.content)} bytes, ", end="")
        print(f"{wall * 1000:.0f} ms wall, {len(queries)} queries, {sql * 1000:.0f} ms in SQL")
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
        for query in slowest:
            print(f"  {float(query['time']) * 1000:6.0f} ms  {short(query['sql'])[:300]}")
        for order, restriction in (("cumulative", r"src/escalade/"), ("tottime", "")):
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).sort_stats(order)
            stats.print_stats(*([restriction] if restriction else []), top)
            print(f"-- by {order} {restriction}")
            print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))
        print()


if __name__ == "__main__":
    main()

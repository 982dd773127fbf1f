"""Prepares a seeded database for the benchmark (bench-only; never part of the app).

Run by run.py as ``python bench/prepare.py OUT.json`` with PYTHONPATH=src and the same
DATABASE_URL / ESCALADE_DATA_DIR as the server. It uses the newest "Académie bench" tree
written by ``escalade seed-bench`` and, through Escalade's own functions:

- gives its first technician (``bench<root>-0``, profile "Bench Technicien") a random
  password and a new personal API token (both written to OUT.json, for run.py only);
- registers a GLPI API client for 127.0.0.1 with a random App-Token;
- builds, once, a ticket with ~50 timeline items (49 followups through the workflow);
- picks 200 open tickets for the followup scenarios;
- counts the SQL queries of one request of each scenario (Django's test client,
  in-process), so run.py can show them next to the latencies.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "escalade.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from escalade.accounts.models import Entity, User  # noqa: E402
from escalade.accounts.tokens import create_token  # noqa: E402
from escalade.accounts.who import build_who  # noqa: E402
from escalade.demo.bench import uai  # noqa: E402
from escalade.glpi.models import ApiClient  # noqa: E402
from escalade.tickets import access, workflow  # noqa: E402
from escalade.tickets.models import Category, Ticket  # noqa: E402
from escalade.tickets.status import Status  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from scenarios import SCENARIOS  # noqa: E402

TIMELINE_TITLE = "Bench : ticket à 50 éléments de suivi"


def bench_root() -> Entity:
    root = (
        Entity.objects.filter(parent__isnull=True, name__startswith="Académie bench")
        .order_by("-pk")
        .first()
    )
    if root is None:
        sys.exit("No 'Académie bench' entity: run `escalade seed-bench --tickets N` first.")
    return root


def prepare() -> dict[str, Any]:
    root = bench_root()
    user = User.objects.get(username=f"bench{root.pk}-0")
    password = secrets.token_urlsafe(16)
    user.set_password(password)
    user.save(update_fields=["password"])
    _token, key = create_token(user, "bench")
    app_token = secrets.token_urlsafe(16)
    ApiClient.objects.update_or_create(
        name="bench (127.0.0.1)",
        defaults={
            "app_token": app_token,
            "is_active": True,
            "ip_start": "127.0.0.1",
            "ip_end": "127.0.0.1",
        },
    )
    who = build_who(user)
    category = Category.objects.get(parent__name=f"Bench {root.pk}", name="Catégorie 0")
    in_tree = Ticket.objects.filter(entity__path__startswith=root.path)
    timeline = in_tree.filter(title=TIMELINE_TITLE).first()
    if timeline is None:
        timeline = workflow.create_ticket(
            by=who,
            title=TIMELINE_TITLE,
            content="Un ticket au long fil de suivis.",
            type=1,
            category=category,
            urgency=3,
            entity=root,
        )
        for n in range(49):
            workflow.add_followup(timeline, by=who, content=f"Suivi numéro {n + 1}.")
    followup_ids = list(
        access.visible_tickets(who)
        .filter(status=Status.ASSIGNED)
        .exclude(title__startswith="Bench")  # neither the timeline ticket nor created ones
        .order_by("pk")
        .values_list("pk", flat=True)[:200]
    )
    return {
        "login": user.username,
        "password": password,
        "api_token": key,
        "app_token": app_token,
        "root_entity_id": root.pk,
        "category_id": category.pk,
        "timeline_ticket_id": timeline.pk,
        # A school of the tree (≈ 1 ticket in 2,000 mentions its code): a selective search.
        "search_code": uai(
            Entity.objects.filter(path__startswith=root.path, level=2).order_by("pk").first().pk
        ),
        "followup_ticket_ids": followup_ids,
        "tickets_total": Ticket.objects.count(),
        "tickets_in_tree": in_tree.count(),
        "tickets_visible": access.visible_tickets(who).count(),
        "database": connection.vendor,
    }


def count_queries(info: dict[str, Any]) -> dict[str, int]:
    """SQL queries of one request of each scenario, after one warm-up request."""
    user = User.objects.get(username=info["login"])
    web = Client(HTTP_HOST="127.0.0.1")
    web.force_login(user)
    api = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {info['api_token']}")
    glpi = Client(HTTP_HOST="127.0.0.1", HTTP_APP_TOKEN=info["app_token"])
    session = glpi.get(
        "/apirest.php/initSession", HTTP_AUTHORIZATION=f"user_token {info['api_token']}"
    ).json()["session_token"]
    counts: dict[str, int] = {}
    for number, scenario in enumerate(SCENARIOS):
        client = {"web": web, "api": api, "glpi": glpi}[scenario.kind]
        extra = {"HTTP_SESSION_TOKEN": session} if scenario.kind == "glpi" else {}
        for attempt in range(2):
            request = scenario.build(info, 10_000 + 2 * number + attempt)
            with CaptureQueriesContext(connection) as queries:
                if request.method == "GET":
                    response = client.get(request.path, **extra)
                elif request.form is not None:
                    response = client.post(request.path, request.form, **extra)
                else:
                    response = client.post(
                        request.path, request.json_body, content_type="application/json", **extra
                    )
            if response.status_code not in scenario.expect:
                raise SystemExit(
                    f"{scenario.name}: HTTP {response.status_code} {response.content[:300]!r}"
                )
        counts[scenario.name] = len(queries)
    return counts


def main() -> None:
    out = Path(sys.argv[1])
    call_command("collectstatic", interactive=False, verbosity=0)  # as `escalade run` does
    if connection.vendor == "postgresql":
        # seed-bench loads with COPY and leaves no planner statistics; a production server's
        # autovacuum would gather them (it is off on this machine's PostgreSQL).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    info = prepare()
    if "--no-queries" not in sys.argv:
        info["queries"] = count_queries(info)
    out.write_text(json.dumps(info, ensure_ascii=False, indent=2))
    print(json.dumps({k: v for k, v in info.items() if k not in ("password", "api_token")}))


if __name__ == "__main__":
    main()

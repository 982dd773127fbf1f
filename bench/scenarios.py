"""The benchmark's scenarios, shared by run.py (over HTTP) and prepare.py (SQL query counts).

Each scenario is one kind of request a desk makes all day. ``info`` is what prepare.py
found or built in the database (category, ticket ids…); ``n`` is the request's number,
used to spread writes over several tickets.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# A word of the seed's vocabulary (escalade.demo.bench.WORDS): common, as real searches are.
SEARCH_WORD = "imprimante"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    form: dict[str, str] | None = None  # web form POST (CSRF token added by the client)
    json_body: dict[str, Any] | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    kind: str  # web (session cookie), api (token), glpi (App-Token + Session-Token)
    build: Callable[[dict[str, Any], int], Request]
    expect: tuple[int, ...] = (200,)
    writes: bool = False
    note: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


def _glpi_search(value: str) -> str:
    return (
        (
            "/apirest.php/search/Ticket?criteria[0][field]=12&criteria[0][searchtype]=equals"
            f"&criteria[0][value]={value}&sort=19&order=DESC&range=0-49"
            "&forcedisplay[0]=1&forcedisplay[1]=12&forcedisplay[2]=19&forcedisplay[3]=3"
        )
        .replace("[", "%5B")
        .replace("]", "%5D")
    )


def _last_year() -> str:
    today = dt.date.today()
    return f"start={today - dt.timedelta(days=364):%Y-%m-%d}&end={today:%Y-%m-%d}"


def _followup_ticket(info: dict[str, Any], n: int) -> int:
    pool = info["followup_ticket_ids"]
    return pool[n % len(pool)]


SCENARIOS: list[Scenario] = [
    Scenario(
        "list_default",
        "web",
        lambda info, n: Request("GET", "/tickets/?par_page=50"),
        note="technician's default tab (À traiter: assigned to me or my groups, not solved), "
        "page 1, 50 rows, total count",
    ),
    Scenario(
        "list_all",
        "web",
        lambda info, n: Request(
            "GET", "/tickets/?onglet=tous&f=status&o=is&v=all&tri=-updated_at&par_page=50"
        ),
        note="Tous, Statut est Tous, sorted by last update, 50 rows, total count",
    ),
    Scenario(
        "list_search_title",
        "web",
        lambda info, n: Request(
            "GET",
            f"/tickets/?onglet=tous&f=status&o=is&v=all&f=title&o=contains&v={SEARCH_WORD}"
            "&par_page=50",
        ),
        note=f"Tous, Titre contient '{SEARCH_WORD}' (substring; trigram index on PostgreSQL)",
    ),
    Scenario(
        "list_search_content",
        "web",
        lambda info, n: Request(
            "GET",
            "/tickets/?onglet=tous&f=status&o=is&v=all&f=content&o=contains&v=introuvable"
            "&par_page=50",
        ),
        note="Tous, Description contient a word no ticket has (substring; trigram index on "
        "PostgreSQL; without it every row is read)",
    ),
    Scenario(
        "list_search_text",
        "web",
        lambda info, n: Request(
            "GET",
            "/tickets/?onglet=tous&f=status&o=is&v=all&f=text&o=contains"
            f"&v={info['search_code']}&par_page=50",
        ),
        note="Tous, Texte (titles, descriptions, followups) contient a school's code "
        "(full text; ≈ 1 ticket in 2,000)",
    ),
    Scenario(
        "list_search_text_common",
        "web",
        lambda info, n: Request(
            "GET",
            f"/tickets/?onglet=tous&f=status&o=is&v=all&f=text&o=contains&v={SEARCH_WORD}"
            "&par_page=50",
        ),
        note=f"Tous, Texte contient '{SEARCH_WORD}', a word of most tickets' followups "
        "(the seed's vocabulary is 56 words): worst case of the full-text search",
    ),
    Scenario(
        "ticket_page",
        "web",
        lambda info, n: Request("GET", f"/tickets/{info['timeline_ticket_id']}/"),
        note="ticket page with ~50 timeline items",
    ),
    Scenario(
        "create_ticket_web",
        "web",
        lambda info, n: Request(
            "POST",
            "/tickets/nouveau/",
            form={
                "type": "1",
                "category": str(info["category_id"]),
                "urgency": "3",
                "title": f"Bench: accès impossible à LSU {n}",
                "content": "L'export PDF du livret échoue avec une page blanche.",
            },
        ),
        expect=(302,),
        writes=True,
        note="web form; routed to the category's group, notifications queued",
    ),
    Scenario(
        "add_followup_web",
        "web",
        lambda info, n: Request(
            "POST",
            f"/tickets/{_followup_ticket(info, n)}/suivi/",
            form={"content": f"Je regarde, relance {n}."},
        ),
        expect=(302,),
        writes=True,
        note="web form, over 200 open tickets in turn; notifications queued",
    ),
    Scenario(
        "api_create_ticket",
        "api",
        lambda info, n: Request(
            "POST",
            "/api/v1/tickets/",
            json_body={
                "type": 1,
                "category": info["category_id"],
                "urgency": 3,
                "title": f"Bench API {n}",
                "content": "Erreur 403 sur LSU.",
            },
        ),
        expect=(201,),
        writes=True,
    ),
    Scenario(
        "api_add_followup",
        "api",
        lambda info, n: Request(
            "POST",
            f"/api/v1/tickets/{_followup_ticket(info, n)}/followups/",
            json_body={"content": f"Suivi par l'API {n}."},
        ),
        expect=(201,),
        writes=True,
    ),
    Scenario(
        "api_list",
        "api",
        lambda info, n: Request("GET", "/api/v1/tickets/?page_size=50&ordering=-updated_at"),
        note="/api/v1/tickets/ default filter (not solved), 50 rows, count",
    ),
    Scenario(
        "api_list_all",
        "api",
        lambda info, n: Request(
            "GET", "/api/v1/tickets/?status=all&page_size=50&ordering=-updated_at"
        ),
    ),
    Scenario(
        "api_search_text",
        "api",
        lambda info, n: Request(
            "GET", f"/api/v1/tickets/?status=all&q={info['search_code']}&page_size=50"
        ),
        note="/api/v1/tickets/?q= a school's code (full text), all statuses",
    ),
    Scenario(
        "glpi_search",
        "glpi",
        lambda info, n: Request("GET", _glpi_search("notold")),
        expect=(200, 206),
        note="/apirest.php/search/Ticket status notold, range 0-49, sorted by last update",
    ),
    Scenario(
        "glpi_search_all",
        "glpi",
        lambda info, n: Request("GET", _glpi_search("all")),
        expect=(200, 206),
    ),
    Scenario(
        "stats_page",
        "web",
        lambda info, n: Request("GET", "/statistiques/"),
        note="« Statistiques », the last 30 days of every entity in reach: counts, series, "
        "percentiles (calendar and working time), late tickets, escalations, tops",
        tags=("stats",),
    ),
    Scenario(
        "stats_page_year",
        "web",
        lambda info, n: Request("GET", f"/statistiques/?{_last_year()}&recursive=on"),
        note="« Statistiques » over the last 365 days (weekly buckets)",
        tags=("stats",),
    ),
    Scenario(
        "api_statistics",
        "api",
        lambda info, n: Request("GET", "/api/v1/statistics/"),
        note="/api/v1/statistics/, the last 30 days",
        tags=("stats",),
    ),
]

BY_NAME = {s.name: s for s in SCENARIOS}


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)

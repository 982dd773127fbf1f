"""Ticket counts and pages of the list with PostgreSQL's JIT on and off (bench-only).

    DATABASE_URL=postgres://… PYTHONPATH=src python bench/jit.py

The plans of the "Tous" lists showed JIT compiling for 200-600 ms per query (the
2,000-id entity list and the OR of EXISTS make the estimated cost huge); this times the
same querysets (mean of 3 after a warm-up) with ``SET jit = on`` and ``off``.
"""

import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "escalade.settings")
django.setup()

from django.db import connection  # noqa: E402

from escalade.accounts.models import Entity, User  # noqa: E402
from escalade.accounts.who import build_who  # noqa: E402
from escalade.tickets import search  # noqa: E402
from escalade.tickets.search import Criterion  # noqa: E402

ALL = Criterion("status", "is", "all")
root = (
    Entity.objects.filter(parent__isnull=True, name__startswith="Académie bench")
    .order_by("-pk")
    .first()
)
assert root is not None, "run `escalade seed-bench` first"
who = build_who(User.objects.get(username=f"bench{root.pk}-0"))
cases = {
    "tous count": lambda: search.search_tickets(who, [ALL]).count(),
    "tous page": lambda: list(search.search_tickets(who, [ALL])[:50]),
    "title count": lambda: search.search_tickets(
        who, [ALL, Criterion("title", "contains", "imprimante")]
    ).count(),
    "content count": lambda: search.search_tickets(
        who, [ALL, Criterion("content", "contains", "introuvable")]
    ).count(),
}
for jit in ("on", "off"):
    with connection.cursor() as cursor:
        cursor.execute(f"SET jit = {jit}")
    for name, run in cases.items():
        run()
        started = time.perf_counter()
        for _ in range(3):
            run()
        print(f"jit={jit:3} {name:14} {(time.perf_counter() - started) / 3 * 1000:7.0f} ms")

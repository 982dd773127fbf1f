"""Realistic bulk data for benchmarks (``escalade seed-bench``).

This is the one place that writes ticket rows without the workflow: it loads
millions of rows straight into the tables (COPY on PostgreSQL, batched
INSERTs on SQLite) for measuring, never in a real desk. The rows look like
what the workflow writes: actors, followups, history events, dates in order.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Max, Model

from escalade.accounts.models import Entity, Membership, Profile, ProfileGrant, SupportGroup, User
from escalade.accounts.rights import SELF_SERVICE_RIGHTS, TECHNICIAN_RIGHTS, Interface
from escalade.tickets.models import (
    Category,
    Followup,
    Role,
    Source,
    Ticket,
    TicketActor,
    TicketEvent,
)
from escalade.tickets.status import Status

WORDS = (  # noqa: SIM905
    "accès impossible LSU livret scolaire bulletin connexion identifiant mot de passe erreur "
    "page blanche export PDF élève classe trimestre compétences ONDE messagerie imprimante "
    "poste de travail réseau lenteur synchronisation établissement professeur principal "
    "saisie notes appréciation verrouillage période cycle socle bilan périodique"
).split()
STATUS_MIX = [  # most tickets are closed, as in a desk that has run for years
    (Status.CLOSED, 70),
    (Status.SOLVED, 8),
    (Status.NEW, 5),
    (Status.ASSIGNED, 10),
    (Status.PLANNED, 2),
    (Status.WAITING, 5),
]


@dataclass
class Sizes:
    tickets: int
    entities: int = 2000
    groups: int = 500
    users: int = 20000
    followups: int = 5  # per ticket, on average
    events: int = 10  # per ticket, on average
    years: int = 4


def uai(entity_id: int) -> str:
    """A school's code (UAI, « 0141234K »-like), as heads of schools write it in tickets:
    the one selective word of the generated texts, searched for by the benchmark."""
    return f"0{entity_id:06d}{chr(65 + entity_id % 26)}"


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def _next_id(model: Any) -> int:
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


class RowWriter:
    """Writes rows with explicit ids: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self, model: type[Model]):
        self.model = model
        self.table = model._meta.db_table
        self.columns = [str(f.column) for f in model._meta.concrete_fields]
        self.postgres = connection.vendor == "postgresql"

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        values = [tuple(self._value(row.get(c)) for c in self.columns) for row in rows]
        with connection.cursor() as cursor:
            if self.postgres:
                names = ", ".join(f'"{c}"' for c in self.columns)
                raw = cursor.cursor  # psycopg 3 cursor
                with raw.copy(f'COPY "{self.table}" ({names}) FROM STDIN') as copy:
                    for value in values:
                        copy.write_row(value)
            else:
                names = ", ".join(f'"{c}"' for c in self.columns)
                marks = ", ".join("?" for _ in self.columns)
                cursor.cursor.executemany(
                    # Table and column names come from the models, never from input.
                    f'INSERT INTO "{self.table}" ({names}) VALUES ({marks})',  # noqa: S608
                    values,
                )

    def _value(self, value: Any) -> Any:
        if isinstance(value, datetime) and not self.postgres:
            return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
        if isinstance(value, dict | list):
            return json.dumps(value)
        return value


def reset_sequences(models: Sequence[type[Model]]) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            sql = (
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "  # noqa: S608
                f'COALESCE((SELECT MAX(id) FROM "{table}"), 1))'
            )
            cursor.execute(sql)  # table names come from the models


@dataclass
class Directory:
    entity_ids: list[int]
    entity_paths: dict[int, str]
    group_ids: list[int]
    user_ids: list[int]
    tech_ids: list[int]
    category_ids: list[int]
    category_group: dict[int, int]


@transaction.atomic
def seed_directory(sizes: Sizes, rng: random.Random) -> Directory:
    """Entities (a tree under one académie), groups, users with grants, categories."""
    root = Entity.objects.create(name=f"Académie bench {rng.randrange(10**6)}")
    departments = [Entity(name=f"Département {n}", parent=root) for n in range(20)]
    for dep in departments:
        dep.save()
    schools = Entity.objects.bulk_create(
        Entity(
            name=f"Établissement {n:04d}",
            parent=departments[n % 20],
            path="",
            full_name="",
            level=2,
        )
        for n in range(max(0, sizes.entities - 21))
    )
    by_id = {d.pk: d for d in departments}
    for school in schools:  # derived columns, computed in bulk
        dep = by_id[school.parent_id or 0]
        school.path = f"{dep.path}{school.pk}/"
        school.full_name = f"{dep.full_name} > {school.name}"
    Entity.objects.bulk_update(schools, ["path", "full_name"], batch_size=1000)
    entity_ids = [root.pk, *(d.pk for d in departments), *(s.pk for s in schools)]
    paths = dict(Entity.objects.filter(pk__in=entity_ids).values_list("pk", "path"))

    groups = SupportGroup.objects.bulk_create(
        SupportGroup(name=f"Groupe bench {root.pk}-{n}", entity=root) for n in range(sizes.groups)
    )
    password = make_password(None)  # unusable: bench accounts cannot sign in
    users = User.objects.bulk_create(
        (
            User(
                username=f"bench{root.pk}-{n}",
                email=f"bench{root.pk}-{n}@example.org",
                first_name=rng.choice(["Anne", "Paul", "Léa", "Hugo", "Inès", "Marc"]),
                last_name=f"Usager{n}",
                password=password,
            )
            for n in range(sizes.users)
        ),
        batch_size=2000,
    )
    requester = Profile.objects.get_or_create(
        name="Bench Self-Service",
        defaults={"interface": Interface.SIMPLIFIED, "rights": list(SELF_SERVICE_RIGHTS)},
    )[0]
    technician = Profile.objects.get_or_create(
        name="Bench Technicien", defaults={"rights": list(TECHNICIAN_RIGHTS)}
    )[0]
    tech_count = max(1, len(users) // 10)
    techs, requesters = users[:tech_count], users[tech_count:]
    ProfileGrant.objects.bulk_create(
        [ProfileGrant(user=u, profile=technician, entity=root, is_default=True) for u in techs]
        + [
            ProfileGrant(
                user=u, profile=requester, entity_id=rng.choice(entity_ids), is_default=True
            )
            for u in requesters
        ],
        batch_size=2000,
    )
    Membership.objects.bulk_create(
        (Membership(group=groups[i % len(groups)], user=u) for i, u in enumerate(techs)),
        batch_size=2000,
        ignore_conflicts=True,
    )
    parent = Category.objects.create(name=f"Bench {root.pk}", entity=root)
    categories = []
    for n in range(40):
        category = Category.objects.create(
            name=f"Catégorie {n}",
            parent=parent,
            entity=root,
            group_in_charge=groups[n % len(groups)],
        )
        categories.append(category)
    return Directory(
        entity_ids=entity_ids,
        entity_paths=paths,
        group_ids=[g.pk for g in groups],
        user_ids=[u.pk for u in requesters] or [u.pk for u in techs],
        tech_ids=[u.pk for u in techs],
        category_ids=[c.pk for c in categories],
        category_group={c.pk: c.group_in_charge_id for c in categories},  # type: ignore[misc]
    )


def _status(rng: random.Random) -> int:
    roll = rng.randrange(100)
    for status, weight in STATUS_MIX:
        if roll < weight:
            return status
        roll -= weight
    return Status.CLOSED


def generate(
    sizes: Sizes,
    directory: Directory,
    rng: random.Random,
    *,
    batch: int = 5000,
    progress: Callable[[int], None] = lambda n: None,
) -> dict[str, int]:
    """Write ``sizes.tickets`` tickets with their actors, followups and events."""
    writers = {m: RowWriter(m) for m in (Ticket, TicketActor, Followup, TicketEvent)}
    tables = [m._meta.db_table for m in writers]
    with indexes_dropped(tables, sizes.tickets >= BULK_INDEX_THRESHOLD):
        counts = _generate(sizes, directory, rng, writers, batch, progress)
    analyze(tables)
    return counts


BULK_INDEX_THRESHOLD = 50_000  # tickets: from there, rebuilding indexes beats updating them


@contextmanager
def indexes_dropped(tables: Sequence[str], enabled: bool) -> Iterator[None]:
    """PostgreSQL: drop the tables' secondary indexes for the load, then build them again.

    Building an index once over sorted data is several times faster than updating it
    row by row (the full-text GIN indexes above all). The definitions come from
    ``pg_indexes`` and are replayed as they were, even if the load fails.
    """
    if not enabled or connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [list(tables)],
        )
        definitions = cursor.fetchall()
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending
        for name, _definition in definitions:
            cursor.execute(f'DROP INDEX "{name}"')  # names read from the catalog
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for _name, definition in definitions:
                cursor.execute(definition)
            cursor.execute("RESET maintenance_work_mem")


def analyze(tables: Sequence[str]) -> None:
    """Planner statistics right after the load (autovacuum may be slow, or off), and on
    PostgreSQL the visibility map that index-only scans need (VACUUM; not possible
    inside a transaction, as in the tests)."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        for table in tables:
            # Table names come from the models.
            cursor.execute(f'{"VACUUM ANALYZE" if vacuum else "ANALYZE"} "{table}"')


def _generate(sizes, directory, rng, writers, batch, progress) -> dict[str, int]:
    next_ids = {m: _next_id(m) for m in writers}
    counts = dict.fromkeys(("tickets", "actors", "followups", "events"), 0)
    now = datetime.now(UTC)
    span = sizes.years * 365 * 86400
    done = 0
    while done < sizes.tickets:
        n = min(batch, sizes.tickets - done)
        rows: dict[type[Model], list[dict[str, Any]]] = {m: [] for m in writers}
        for _ in range(n):
            _one_ticket(rng, sizes, directory, rows, next_ids, now, span)
        with transaction.atomic():
            for model, writer in writers.items():
                writer.write(rows[model])
        counts["tickets"] += len(rows[Ticket])
        counts["actors"] += len(rows[TicketActor])
        counts["followups"] += len(rows[Followup])
        counts["events"] += len(rows[TicketEvent])
        done += n
        progress(n)
    reset_sequences(list(writers))
    return counts


def _one_ticket(rng, sizes, directory, rows, next_ids, now, span) -> None:
    ticket_id = next_ids[Ticket]
    next_ids[Ticket] += 1
    opened = now - timedelta(seconds=rng.randrange(span))
    status = _status(rng)
    category = rng.choice(directory.category_ids)
    group = directory.category_group[category]
    requester = rng.choice(directory.user_ids)
    tech = rng.choice(directory.tech_ids) if status != Status.NEW else None
    life = timedelta(hours=rng.randrange(1, 24 * 30))
    updated = min(now, opened + life)
    solved = updated if status in (Status.SOLVED, Status.CLOSED) else None
    closed = updated if status == Status.CLOSED else None
    urgency = rng.choice((2, 3, 3, 3, 4, 5))
    entity = rng.choice(directory.entity_ids)
    rows[Ticket].append(
        {
            "id": ticket_id,
            "entity_id": entity,
            "type": rng.choice((1, 2)),
            "category_id": category,
            "title": _sentence(rng, rng.randrange(3, 8)),
            "content": f"<p>Établissement {uai(entity)}</p>"
            f"<p>{_sentence(rng, rng.randrange(10, 40))}</p>",
            "status": status,
            "urgency": urgency,
            "impact": 3,
            "priority": urgency,
            "source": Source.HELPDESK,
            "created_by_id": requester,
            "last_updated_by_id": tech or requester,
            "opened_at": opened,
            "updated_at": updated,
            "taken_at": opened + timedelta(minutes=30) if tech else None,
            "solved_at": solved,
            "closed_at": closed,
            "waiting_since": updated if status == Status.WAITING else None,
            "waiting_seconds": 0,
            "is_deleted": False,
            "linked_to_id": None,
            "global_validation": 1,  # no validation (escalade.validations)
            "validation_percent": 0,
        }
    )

    def actor(role: int, user: int | None, group_id: int | None) -> None:
        rows[TicketActor].append(
            {
                "id": next_ids[TicketActor],
                "ticket_id": ticket_id,
                "role": role,
                "user_id": user,
                "group_id": group_id,
                "use_notification": True,
                "alternative_email": "",
            }
        )
        next_ids[TicketActor] += 1

    actor(Role.REQUESTER, requester, None)
    if status != Status.NEW:
        actor(Role.ASSIGNED, None, group)
        if tech:
            actor(Role.ASSIGNED, tech, None)
    if rng.random() < 0.2:
        actor(Role.OBSERVER, None, rng.choice(directory.group_ids))

    def event(kind: str, when: datetime, user: int | None, **data: Any) -> None:
        rows[TicketEvent].append(
            {
                "id": next_ids[TicketEvent],
                "ticket_id": ticket_id,
                "actor_id": user,
                "kind": kind,
                "data": data,
                "created_at": when,
            }
        )
        next_ids[TicketEvent] += 1

    event("created", opened, requester, status=1, category=category, urgency=urgency)
    followups = rng.randrange(0, sizes.followups * 2 + 1)
    step = (updated - opened) / (followups + 1)
    for k in range(followups):
        author = requester if k % 2 else (tech or requester)
        when = opened + step * (k + 1)
        rows[Followup].append(
            {
                "id": next_ids[Followup],
                "ticket_id": ticket_id,
                "author_id": author,
                "content": f"<p>{_sentence(rng, rng.randrange(8, 30))}</p>",
                "is_private": rng.random() < 0.1,
                "source": Source.HELPDESK,
                "created_at": when,
                "updated_at": when,
                "editor_id": None,
            }
        )
        event("followup_added", when, author, followup=next_ids[Followup], is_private=False)
        next_ids[Followup] += 1
    extra = max(0, rng.randrange(0, sizes.events * 2 + 1) - followups - 1)
    for k in range(extra):
        when = opened + (updated - opened) * (k + 1) / (extra + 1)
        event("field_changed", when, tech, field="urgency", old=3, new=urgency)
    if status != Status.NEW:
        event("status_changed", updated, tech, old=1, new=status)

"""Every item carries every column of GLPI 10.0.15's table, parsed from GLPI's own schema."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from escalade.glpi.columns import COLUMNS
from escalade.tickets import workflow
from escalade.tickets.models import Attachment, Task, Ticket
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket
from tests.glpi import schema

# Keys Escalade adds to GLPI's: HATEOAS links, and values GLPI 10 does not store.
EXTRA = {"Document": {"sha256sum", "filesize"}, "Profile": {"rights"}}
# GLPI's undisclosed fields, never answered, and every password field.
USER_HIDDEN = {
    "password",
    "password_last_update",
    "password_forget_token",
    "password_forget_token_date",
    "personal_token",
    "api_token",
    "cookie_token",
}
TABLES = {
    "Ticket": "glpi_tickets",
    "ITILFollowup": "glpi_itilfollowups",
    "TicketTask": "glpi_tickettasks",
    "ITILSolution": "glpi_itilsolutions",
    "Ticket_User": "glpi_tickets_users",
    "Group_Ticket": "glpi_groups_tickets",
    "Document": "glpi_documents",
    "Document_Item": "glpi_documents_items",
    "ITILCategory": "glpi_itilcategories",
    "Group": "glpi_groups",
    "Group_User": "glpi_groups_users",
    "User": "glpi_users",
    "Entity": "glpi_entities",
    "Profile": "glpi_profiles",
}


def expected(itemtype: str) -> set[str]:
    cols = set(schema.columns(TABLES[itemtype]))
    if itemtype == "User":
        cols -= USER_HIDDEN
    return cols | EXTRA.get(itemtype, set())


def test_the_column_table_is_glpi_schema():
    assert set(COLUMNS) == set(TABLES)
    for itemtype, (table, cols) in COLUMNS.items():
        assert table == TABLES[itemtype]
        wanted = {k: v for k, v in schema.columns(table).items() if k != "id"}
        if itemtype == "User":
            wanted = {k: v for k, v in wanted.items() if k not in USER_HIDDEN}
        assert {k: v for k, v in cols.items() if k != "id"} == wanted, itemtype
    assert len(schema.columns("glpi_tickets")) == 43


@pytest.fixture
def full_ticket(demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef)
    workflow.add_followup(ticket, by=referent, content="Je regarde.")
    workflow.add_task(ticket, by=referent, content="Appeler", duration_seconds=600, state=2)
    workflow.add_task(ticket, by=referent, content="Rappeler", duration_seconds=300, state=2)
    workflow.add_attachments(
        ticket, by=chef, attachments=[workflow_upload("erreur.txt", b"Erreur 403")]
    )
    workflow.add_solution(ticket, by=referent, content="Corrigé")
    return Ticket.objects.get(pk=ticket.pk)


def workflow_upload(name: str, content: bytes):
    from escalade.tickets.attachments import Upload

    return Upload.from_file(SimpleUploadedFile(name, content), name=name)


def test_every_served_itemtype_has_every_glpi_key(demo, full_ticket, glpi_as):
    api = glpi_as("admin")
    seen = set()
    for itemtype in TABLES:
        rows = api.get(itemtype, {"range": "0-200"}).json()
        assert isinstance(rows, list) and rows, itemtype
        for row in rows:
            assert set(row) - {"links"} == expected(itemtype), itemtype
        one = api.get(f"{itemtype}/{rows[0]['id']}").json()
        assert set(one) - {"links"} == expected(itemtype), itemtype
        seen.add(itemtype)
    assert seen == set(TABLES)


def test_sub_items_and_expanded_items_keep_every_key(demo, full_ticket, glpi_as):
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    for sub in (
        "ITILFollowup",
        "TicketTask",
        "ITILSolution",
        "Ticket_User",
        "Group_Ticket",
        "Document_Item",
        "Document",
    ):
        rows = api.get(f"Ticket/{full_ticket.pk}/{sub}", {"expand_dropdowns": "true"}).json()
        assert rows, sub
        assert all(set(r) - {"links"} == expected(sub) for r in rows), sub
    ticket = api.get(f"Ticket/{full_ticket.pk}", {"expand_dropdowns": "true"}).json()
    assert set(ticket) - {"links"} == expected("Ticket")
    multiple = api.get(
        "getMultipleItems",
        {"items[0][itemtype]": "Ticket", "items[0][items_id]": full_ticket.pk},
    ).json()
    assert set(multiple[0]) - {"links"} == expected("Ticket")


def test_ticket_keys_carry_escalade_values_and_glpi_defaults(demo, full_ticket, glpi_as):
    t = full_ticket
    row = glpi_as("admin").get(f"Ticket/{t.pk}").json()
    # What Escalade knows.
    assert row["actiontime"] == 900 == sum(x.duration_seconds for x in Task.objects.all())
    assert row["users_id_recipient"] == demo.users["chef.etab"].pk
    assert row["users_id_lastupdater"] == t.last_updated_by_id
    assert row["date_creation"] == row["date"]
    assert row["requesttypes_id"] == 1
    assert row["status"] in (Status.SOLVED, Status.CLOSED)
    solved = int((t.solved_at - t.opened_at).total_seconds()) - t.waiting_seconds
    assert row["solve_delay_stat"] == max(0, solved)
    assert row["takeintoaccount_delay_stat"] == max(
        0, int((t.taken_at - t.opened_at).total_seconds())
    )
    # What Escalade has no value for: GLPI's defaults for a new row.
    for key in ("slas_id_tto", "slas_id_ttr", "olas_id_tto", "olas_id_ttr", "slalevels_id_ttr"):
        assert row[key] == 0, key
    for key in ("time_to_own", "time_to_resolve", "internal_time_to_own"):
        assert row[key] is None, key
    assert (row["ola_tto_begin_date"], row["ola_ttr_begin_date"]) == (None, None)
    assert (row["sla_waiting_duration"], row["ola_waiting_duration"]) == (0, 0)
    assert (row["global_validation"], row["validation_percent"], row["locations_id"]) == (1, 0, 0)


def test_delay_stats_subtract_waiting_time(demo, chef, referent, glpi_as):
    ticket = open_lsu_ticket(demo, chef)
    start = ticket.opened_at
    Ticket.objects.filter(pk=ticket.pk).update(
        taken_at=start + timedelta(minutes=5),
        solved_at=start + timedelta(hours=2),
        closed_at=start + timedelta(hours=3),
        waiting_seconds=1800,
        status=Status.CLOSED,
    )
    row = glpi_as("admin").get(f"Ticket/{ticket.pk}").json()
    assert row["takeintoaccount_delay_stat"] == 300
    assert row["solve_delay_stat"] == 7200 - 1800
    assert row["close_delay_stat"] == 10800 - 1800
    assert row["actiontime"] == 0


def test_user_never_answers_a_password_or_token(demo, glpi_as):
    api = glpi_as("admin")
    users = api.get("User", {"range": "0-50"}).json()
    assert users
    for row in users:
        assert not {k for k in row if "password" in k or k.endswith("_token")}
    body = api.get(f"User/{demo.users['chef.etab'].pk}").content.decode()
    assert "password" not in body and "pbkdf2" not in body


def test_ticket_list_query_count_does_not_grow_with_rows(
    demo, chef, referent, glpi_as, django_assert_max_num_queries
):
    api = glpi_as("admin")
    for n in range(3):
        t = open_lsu_ticket(demo, chef, title=f"LSU {n}")
        workflow.add_task(t, by=referent, content="Appeler", duration_seconds=60)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert len(api.get("Ticket").json()) == 3
    for n in range(6):
        t = open_lsu_ticket(demo, chef, title=f"LSU bis {n}")
        workflow.add_task(t, by=referent, content="Appeler", duration_seconds=60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = api.get("Ticket").json()
    assert [r["actiontime"] for r in rows] == [60] * 9
    assert Attachment.objects.count() == 0


def test_active_profile_carries_glpi_right_bitmasks(demo, glpi_as):
    """GLPI clients test ``active_profile["ticket"] & READALL`` (1024) and the like."""
    referent = glpi_as("referent.lsu", "Référent fonctionnel")
    active = referent.get("getActiveProfile").json()["active_profile"]
    assert active["name"] == "Référent fonctionnel"
    assert active["ticket"] & 1024 and active["ticket"] & 16384 and active["ticket"] & 8192
    assert active["followup"] & 8192 and active["task"] & 4096
    session = referent.get("getFullSession").json()["session"]["glpiactiveprofile"]
    assert session["ticket"] == active["ticket"]
    chef = glpi_as("chef.etab").get("getActiveProfile").json()["active_profile"]
    # GLPI's Self-Service: ticket READ | CREATE, followup READ | CREATE, task READ.
    assert (chef["ticket"], chef["followup"], chef["task"]) == (1 | 4, 1 | 4, 1)

"""search_tickets: the allowlisted filter builder over visible_tickets."""

from __future__ import annotations

import datetime as dt

import pytest

from escalade.tickets import search, workflow
from escalade.tickets.errors import InvalidInput
from escalade.tickets.models import Category
from escalade.tickets.search import Criterion, search_tickets
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket


def titles(who, *criteria, sort="id"):
    return [t.title for t in search_tickets(who, list(criteria), sort)]


@pytest.fixture
def tickets(demo, chef, referent, tech):
    first = open_lsu_ticket(demo, chef, title="Accès impossible à LSU", urgency=4)
    second = open_lsu_ticket(demo, chef, title="Bulletin vide", urgency=2)
    messagerie = Category.objects.get(name="Messagerie")
    third = workflow.create_ticket(
        by=chef, title="Boîte pleine", content="Quota", category=messagerie
    )
    workflow.take(second, by=referent)
    workflow.add_followup(second, by=referent, content="Réglé", status=Status.SOLVED)
    return first, second, third


# The referent is a GLPI Technician: he sees every ticket of the académie (READALL),
# DSI-BAI's "Boîte pleine" included.


def test_default_criteria_hide_solved_tickets(tickets, referent):
    assert titles(referent, *search.DEFAULT_CRITERIA) == ["Accès impossible à LSU", "Boîte pleine"]


def test_status_all_shows_solved_tickets(tickets, referent):
    assert titles(referent, Criterion("status", "is", "all")) == [
        "Accès impossible à LSU",
        "Bulletin vide",
        "Boîte pleine",
    ]


def test_status_is_not_a_single_status(tickets, referent):
    assert titles(referent, Criterion("status", "is_not", str(Status.SOLVED))) == [
        "Accès impossible à LSU",
        "Boîte pleine",
    ]


def test_category_under_a_parent_matches_its_children(tickets, admin_who, demo):
    scolarite = demo.lsu.parent
    assert titles(admin_who, Criterion("category", "under", str(scolarite.pk))) == [
        "Accès impossible à LSU",
        "Bulletin vide",
    ]
    assert titles(admin_who, Criterion("category", "is_not", str(demo.lsu.pk))) == ["Boîte pleine"]


def test_assigned_to_me_or_my_groups(tickets, referent, tech):
    assert titles(referent, Criterion("assigned", "is", "me")) == ["Bulletin vide"]
    assert titles(referent, Criterion("assigned", "is", "mine")) == [
        "Accès impossible à LSU",
        "Bulletin vide",
    ]
    assert titles(tech, Criterion("assigned", "is", "mine")) == ["Boîte pleine"]


def test_actor_by_group_and_user_ids(tickets, admin_who, demo):
    chef = demo.users["chef.etab"]
    assert titles(admin_who, Criterion("assigned", "is", f"g{demo.dsi_bai.pk}")) == ["Boîte pleine"]
    assert len(titles(admin_who, Criterion("requester", "is", f"u{chef.pk}"))) == 3
    assert titles(admin_who, Criterion("observer", "is", f"u{chef.pk}")) == []


def test_text_contains_and_not_contains(tickets, admin_who):
    assert titles(admin_who, Criterion("title", "contains", "lsu")) == ["Accès impossible à LSU"]
    assert titles(admin_who, Criterion("content", "not_contains", "Quota")) == [
        "Accès impossible à LSU",
        "Bulletin vide",
    ]


def test_urgency_type_priority_and_entity(tickets, admin_who, demo):
    assert titles(admin_who, Criterion("urgency", "is", "4")) == ["Accès impossible à LSU"]
    assert len(titles(admin_who, Criterion("type", "is", "1"))) == 3
    assert len(titles(admin_who, Criterion("entity", "under", str(demo.academie.pk)))) == 3
    assert titles(admin_who, Criterion("entity", "is", str(demo.lycee.pk))) == []


def test_dates_before_and_after(tickets, admin_who):
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    assert len(titles(admin_who, Criterion("opened_at", "before", tomorrow))) == 3
    assert titles(admin_who, Criterion("opened_at", "after", tomorrow)) == []


def test_search_never_widens_visibility(tickets, outsider, chef):
    assert titles(outsider, Criterion("status", "is", "all")) == []
    assert "Boîte pleine" in titles(chef, Criterion("status", "is", "all"))


def test_sort_by_an_allowed_column(tickets, admin_who):
    assert titles(admin_who, Criterion("status", "is", "all"), sort="-title") == [
        "Bulletin vide",
        "Boîte pleine",
        "Accès impossible à LSU",
    ]


@pytest.mark.parametrize(
    "criterion",
    [
        Criterion("password", "is", "x"),
        Criterion("title", "is", "x"),  # text fields only know contains
        Criterion("status", "is", "99"),
        Criterion("urgency", "is", "abc"),
        Criterion("requester", "is", "u1 OR 1=1"),
        Criterion("opened_at", "before", "hier"),
        Criterion("category", "under", "999999"),
    ],
)
def test_unknown_field_operator_or_value_is_refused(tickets, admin_who, criterion):
    with pytest.raises(InvalidInput) as error:
        list(search_tickets(admin_who, [criterion]))
    assert error.value.field == "criteria"


@pytest.mark.parametrize("sort", ["content", "-created_by__password", "id; drop"])
def test_unknown_sort_is_refused(tickets, admin_who, sort):
    with pytest.raises(InvalidInput):
        search_tickets(admin_who, [], sort)

"""« M'attribuer le ticket » is a visible label; the « + » pickers list the members of the
ticket's groups first."""

from __future__ import annotations

import re

import pytest

from tests.conftest import open_lsu_ticket
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_take_button_has_a_visible_label(demo, chef):
    ticket = open_lsu_ticket(demo, chef)
    page = signed_in(demo, "referent.lsu", "Référent fonctionnel").get(f"/tickets/{ticket.pk}/")
    body = page.content.decode()
    assert re.search(r'id="prendre">.*?<span>M(&#x27;|\')attribuer le ticket</span>', body, re.S)


def test_plus_picker_lists_the_groups_members_first(demo, chef):
    ticket = open_lsu_ticket(demo, chef)
    body = (
        signed_in(demo, "referent.lsu", "Référent fonctionnel")
        .get(f"/tickets/{ticket.pk}/")
        .content.decode()
    )
    picker = body.split('id="acteur-2"', 1)[1].split("</select>", 1)[0]
    members = picker.split('label="Membres des groupes du ticket"', 1)[1].split("</optgroup>")[0]
    assert "Julie Moreau" in members and "Karim Benali" in members
    assert picker.index("Membres des groupes du ticket") < picker.index('label="Groupes"')


def test_the_members_are_only_those_the_user_may_see(demo, chef, outsider):
    from escalade.accounts.models import Membership

    Membership.objects.create(group=demo.referents, user=outsider.user)
    ticket = open_lsu_ticket(demo, chef)
    body = (
        signed_in(demo, "referent.lsu", "Référent fonctionnel")
        .get(f"/tickets/{ticket.pk}/")
        .content.decode()
    )
    assert str(outsider.user) not in body.split('id="acteur-2"', 1)[1].split("</select>")[0]


def test_the_ticket_page_queries_stay_constant_with_more_group_members(
    demo, chef, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from escalade.accounts.models import Membership, ProfileGrant, User

    ticket = open_lsu_ticket(demo, chef)
    client = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    with CaptureQueriesContext(connection) as first:
        client.get(f"/tickets/{ticket.pk}/")
    for n in range(8):
        user = User.objects.create_user(f"membre{n}", email=f"m{n}@example.org", password="x")
        ProfileGrant.objects.create(user=user, profile=demo.self_service, entity=demo.academie)
        Membership.objects.create(group=demo.referents, user=user)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(f"/tickets/{ticket.pk}/")

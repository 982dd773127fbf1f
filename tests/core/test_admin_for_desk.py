"""The admin is made for a desk's administrator: the setting-up path first, Escalade's
profiles and groups on the user page, Django's permission groups hidden, the technical
tables named in French."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_admin_home_shows_the_path_to_set_up_an_academie(demo):
    body = signed_in(demo, "admin").get("/admin/").content.decode()
    assert "Mettre en place une nouvelle académie" in body
    for link in (
        "/admin/accounts/entity/",
        "/admin/accounts/supportgroup/",
        "/admin/tickets/category/",
        "/admin/accounts/profile/",
        "/admin/accounts/user/",
        "/admin/notifications/notificationsetting/",
    ):
        assert link in body, link
    assert body.index("Mettre en place") < body.index("/admin/tickets/rule/")
    assert "/admin/auth/group/" not in body
    assert "Technique : tâches de fond" in body
    assert "Technique : tentatives de connexion et blocages" in body
    assert "Résultats des tâches" in body
    # The technical tables come after every table of the desk.
    assert body.index("Validations") < body.index("Technique : ")


def test_django_permission_groups_are_hidden(demo):
    assert signed_in(demo, "admin").get("/admin/auth/group/").status_code == 404


def test_user_page_has_profiles_and_groups_but_no_django_permissions(demo):
    client = signed_in(demo, "admin")
    user = demo.users["referent.lsu"]
    body = client.get(f"/admin/accounts/user/{user.pk}/change/").content.decode()
    assert 'name="user_permissions"' not in body
    assert 'name="groups"' not in body
    assert "Référent fonctionnel" in body  # the grant inline
    assert "Référents-LSU" in body  # the membership inline


def test_the_header_links_admins_to_the_administration(demo):
    body = signed_in(demo, "admin").get("/").content.decode()
    assert 'href="/admin/"' in body


def test_someone_else_is_refused_the_administration(demo):
    response = signed_in(demo, "chef.etab").get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_user_page_puts_grants_and_groups_before_identity_and_access(demo):
    client = signed_in(demo, "admin")
    user = demo.users["referent.lsu"]
    body = client.get(f"/admin/accounts/user/{user.pk}/change/").content.decode()
    identity = body.index(">Identité<")
    inlines = re.findall(
        r'<div class="js-inline-admin-formset inline-group" id="([\w-]+)-group"', body
    )
    before = re.findall(r'id="([\w-]+)-group"', body[:identity])
    assert len(inlines) == 2 and set(inlines) <= set(before), (inlines, before)
    assert body.index('name="username"') < body.index('id="grants-group"') < identity
    assert 'name="grants-0-is_recursive"' in body and 'name="grants-0-entity"' in body

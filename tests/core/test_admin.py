"""Administrators configure the desk in Django's admin, in French."""

import pytest
from django.urls import reverse

from escalade.tickets.models import Rule, RuleCriterion


@pytest.fixture
def admin_client(client, demo):
    client.force_login(demo.users["admin"])
    return client


@pytest.mark.parametrize(
    "model,title",
    [
        ("accounts/entity", "entités"),
        ("accounts/supportgroup", "groupes"),
        ("accounts/profile", "profils"),
        ("accounts/profilegrant", "habilitations"),
        ("accounts/user", "utilisateurs"),
        ("tickets/category", "catégories"),
        ("tickets/rule", "règles métier"),
        ("tickets/prioritycell", "matrice de priorité"),
    ],
)
def test_admin_lists_are_in_french(admin_client, model, title):
    response = admin_client.get(f"/admin/{model}/")
    assert response.status_code == 200
    assert title in response.content.decode().lower()


def test_profile_rights_are_checkboxes_with_french_labels(admin_client, demo):
    response = admin_client.get(f"/admin/accounts/profile/{demo.referent_profile.pk}/change/")
    page = response.content.decode()
    assert 'type="checkbox"' in page
    assert "Tickets : voir tous les tickets" in page


def test_admin_rule_with_bad_regex_is_refused_with_a_message(admin_client, demo):
    data = {
        "name": "Règle cassée",
        "description": "",
        "entity": demo.academie.pk,
        "is_recursive": "on",
        "ranking": 5,
        "is_active": "on",
        "match": "and",
        "trigger": 1,
        "criteria-TOTAL_FORMS": 1,
        "criteria-INITIAL_FORMS": 0,
        "criteria-0-field": "title",
        "criteria-0-operator": "regex",
        "criteria-0-text": "(oops",
        "actions-TOTAL_FORMS": 1,
        "actions-INITIAL_FORMS": 0,
        "actions-0-kind": "assign_group",
        "actions-0-picked": f"group:{demo.dsi_bai.pk}",
    }
    response = admin_client.post(reverse("admin:tickets_rule_add"), data)
    assert response.status_code == 200
    assert "Expression rationnelle invalide" in response.content.decode()
    assert not Rule.objects.filter(name="Règle cassée").exists()
    data["criteria-0-text"] = "(?i)lsu"
    response = admin_client.post(reverse("admin:tickets_rule_add"), data)
    assert response.status_code == 302
    assert RuleCriterion.objects.get(rule__name="Règle cassée").value == "(?i)lsu"


def test_tickets_are_read_only_in_the_admin(admin_client, lsu_ticket):
    response = admin_client.get(f"/admin/tickets/ticket/{lsu_ticket.pk}/change/")
    assert response.status_code == 200
    assert 'name="title"' not in response.content.decode()  # no editable field


def test_non_staff_users_cannot_reach_the_admin(client, demo):
    client.force_login(demo.users["referent.lsu"])
    response = client.get("/admin/tickets/rule/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]

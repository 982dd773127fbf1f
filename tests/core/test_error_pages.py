"""Error pages are Escalade pages in French: the header with the user's name, what
happened, what to do, and a link back (API paths keep their JSON)."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings

from escalade.core import errors
from escalade.tickets.models import Ticket
from tests.conftest import open_lsu_ticket
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_unknown_page_is_an_escalade_page_with_the_users_name(demo):
    client = signed_in(demo, "chef.etab")
    response = client.get("/nulle-part/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Page introuvable" in body
    assert "Claire Dubois" in body  # the header, with the user's name
    assert "Revenir à l'accueil" in body
    assert "Not Found" not in body


def test_ticket_out_of_reach_answers_like_a_missing_one(demo, chef, outsider):
    ticket = open_lsu_ticket(demo, chef)
    outsider_client = Client()
    outsider_client.force_login(outsider.user)
    missing = outsider_client.get("/tickets/999999/")
    hidden = outsider_client.get(f"/tickets/{ticket.pk}/")
    assert missing.status_code == hidden.status_code == 404
    assert "Page introuvable" in hidden.content.decode()
    assert "Secret" not in hidden.content.decode()
    assert ticket.title not in hidden.content.decode()


def test_not_found_in_english_for_an_english_user(demo):
    client = signed_in(demo, "chef.etab")
    client.cookies.load({"django_language": "en"})
    response = client.get("/nulle-part/")
    assert "Page not found" in response.content.decode()


def test_unknown_api_path_stays_json(demo):
    response = Client().get("/api/v1/nulle-part/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_csrf_failure_says_the_form_expired_and_changes_nothing(demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo.users["chef.etab"])
    before = Ticket.objects.count()
    response = client.post(
        "/tickets/nouveau/", {"title": "x", "content": "y", "type": 1, "urgency": 3}
    )
    body = response.content.decode()
    assert response.status_code == 403
    assert "Formulaire expiré" in body
    assert "rechargez-la" in body
    assert Ticket.objects.count() == before


def test_server_error_page_in_french(demo):
    request = RequestFactory().get("/tickets/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    request.who = None
    response = errors.server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Erreur du serveur" in body
    assert "rien n&#x27;a été enregistré" in body
    assert "Revenir à l'accueil" in body


def test_server_error_page_survives_a_broken_render(demo, monkeypatch):
    request = RequestFactory().get("/tickets/")

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(errors, "render", broken)
    response = errors.server_error(request)
    assert response.status_code == 500
    assert "Erreur du serveur" in response.content.decode()


def test_forbidden_page(demo):
    request = RequestFactory().get("/admin/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    request.who = None
    response = errors.permission_denied(request)
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()
    assert "changez de profil" in response.content.decode()


def test_maintenance_mode_answers_503_everywhere_but_health(demo, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    (tmp_path / "maintenance").touch()
    client = signed_in(demo, "chef.etab")
    page = client.get("/tickets/")
    assert page.status_code == 503
    assert "Maintenance en cours" in page.content.decode()
    assert "Claire Dubois" in page.content.decode()
    assert page["Retry-After"] == "300"
    assert client.get("/api/v1/me/").json()["code"] == "maintenance"
    assert client.get("/sante/").status_code == 200
    (tmp_path / "maintenance").unlink()
    assert client.get("/tickets/").status_code == 200


@override_settings(ESCALADE_MAINTENANCE=True)
def test_maintenance_by_environment(demo):
    assert Client().get("/compte/connexion/").status_code == 503


def test_lockout_page_is_an_escalade_page(demo, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    for _ in range(3):
        response = client.post("/compte/connexion/", {"username": "chef.etab", "password": "faux"})
    body = response.content.decode()
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in body
    assert "navbar" in body  # the header of every page
    assert "Retour à la connexion" in body


@override_settings(ESCALADE_SITE_NAME="Assistance — Académie de Normandie")
def test_site_name_on_sign_in_and_header(demo):
    page = Client().get("/compte/connexion/").content.decode()
    assert "Assistance — Académie de Normandie" in page
    client = signed_in(demo, "chef.etab")
    assert "Assistance — Académie de Normandie" in client.get("/tickets/").content.decode()


def test_administration_link_only_for_admins(demo):
    admin = signed_in(demo, "admin").get("/tickets/").content.decode()
    chef = signed_in(demo, "chef.etab").get("/tickets/").content.decode()
    assert ">Administration<" in admin
    assert ">Administration<" not in chef


def test_english_dates_are_unambiguous_and_24_hour():
    import datetime

    from django.utils import formats, translation

    moment = datetime.datetime(2026, 12, 1, 15, 30)
    with translation.override("en"):
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "2026-12-01 15:30"
        assert formats.date_format(moment, "DATE_FORMAT") == "1 Dec 2026"
    with translation.override("fr"):
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "01/12/2026 15:30"

"""Due dates and service levels through every way in: ticket page, list, /api/v1, GLPI,
admin — and who is refused."""

from __future__ import annotations

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from escalade.slas.models import Calendar, Sla
from escalade.tickets import workflow
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket
from tests.slas.conftest import paris

FRIDAY_4PM = paris(2026, 3, 6, 16)
MONDAY_10AM = paris(2026, 3, 9, 10)


def _open(demo, chef, title="Accès impossible à LSU"):
    with time_machine.travel(FRIDAY_4PM, tick=False):
        return open_lsu_ticket(demo, chef, title=title)


# --- The ticket page ---------------------------------------------------------------------


def test_ticket_page_shows_due_dates_time_left_and_the_arithmetic(
    client_as, demo, chef, referent, slas
):
    ticket = _open(demo, chef)
    with time_machine.travel(paris(2026, 3, 9, 9), tick=False):
        workflow.take(ticket, by=referent)
        workflow.change_status(ticket, by=referent, status=Status.WAITING)
    with time_machine.travel(paris(2026, 3, 9, 11), tick=False):
        workflow.change_status(ticket, by=referent, status=Status.ASSIGNED)
    with time_machine.travel(paris(2026, 3, 9, 11, 30), tick=False):
        page = client_as("referent.lsu", "Référent fonctionnel").get(f"/tickets/{ticket.pk}/")
    html = page.content.decode()
    assert "Échéances" in html
    assert "Prise en compte en 2 h ouvrées" in html and "Respectée" in html
    assert "Résolution en 2 jours ouvrés" in html
    # 2 working hours paused (9:00-11:00): the resolution moves from Tue 16:00 to Wed 9:30.
    assert "11/03/2026 09:30" in html
    assert "Pauses « En attente » (horloge arrêtée) : 2 h ouvrées" in html
    assert "09/03/2026 09:00 → 09/03/2026 11:00 : 2 h" in html
    assert "plages ouvrées comptées" in html
    assert "Temps restant" in html
    assert "Délai de résolution (interne, OLA)" in html  # the desk sees the internal dates


def test_requester_sees_due_dates_but_not_the_internal_ones(client_as, demo, chef, slas):
    ticket = _open(demo, chef)
    with time_machine.travel(MONDAY_10AM, tick=False):
        html = client_as("chef.etab").get(f"/tickets/{ticket.pk}/").content.decode()
    assert "Prise en compte en 2 h ouvrées" in html and "En retard" in html
    assert "OLA" not in html and "Résolution interne" not in html


def test_outsider_cannot_see_the_ticket_nor_its_due_dates(client, outsider, demo, chef, slas):
    ticket = _open(demo, chef)
    client.force_login(outsider.user)
    response = client.get(f"/tickets/{ticket.pk}/")
    assert response.status_code == 404
    assert "Échéances" not in response.content.decode()


# --- The list -----------------------------------------------------------------------------


def test_list_filters_late_tickets_and_shows_due_columns(client_as, demo, chef, referent, slas):
    late = _open(demo, chef, title="Ticket en retard")
    on_time = _open(demo, chef, title="Ticket pris à temps")
    with time_machine.travel(paris(2026, 3, 9, 9), tick=False):
        workflow.take(on_time, by=referent)
    client = client_as("referent.lsu", "Référent fonctionnel")
    with time_machine.travel(MONDAY_10AM, tick=False):
        html = client.get(
            "/tickets/?onglet=tous&f=late&o=is&v=1&col=id&col=title&col=next_due_at&col=late"
        ).content.decode()
        others = client.get(
            "/tickets/?onglet=tous&f=late&o=is&v=0&col=id&col=title"
        ).content.decode()
    assert "Ticket en retard" in html and "Ticket pris à temps" not in html
    assert "09/03/2026 09:30" in html  # « Échéance »
    assert ">Échéance</a>" in html and "En retard" in html
    assert "Ticket pris à temps" in others and "Ticket en retard" not in others
    assert late.pk != on_time.pk


def test_list_due_date_filter_and_sort(client_as, demo, chef, referent, slas):
    _open(demo, chef, title="Dû lundi")
    client = client_as("referent.lsu", "Référent fonctionnel")
    with time_machine.travel(MONDAY_10AM, tick=False):
        before = client.get(
            "/tickets/?onglet=tous&f=next_due_at&o=before&v=2026-03-10&tri=next_due_at"
        ).content.decode()
        after = client.get(
            "/tickets/?onglet=tous&f=next_due_at&o=after&v=2026-03-09"
        ).content.decode()
        bad = client.get("/tickets/?onglet=tous&f=late&o=is&v=oui")
    assert "Dû lundi" in before and "Dû lundi" not in after
    assert bad.status_code == 400 or "Valeur incorrecte" in bad.content.decode()


def test_list_query_count_does_not_grow_with_due_date_columns(
    client_as, demo, chef, referent, slas
):
    client = client_as("referent.lsu", "Référent fonctionnel")
    url = "/tickets/?onglet=tous&col=id&col=title&col=next_due_at&col=late&col=assigned"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    _open(demo, chef)
    few = count()
    for n in range(5):
        _open(demo, chef, title=f"Autre {n}")
    assert count() == few


# --- /api/v1 --------------------------------------------------------------------------------


def test_api_exposes_due_dates_and_the_overdue_filter(api_as, demo, chef, referent, slas):
    late = _open(demo, chef)
    taken = _open(demo, chef)
    with time_machine.travel(paris(2026, 3, 9, 9), tick=False):
        workflow.take(taken, by=referent)
    client = api_as("referent.lsu", "Référent fonctionnel")
    with time_machine.travel(MONDAY_10AM, tick=False):
        body = client.get("/api/v1/tickets/", {"overdue": "true"}).json()
        rest = client.get("/api/v1/tickets/", {"overdue": "false"}).json()
        detail = client.get(f"/api/v1/tickets/{late.pk}/").json()
        bad = client.get("/api/v1/tickets/", {"overdue": "peut-être"})
        ordered = client.get("/api/v1/tickets/", {"ordering": "next_due_at"})
    assert [t["id"] for t in body["results"]] == [late.pk]
    assert body["results"][0]["overdue"] is True
    assert body["results"][0]["time_to_own"].startswith("2026-03-09T09:30")
    assert [t["id"] for t in rest["results"]] == [taken.pk]
    assert detail["time_to_resolve"].startswith("2026-03-10T16:00")
    assert detail["next_due_at"].startswith("2026-03-09T09:30") and detail["overdue"] is True
    assert bad.status_code == 400
    assert ordered.status_code == 200


def test_api_schema_documents_due_dates_and_overdue(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    summary = schema["components"]["schemas"]["TicketSummary"]["properties"]
    assert {"time_to_own", "time_to_resolve", "next_due_at", "overdue"} <= set(summary)
    params = {p["name"] for p in schema["paths"]["/api/v1/tickets/"]["get"]["parameters"]}
    assert "overdue" in params


# --- GLPI's API -------------------------------------------------------------------------------


def test_glpi_ticket_carries_the_sla_fields(glpi_as, demo, chef, slas):
    ticket = _open(demo, chef)
    desk = glpi_as("referent.lsu", "Référent fonctionnel").get(f"Ticket/{ticket.pk}").json()
    assert desk["slas_id_tto"] == slas.tto.pk and desk["slas_id_ttr"] == slas.ttr.pk
    assert desk["time_to_own"] == "2026-03-09 09:30:00"
    assert desk["time_to_resolve"] == "2026-03-10 16:00:00"
    assert desk["olas_id_ttr"] == slas.ola_ttr.pk and desk["olas_id_tto"] == 0
    assert desk["internal_time_to_resolve"] == "2026-03-09 17:00:00"
    assert desk["internal_time_to_own"] is None
    mine = glpi_as("chef.etab").get(f"Ticket/{ticket.pk}").json()
    assert mine["time_to_own"] == "2026-03-09 09:30:00"
    assert mine["olas_id_ttr"] == 0 and mine["internal_time_to_resolve"] is None


def test_glpi_service_level_item_types_with_glpi_field_names(glpi_as, demo, slas):
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    calendar = api.get(f"Calendar/{slas.calendar.pk}").json()
    assert calendar["name"] == "Horaires de la DANE"
    assert calendar["entities_id"] == demo.academie.pk and calendar["is_recursive"] == 1
    segments = api.get("CalendarSegment", {"range": "0-50"}).json()
    assert len(segments) == 10
    monday = sorted((s for s in segments if s["day"] == 1), key=lambda s: s["begin"])
    assert [(s["begin"], s["end"]) for s in monday] == [
        ("08:30:00", "12:00:00"),
        ("13:30:00", "17:00:00"),
    ]
    holidays = api.get("Holiday", {"range": "0-50"}).json()
    may = next(h for h in holidays if h["name"] == "Fête du travail")
    assert (may["begin_date"], may["end_date"], may["is_perpetual"]) == (
        "2000-05-01",
        "2000-05-01",
        1,
    )
    links = api.get("Calendar_Holiday", {"range": "0-50"}).json()
    assert {link["calendars_id"] for link in links} == {slas.calendar.pk}
    slm = api.get(f"SLM/{slas.slm.pk}").json()
    assert slm["calendars_id"] == slas.calendar.pk
    sla = api.get(f"SLA/{slas.tto.pk}").json()
    assert (sla["type"], sla["number_time"], sla["definition_time"], sla["slms_id"]) == (
        1,
        2,
        "hour",
        slas.slm.pk,
    )
    ttr = api.get(f"SLA/{slas.ttr.pk}").json()
    assert (ttr["type"], ttr["definition_time"]) == (0, "day")
    ola = api.get(f"OLA/{slas.ola_ttr.pk}").json()
    assert ola["number_time"] == 8
    level = api.get(f"SlaLevel/{slas.not_taken.pk}").json()
    assert level["slas_id"] == slas.tto.pk and level["execution_time"] == 0
    assert api.get("OlaLevel").status_code in (200, 206)


def test_glpi_service_levels_are_hidden_from_requesters_and_outsiders(
    glpi_as, demo, outsider, slas
):
    chef = glpi_as("chef.etab")
    missing = chef.get("Calendar/999999")
    hidden = chef.get(f"Calendar/{slas.calendar.pk}")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert chef.get(f"SLA/{slas.tto.pk}").status_code == 404
    assert chef.get("SLM").json() == []
    tech = glpi_as("tech.bai")
    assert tech.get(f"SLM/{slas.slm.pk}").status_code == 200


def test_glpi_service_levels_are_read_only(glpi_as, demo, slas):
    api = glpi_as("admin")
    response = api.post("SLA", {"input": {"name": "x", "type": 1, "number_time": 1}})
    assert response.status_code == 400 or response.status_code == 403
    assert not Sla.objects.filter(name="x").exists()


# --- Admin ------------------------------------------------------------------------------------


def test_admin_enters_a_calendar_with_its_hours_in_french(client, demo):
    client.force_login(demo.users["admin"])
    page = client.get("/admin/slas/calendar/add/").content.decode()
    assert "Plages horaires" in page or "plages horaires" in page
    response = client.post(
        "/admin/slas/calendar/add/",
        {
            "name": "Horaires du rectorat",
            "entity": demo.academie.pk,
            "is_recursive": "on",
            "comment": "",
            "segments-TOTAL_FORMS": 1,
            "segments-INITIAL_FORMS": 0,
            "segments-0-day": 1,
            "segments-0-begin": "09:00",
            "segments-0-end": "08:00",
            "calendarholiday_set-TOTAL_FORMS": 0,
            "calendarholiday_set-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200  # refused: the end is before the beginning
    assert "La fin de la plage doit suivre son début." in response.content.decode()
    assert not Calendar.objects.filter(name="Horaires du rectorat").exists()


def test_non_staff_cannot_manage_calendars(client_as, demo):
    client = client_as("referent.lsu", "Référent fonctionnel")
    response = client.get("/admin/slas/calendar/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

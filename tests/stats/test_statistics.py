"""The statistics of a period: exact figures on a small desk, through the page, the CSV
export and /api/v1; only profiles with the right see them, and only for their entities."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from escalade.accounts.models import Profile, ProfileGrant
from escalade.accounts.rights import ALL_RIGHTS
from escalade.satisfaction.models import Survey
from escalade.stats import monthly, queries
from escalade.tickets import workflow
from escalade.tickets.errors import Forbidden, InvalidInput
from tests.conftest import as_, open_lsu_ticket
from tests.web.conftest import signed_in

NOV = queries.Filters(start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))


def _at(time_machine, when: str) -> None:
    time_machine.move_to(when, tick=False)


@pytest.fixture
def desk(demo, chef, referent, admin_who, time_machine):
    """November 2026: two « Matériel » tickets taken by hand after 2 h and 4 h, two LSU
    tickets (routed, so taken at once), one of them escalated; one solved and closed, with
    an answered survey; an October ticket solved in November."""
    from escalade.tickets.models import Category

    materiel = Category.objects.get(name="Matériel")
    _at(time_machine, "2026-10-20 09:00 +02:00")
    october = open_lsu_ticket(demo, chef, title="Ancien")
    t = {}
    for n in (0, 1):
        _at(time_machine, "2026-11-02 09:00 +01:00")
        t[n] = workflow.create_ticket(
            by=chef, type=1, category=materiel, urgency=3, title=f"Poste {n}", content="Écran noir"
        )
    _at(time_machine, "2026-11-10 09:00 +01:00")
    t[2] = open_lsu_ticket(demo, chef, title="Export LSU")
    _at(time_machine, "2026-11-20 09:00 +01:00")
    t[3] = open_lsu_ticket(demo, chef, title="Bilan LSU")
    _at(time_machine, "2026-11-02 11:00 +01:00")
    workflow.take(t[0], by=admin_who)
    _at(time_machine, "2026-11-02 13:00 +01:00")
    workflow.take(t[1], by=admin_who)
    _at(time_machine, "2026-11-03 09:00 +01:00")
    workflow.add_solution(t[0], by=admin_who, content="Écran changé")
    _at(time_machine, "2026-11-05 09:00 +01:00")
    workflow.take(october, by=referent)
    workflow.add_solution(october, by=referent, content="Fait")
    workflow.approve_solution(t[0], by=chef)
    _at(time_machine, "2026-11-12 10:00 +01:00")
    workflow.escalate(t[2], by=referent, group=demo.dsi_bai)
    t[0].refresh_from_db()
    Survey.objects.create(
        ticket=t[0],
        created_at=t[0].closed_at,
        expires_at=t[0].closed_at + dt.timedelta(days=10),
        answered_at=t[0].closed_at + dt.timedelta(hours=1),
        score=4,
        max_score=5,
    )
    _at(time_machine, "2026-12-01 09:00 +01:00")
    return t


def test_the_figures_of_a_month_are_exact(desk, admin_who):
    report = queries.report(admin_who, NOV)

    assert (report.opened, report.solved, report.closed) == (4, 2, 1)
    assert report.backlog == 3  # tickets 1, 2, 3 are not solved today
    assert report.time_to_own.count == 4
    assert report.time_to_own.median_hours == pytest.approx(1.0)  # 0, 0, 2 and 4 h
    assert report.time_to_own.p90_hours == pytest.approx(3.4)  # interpolated, as PostgreSQL
    assert report.time_to_solve.count == 2
    # 24 h, and 16 days and 1 h for the October ticket (summer time ended on the way).
    assert report.time_to_solve.median_hours == pytest.approx((24 + 16 * 24 + 1) / 2)
    assert report.escalated == 1 and report.escalation_rate == pytest.approx(0.25)
    assert report.escalations == [("Référents-LSU", "DSI-BAI", 1)]
    assert report.surveys_answered == 1 and report.satisfaction == pytest.approx(4.0)
    assert report.top_entities == [("Académie de Normandie > Collège Jean Moulin", 4)]
    assert report.top_categories == [("Matériel", 2), ("Scolarité > LSU", 2)]
    by_day = {b.start: b for b in report.series}
    assert len(report.series) == 30 and report.filters.bucket == "day"
    assert (by_day[dt.date(2026, 11, 2)].opened, by_day[dt.date(2026, 11, 3)].solved) == (2, 1)
    # The October ticket was in the stock on November 1st and left it on the 5th.
    assert by_day[dt.date(2026, 11, 1)].backlog == 1
    assert by_day[dt.date(2026, 11, 2)].backlog == 3
    assert by_day[dt.date(2026, 11, 3)].backlog == 2
    assert by_day[dt.date(2026, 11, 5)].backlog == 1
    assert report.series[-1].backlog == 3


def test_filters_narrow_the_figures(desk, admin_who, demo):
    dsi = queries.report(admin_who, queries.Filters(NOV.start, NOV.end, group_id=demo.dsi_bai.pk))
    assert (dsi.opened, dsi.escalated) == (1, 1)
    lycee = queries.report(admin_who, queries.Filters(NOV.start, NOV.end, entity_id=demo.lycee.pk))
    assert lycee.opened == 0
    weeks = queries.report(admin_who, queries.Filters(dt.date(2026, 9, 1), dt.date(2026, 11, 30)))
    assert weeks.filters.bucket == "week" and sum(b.opened for b in weeks.series) == 5


def test_only_profiles_with_the_right_see_statistics(desk, demo, chef):
    # Self-Service has no « Statistiques » (GLPI's seeds give it to every other profile).
    for who in (chef, as_(demo, "referent.lsu", "Self-Service")):
        with pytest.raises(Forbidden):
            queries.report(who, NOV)


def test_an_outsider_counts_only_his_own_entities(desk, outsider, demo):
    everything = Profile.objects.create(name="Tout", rights=[str(r) for r in ALL_RIGHTS])
    ProfileGrant.objects.filter(user=outsider.user).update(profile=everything)
    who = as_(demo, "tech.bzh")
    report = queries.report(who, NOV)
    assert (report.opened, report.solved, report.top_entities) == (0, 0, [])
    with pytest.raises(InvalidInput, match="Entité inconnue"):
        queries.report(who, queries.Filters(NOV.start, NOV.end, entity_id=demo.college.pk))
    with pytest.raises(InvalidInput, match="Groupe inconnu"):
        queries.report(who, queries.Filters(NOV.start, NOV.end, group_id=demo.referents.pk))


def test_the_page_shows_figures_charts_and_their_tables(desk, demo):
    admin = signed_in(demo, "admin")
    page = admin.get("/statistiques/", {"start": "2026-11-01", "end": "2026-11-30"})
    assert page.status_code == 200
    body = page.content.decode()
    assert '<dd class="col-sm-8" id="stat-ouverts">4</dd>' in body
    assert 'role="img" aria-labelledby="graphique-flux-titre"' in body
    assert "<caption>Tickets par période</caption>" in body
    assert "DSI-BAI" in body and "Statistiques" in body


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-11-30", "end": "2026-11-01"},
        {"start": "2020-01-01", "end": "2026-11-30"},
        {"start": "hier", "end": "2026-11-30"},
        {"start": "2026-11-01", "end": "2026-11-30", "entity": str(2**70)},
        {"start": "2026-11-01", "end": "2026-11-30", "group": "abc"},
    ],
)
def test_bad_filters_answer_400_with_a_message(desk, demo, params):
    admin = signed_in(demo, "admin")
    page = admin.get("/statistiques/", params)
    assert page.status_code == 400
    assert "is-invalid" in page.content.decode() or "alert-danger" in page.content.decode()
    export = admin.get("/statistiques/export.csv", params)
    assert export.status_code == 400 and export.content


def test_the_page_is_refused_without_the_right(desk, demo):
    for client in (
        signed_in(demo, "chef.etab"),
        signed_in(demo, "referent.lsu", "Self-Service"),
    ):
        page = client.get("/statistiques/")
        assert page.status_code == 403
        assert "statistiques" in page.content.decode()
        assert client.get("/statistiques/export.csv").status_code == 403


def test_the_page_does_not_grow_with_tickets(demo, chef, time_machine):
    admin = signed_in(demo, "admin")
    counts = []
    for batch in (2, 12):
        for n in range(batch):
            open_lsu_ticket(demo, chef, title=f"Lot {n}")
        with CaptureQueriesContext(connection) as captured:
            assert admin.get("/statistiques/").status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_the_csv_export_has_the_series_and_the_summary(desk, demo):
    admin = signed_in(demo, "admin")
    response = admin.get("/statistiques/export.csv", {"start": "2026-11-01", "end": "2026-11-30"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Période", "Ouverts", "Résolus", "Clos", "Stock non résolu"]
    assert ["2026-11-02", "2", "0", "0", "3"] in rows
    assert ["Tickets ouverts", "4"] in rows and ["Taux d'escalade (%)", "25.0"] in rows


def test_the_api_gives_the_same_figures(desk, demo):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token admin-token")
    data = client.get("/api/v1/statistics/", {"start": "2026-11-01", "end": "2026-11-30"}).json()
    assert (data["opened"], data["solved"], data["escalated"]) == (4, 2, 1)
    assert data["escalations"] == [{"from": "Référents-LSU", "to": "DSI-BAI", "count": 1}]
    assert data["series"][1] == {
        "start": "2026-11-02",
        "opened": 2,
        "solved": 0,
        "closed": 0,
        "backlog": 3,
    }
    huge = client.get("/api/v1/statistics/", {"entity": 2**70})
    assert huge.status_code == 400
    backwards = client.get("/api/v1/statistics/", {"start": "2026-11-30", "end": "2026-11-01"})
    assert backwards.status_code == 400 and backwards.json()["field"] == "end"
    chef = APIClient()
    chef.credentials(HTTP_AUTHORIZATION="Token chef.etab-token")
    refused = chef.get("/api/v1/statistics/")
    assert refused.status_code == 403 and "statistiques" in refused.json()["detail"]


def test_the_monthly_mail_goes_once_to_each_supervisor(desk, demo, smtp):
    demo.referents.supervisor = demo.users["admin"]
    demo.referents.save()

    assert monthly.send_monthly_reports(today=dt.date(2026, 12, 1)) == 1
    assert monthly.send_monthly_reports(today=dt.date(2026, 12, 2)) == 0
    [mail] = smtp.received
    assert mail.to == "admin@example.org"
    assert "Bilan du mois 11/2026 — Référents-LSU" in mail.subject
    assert "Tickets ouverts : 1" in mail.text  # those still assigned to the group
    assert "/statistiques/" in mail.text

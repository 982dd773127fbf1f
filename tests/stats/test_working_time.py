"""Time to own and to solve in working time, and late tickets, in the statistics: exact
minutes with the DANE's calendar (office hours 8:30-12:00 and 13:30-17:00, Monday to
Friday; 11 November closed), pauses « En attente » removed, a ticket crossing a weekend."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine
from rest_framework.test import APIClient

from escalade.stats import queries, timings
from escalade.stats.models import TicketTiming
from escalade.tickets import workflow
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket
from tests.slas.conftest import paris
from tests.web.conftest import signed_in

NOV = queries.Filters(start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30))
NOW = paris(2026, 12, 1, 9)


def _at(when: dt.datetime):
    return time_machine.travel(when, tick=False)


@pytest.fixture
def month(demo, chef, referent, slas):
    """Four LSU tickets (SLA: own in 2 working hours, resolve in 2 working days)."""
    t = {}
    # 1. Opened on Friday at 16:00, taken on Monday at 10:00 (past its 9:30 due date),
    #    solved on Monday at 15:00: own = 1 h Friday + 1 h 30 Monday = 150 min;
    #    solve = 1 h + 3 h 30 + 1 h 30 = 360 min (the weekend does not count).
    with _at(paris(2026, 11, 6, 16)):
        t[1] = open_lsu_ticket(demo, chef, title="Vendredi")
    with _at(paris(2026, 11, 9, 10)):
        workflow.take(t[1], by=referent)
    with _at(paris(2026, 11, 9, 15)):
        workflow.add_solution(t[1], by=referent, content="Fait")
    # 2. Opened on Tuesday 10 at 16:00; Wednesday 11 November is closed; taken on Thursday
    #    at 9:00 (due 9:30): own = 60 + 30 = 90 min. « En attente » from Thursday 10:00 to
    #    Friday 10:00 (7 working hours stopped), solved on Friday at 11:00:
    #    solve = 60 (Tue) + 90 (Thu 8:30-10:00) + 60 (Fri 10:00-11:00) = 210 min.
    with _at(paris(2026, 11, 10, 16)):
        t[2] = open_lsu_ticket(demo, chef, title="Férié")
    with _at(paris(2026, 11, 12, 9)):
        workflow.take(t[2], by=referent)
    with _at(paris(2026, 11, 12, 10)):
        workflow.change_status(t[2], by=referent, status=Status.WAITING)
    with _at(paris(2026, 11, 13, 10)):
        workflow.change_status(t[2], by=referent, status=Status.ASSIGNED)
    with _at(paris(2026, 11, 13, 11)):
        workflow.add_solution(t[2], by=referent, content="Fait")
    # 3. Opened on Monday 16 at 9:00, nobody took it: late to own and to resolve.
    with _at(paris(2026, 11, 16, 9)):
        t[3] = open_lsu_ticket(demo, chef, title="Oublié")
    # 4. Opened on Wednesday 25 at 9:00, « En attente » at 10:00 (before its 11:00 due
    #    date): the clock stopped, so it is not late.
    with _at(paris(2026, 11, 25, 9)):
        t[4] = open_lsu_ticket(demo, chef, title="En attente")
    with _at(paris(2026, 11, 25, 10)):
        workflow.change_status(t[4], by=referent, status=Status.WAITING)
    with _at(NOW):
        assert timings.refresh_timings(now=NOW) == 4
    return t


def test_the_worker_stores_exact_working_minutes(month):
    stored = {
        row.ticket_id: (row.own_seconds, row.solve_seconds) for row in TicketTiming.objects.all()
    }
    assert stored == {
        month[1].pk: (150 * 60, 360 * 60),
        month[2].pk: (90 * 60, 210 * 60),
        month[3].pk: (None, None),
        month[4].pk: (None, None),
    }


def test_the_report_gives_working_percentiles_and_late_tickets(month, admin_who):
    with _at(NOW):
        report = queries.report(admin_who, NOV)
    own, solve = report.own_working, report.solve_working
    assert (own.count, own.median_minutes, own.p90_minutes) == (2, 120, pytest.approx(144))
    assert (solve.count, solve.median_minutes) == (2, 285)
    assert solve.p90_minutes == pytest.approx(345)
    assert (report.late_to_own.with_target, report.late_to_own.late) == (4, 2)  # 1 and 3
    assert report.late_to_own.share == 0.5
    assert (report.late_to_resolve.with_target, report.late_to_resolve.late) == (4, 1)  # 3


def test_a_ticket_is_computed_again_only_when_it_changes(month, referent):
    with _at(NOW):
        assert timings.refresh_timings(now=NOW) == 0
    with _at(NOW + dt.timedelta(hours=1)):  # Tuesday 1 December, 10:00
        workflow.take(month[3], by=referent)
    later = NOW + dt.timedelta(hours=2)
    with _at(later):
        assert timings.refresh_timings(now=later) == 1
    # Monday 16 from 9:00 (6 h 30), ten whole days of 7 h, Tuesday 1 until 10:00 (1 h 30).
    assert TicketTiming.objects.get(pk=month[3].pk).own_seconds == 78 * 3600
    with _at(later):
        assert timings.refresh_timings(now=later, full=True) == 4


def test_the_page_the_csv_and_the_api_show_them(month, demo):
    admin = signed_in(demo, "admin")
    params = {"start": "2026-11-01", "end": "2026-11-30"}
    with _at(NOW):
        body = admin.get("/statistiques/", params).content.decode()
        export = admin.get("/statistiques/export.csv", params)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION="Token admin-token")
        data = client.get("/api/v1/statistics/", params).json()
    assert '<dd class="col-sm-8" id="stat-pec-ouvre">2 h / 2 h 24 min</dd>' in body
    assert '<dd class="col-sm-8" id="stat-resolution-ouvre">4 h 45 min / 5 h 45 min</dd>' in body
    assert '<dd class="col-sm-8" id="stat-retard-pec">2 sur 4 (50 %)</dd>' in body
    assert '<dd class="col-sm-8" id="stat-retard-resolution">1 sur 4 (25 %)</dd>' in body
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Prise en compte en temps ouvré, médiane (min)", "120"] in rows
    assert ["Résolution en temps ouvré hors attente, 90e centile (min)", "345"] in rows
    assert ["Tickets en retard de prise en compte", "2"] in rows
    assert ["Part en retard de résolution (%)", "25.0"] in rows
    assert data["time_to_own_working"] == {
        "count": 2,
        "median_minutes": 120.0,
        "p90_minutes": 144.0,
    }
    assert data["time_to_solve_working"]["median_minutes"] == 285.0
    assert data["late_to_own"] == {"with_target": 4, "late": 2, "share": 0.5}
    assert data["late_to_resolve"] == {"with_target": 4, "late": 1, "share": 0.25}


def test_the_schema_documents_the_new_figures(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    props = schema["components"]["schemas"]["Stats"]["properties"]
    assert {
        "time_to_own_working",
        "time_to_solve_working",
        "late_to_own",
        "late_to_resolve",
    } <= set(props)


def test_an_outsider_counts_none_of_them(month, outsider, demo):
    from escalade.accounts.models import Profile, ProfileGrant
    from escalade.accounts.rights import ALL_RIGHTS
    from tests.conftest import as_

    everything = Profile.objects.create(name="Tout", rights=[str(r) for r in ALL_RIGHTS])
    ProfileGrant.objects.filter(user=outsider.user).update(profile=everything)
    with _at(NOW):
        report = queries.report(as_(demo, "tech.bzh"), NOV)
    assert (report.own_working.count, report.late_to_own.with_target) == (0, 0)
    assert report.late_to_own.share is None

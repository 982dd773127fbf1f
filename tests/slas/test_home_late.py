"""The home page counts the late tickets in reach (« En retard »), linking to the list."""

from __future__ import annotations

import re

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import open_lsu_ticket
from tests.slas.conftest import paris
from tests.web.conftest import signed_in


def _late_card(body: str) -> tuple[str, str]:
    card = re.search(
        r'<a class="card[^"]*" href="([^"]+)" id="compte-en-retard">(.*?)</a>', body, re.S
    )
    assert card is not None
    number = re.search(r'fs-3 fw-semibold[^"]*">([^<]+)<', card.group(2))
    return card.group(1).replace("&amp;", "&"), number.group(1).strip()


def test_the_home_page_counts_late_tickets_with_a_constant_number_of_queries(demo, chef, slas):
    referent = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    counts = []
    for batch, expected in ((1, "1"), (4, "5")):
        with time_machine.travel(paris(2026, 3, 6, 16), tick=False):
            for n in range(batch):
                open_lsu_ticket(demo, chef, title=f"Pas pris {n}")
        due_passed = time_machine.travel(paris(2026, 3, 9, 10), tick=False)  # due at 9:30
        with due_passed, CaptureQueriesContext(connection) as captured:
            body = referent.get("/").content.decode()
        counts.append(len(captured.captured_queries))
        url, number = _late_card(body)
        assert number == expected
    assert counts[0] == counts[1]
    assert url == "/tickets/?onglet=tous&f=late&o=is&v=1"
    with time_machine.travel(paris(2026, 3, 9, 10), tick=False):
        listed = referent.get(url).content.decode()
    assert listed.count("Pas pris") >= 5


def test_an_outsider_counts_none_of_them(demo, chef, outsider, slas):
    with time_machine.travel(paris(2026, 3, 6, 16), tick=False):
        open_lsu_ticket(demo, chef, title="Pas pris")
    with time_machine.travel(paris(2026, 3, 9, 10), tick=False):
        body = signed_in(demo, "tech.bzh").get("/").content.decode()
    assert _late_card(body)[1] == "0"

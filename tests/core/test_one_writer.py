"""The one-writer guard of the test suite (tests/one_writer.py) catches an interface that
writes tickets itself, and lets the workflow write."""

from __future__ import annotations

import pytest

from escalade.tickets.models import Ticket
from tests.one_writer import SRC, InterfaceWroteTickets


def _run_as(module: str, source: str, scope: dict) -> None:
    """Runs ``source`` as if it were code of ``module`` (a path under src/escalade/)."""
    exec(compile(source, SRC + module, "exec"), scope)


def test_a_view_writing_a_ticket_fails_the_test(lsu_ticket):
    with pytest.raises(InterfaceWroteTickets, match=r"tickets/views\.py.*tickets_ticket"):
        _run_as(
            "tickets/views.py",
            "Ticket.objects.filter(pk=pk).update(title='x')",
            {"Ticket": Ticket, "pk": lsu_ticket.pk},
        )
    # (The statement never reached the database; the test's transaction is now unusable.)


@pytest.mark.parametrize(
    "module",
    ["glpi/items.py", "mailgate/gateway.py", "tickets/api/views.py", "accounts/api.py"],
)
def test_the_apis_and_the_gateway_are_interfaces(lsu_ticket, module):
    with pytest.raises(InterfaceWroteTickets):
        _run_as(module, "t.save()", {"t": lsu_ticket})


def test_the_workflow_called_from_a_view_may_write(lsu_ticket, referent):
    _run_as(
        "tickets/views.py",
        "from escalade.tickets import workflow\nworkflow.take(t, by=who)",
        {"t": lsu_ticket, "who": referent},
    )
    assert lsu_ticket.actors.filter(user=referent.user).exists()

"""Every right of a profile: with it the persona may act, without it the persona is refused.

Each case builds a "probe" user holding exactly ``base`` rights (refused) and then
``base + right`` (allowed), on the académie, and tries one operation through the workflow
or the access module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from escalade.accounts.models import Membership, Profile, ProfileGrant, SupportGroup, User
from escalade.accounts.rights import Right
from escalade.accounts.who import build_who
from escalade.tickets import access, savedsearches, workflow
from escalade.tickets.errors import Forbidden, TicketNotFound
from escalade.tickets.models import Followup, Role, Task, Ticket
from tests.conftest import open_lsu_ticket


@dataclass
class Case:
    right: Right
    base: list[Right]
    setup: Callable  # (ctx) -> None: relate the probe to ctx.ticket
    attempt: Callable  # (ctx, who) -> truthy when allowed; raises Forbidden/NotFound if not


class Ctx:
    def __init__(self, demo, chef, tech, referent):
        self.demo, self.chef, self.tech, self.referent = demo, chef, tech, referent
        self.probe = User.objects.create_user("probe", email="probe@example.org")
        self.group = SupportGroup.objects.create(name="Probe group", entity=demo.academie)
        Membership.objects.create(group=self.group, user=self.probe)
        self.ticket = open_lsu_ticket(demo, chef)
        self.system = None

    def who(self, rights):
        profile = Profile.objects.create(
            name=f"p{Profile.objects.count()}", rights=[str(r) for r in rights]
        )
        ProfileGrant.objects.filter(user=self.probe).delete()
        ProfileGrant.objects.create(
            user=self.probe, profile=profile, entity=self.demo.academie, is_default=True
        )
        return build_who(self.probe)

    def relate(self, role, *, group=False):
        kwargs = {"group": self.group} if group else {"user": self.probe}
        workflow.add_actor(self.ticket, by=None, role=role, **kwargs)

    def own_items(self):
        """A followup and a task written earlier by the probe (when it had the rights)."""
        self.own_followup = Followup.objects.create(
            ticket=self.ticket, author=self.probe, content="<p>Mien</p>"
        )
        self.own_task = Task.objects.create(
            ticket=self.ticket, author=self.probe, content="<p>Mienne</p>"
        )

    def followup_by_chef(self, *, private=False):
        who = self.referent if private else self.chef
        return workflow.add_followup(self.ticket, by=who, content="Un suivi", is_private=private)

    def task_by_staff(self, *, private=False):
        return workflow.add_task(
            self.ticket, by=self.referent, content="Une tâche", is_private=private
        )


def sees(ctx, who):
    return access.get_ticket_for(who, ctx.ticket.pk)


def nothing(ctx):
    return None


R = Right
CASES = [
    Case(R.TICKET_READ_MY, [], lambda c: c.relate(Role.REQUESTER), sees),
    Case(
        R.TICKET_READ_GROUP, [R.TICKET_READ_MY], lambda c: c.relate(Role.OBSERVER, group=True), sees
    ),
    Case(
        R.TICKET_READ_ASSIGNED,
        [R.TICKET_READ_MY, R.TICKET_READ_GROUP],
        lambda c: c.relate(Role.ASSIGNED),
        sees,
    ),
    Case(
        R.TICKET_READ_ALL,
        [R.TICKET_READ_MY, R.TICKET_READ_GROUP, R.TICKET_READ_ASSIGNED, R.TICKET_ASSIGN],
        nothing,
        sees,
    ),
    Case(R.TICKET_CREATE, [R.TICKET_READ_MY], nothing, lambda c, who: open_lsu_ticket(c.demo, who)),
    Case(
        R.TICKET_UPDATE,
        [R.TICKET_READ_ALL],
        nothing,
        lambda c, who: workflow.update_ticket(c.ticket, by=who, changes={"title": "Nouveau"}),
    ),
    Case(
        R.TICKET_DELETE,
        [R.TICKET_READ_ALL],
        nothing,
        lambda c, who: workflow.delete_ticket(c.ticket, by=who),
    ),
    Case(
        R.TICKET_ASSIGN,
        [R.TICKET_READ_ALL, R.TICKET_UPDATE],
        nothing,
        lambda c, who: workflow.add_actor(c.ticket, by=who, role=Role.ASSIGNED, user=c.tech.user),
    ),
    Case(
        R.TICKET_TAKE, [R.TICKET_READ_ALL], nothing, lambda c, who: workflow.take(c.ticket, by=who)
    ),
    Case(
        R.TICKET_STEAL,
        [R.TICKET_READ_ALL, R.TICKET_TAKE],
        lambda c: workflow.add_actor(c.ticket, by=None, role=Role.ASSIGNED, user=c.tech.user),
        lambda c, who: workflow.take(c.ticket, by=who),
    ),
    Case(
        R.TICKET_CHANGE_PRIORITY,
        [R.TICKET_READ_ALL, R.TICKET_UPDATE],
        nothing,
        lambda c, who: workflow.update_ticket(c.ticket, by=who, changes={"priority": 6}),
    ),
    Case(
        R.TICKET_APPROVE,
        [R.TICKET_READ_ALL],
        lambda c: (
            Ticket.objects.filter(pk=c.ticket.pk).update(created_by=c.probe),
            workflow.add_solution(c.ticket, by=None, content="Fait"),
        ),
        lambda c, who: workflow.approve_solution(c.ticket, by=who),
    ),
    Case(
        R.FOLLOWUP_SEE_PUBLIC,
        [R.TICKET_READ_ALL],
        lambda c: c.followup_by_chef(),
        lambda c, who: _require_some(access.visible_followups(who, c.ticket)),
    ),
    Case(
        R.FOLLOWUP_SEE_PRIVATE,
        [R.TICKET_READ_ALL, R.FOLLOWUP_SEE_PUBLIC],
        lambda c: c.followup_by_chef(private=True),
        lambda c, who: _require_some(access.visible_followups(who, c.ticket)),
    ),
    Case(
        R.FOLLOWUP_ADD_MY,
        [R.TICKET_READ_MY],
        lambda c: c.relate(Role.REQUESTER),
        lambda c, who: workflow.add_followup(c.ticket, by=who, content="Bonjour"),
    ),
    Case(
        R.FOLLOWUP_ADD_GROUP,
        [R.TICKET_READ_GROUP],
        lambda c: c.relate(Role.OBSERVER, group=True),
        lambda c, who: workflow.add_followup(c.ticket, by=who, content="Bonjour"),
    ),
    Case(
        R.FOLLOWUP_ADD_ALL,
        [R.TICKET_READ_ALL],
        nothing,
        lambda c, who: workflow.add_followup(c.ticket, by=who, content="Bonjour"),
    ),
    Case(
        R.FOLLOWUP_EDIT_MY,
        [R.TICKET_READ_ALL],
        lambda c: c.own_items(),
        lambda c, who: workflow.update_followup(c.own_followup, by=who, content="Corrigé"),
    ),
    Case(
        R.FOLLOWUP_EDIT_ALL,
        [R.TICKET_READ_ALL, R.FOLLOWUP_EDIT_MY],
        lambda c: setattr(c, "other", c.followup_by_chef()),
        lambda c, who: workflow.update_followup(c.other, by=who, content="Corrigé"),
    ),
    Case(
        R.TASK_SEE_PUBLIC,
        [R.TICKET_READ_ALL],
        lambda c: c.task_by_staff(),
        lambda c, who: _require_some(access.visible_tasks(who, c.ticket)),
    ),
    Case(
        R.TASK_SEE_PRIVATE,
        [R.TICKET_READ_ALL, R.TASK_SEE_PUBLIC],
        lambda c: c.task_by_staff(private=True),
        lambda c, who: _require_some(access.visible_tasks(who, c.ticket)),
    ),
    Case(
        R.TASK_ADD,
        [R.TICKET_READ_ALL],
        nothing,
        lambda c, who: workflow.add_task(c.ticket, by=who, content="À faire"),
    ),
    Case(
        R.TASK_EDIT_MY,
        [R.TICKET_READ_ALL, R.TASK_ADD],
        lambda c: c.own_items(),
        lambda c, who: workflow.update_task(c.own_task, by=who, state=2),
    ),
    Case(
        R.TASK_EDIT_ALL,
        [R.TICKET_READ_ALL, R.TASK_EDIT_MY],
        lambda c: setattr(c, "other", c.task_by_staff()),
        lambda c, who: workflow.update_task(c.other, by=who, state=2),
    ),
    Case(R.STATISTICS_READ, [R.TICKET_READ_ALL], nothing, lambda c, who: stats_report(who)),
    Case(
        R.SAVED_SEARCH_SHARE,
        [R.TICKET_READ_ALL],
        nothing,
        lambda c, who: savedsearches.save_search(
            by=who, name="Partagée", query="onglet=tous", share_in=c.demo.academie
        ),
    ),
]


def _article(c, *, is_faq=False, for_all=True):
    """An article written by the referent, for the académie (or for the referent alone)."""
    from escalade.knowbase import workflow as knowbase

    targets = (
        knowbase.Targets(entities=[(c.demo.academie, True)])
        if for_all
        else knowbase.Targets(users=[c.referent.user])
    )
    c.article = knowbase.create_article(
        by=c.referent, name="Article", answer="Réponse", is_faq=is_faq, targets=targets
    )


def _read_article(c, who):
    from escalade.knowbase import access as knowbase_access

    return knowbase_access.get_article_for(who, c.article.pk)


def _write_article(who, **fields):
    from escalade.knowbase import workflow as knowbase

    return knowbase.create_article(by=who, name="Nouvel article", answer="Texte", **fields)


def _edit_article(c, who):
    from escalade.knowbase import workflow as knowbase

    return knowbase.update_article(c.article, by=who, name="Article modifié")


CASES += [
    Case(R.KNOWBASE_READ, [], lambda c: _article(c), _read_article),
    Case(R.KNOWBASE_READ_FAQ, [], lambda c: _article(c, is_faq=True), _read_article),
    Case(R.KNOWBASE_CREATE, [R.KNOWBASE_READ], nothing, lambda c, who: _write_article(who)),
    Case(
        R.KNOWBASE_PUBLISH_FAQ,
        [R.KNOWBASE_READ, R.KNOWBASE_CREATE],
        nothing,
        lambda c, who: _write_article(who, is_faq=True),
    ),
    Case(R.KNOWBASE_UPDATE, [R.KNOWBASE_READ], lambda c: _article(c), _edit_article),
    Case(R.KNOWBASE_ADMIN, [R.KNOWBASE_READ], lambda c: _article(c, for_all=False), _read_article),
]


def stats_report(who):
    from escalade.stats import queries

    return queries.report(who, queries.Filters.default())


def _require_some(queryset):
    if not queryset.exists():
        raise Forbidden("nothing visible")
    return True


def test_every_right_has_a_case():
    assert {case.right for case in CASES} == set(Right)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.right.value)
def test_persona_without_the_right_is_refused(demo, chef, tech, referent, case):
    ctx = Ctx(demo, chef, tech, referent)
    case.setup(ctx)
    who = ctx.who(case.base)
    events = ctx.ticket.events.count()
    with pytest.raises((Forbidden, TicketNotFound)):
        case.attempt(ctx, who)
    # Refused attempts change nothing (ticket creation is checked separately).
    assert ctx.ticket.events.count() == events


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.right.value)
def test_persona_with_the_right_may_act(demo, chef, tech, referent, case):
    ctx = Ctx(demo, chef, tech, referent)
    case.setup(ctx)
    who = ctx.who([*case.base, case.right])
    events = ctx.ticket.events.count()
    result = case.attempt(ctx, who)
    assert result is not None
    reads = case.right.value.startswith(("ticket.read", "followup.see", "task.see", "statistic."))
    if reads:
        assert ctx.ticket.events.count() == events  # seeing changes nothing
    elif case.right not in (R.TICKET_CREATE, R.SAVED_SEARCH_SHARE) and not reads_or_writes_kb(
        case
    ):  # no ticket change
        assert ctx.ticket.events.count() > events  # the change was recorded


def reads_or_writes_kb(case: Case) -> bool:
    """The knowledge base's rights change no ticket (escalade.knowbase's own tests check
    what they change)."""
    return case.right.value.startswith("knowbase.")

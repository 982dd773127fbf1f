"""Surveys are opened once per closed ticket, after the entity's delay, at its rate, and
mailed to the requesters only; they expire for real; an answer is kept as typed."""

from __future__ import annotations

import pytest

from escalade.notifications import rendering
from escalade.notifications.models import Notification
from escalade.satisfaction import links, workflow
from escalade.satisfaction.models import Survey, SurveyKind, SurveySettings
from escalade.tickets.errors import Forbidden, InvalidInput
from escalade.tickets.models import TicketEvent
from tests.conftest import open_lsu_ticket
from tests.satisfaction.conftest import after_delay, close


def _survey_mails(ticket) -> list[Notification]:
    # JSON containment is not on SQLite: filter in Python.
    rows = Notification.objects.filter(ticket_number=ticket.pk)
    return [n for n in rows if "survey" in (n.events or [])]


def test_the_survey_waits_for_the_delay_then_opens_once(
    closed_ticket, survey_settings, time_machine
):
    after_delay(time_machine, closed_ticket, 1.9)
    assert workflow.open_due_surveys() == []

    after_delay(time_machine, closed_ticket, 2.1)
    opened = workflow.open_due_surveys()
    assert [s.ticket_id for s in opened] == [closed_ticket.pk]
    survey = opened[0]
    assert (survey.expires_at - survey.created_at).days == 10
    assert (survey.max_score, survey.comment_below) == (5, 3)

    # Again, and again later: nothing new, no second mail.
    assert workflow.open_due_surveys() == []
    after_delay(time_machine, closed_ticket, 5)
    assert workflow.open_due_surveys() == []
    assert Survey.objects.filter(ticket=closed_ticket).count() == 1
    mails = _survey_mails(closed_ticket)
    assert [m.email for m in mails] == ["chef.etab@example.org"]  # the requester only
    assert TicketEvent.objects.filter(ticket=closed_ticket, kind="survey_opened").count() == 1


def test_the_mail_carries_a_signed_link_for_its_reader(
    closed_ticket, survey_settings, time_machine, settings
):
    settings.ESCALADE_BASE_URL = "https://assistance.ac-normandie.fr"
    after_delay(time_machine, closed_ticket, 3)
    survey = workflow.open_due_surveys()[0]
    mail = _survey_mails(closed_ticket)[0]

    subject, text, html = rendering.render(mail)

    link = links.answer_url(survey.pk, mail.recipient_id)
    assert link.startswith("https://assistance.ac-normandie.fr/enquete/")
    assert link in text
    assert "Enquête de satisfaction" in subject
    assert "LSU : export <XML> impossible" in subject  # the subject is text
    assert "LSU : export &lt;XML&gt; impossible" in html
    assert link.replace("&", "&amp;") in html or link in html


def test_a_sub_entity_inherits_and_a_setting_of_its_own_overrides(
    demo, chef, referent, survey_settings, time_machine
):
    time_machine.move_to("2026-11-02 09:00 +01:00", tick=False)
    inherited = open_lsu_ticket(demo, chef)
    close(inherited, chef=chef, referent=referent)
    after_delay(time_machine, inherited, 3)
    assert [s.ticket_id for s in workflow.open_due_surveys()] == [inherited.pk]

    SurveySettings.objects.create(entity=demo.college, rate=0)  # the college opts out
    time_machine.move_to("2026-11-20 09:00 +01:00", tick=False)
    opted_out = open_lsu_ticket(demo, chef)
    close(opted_out, chef=chef, referent=referent)
    after_delay(time_machine, opted_out, 3)
    assert workflow.open_due_surveys() == []
    assert not Survey.objects.filter(ticket=opted_out).exists()


def test_the_rate_is_a_stable_draw():
    drawn = [n for n in range(1, 2001) if workflow.is_sampled(n, 30)]
    assert 500 < len(drawn) < 700
    assert drawn == [n for n in range(1, 2001) if workflow.is_sampled(n, 30)]
    assert not any(workflow.is_sampled(n, 0) for n in range(1, 200))
    assert all(workflow.is_sampled(n, 100) for n in range(1, 200))


def test_a_ticket_closed_long_ago_gets_no_survey_born_expired(
    closed_ticket, survey_settings, time_machine
):
    after_delay(time_machine, closed_ticket, 2 + 10 + 1)
    assert workflow.open_due_surveys() == []


def test_an_expired_survey_takes_no_answer(closed_ticket, survey_settings, time_machine, chef):
    after_delay(time_machine, closed_ticket, 3)
    survey = workflow.open_due_surveys()[0]
    time_machine.move_to(survey.expires_at, tick=False)
    with pytest.raises(Forbidden, match="expiré"):
        workflow.answer(survey, by=chef.user, score=5)
    survey.refresh_from_db()
    assert survey.score is None and survey.answered_at is None


def test_the_answer_is_kept_as_typed_and_given_once(
    closed_ticket, survey_settings, time_machine, chef
):
    after_delay(time_machine, closed_ticket, 3)
    survey = workflow.open_due_surveys()[0]
    typed = "Très bien & rapide <merci>\r\n\tligne 2 😀 שלום"

    workflow.answer(survey, by=chef.user, score="4", comment=typed)

    survey.refresh_from_db()
    assert (survey.score, survey.comment) == (4, typed.replace("\r\n", "\n"))
    assert survey.answered_by == chef.user
    with pytest.raises(Forbidden, match="déjà"):
        workflow.answer(survey, by=chef.user, score=1, comment="non")
    survey.refresh_from_db()
    assert survey.score == 4
    event = TicketEvent.objects.get(ticket=closed_ticket, kind="survey_answered")
    assert event.data == {"survey": survey.pk, "score": 4, "max_score": 5}


@pytest.mark.parametrize(
    ("score", "comment", "field"),
    [
        (0, "", "score"),
        (6, "", "score"),
        ("quatre", "", "score"),
        (2, "  ", "comment"),
        (2**70, "", "score"),
    ],
)
def test_bad_answers_are_refused_and_change_nothing(
    closed_ticket, survey_settings, time_machine, chef, score, comment, field
):
    after_delay(time_machine, closed_ticket, 3)
    survey = workflow.open_due_surveys()[0]
    with pytest.raises(InvalidInput) as refused:
        workflow.answer(survey, by=chef.user, score=score, comment=comment)
    assert refused.value.field == field
    survey.refresh_from_db()
    assert survey.answered_at is None


def test_only_a_requester_answers(closed_ticket, survey_settings, time_machine, referent, tech):
    after_delay(time_machine, closed_ticket, 3)
    survey = workflow.open_due_surveys()[0]
    for who in (referent, tech):
        with pytest.raises(Forbidden, match="demandeurs"):
            workflow.answer(survey, by=who.user, score=5)
    survey.refresh_from_db()
    assert survey.answered_at is None


def test_an_external_survey_mails_its_address_with_the_tags_replaced(
    closed_ticket, survey_settings, time_machine
):
    survey_settings.kind = SurveyKind.EXTERNAL
    survey_settings.external_url = (
        "https://enquetes.example.org/?id=[TICKET_ID]&titre=[TICKET_NAME]"
    )
    survey_settings.save()
    after_delay(time_machine, closed_ticket, 3)
    survey = workflow.open_due_surveys()[0]
    assert survey.kind == SurveyKind.EXTERNAL

    _subject, text, _html = rendering.render(_survey_mails(closed_ticket)[0])

    expected = (
        f"https://enquetes.example.org/?id={closed_ticket.pk}"
        "&titre=LSU%20%3A%20export%20%3CXML%3E%20impossible"
    )
    assert expected in text
    assert "/enquete/" not in text

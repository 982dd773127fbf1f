"""The default mail templates (French and English), seeded by a data migration.

Each event's template is its own subject and first line, followed by the
body shared by all events (``templates/notifications/mail/body_<lang>.*``).
Administrators edit the stored copies (``NotificationTemplate``); these
defaults are also used when no stored copy exists or when one does not parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAIL_DIR = Path(__file__).resolve().parent / "templates" / "notifications" / "mail"
LANGUAGES = ("fr", "en")

# event: (label fr, label en, headline fr, headline en)
EVENTS: dict[str, tuple[str, str, str, str]] = {
    "new": (
        "Nouveau ticket",
        "New ticket",
        "{{ actor }} a ouvert le ticket n° {{ ticket.id }}.",
        "{{ actor }} opened ticket #{{ ticket.id }}.",
    ),
    "assign_user": (
        "Attribution",
        "Assignment",
        "Le ticket n° {{ ticket.id }} a été attribué à {{ assigned_to|join:', ' }}.",
        "Ticket #{{ ticket.id }} was assigned to {{ assigned_to|join:', ' }}.",
    ),
    "assign_group": (
        "Attribution au groupe",
        "Assignment to a group",
        "Le ticket n° {{ ticket.id }} a été attribué au groupe {{ assigned_to|join:', ' }}.",
        "Ticket #{{ ticket.id }} was assigned to the group {{ assigned_to|join:', ' }}.",
    ),
    "followup": (
        "Nouveau suivi",
        "New followup",
        "{{ actor }} a ajouté un suivi au ticket n° {{ ticket.id }}.",
        "{{ actor }} added a followup to ticket #{{ ticket.id }}.",
    ),
    "task": (
        "Nouvelle tâche",
        "New task",
        "{{ actor }} a ajouté une tâche au ticket n° {{ ticket.id }}.",
        "{{ actor }} added a task to ticket #{{ ticket.id }}.",
    ),
    "solved": (
        "Ticket résolu",
        "Ticket solved",
        "{{ actor }} a résolu le ticket n° {{ ticket.id }}. "
        "Approuvez ou refusez la solution depuis le ticket.",
        "{{ actor }} solved ticket #{{ ticket.id }}. "
        "Approve or refuse the solution from the ticket.",
    ),
    "solution_refused": (
        "Solution refusée",
        "Solution refused",
        "{{ actor }} a refusé la solution du ticket n° {{ ticket.id }}.",
        "{{ actor }} refused the solution of ticket #{{ ticket.id }}.",
    ),
    "closed": (
        "Ticket clos",
        "Ticket closed",
        "Le ticket n° {{ ticket.id }} est clos.",
        "Ticket #{{ ticket.id }} is closed.",
    ),
    "updated": (
        "Ticket modifié",
        "Ticket updated",
        "{{ actor }} a modifié le ticket n° {{ ticket.id }}.",
        "{{ actor }} updated ticket #{{ ticket.id }}.",
    ),
    "escalated": (
        "Escalade",
        "Escalation",
        "{{ actor }} a escaladé le ticket n° {{ ticket.id }} vers {{ escalated_to }}.",
        "{{ actor }} escalated ticket #{{ ticket.id }} to {{ escalated_to }}.",
    ),
    "survey": (
        "Enquête de satisfaction",
        "Satisfaction survey",
        "Votre ticket n° {{ ticket.id }} est clos. Dites-nous en une minute si vous êtes "
        "satisfait de la réponse : {{ survey_url }} (jusqu'au {{ survey_expires }}).",
        "Your ticket #{{ ticket.id }} is closed. Tell us in a minute whether you are "
        "satisfied with the answer: {{ survey_url }} (until {{ survey_expires }}).",
    ),
}


@dataclass(frozen=True)
class DefaultTemplate:
    event: str
    language: str
    subject: str
    text: str
    html: str


def event_label(event: str, language: str) -> str:
    fr, en, _, _ = EVENTS[event]
    return en if language == "en" else fr


def default_template(event: str, language: str) -> DefaultTemplate:
    language = language if language in LANGUAGES else "fr"
    headline = EVENTS[event][3 if language == "en" else 2]
    subject = "[Escalade #{{ ticket.id }}] {{ ticket.title }} — " + event_label(event, language)
    text = headline + "\n" + (MAIL_DIR / f"body_{language}.txt").read_text(encoding="utf-8")
    html = f"<p>{headline}</p>\n" + (MAIL_DIR / f"body_{language}.html").read_text(encoding="utf-8")
    return DefaultTemplate(event, language, subject, text, html)


def default_templates() -> list[DefaultTemplate]:
    return [default_template(event, lang) for event in EVENTS for lang in LANGUAGES]

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

# The solution: only the requesters are asked to approve it; the others read that it was
# proposed (``is_requester``: the reader is a requester, or a member of a requester group).
SOLVED_FR = (
    "{{ actor }} a proposé une solution au ticket n° {{ ticket.id }}."
    "{% if is_requester %} Approuvez-la ou refusez-la depuis le ticket."
    "{% else %} Le demandeur va l'approuver ou la refuser.{% endif %}"
)
SOLVED_EN = (
    "{{ actor }} proposed a solution to ticket #{{ ticket.id }}."
    "{% if is_requester %} Approve or refuse it from the ticket."
    "{% else %} The requester will approve or refuse it.{% endif %}"
)
# What the stored copies said before (migration 0003 moves unedited copies to the above).
OLD_SOLVED = {
    "fr": "{{ actor }} a résolu le ticket n° {{ ticket.id }}. "
    "Approuvez ou refusez la solution depuis le ticket.",
    "en": "{{ actor }} solved ticket #{{ ticket.id }}. "
    "Approve or refuse the solution from the ticket.",
}

# The receipt's "what happens next", after its headline.
NEXT_STEPS = {
    "fr": (
        "Et maintenant ? L'équipe en charge va étudier votre demande ; vous recevrez un "
        "courriel à chaque étape (prise en charge, suivi, solution).",
        "Pour ajouter une information ou une pièce jointe (capture d'écran, message "
        "d'erreur), ouvrez le ticket avec le lien ci-dessous et utilisez « Ajouter »"
        "{% if can_reply %}, ou répondez simplement à ce courriel{% endif %}.",
    ),
    "en": (
        "What next? The team in charge will look into your request; you will get a mail "
        "at each step (taken, followup, solution).",
        "To add information or an attachment (a screenshot, an error message), open the "
        "ticket with the link below and use “Add”"
        "{% if can_reply %}, or simply reply to this mail{% endif %}.",
    ),
}
SUBJECTS = {
    "received": {
        "fr": "[Escalade #{{ ticket.id }}] Ticket n° {{ ticket.id }} bien reçu"
        " — {{ ticket.title }}",
        "en": "[Escalade #{{ ticket.id }}] Ticket #{{ ticket.id }} received — {{ ticket.title }}",
    }
}

# event: (label fr, label en, headline fr, headline en)
EVENTS: dict[str, tuple[str, str, str, str]] = {
    "new": (
        "Nouveau ticket",
        "New ticket",
        "{{ actor }} a ouvert le ticket n° {{ ticket.id }}.",
        "{{ actor }} opened ticket #{{ ticket.id }}.",
    ),
    "received": (
        "Ticket bien reçu",
        "Ticket received",
        "Bonjour {{ recipient }}, votre demande est enregistrée sous le n° {{ ticket.id }}"
        "{% if ticket.assigned %} et transmise à {{ ticket.assigned|join:', ' }}{% endif %}."
        "{% if completion_url %} Elle est « À compléter » : il manque des informations "
        "obligatoires, complétez-la ici : {{ completion_url }}{% endif %}",
        "Hello {{ recipient }}, your request is recorded as ticket #{{ ticket.id }}"
        "{% if ticket.assigned %} and passed on to {{ ticket.assigned|join:', ' }}{% endif %}."
        "{% if completion_url %} It is “to be completed”: required information is missing, "
        "complete it here: {{ completion_url }}{% endif %}",
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
        SOLVED_FR,
        SOLVED_EN,
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
    "validation": (
        "Demande de validation",
        "Approval request",
        "{{ actor }} vous demande de valider le ticket n° {{ ticket.id }}. "
        "Accorder : {{ validation_accept_url }} — Refuser : {{ validation_refuse_url }}",
        "{{ actor }} asks you to approve ticket #{{ ticket.id }}. "
        "Approve: {{ validation_accept_url }} — Refuse: {{ validation_refuse_url }}",
    ),
    "level_reached": (
        "Niveau d'escalade atteint",
        "Escalation level reached",
        "Le ticket n° {{ ticket.id }} a atteint le niveau d'escalade « {{ level_name }} » "
        "(échéance proche ou dépassée).",
        "Ticket #{{ ticket.id }} reached the escalation level “{{ level_name }}” "
        "(due date near or passed).",
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
    subject = SUBJECTS.get(event, {}).get(language) or (
        "[Escalade #{{ ticket.id }}] {{ ticket.title }} — " + event_label(event, language)
    )
    paragraphs = [headline, *(NEXT_STEPS[language] if event == "received" else ())]
    text = "\n\n".join(paragraphs) + "\n"
    text += (MAIL_DIR / f"body_{language}.txt").read_text(encoding="utf-8")
    html = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    html += (MAIL_DIR / f"body_{language}.html").read_text(encoding="utf-8")
    return DefaultTemplate(event, language, subject, text, html)


def default_templates() -> list[DefaultTemplate]:
    return [default_template(event, lang) for event in EVENTS for lang in LANGUAGES]

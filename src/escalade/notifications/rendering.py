"""Building a mail from an outbox row, after the change is stored.

The row holds raw ids and codes (the change's events); the words are chosen
here, in the recipient's language, and the current ticket is read so the mail
shows the stored state. Templates (``NotificationTemplate``, editable by
administrators) see plain strings and lists only, never model instances.
"""

from __future__ import annotations

import logging
import secrets
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template import Context, Engine, TemplateSyntaxError
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from escalade.accounts.models import Membership, SupportGroup, User
from escalade.mailgate.tokens import make_reply_token
from escalade.notifications import defaults
from escalade.notifications.models import Event, Notification, NotificationTemplate
from escalade.notifications.recipients import ref
from escalade.tickets import richtext
from escalade.tickets.models import (
    Attachment,
    Category,
    Followup,
    Role,
    Solution,
    Task,
    Ticket,
    TicketActor,
)

logger = logging.getLogger(__name__)

LABELS: dict[str, dict[str, Any]] = {
    "fr": {
        "status": {
            1: "Nouveau",
            2: "En cours (attribué)",
            3: "En cours (planifié)",
            4: "En attente",
            5: "Résolu",
            6: "Clos",
        },
        "type": {1: "Incident", 2: "Demande"},
        "level": {
            1: "Très basse",
            2: "Basse",
            3: "Moyenne",
            4: "Haute",
            5: "Très haute",
            6: "Majeure",
        },
        "task_state": {0: "Information", 1: "À faire", 2: "Fait"},
        "field": {
            "title": "Titre",
            "content": "Description",
            "type": "Type",
            "category": "Catégorie",
            "urgency": "Urgence",
            "impact": "Impact",
            "priority": "Priorité",
        },
        "followup": "Suivi",
        "task": "Tâche",
        "solution": "Solution",
        "assigned_user": "Attribué à",
        "assigned_group": "Attribué au groupe",
        "escalated": "Escaladé vers",
        "closed": "Ticket clos",
        "survey": "Enquête de satisfaction",
        "level_reached": "Niveau d'escalade atteint",
        "validation": "Demande de validation",
        "refused": "Solution refusée",
        "new": "Nouveau ticket",
        "received": "Votre demande",
        "attachments": "Pièces jointes",
        "system": "Escalade",
        "deleted": "(supprimé)",
        "date": "%d/%m/%Y %H:%M",
    },
    "en": {
        "status": {
            1: "New",
            2: "Processing (assigned)",
            3: "Processing (planned)",
            4: "Pending",
            5: "Solved",
            6: "Closed",
        },
        "type": {1: "Incident", 2: "Request"},
        "level": {1: "Very low", 2: "Low", 3: "Medium", 4: "High", 5: "Very high", 6: "Major"},
        "task_state": {0: "Information", 1: "To do", 2: "Done"},
        "field": {
            "title": "Title",
            "content": "Description",
            "type": "Type",
            "category": "Category",
            "urgency": "Urgency",
            "impact": "Impact",
            "priority": "Priority",
        },
        "followup": "Followup",
        "task": "Task",
        "solution": "Solution",
        "assigned_user": "Assigned to",
        "assigned_group": "Assigned to the group",
        "escalated": "Escalated to",
        "closed": "Ticket closed",
        "survey": "Satisfaction survey",
        "level_reached": "Escalation level reached",
        "validation": "Approval request",
        "refused": "Solution refused",
        "new": "New ticket",
        "received": "Your request",
        "attachments": "Attachments",
        "system": "Escalade",
        "deleted": "(deleted)",
        "date": "%Y-%m-%d %H:%M",
    },
}


def ticket_url(ticket_id: int) -> str:
    """The absolute address of the ticket's page (``tickets:detail``)."""
    path = reverse("tickets:detail", kwargs={"pk": int(ticket_id)})
    return f"{settings.ESCALADE_BASE_URL.rstrip('/')}{path}"


def mail_domain() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    domain = address.rpartition("@")[2]
    return domain or "escalade.localhost"


def thread_root_id(ticket_id: int) -> str:
    """The per-ticket Message-ID every mail of the ticket replies to (threading)."""
    return f"<ticket-{int(ticket_id)}@{mail_domain()}>"


def reply_token(notification: Notification) -> str | None:
    if notification.recipient_id is None:
        return None
    return make_reply_token(notification.ticket_number, notification.recipient_id)


def new_message_id(notification: Notification) -> str:
    token = reply_token(notification) or f"t{notification.ticket_number}"
    return f"<escalade.{token}.{secrets.token_hex(8)}@{mail_domain()}>"


def _token_in(message_id: str) -> str | None:
    """The reply token a Message-ID made by ``new_message_id`` carries (None otherwise)."""
    parts = message_id.strip("<>").partition("@")[0].split(".")
    if len(parts) == 3 and parts[0] == "escalade":
        return parts[1]
    return None


def reply_to(notification: Notification) -> list[str]:
    """The gateway address with the same token as the mail's Message-ID."""
    gate = settings.ESCALADE_MAILGATE_ADDRESS
    if notification.recipient_id is None:
        token = None
    else:
        token = _token_in(notification.message_id) or reply_token(notification)
    if not gate:
        return []
    if not token:
        return [gate]
    local, _, domain = gate.rpartition("@")
    return [f"{local}+{token}@{domain}"]


def _name(user: User | None, labels: dict[str, Any]) -> str:
    if user is None:
        return labels["system"]
    return user.get_full_name() or user.username


def _ticket_context(ticket: Ticket, labels: dict[str, Any]) -> dict[str, Any]:
    actors = TicketActor.objects.filter(ticket=ticket).select_related("user", "group")
    names: dict[int, list[str]] = {Role.REQUESTER: [], Role.OBSERVER: [], Role.ASSIGNED: []}
    for actor in actors.order_by("pk"):
        party = actor.group.name if actor.group else _name(actor.user, labels)
        names[actor.role].append(party)
    return {
        "id": ticket.pk,
        "title": ticket.title,
        "url": ticket_url(ticket.pk),
        "status": labels["status"].get(ticket.status, ticket.status),
        "type": labels["type"].get(ticket.type, ticket.type),
        "category": ticket.category.full_name if ticket.category else "",
        "entity": ticket.entity.full_name,
        "urgency": labels["level"].get(ticket.urgency, ticket.urgency),
        "priority": labels["level"].get(ticket.priority, ticket.priority),
        "requesters": names[Role.REQUESTER],
        "observers": names[Role.OBSERVER],
        "assigned": names[Role.ASSIGNED],
        "content_text": richtext.to_plain(ticket.content),
    }


def _change(
    label: str,
    *,
    author: str = "",
    date: str = "",
    html: str = "",
    private: bool = False,
    files: str = "",
) -> dict[str, Any]:
    text = richtext.to_plain(html) if html else ""
    if files:  # "Pièces jointes : capture.png (12,0 Ko), journal.txt (1,2 Ko)"
        text = f"{text}\n{files}" if text else files
        html = format_html("{}<p>{}</p>", mark_safe(html), files)  # noqa: S308
    return {
        "label": label,
        "author": author,
        "date": date,
        "private": private,
        "text": text,
        "html": mark_safe(html),  # noqa: S308 - sanitized by richtext on the way in
    }


def _files(followup: Followup, labels: dict[str, Any]) -> str:
    """The attachments of a followup, named, with their sizes."""
    names = [
        f"{a.filename} ({filesizeformat(a.size)})"
        for a in Attachment.objects.filter(followup=followup).order_by("pk")
    ]
    return f"{labels['attachments']} : {', '.join(names)}" if names else ""


def _field_value(field: str, value: Any, labels: dict[str, Any]) -> str:
    if value is None or value == "":
        return "—"
    if field == "type":
        return str(labels["type"].get(value, value))
    if field in ("urgency", "impact", "priority"):
        return str(labels["level"].get(value, value))
    if field == "category":
        category = Category.objects.filter(pk=value).first()
        return category.full_name if category else "—"
    if field == "content":
        return richtext.to_plain(str(value))[:500]
    return str(value)


def _changes(
    n: Notification, ticket: Ticket, labels: dict[str, Any], extra: dict[str, Any]
) -> list[dict[str, Any]]:
    date = timezone.localtime(n.changed_at).strftime(labels["date"])
    actor = _name(n.actor, labels) if n.actor_id else labels["system"]
    changes = []
    for item in n.items:
        event, data = item.get("event"), item.get("data") or {}
        if event == Event.NEW:
            changes.append(_change(labels["new"], author=actor, date=date, html=ticket.content))
        elif event == Event.RECEIVED:
            from escalade.tickettemplates.links import completion_links

            extra.update(completion_links(n.ticket_number, n.recipient_id))
            if not any(i.get("event") == Event.NEW for i in n.items):  # else told by NEW
                changes.append(
                    _change(labels["received"], author=actor, date=date, html=ticket.content)
                )
        elif event == Event.ASSIGN_USER:
            user = User.objects.filter(pk=ref(data, "user")).first()
            extra["assigned_to"].append(_name(user, labels))
            changes.append(_change(f"{labels['assigned_user']} : {_name(user, labels)}"))
        elif event == Event.ASSIGN_GROUP:
            group = SupportGroup.objects.filter(pk=ref(data, "group")).first()
            name = group.name if group else labels["deleted"]
            extra["assigned_to"].append(name)
            changes.append(_change(f"{labels['assigned_group']} : {name}"))
        elif event == Event.ESCALATED:
            group = SupportGroup.objects.filter(pk=ref(data, "to_group")).first()
            extra["escalated_to"] = group.name if group else labels["deleted"]
            changes.append(
                _change(f"{labels['escalated']} : {extra['escalated_to']}", author=actor, date=date)
            )
        elif event == Event.FOLLOWUP:
            followup = Followup.objects.filter(pk=ref(data, "followup")).first()
            if followup is None:
                changes.append(_change(f"{labels['followup']} {labels['deleted']}"))
                continue
            changes.append(
                _change(
                    labels["followup"],
                    author=_name(followup.author, labels),
                    date=date,
                    html=followup.content,
                    private=followup.is_private,
                    files=_files(followup, labels),
                )
            )
        elif event == Event.TASK:
            task = Task.objects.filter(pk=ref(data, "task")).first()
            if task is None:
                changes.append(_change(f"{labels['task']} {labels['deleted']}"))
                continue
            state = labels["task_state"].get(task.state, "")
            changes.append(
                _change(
                    f"{labels['task']} ({state})",
                    author=_name(task.author, labels),
                    date=date,
                    html=task.content,
                    private=task.is_private,
                )
            )
        elif event == Event.SOLVED:
            solution = Solution.objects.filter(pk=ref(data, "solution")).first()
            changes.append(
                _change(
                    labels["solution"],
                    author=_name(solution.author if solution else None, labels),
                    date=date,
                    html=solution.content if solution else "",
                )
            )
        elif event == Event.SOLUTION_REFUSED:
            changes.append(_change(labels["refused"], author=actor, date=date))
        elif event == Event.CLOSED:
            changes.append(_change(labels["closed"], date=date))
        elif event == Event.SURVEY:
            extra.update(_survey_links(n, labels))
            changes.append(_change(labels["survey"]))
        elif event == Event.VALIDATION:
            from escalade.validations.links import links_for

            extra.update(links_for(data, n.recipient_id))
            changes.append(_change(labels["validation"], author=actor, date=date))
        elif event == Event.LEVEL_REACHED:
            extra["level_name"] = str(data.get("name", ""))
            changes.append(_change(f"{labels['level_reached']} : {extra['level_name']}", date=date))
        elif event == Event.UPDATED:
            field = data.get("field", "")
            label = labels["field"].get(field, field)
            old = _field_value(field, data.get("old"), labels)
            new = _field_value(field, data.get("new"), labels)
            changes.append(_change(f"{label} : {old} → {new}", author=actor, date=date))
    return changes


def _survey_links(n: Notification, labels: dict[str, Any]) -> dict[str, str]:
    """The survey's address for this recipient: Escalade's signed link, or the external
    survey's address with its tags replaced."""
    from escalade.satisfaction import access as survey_access
    from escalade.satisfaction import links
    from escalade.satisfaction.models import Survey, SurveyKind

    survey = Survey.objects.filter(ticket_id=n.ticket_number).select_related("ticket").first()
    if survey is None:
        return {}
    expires = timezone.localtime(survey.expires_at).strftime(labels["date"])
    if survey.kind == SurveyKind.EXTERNAL:
        chosen = survey_access.settings_for(survey.ticket.entity)
        url = links.external_url(survey, chosen) if chosen else ""
    else:
        url = links.answer_url(survey.pk, n.recipient_id) if n.recipient_id else ""
    return {"survey_url": url, "survey_expires": expires}


def _is_requester(ticket: Ticket, user_id: int | None) -> bool:
    """The reader is a requester of the ticket, or a member of a requester group."""
    if user_id is None:
        return False
    requesters = TicketActor.objects.filter(ticket=ticket, role=Role.REQUESTER)
    members = Membership.objects.filter(user_id=user_id).values("group_id")
    return requesters.filter(Q(user_id=user_id) | Q(group_id__in=members)).exists()


def _template(event: str, language: str) -> tuple[str, str, str]:
    stored = NotificationTemplate.objects.filter(event=event, language=language).first()
    if stored is not None:
        return stored.subject, stored.text, stored.html
    default = defaults.default_template(event, language)
    return default.subject, default.text, default.html


def _render(source: str, fallback: str, context: dict[str, Any], *, autoescape: bool) -> str:
    engine = Engine.get_default()
    try:
        template = engine.from_string(source)
    except TemplateSyntaxError:
        logger.exception("notification template does not parse; using the default")
        template = engine.from_string(fallback)
    return template.render(Context(context, autoescape=autoescape))


def render(n: Notification) -> tuple[str, str, str]:
    """(subject, text, html) of the row, in its language."""
    language = n.language if n.language in defaults.LANGUAGES else "fr"
    labels = LABELS[language]
    ticket = Ticket.objects.select_related("entity", "category").get(pk=n.ticket_number)
    event = n.main_event
    extra: dict[str, Any] = {
        "assigned_to": [],
        "escalated_to": "",
        "survey_url": "",
        "survey_expires": "",
        "level_name": "",
        "validation_accept_url": "",
        "validation_refuse_url": "",
        "completion_url": "",
    }
    with translation.override(language):
        context = {
            "ticket": _ticket_context(ticket, labels),
            "actor": _name(n.actor, labels) if n.actor_id else labels["system"],
            "event": defaults.event_label(event, language),
            "changes": _changes(n, ticket, labels, extra),
            "recipient": _name(n.recipient, labels) if n.recipient_id else n.email,
            "is_requester": _is_requester(ticket, n.recipient_id),
            "can_reply": bool(reply_to(n)),
            **extra,
        }
        default = defaults.default_template(event, language)
        subject_src, text_src, html_src = _template(event, language)
        subject = _render(subject_src, default.subject, context, autoescape=False)
        text = _render(text_src, default.text, context, autoescape=False)
        html = _render(html_src, default.html, context, autoescape=True)
    subject = " ".join(subject.split())[:255]
    return subject, text, html


def build_message(n: Notification, *, connection=None) -> EmailMultiAlternatives:
    """The mail of an outbox row; ``n.message_id`` must be set."""
    subject, text, html = render(n)
    n.subject = subject
    root = thread_root_id(n.ticket_number)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[n.email],
        reply_to=reply_to(n) or None,
        connection=connection,
        headers={
            "Message-ID": n.message_id,
            "In-Reply-To": root,
            "References": root,
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
            "X-Escalade-Ticket": str(n.ticket_number),
        },
    )
    message.attach_alternative(html, "text/html")
    return message

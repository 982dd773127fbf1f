"""The only code that writes validations: ask, answer. Each change locks the ticket
(through the ticket workflow's change context), records events and mails."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from escalade.accounts.models import Membership, SupportGroup, User
from escalade.accounts.who import Who
from escalade.tickets import access, events, richtext
from escalade.tickets.attachments import Upload, check
from escalade.tickets.errors import Conflict, Forbidden, InvalidInput
from escalade.tickets.models import Ticket
from escalade.tickets.workflow import _changing, _not_closed, _store_attachments
from escalade.validations.models import (
    Threshold,
    TicketValidation,
    ValidationDocument,
    ValidationStatus,
    global_status,
)

COMMENT_MAX = 10_000
MAX_DOCUMENTS = 10


def _comment(text: str, *, field: str, required: bool = False) -> str:
    text = (text or "").strip()
    if required and not text:
        raise InvalidInput(_("Un commentaire est obligatoire pour refuser."), field=field)
    if len(text) > COMMENT_MAX:
        raise InvalidInput(_("Commentaire trop long."), field=field)
    return richtext.from_input(text) if text else ""


def request_validation(
    ticket: Ticket,
    *,
    by: Who | None,
    users: Sequence[User] = (),
    groups: Sequence[SupportGroup] = (),
    comment: str = "",
    threshold: int = Threshold.ANY,
    attachments: Sequence[Upload] = (),
) -> list[TicketValidation]:
    """Ask users, or every member of groups, to approve the ticket, with documents
    (stored as the ticket's attachments, linked to each request as GLPI's Document_Item)."""
    if int(threshold) not in Threshold.values:
        raise InvalidInput(_("Seuil de validation inconnu."), field="validation_percent")
    if not users and not groups:
        raise InvalidInput(_("Choisissez au moins un valideur."), field="users")
    if len(attachments) > MAX_DOCUMENTS:
        raise InvalidInput(
            _("%(n)d documents au plus.") % {"n": MAX_DOCUMENTS}, field="attachments"
        )
    html = _comment(comment, field="comment_submission")
    checked = [check(u) for u in attachments]
    created: list[TicketValidation] = []
    with _changing(ticket, by) as change:
        t = change.ticket
        _not_closed(t)
        if by is not None and not access.can_update(by, t):
            raise Forbidden(_("Vous ne pouvez pas demander de validation pour ce ticket."))
        wanted: dict[int, SupportGroup | None] = {u.pk: None for u in users if u.is_active}
        for group in groups:
            members = Membership.objects.filter(group=group, user__is_active=True)
            for user_id in members.values_list("user_id", flat=True):
                wanted.setdefault(user_id, group)
        waiting = set(
            TicketValidation.objects.filter(
                ticket=t, status=ValidationStatus.WAITING, validator_id__in=wanted
            ).values_list("validator_id", flat=True)
        )
        for user_id, from_group in wanted.items():
            if user_id in waiting:
                continue
            created.append(
                TicketValidation.objects.create(
                    ticket=t,
                    requester=change.user,
                    validator_id=user_id,
                    group=from_group,
                    comment_submission=html,
                    submission_date=change.now,
                )
            )
        if not created:
            return []
        if checked:
            stored = _store_attachments(change, checked)
            ValidationDocument.objects.bulk_create(
                ValidationDocument(validation=v, attachment=a) for v in created for a in stored
            )
        t.validation_percent = int(threshold)
        t.global_validation = _global(t)
        change.record(
            events.validation_requested(
                validations=[v.pk for v in created],
                users=[v.validator_id for v in created],
                threshold=int(threshold),
            )
        )
    return created


def answer_validation(
    validation: TicketValidation, *, by: Who, accept: bool, comment: str = ""
) -> TicketValidation:
    """The validator accepts or refuses (a refusal needs a comment); once only."""
    html = _comment(comment, field="comment_validation", required=not accept)
    # The request addressed to ``by`` is what lets them act (as GLPI, a validator need
    # not see the ticket otherwise): no visibility check, the validator is checked below.
    with _changing(validation.ticket, None) as change:
        change.by = by
        row = TicketValidation.objects.select_for_update().get(pk=validation.pk)
        if row.validator_id != by.user.pk:
            raise Forbidden(_("Cette demande de validation ne vous est pas adressée."))
        if row.status != ValidationStatus.WAITING:
            raise Conflict(_("Vous avez déjà répondu à cette demande de validation."))
        row.status = ValidationStatus.ACCEPTED if accept else ValidationStatus.REFUSED
        row.comment_validation = html
        row.validation_date = change.now
        row.save(update_fields=["status", "comment_validation", "validation_date"])
        t = change.ticket
        t.global_validation = _global(t)
        change.record(
            events.validation_answered(
                validation=row.pk, status=row.status, global_status=t.global_validation
            )
        )
    validation.__dict__.update({k: v for k, v in row.__dict__.items() if not k.startswith("_")})
    return validation


def _global(ticket: Ticket) -> int:
    statuses = list(TicketValidation.objects.filter(ticket=ticket).values_list("status", flat=True))
    return global_status(statuses, ticket.validation_percent)


def request_from_rules(
    ticket: Ticket, *, user_ids: Sequence[int], group_ids: Sequence[int], threshold: int | None
) -> list[TicketValidation]:
    """GLPI's rule actions ``users_id_validate``, ``groups_id_validate`` and
    ``validation_percent``, applied by the system once the new ticket is stored (in the
    creation's transaction): the validators get the usual mail with their links."""
    users = list(User.objects.filter(pk__in=user_ids, is_active=True))
    groups = list(SupportGroup.objects.filter(pk__in=group_ids))
    if not users and not groups:
        return []
    value = threshold if threshold in Threshold.values else Threshold.ANY
    try:
        return request_validation(ticket, by=None, users=users, groups=groups, threshold=value)
    except InvalidInput:  # a group without members: nobody to ask
        return []

"""The rights a profile can hold, GLPI's vocabulary in Escalade's words.

A profile is a named set of these codes; a user holds profiles per entity.
Only escalade.tickets.access interprets them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Right(models.TextChoices):
    # Tickets
    TICKET_READ_MY = "ticket.read_my", _("Tickets : voir mes tickets")
    TICKET_READ_GROUP = "ticket.read_group", _("Tickets : voir les tickets de mes groupes")
    TICKET_READ_ASSIGNED = (
        "ticket.read_assigned",
        _("Tickets : voir les tickets attribués à moi ou à mes groupes"),
    )
    TICKET_READ_ALL = "ticket.read_all", _("Tickets : voir tous les tickets")
    TICKET_CREATE = "ticket.create", _("Tickets : créer")
    TICKET_UPDATE = "ticket.update", _("Tickets : modifier")
    TICKET_DELETE = "ticket.delete", _("Tickets : supprimer")
    TICKET_ASSIGN = "ticket.assign", _("Tickets : attribuer")
    TICKET_TAKE = "ticket.take", _("Tickets : s'attribuer un ticket non attribué")
    TICKET_STEAL = "ticket.steal", _("Tickets : s'attribuer un ticket déjà attribué")
    TICKET_CHANGE_PRIORITY = "ticket.change_priority", _("Tickets : changer la priorité")
    TICKET_APPROVE = "ticket.approve", _("Tickets : approuver les solutions (rédacteur)")
    # Followups
    FOLLOWUP_SEE_PUBLIC = "followup.see_public", _("Suivis : voir les suivis publics")
    FOLLOWUP_SEE_PRIVATE = "followup.see_private", _("Suivis : voir les suivis privés")
    FOLLOWUP_ADD_MY = "followup.add_my", _("Suivis : ajouter à mes tickets")
    FOLLOWUP_ADD_GROUP = "followup.add_group", _("Suivis : ajouter aux tickets de mes groupes")
    FOLLOWUP_ADD_ALL = "followup.add_all", _("Suivis : ajouter à tous les tickets")
    FOLLOWUP_EDIT_MY = "followup.edit_my", _("Suivis : modifier mes suivis")
    FOLLOWUP_EDIT_ALL = "followup.edit_all", _("Suivis : modifier tous les suivis")
    # Tasks
    TASK_SEE_PUBLIC = "task.see_public", _("Tâches : voir les tâches publiques")
    TASK_SEE_PRIVATE = "task.see_private", _("Tâches : voir les tâches privées")
    TASK_ADD = "task.add", _("Tâches : ajouter")
    TASK_EDIT_MY = "task.edit_my", _("Tâches : modifier mes tâches")
    TASK_EDIT_ALL = "task.edit_all", _("Tâches : modifier toutes les tâches")
    # Statistics (GLPI's "statistic" READ)
    STATISTICS_READ = "statistic.read", _("Statistiques : voir les statistiques de mes entités")


class Interface(models.TextChoices):
    SIMPLIFIED = "simplified", _("Simplifiée")
    STANDARD = "standard", _("Standard")


SELF_SERVICE_RIGHTS = [
    Right.TICKET_READ_MY,
    Right.TICKET_CREATE,
    Right.TICKET_APPROVE,
    Right.FOLLOWUP_SEE_PUBLIC,
    Right.FOLLOWUP_ADD_MY,
    Right.TASK_SEE_PUBLIC,
]

TECHNICIAN_RIGHTS = [
    Right.TICKET_READ_MY,
    Right.TICKET_READ_GROUP,
    Right.TICKET_READ_ASSIGNED,
    Right.TICKET_CREATE,
    Right.TICKET_UPDATE,
    Right.TICKET_ASSIGN,
    Right.TICKET_TAKE,
    Right.TICKET_APPROVE,
    Right.FOLLOWUP_SEE_PUBLIC,
    Right.FOLLOWUP_SEE_PRIVATE,
    Right.FOLLOWUP_ADD_MY,
    Right.FOLLOWUP_ADD_GROUP,
    Right.FOLLOWUP_ADD_ALL,
    Right.FOLLOWUP_EDIT_MY,
    Right.TASK_SEE_PUBLIC,
    Right.TASK_SEE_PRIVATE,
    Right.TASK_ADD,
    Right.TASK_EDIT_MY,
]

ALL_RIGHTS = [right for right in Right]

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
    # Knowledge base (GLPI's "knowbase" right)
    KNOWBASE_READ = "knowbase.read", _("Base de connaissances : lire les articles")
    KNOWBASE_READ_FAQ = "knowbase.read_faq", _("Base de connaissances : lire la FAQ")
    KNOWBASE_CREATE = "knowbase.create", _("Base de connaissances : créer des articles")
    KNOWBASE_UPDATE = "knowbase.update", _("Base de connaissances : modifier des articles")
    KNOWBASE_PUBLISH_FAQ = (
        "knowbase.publish_faq",
        _("Base de connaissances : publier dans la FAQ"),
    )
    KNOWBASE_ADMIN = (
        "knowbase.admin",
        _("Base de connaissances : administrer (tous les articles, toutes cibles)"),
    )
    # Saved searches
    SAVED_SEARCH_SHARE = (
        "savedsearch.share",
        _("Recherches sauvegardées : partager avec une entité"),
    )


class Interface(models.TextChoices):
    SIMPLIFIED = "simplified", _("Simplifiée")
    STANDARD = "standard", _("Standard")


ALL_RIGHTS = [right for right in Right]


# --- GLPI's rights (glpi_profilerights: one bitmask per right name) ------------------------
# Bits from GLPI 10.0.15: CommonDBTM (READ 1, UPDATE 2, CREATE 4, DELETE 8, PURGE 16),
# Ticket::READMY…SURVEY, ITILFollowup::SEEPUBLIC…ADD_AS_OBSERVER, CommonITILTask::*.
READ, UPDATE, CREATE, DELETE, PURGE = 1, 2, 4, 8, 16
ALLSTANDARDRIGHT = READ | UPDATE | CREATE | DELETE | PURGE


class GlpiTicket:
    READMY = 1
    READALL = 1024
    READGROUP = 2048
    READASSIGN = 4096
    ASSIGN = 8192
    STEAL = 16384
    OWN = 32768
    CHANGEPRIORITY = 65536
    SURVEY = 131072


class GlpiFollowup:
    SEEPUBLIC = 1
    UPDATEMY = 2
    ADDMYTICKET = 4
    UPDATEALL = 1024
    ADDGROUPTICKET = 2048
    ADDALLTICKET = 4096
    SEEPRIVATE = 8192
    ADD_AS_OBSERVER = 16384


class GlpiKnowbase:
    """KnowbaseItem's own bits (src/KnowbaseItem.php)."""

    KNOWBASEADMIN = 1024
    READFAQ = 2048
    PUBLISHFAQ = 4096
    COMMENTS = 8192


class GlpiTask:
    SEEPUBLIC = 1
    UPDATEMY = 2
    UPDATEALL = 1024
    ADDALLITEM = 4096
    SEEPRIVATE = 8192


# GLPI right name -> [(bit, Escalade right)]. GLPI bits with no Escalade meaning are left out:
# followup PURGE and ADD_AS_OBSERVER (Escalade's "ajouter à mes tickets" already covers the
# observer), task PURGE (Escalade never deletes tasks).
GLPI_BITS: dict[str, list[tuple[int, Right]]] = {
    "ticket": [
        (GlpiTicket.READMY, Right.TICKET_READ_MY),
        (UPDATE, Right.TICKET_UPDATE),
        (CREATE, Right.TICKET_CREATE),
        (DELETE, Right.TICKET_DELETE),
        (PURGE, Right.TICKET_DELETE),
        (GlpiTicket.READALL, Right.TICKET_READ_ALL),
        (GlpiTicket.READGROUP, Right.TICKET_READ_GROUP),
        (GlpiTicket.READASSIGN, Right.TICKET_READ_ASSIGNED),
        (GlpiTicket.ASSIGN, Right.TICKET_ASSIGN),
        (GlpiTicket.STEAL, Right.TICKET_STEAL),
        (GlpiTicket.OWN, Right.TICKET_TAKE),
        (GlpiTicket.CHANGEPRIORITY, Right.TICKET_CHANGE_PRIORITY),
        (GlpiTicket.SURVEY, Right.TICKET_APPROVE),
    ],
    "followup": [
        (GlpiFollowup.SEEPUBLIC, Right.FOLLOWUP_SEE_PUBLIC),
        (GlpiFollowup.UPDATEMY, Right.FOLLOWUP_EDIT_MY),
        (GlpiFollowup.ADDMYTICKET, Right.FOLLOWUP_ADD_MY),
        (GlpiFollowup.UPDATEALL, Right.FOLLOWUP_EDIT_ALL),
        (GlpiFollowup.ADDGROUPTICKET, Right.FOLLOWUP_ADD_GROUP),
        (GlpiFollowup.ADDALLTICKET, Right.FOLLOWUP_ADD_ALL),
        (GlpiFollowup.SEEPRIVATE, Right.FOLLOWUP_SEE_PRIVATE),
    ],
    "task": [
        (GlpiTask.SEEPUBLIC, Right.TASK_SEE_PUBLIC),
        (GlpiTask.UPDATEMY, Right.TASK_EDIT_MY),
        (GlpiTask.UPDATEALL, Right.TASK_EDIT_ALL),
        (GlpiTask.ADDALLITEM, Right.TASK_ADD),
        (GlpiTask.SEEPRIVATE, Right.TASK_SEE_PRIVATE),
    ],
    "statistic": [(READ, Right.STATISTICS_READ)],
    # PURGE and COMMENTS are left out: Escalade's articles are deleted by who may edit them,
    # and have no comments.
    "knowbase": [
        (READ, Right.KNOWBASE_READ),
        (UPDATE, Right.KNOWBASE_UPDATE),
        (CREATE, Right.KNOWBASE_CREATE),
        (GlpiKnowbase.KNOWBASEADMIN, Right.KNOWBASE_ADMIN),
        (GlpiKnowbase.READFAQ, Right.KNOWBASE_READ_FAQ),
        (GlpiKnowbase.PUBLISHFAQ, Right.KNOWBASE_PUBLISH_FAQ),
    ],
}


def rights_from_glpi(masks: dict[str, int]) -> list[Right]:
    """Escalade's rights for GLPI's bitmasks ``{"ticket": …, "followup": …, "task": …,
    "statistic": …, "knowbase": …}``."""
    held = {
        right
        for name, bits in GLPI_BITS.items()
        for bit, right in bits
        if int(masks.get(name) or 0) & bit
    }
    return [right for right in Right if right in held]


def glpi_masks(rights: list[str] | list[Right]) -> dict[str, int]:
    """GLPI's bitmasks for a list of Escalade rights (the inverse of ``rights_from_glpi``)."""
    held = {str(r) for r in rights}
    masks = {}
    for name, bits in GLPI_BITS.items():
        masks[name] = sum(bit for bit, right in bits if str(right) in held)
    return masks


T, F, K, B = GlpiTicket, GlpiFollowup, GlpiTask, GlpiKnowbase
_ADMIN_MASKS = {
    "ticket": ALLSTANDARDRIGHT
    | T.READALL
    | T.READGROUP
    | T.READASSIGN
    | T.ASSIGN
    | T.STEAL
    | T.OWN
    | T.CHANGEPRIORITY
    | T.SURVEY,
    "followup": READ
    | UPDATE
    | CREATE
    | PURGE
    | F.UPDATEALL
    | F.ADDGROUPTICKET
    | F.ADDALLTICKET
    | F.SEEPRIVATE
    | F.ADD_AS_OBSERVER,
    "task": K.SEEPUBLIC | PURGE | K.UPDATEALL | K.ADDALLITEM | K.SEEPRIVATE,
}
# GLPI 10.0.15's seeded profiles (install/empty_data.php, glpi_profilerights), by GLPI id.
GLPI_SEEDED: dict[int, tuple[str, dict[str, int]]] = {
    1: ("Self-Service", {"ticket": READ | CREATE, "followup": READ | CREATE, "task": READ}),
    2: (
        "Observer",
        {
            "ticket": READ | CREATE | DELETE | PURGE | T.READALL | T.READASSIGN | T.OWN | T.SURVEY,
            "followup": READ | CREATE,
            "task": READ,
        },
    ),
    3: ("Admin", _ADMIN_MASKS),
    4: ("Super-Admin", _ADMIN_MASKS),
    5: (
        "Hotliner",
        {
            "ticket": T.READMY | UPDATE | CREATE | T.READALL | T.ASSIGN | T.SURVEY,
            "followup": F.SEEPUBLIC | F.UPDATEMY | F.ADDMYTICKET | F.ADDALLTICKET | F.SEEPRIVATE,
            "task": READ | K.SEEPRIVATE,
        },
    ),
    6: (
        "Technician",
        {
            "ticket": T.READMY | UPDATE | CREATE | T.READALL | T.READGROUP | T.OWN | T.SURVEY,
            "followup": F.SEEPUBLIC
            | F.UPDATEMY
            | F.ADDMYTICKET
            | F.UPDATEALL
            | F.ADDALLTICKET
            | F.SEEPRIVATE,
            "task": K.SEEPUBLIC | PURGE | K.UPDATEALL | K.ADDALLITEM | K.SEEPRIVATE,
        },
    ),
    7: ("Supervisor", _ADMIN_MASKS),
    8: (
        "Read-Only",
        {
            "ticket": T.READMY | T.READALL | T.READGROUP | T.READASSIGN | T.SURVEY,
            "followup": READ | F.SEEPRIVATE,
            "task": READ | K.SEEPRIVATE,
        },
    ),
}
# GLPI's "statistic" right: READ for every seeded profile but Self-Service.
for _pk, (_name, _masks) in GLPI_SEEDED.items():
    _masks["statistic"] = 0 if _pk == 1 else READ
# GLPI's "knowbase" right, as seeded.
_KB_WRITER = READ | UPDATE | CREATE | PURGE | B.READFAQ | B.PUBLISHFAQ | B.COMMENTS
_KNOWBASE_SEEDED = {
    1: B.READFAQ,
    2: READ | B.READFAQ | B.COMMENTS,
    3: _KB_WRITER,
    4: _KB_WRITER | B.KNOWBASEADMIN,
    5: B.READFAQ | B.COMMENTS,
    6: _KB_WRITER,
    7: _KB_WRITER,
    8: READ | B.READFAQ | B.COMMENTS,
}
for _pk, (_name, _masks) in list(GLPI_SEEDED.items()):
    GLPI_SEEDED[_pk] = (_name, {**_masks, "knowbase": _KNOWBASE_SEEDED[_pk]})
del T, F, K, B


def seeded_rights(glpi_name: str) -> list[Right]:
    """Escalade's rights for one of GLPI's seeded profiles, by its GLPI name."""
    masks = next(m for name, m in GLPI_SEEDED.values() if name == glpi_name)
    return rights_from_glpi(masks)


SELF_SERVICE_RIGHTS = seeded_rights("Self-Service")
TECHNICIAN_RIGHTS = seeded_rights("Technician")

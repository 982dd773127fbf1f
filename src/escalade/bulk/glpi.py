"""GLPI's massive actions on tickets (apirest.md, src/Api/API.php): ``getMassiveActions``,
``getMassiveActionParameters`` and ``applyMassiveAction``, over escalade.bulk.actions.

Keys are GLPI's (``Ticket:add_actor``, ``MassiveAction:update``, ``ITILFollowup:add_followup``,
``Ticket:resolve_tickets``, ``Ticket_Ticket:add``, ``Ticket:merge_as_followup``). The
answer is GLPI's ``{"ok", "ko", "noright", "messages"}``: 200 when some were done and none
failed, 207 when some were done and some failed, 422 otherwise.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from escalade.bulk import actions
from escalade.glpi.http import GlpiError, boolean
from escalade.glpi.items import Ctx, ticket_for
from escalade.glpi.views import endpoint
from escalade.tickets.models import Role

# key: (label, parameters as GLPI's getMassiveActionParameters lists them)
KEYS: dict[str, tuple[str, list[dict[str, str]]]] = {
    "Ticket:add_actor": (
        "Ajouter un acteur",
        [
            {"name": "actortype", "type": "select"},
            {"name": "users_id", "type": "dropdown"},
            {"name": "groups_id", "type": "dropdown"},
        ],
    ),
    "MassiveAction:update": (
        "Modifier",
        [
            {"name": "id_field", "type": "select"},
            {"name": "status", "type": "select"},
            {"name": "itilcategories_id", "type": "dropdown"},
            {"name": "urgency", "type": "select"},
        ],
    ),
    "ITILFollowup:add_followup": (
        "Ajouter un nouveau suivi",
        [{"name": "content", "type": "text"}, {"name": "is_private", "type": "checkbox"}],
    ),
    "Ticket:resolve_tickets": (
        "Résoudre les tickets sélectionnés",
        [{"name": "content", "type": "text"}],
    ),
    "Ticket_Ticket:add": (
        "Lier des tickets",
        [{"name": "link", "type": "select"}, {"name": "tickets_id_1", "type": "text"}],
    ),
    "Ticket:merge_as_followup": ("Fusionner", [{"name": "_mergeticket", "type": "dropdown"}]),
}
# GLPI's search option ids of the fields MassiveAction:update changes on a ticket.
UPDATE_FIELDS = {
    12: ("status", "status"),
    7: ("itilcategories_id", "category"),
    10: ("urgency", "urgency"),
}


def _ticket_type(itemtype: str) -> None:
    if itemtype.lower() != "ticket":
        raise GlpiError(
            "ERROR_MASSIVEACTION_NOT_FOUND",
            _("Actions massives gérées pour les tickets seulement."),
        )


def _key(key: str) -> str:
    if key not in KEYS:
        raise GlpiError(
            "ERROR_MASSIVEACTION_KEY",
            _("Clé d'action inconnue : appelez getMassiveActions pour les clés possibles."),
        )
    return key


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


@endpoint(("GET",))
def massive_actions(
    request: HttpRequest, *, ctx: Ctx, itemtype: str, pk: str | None = None
) -> HttpResponseBase:
    _ticket_type(itemtype)
    if pk is not None:
        ticket_for(ctx, pk)  # a ticket out of reach answers like a missing one
    if boolean(ctx.params.get("is_deleted")):
        return _json([])
    return _json([{"key": key, "label": label} for key, (label, _params) in KEYS.items()])


@endpoint(("GET",))
def massive_action_parameters(
    request: HttpRequest, *, ctx: Ctx, itemtype: str, key: str
) -> HttpResponseBase:
    _ticket_type(itemtype)
    return _json(KEYS[_key(key)][1])


def _translate(key: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """GLPI's key and input as Escalade's action and parameters."""
    if key == "Ticket:add_actor":
        role = (
            int(str(data.get("actortype") or 0)) if str(data.get("actortype", "")).isdigit() else 0
        )
        if role not in (Role.ASSIGNED, Role.OBSERVER):
            raise GlpiError(
                "ERROR_BAD_ARRAY", _("actortype doit valoir 2 (attribué) ou 3 (observateur).")
            )
        party = f"u{data['users_id']}" if data.get("users_id") else f"g{data.get('groups_id') or 0}"
        return ("assign" if role == Role.ASSIGNED else "add_observer"), {"party": party}
    if key == "MassiveAction:update":
        field = UPDATE_FIELDS.get(
            int(str(data.get("id_field") or 0)) if str(data.get("id_field", "")).isdigit() else 0
        )
        if field is None:
            raise GlpiError(
                "ERROR_BAD_ARRAY", _("id_field : 12 (statut), 7 (catégorie) ou 10 (urgence).")
            )
        glpi_name, name = field
        return name, {name: data.get(glpi_name)}
    if key == "ITILFollowup:add_followup":
        return "followup", {"content": data.get("content"), "is_private": data.get("is_private")}
    if key == "Ticket:resolve_tickets":
        return "solve", {"content": data.get("content")}
    if key == "Ticket_Ticket:add":
        return "link", {"ticket": data.get("tickets_id_1"), "link": data.get("link") or 1}
    return "merge", {"ticket": data.get("_mergeticket")}


@endpoint(("POST",))
def apply_massive_action(
    request: HttpRequest, *, ctx: Ctx, itemtype: str, key: str
) -> HttpResponseBase:
    _ticket_type(itemtype)
    action, params = _translate(_key(key), ctx.params.get("input") or {})
    ids = ctx.params.get("ids")
    if not isinstance(ids, list) or not ids:
        raise GlpiError("ERROR_BAD_ARRAY", _("ids doit être une liste d'identifiants."))
    result = actions.apply(action, ids, by=ctx.who, params=params)
    ok, ko, noright = len(result.done), len(result.failed), len(result.refused)
    body = {
        "ok": ok,
        "ko": ko,
        "noright": noright,
        "messages": [f"{pk} : {message}" for pk, message in result.failed],
    }
    status = 200 if ok and not ko else 207 if ok and ko else 422
    return _json(body, status=status)

"""GLPI's legacy REST API (apirest.php): thin views over access and workflow.

Every call: check the API client (IP range, App-Token), load the session, build
the ``Who``, then read through ``access`` or write through ``workflow``. Errors
are GLPI's arrays ``["ERROR_…", "message"]``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from escalade.glpi import items, search, sessions
from escalade.glpi.http import (
    GlpiError,
    as_list,
    boolean,
    check_start,
    parse_range,
    ranged,
    request_params,
)
from escalade.glpi.items import Ctx, active_profile_fields, profile_fields
from escalade.tickets import access, attachments, paging
from escalade.tickets.errors import Conflict, Forbidden, InvalidInput, TicketNotFound

logger = logging.getLogger(__name__)

View = Callable[..., HttpResponseBase]
WRITE_CODES = {
    "POST": "ERROR_GLPI_ADD",
    "PUT": "ERROR_GLPI_UPDATE",
    "PATCH": "ERROR_GLPI_UPDATE",
    "DELETE": "ERROR_GLPI_DELETE",
}


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def endpoint(methods: tuple[str, ...], *, session: bool = True) -> Callable[[View], View]:
    """Transport, client and session checks, and GLPI's error answers, around a view."""

    def decorate(view: View) -> View:
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
            if request.method == "OPTIONS":
                response: HttpResponseBase = HttpResponse(status=200)
                response["Allow"] = ", ".join(methods)
            else:
                response = _answer(view, methods, session, request, kwargs)
            if request.headers.get("Origin"):
                response["Access-Control-Allow-Origin"] = "*"
                response["Access-Control-Allow-Headers"] = (
                    "Content-Type, Session-Token, App-Token, Authorization"
                )
                response["Access-Control-Allow-Methods"] = "GET, POST, PUT, PATCH, DELETE"
            return response

        return wrapper

    return decorate


def _answer(
    view: View,
    methods: tuple[str, ...],
    needs_session: bool,
    request: HttpRequest,
    kwargs: dict[str, Any],
) -> HttpResponseBase:
    try:
        if request.method not in methods:
            raise GlpiError(
                "ERROR_METHOD_NOT_ALLOWED", _("Méthode non autorisée : %s") % request.method
            )
        params = request_params(request)
        client = sessions.check_client(request, params)
        if not needs_session:
            return view(request, params=params, client=client, **kwargs)
        api_session = sessions.load_session(request, params)
        who = sessions.session_who(api_session)
        ctx = Ctx(request=request, who=who, params=params, session=api_session)
        return view(request, ctx=ctx, **kwargs)
    except GlpiError as error:
        return error.response()
    except TicketNotFound:
        return GlpiError("ERROR_ITEM_NOT_FOUND", _("Élément introuvable.")).response()
    except Forbidden as error:
        return GlpiError("ERROR_RIGHT_MISSING", error.message).response()
    except (InvalidInput, Conflict) as error:
        code = WRITE_CODES.get(request.method or "", "ERROR")
        return GlpiError(code, error.message).response()


# --- Sessions -----------------------------------------------------------------------------------


@endpoint(("GET", "POST"), session=False)
def init_session(request: HttpRequest, *, params: dict[str, Any], client: Any) -> HttpResponseBase:
    api_session, token = sessions.open_session(request, params, client)
    body: dict[str, Any] = {"session_token": token}
    if boolean(params.get("get_full_session")):
        who = sessions.session_who(api_session)
        body["session"] = _full_session(who, request)
    return _json(body)


@endpoint(("GET", "POST", "DELETE"))
def kill_session(request: HttpRequest, *, ctx: Ctx) -> HttpResponseBase:
    sessions.kill_session(ctx.session)
    return _json(True)


def _profile_entities(ctx_who: Any, profile_id: int) -> list[dict[str, Any]]:
    grants = ctx_who.user.grants.filter(profile_id=profile_id).select_related("entity")
    return [
        {"id": g.entity_id, "name": g.entity.full_name, "is_recursive": int(g.is_recursive)}
        for g in grants
    ]


@endpoint(("GET",))
def my_profiles(request: HttpRequest, *, ctx: Ctx) -> HttpResponseBase:
    profiles = []
    for profile in ctx.who.profiles:
        data = profile_fields(profile)
        data["entities"] = _profile_entities(ctx.who, profile.pk)
        profiles.append(data)
    return _json({"myprofiles": profiles})


@endpoint(("GET",))
def active_profile(request: HttpRequest, *, ctx: Ctx) -> HttpResponseBase:
    data = active_profile_fields(ctx.who.profile)
    data["entities"] = _profile_entities(ctx.who, ctx.who.profile.pk)
    return _json({"active_profile": data})


@endpoint(("POST", "GET"))
def change_active_profile(request: HttpRequest, *, ctx: Ctx) -> HttpResponseBase:
    if "profiles_id" not in ctx.params:
        raise GlpiError("ERROR_BAD_ARRAY", _("Le paramètre profiles_id est manquant."))
    sessions.change_profile(ctx.session, ctx.params["profiles_id"])
    return _json(True)


@endpoint(("GET",))
def my_entities(request: HttpRequest, *, ctx: Ctx) -> HttpResponseBase:
    reach = sessions.build_who(ctx.who.user, profile_id=ctx.who.profile.pk or None)
    entities = access.visible_entities(reach)
    if not boolean(ctx.params.get("is_recursive")):
        roots = {e["id"] for e in _profile_entities(ctx.who, ctx.who.profile.pk)}
        entities = entities.filter(pk__in=roots) if roots else entities
    return _json({"myentities": [{"id": e.pk, "name": e.full_name} for e in entities]})


@endpoint(("GET",))
def active_entities(request: HttpRequest, *, ctx: Ctx) -> HttpResponseBase:
    who = ctx.who
    active = who.active_entity_id
    if active is None:
        first = access.visible_entities(who).order_by("level", "pk").first()
        active = first.pk if first else 0
    return _json(
        {
            "active_entity": {
                "id": active,
                "active_entity_recursive": who.recursive,
                "active_entities": [{"id": pk} for pk in sorted(who.entity_ids)],
            }
        }
    )


@endpoint(("POST", "GET"))
def change_active_entities(request: HttpRequest, *, ctx: Ctx) -> HttpResponseBase:
    entity = ctx.params.get("entities_id", "all")
    sessions.change_entities(
        ctx.session, entity, boolean(ctx.params.get("is_recursive"), default=False)
    )
    return _json(True)


def _full_session(who: Any, request: HttpRequest) -> dict[str, Any]:
    user = who.user
    return {
        "glpiID": user.pk,
        "glpiname": user.username,
        "glpirealname": user.last_name,
        "glpifirstname": user.first_name,
        "glpiemail": user.email,
        "glpilanguage": "fr_FR" if user.language == "fr" else "en_GB",
        "glpiactiveprofile": active_profile_fields(who.profile),
        "glpiprofiles": {str(p.pk): {"name": p.name} for p in who.profiles},
        "glpiactive_entity": who.active_entity_id or 0,
        "glpiactive_entity_recursive": int(who.recursive),
        "glpiactiveentities": sorted(who.entity_ids),
        "glpigroups": sorted(who.group_ids),
        "glpi_use_mode": 0,
    }


@endpoint(("GET",))
def full_session(request: HttpRequest, *, ctx: Ctx) -> HttpResponseBase:
    return _json({"session": _full_session(ctx.who, request)})


@endpoint(("GET",))
def glpi_config(request: HttpRequest, *, ctx: Ctx) -> HttpResponseBase:
    return _json(
        {
            "cfg_glpi": {
                "version": "10.0.15",
                "list_limit": 50,
                "list_limit_max": 1000,
                "use_mailing": 1,
                "url_base": request.build_absolute_uri("/").rstrip("/"),
            }
        }
    )


# --- Items ------------------------------------------------------------------------------------


def _listing(ctx: Ctx, item: items.ItemType, queryset: Any) -> HttpResponseBase:
    params = ctx.params
    start, end = parse_range(params.get("range"))
    sort = str(params.get("sort") or "id")
    if sort.isdigit():  # GLPI's documentation says a search option id: 1 name, else id
        sort = "name" if sort == "1" and "name" in item.sort_fields else "id"
    if sort not in item.sort_fields:
        raise GlpiError("ERROR", _("Requête invalide : tri impossible sur « %s ».") % sort[:40])
    order = str(params.get("order") or "ASC").upper()
    if order not in ("ASC", "DESC"):
        raise GlpiError("ERROR", _("Requête invalide : order doit valoir ASC ou DESC."))
    if item.has_trash:
        queryset = queryset.filter(is_deleted=boolean(params.get("is_deleted")))
    queryset = queryset.filter(items.text_filter(item, params.get("searchText")))
    prefix = "-" if order == "DESC" else ""
    queryset = queryset.order_by(f"{prefix}{item.sort_fields[sort]}", f"{prefix}pk")
    total = paging.range_count(queryset, start, end)
    check_start(start, total)
    page = list(item.prepare(queryset)[start : end + 1])
    if boolean(params.get("only_id")):
        rows: list[Any] = [{"id": obj.pk} for obj in page]
    else:
        rows = [item.render(ctx, obj) for obj in page]
    return ranged(_json(rows), itemtype=item.name, start=start, count=len(rows), total=total)


def _wants_file(request: HttpRequest, params: dict[str, Any]) -> bool:
    return (
        "application/octet-stream" in request.headers.get("Accept", "")
        or params.get("alt") == "media"
    )


def _download(ctx: Ctx, pk: Any) -> HttpResponseBase:
    return attachments.download(access.get_attachment_for(ctx.who, pk))


def _inputs(params: dict[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    """``input`` as a list of objects, and whether a list was sent."""
    if "input" not in params:
        raise GlpiError("ERROR_BAD_ARRAY", _("Le paramètre input est manquant."))
    value = params["input"]
    if isinstance(value, dict) and value and all(str(k).isdigit() for k in value):
        value = as_list(value)  # input[0][name]=… in a query string
    if isinstance(value, list):
        if not value or not all(isinstance(v, dict) for v in value):
            raise GlpiError("ERROR_BAD_ARRAY", _("input doit être une liste d'objets."))
        return value, True
    if not isinstance(value, dict):
        raise GlpiError("ERROR_BAD_ARRAY", _("input doit être un objet ou une liste d'objets."))
    return [value], False


def _one(action: Callable[[], Any]) -> tuple[Any, str]:
    """Run one write; (result, "") on success, (False, message) on a workflow refusal."""
    try:
        return action(), ""
    except TicketNotFound:
        return False, _("Élément introuvable.")
    except GlpiError as error:
        if error.code in ("ERROR_RIGHT_MISSING", "ERROR_ITEM_NOT_FOUND"):
            return False, error.message
        raise
    except (Forbidden, InvalidInput, Conflict) as error:
        return False, error.message


def _add(ctx: Ctx, item: items.ItemType) -> HttpResponseBase:
    inputs, is_list = _inputs(ctx.params)
    if not is_list:
        new_id = item.add(ctx, inputs[0])
        body: dict[str, Any] = {"id": new_id, "message": ""}
        if "upload_result" in ctx.cache:
            body["upload_result"] = ctx.cache["upload_result"]
        response = _json(body, status=201)
        response["Location"] = ctx.url(item.name, new_id)
        return response
    results = []
    for data in inputs:
        new_id, message = _one(functools.partial(item.add, ctx, data))
        results.append({"id": new_id, "message": message})
    return _batch(results, item, "ADD", created=True, ctx=ctx)


def _batch(
    results: list[dict[str, Any]],
    item: items.ItemType,
    verb: str,
    *,
    created: bool = False,
    ctx: Ctx,
) -> HttpResponseBase:
    failed = [r for r in results if r.get("message") != ""]
    if failed and len(failed) == len(results):
        return GlpiError(f"ERROR_GLPI_{verb}", "", payload=results).response()
    if failed:
        return GlpiError(f"ERROR_GLPI_PARTIAL_{verb}", "", status=207, payload=results).response()
    response = _json(results, status=201 if created else 200)
    if created:
        response["Link"] = ",".join(ctx.url(item.name, r["id"]) for r in results)
    return response


def _update(ctx: Ctx, item: items.ItemType, pk: Any) -> HttpResponseBase:
    inputs, _is_list = _inputs(ctx.params)
    results = []
    for data in inputs:
        target = pk if pk is not None and len(inputs) == 1 else data.get("id", pk)
        if target in (None, ""):
            raise GlpiError("ERROR_BAD_ARRAY", _("L'identifiant de l'élément est manquant."))
        if len(inputs) == 1:
            item.update(ctx, target, data)
            results.append({str(target): True, "message": ""})
            continue
        ok, message = _one(functools.partial(item.update, ctx, target, data))
        results.append({str(target): ok is None or bool(ok), "message": message})
    return _batch(results, item, "UPDATE", ctx=ctx)


def _delete(ctx: Ctx, item: items.ItemType, pk: Any) -> HttpResponseBase:
    purge = boolean(ctx.params.get("force_purge"))
    if pk is not None:
        targets = [pk]
    else:
        inputs, _is_list = _inputs(ctx.params)
        targets = [data.get("id") for data in inputs]
    results = []
    for target in targets:
        if len(targets) == 1:
            item.delete(ctx, target, purge=purge)
            results.append({str(target): True, "message": ""})
            continue
        ok, message = _one(functools.partial(item.delete, ctx, target, purge=purge))
        results.append({str(target): ok is None, "message": message})
    return _batch(results, item, "DELETE", ctx=ctx)


@endpoint(("GET", "POST", "PUT", "PATCH", "DELETE"))
def collection(request: HttpRequest, *, ctx: Ctx, itemtype: str) -> HttpResponseBase:
    item = items.itemtype(itemtype)
    if request.method == "GET":
        return _listing(ctx, item, item.queryset(ctx))
    if request.method == "POST":
        return _add(ctx, item)
    if request.method in ("PUT", "PATCH"):
        return _update(ctx, item, None)
    return _delete(ctx, item, None)


@endpoint(("GET", "PUT", "PATCH", "DELETE"))
def element(request: HttpRequest, *, ctx: Ctx, itemtype: str, pk: str) -> HttpResponseBase:
    return _element(request, ctx, itemtype, pk)


def _element(request: HttpRequest, ctx: Ctx, itemtype: str, pk: str) -> HttpResponseBase:
    item = items.itemtype(itemtype)
    if request.method == "GET":
        if item.name == "Document" and _wants_file(request, ctx.params):
            return _download(ctx, pk)
        obj = item.get(ctx, pk)
        data = item.render(ctx, obj)
        if item.name == "Ticket":
            _with_extras(ctx, obj, data)
        response = _json(data)
        modified = getattr(obj, "updated_at", None)
        if modified is not None:
            response["Last-Modified"] = http_date(modified.timestamp())
        return response
    if request.method in ("PUT", "PATCH"):
        return _update(ctx, item, pk)
    return _delete(ctx, item, pk)


def _with_extras(ctx: Ctx, ticket: Any, data: dict[str, Any]) -> None:
    if ticket.is_deleted:
        return
    if boolean(ctx.params.get("with_logs")):
        data["_logs"] = items.ticket_log(ctx, ticket)
    if boolean(ctx.params.get("with_documents")):
        documents = items.ITEMTYPES["document"]
        data["_documents"] = [
            documents.render(ctx, a)
            for a in documents.prepare(access.visible_attachments(ctx.who, ticket))
        ]


@endpoint(("GET", "POST"))
def sub_items(
    request: HttpRequest, *, ctx: Ctx, itemtype: str, pk: str, sub: str
) -> HttpResponseBase:
    parent = items.itemtype(itemtype)
    if parent.name != "Ticket":
        raise GlpiError(
            "ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM",
            _("Sous-éléments gérés pour les tickets seulement."),
        )
    ticket = access.get_ticket_for(ctx.who, pk)
    if request.method == "POST":
        return _add_sub_items(ctx, ticket, sub)
    if sub.lower() == "log":
        rows = items.ticket_log(ctx, ticket)
        start, end = parse_range(ctx.params.get("range"))
        check_start(start, len(rows))
        page = rows[start : end + 1]
        return ranged(_json(page), itemtype="Log", start=start, count=len(page), total=len(rows))
    query = items.TICKET_SUBITEMS.get(sub.lower())
    if query is None:
        raise GlpiError(
            "ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM", _("Ressource inconnue : %s") % sub
        )
    return _listing(ctx, items.itemtype(sub), query(ctx, ticket))


def _add_sub_items(ctx: Ctx, ticket: Any, sub: str) -> HttpResponseBase:
    """``POST Ticket/:id/<sub>``: GLPI's addItems of ``sub``, linked to that ticket.

    The answer is the one of ``POST <sub>`` (201, ``Location`` or ``Link``); the parent
    ticket is already in reach (a ticket out of reach answered 404 like a missing one).
    """
    if sub.lower() in ("log", "ticketvalidation"):
        raise GlpiError(
            "ERROR_RIGHT_MISSING",
            _("Vous n'avez pas le droit de créer ce type d'élément par l'API."),
        )
    if sub.lower() not in items.TICKET_SUBITEMS:
        raise GlpiError(
            "ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM", _("Ressource inconnue : %s") % sub
        )
    item = items.itemtype(sub)
    inputs, is_list = _inputs(ctx.params)
    linked = [items.link_to_ticket(item, data, ticket.pk) for data in inputs]
    ctx.params["input"] = linked if is_list else linked[0]
    return _add(ctx, item)


@endpoint(("GET", "PUT", "PATCH", "DELETE"))
def sub_element(
    request: HttpRequest, *, ctx: Ctx, itemtype: str, pk: str, sub: str, subid: str
) -> HttpResponseBase:
    parent = items.itemtype(itemtype)
    if parent.name != "Ticket" or sub.lower() not in items.TICKET_SUBITEMS:
        raise GlpiError(
            "ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM", _("Ressource inconnue : %s") % sub
        )
    ticket = access.get_ticket_for(ctx.who, pk)
    if not items.TICKET_SUBITEMS[sub.lower()](ctx, ticket).filter(pk=_pk(subid)).exists():
        raise GlpiError("ERROR_ITEM_NOT_FOUND", _("Élément introuvable."))
    return _element(request, ctx, sub, subid)


def _pk(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


@endpoint(("GET",))
def multiple_items(request: HttpRequest, *, ctx: Ctx) -> HttpResponseBase:
    wanted = as_list(ctx.params.get("items"))
    if not wanted or len(wanted) > 100:
        raise GlpiError("ERROR_BAD_ARRAY", _("Le paramètre items est manquant ou trop long."))
    results: list[Any] = []
    for entry in wanted:
        if not isinstance(entry, dict) or "itemtype" not in entry or "items_id" not in entry:
            raise GlpiError("ERROR_BAD_ARRAY", _("Chaque élément demande itemtype et items_id."))
        item = items.itemtype(str(entry["itemtype"]))
        try:
            results.append(item.render(ctx, item.get(ctx, entry["items_id"])))
        except GlpiError as error:
            results.append([error.code, error.message])
    return _json(results)


@endpoint(("GET",))
def list_search_options(request: HttpRequest, *, ctx: Ctx, itemtype: str) -> HttpResponseBase:
    if itemtype.lower() != "ticket":
        raise GlpiError(
            "ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM",
            _("Options de recherche gérées pour Ticket seulement."),
        )
    return _json(search.list_search_options())


@endpoint(("GET", "POST"))
def search_items(request: HttpRequest, *, ctx: Ctx, itemtype: str) -> HttpResponseBase:
    if itemtype.lower() != "ticket":
        raise GlpiError(
            "ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM",
            _("La recherche est gérée pour Ticket seulement."),
        )
    start, end = parse_range(ctx.params.get("range"))
    result = search.run(ctx.who, ctx.params, start, end)
    check_start(start, result.total)
    rows: Any = result.rows
    if boolean(ctx.params.get("uid_cols")):
        rows = [{search.OPTIONS[int(k)].uid: v for k, v in row.items()} for row in rows]
    if boolean(ctx.params.get("withindexes")):
        rows = {str(pk): row for pk, row in zip(result.ids, rows, strict=True)}
    count = len(result.rows)
    body: dict[str, Any] = {
        "totalcount": result.total,
        "count": count,
        "sort": result.sort,
        "order": result.order,
    }
    if count:
        body["data"] = rows
        body["content-range"] = f"{start}-{start + count - 1}/{result.total}"
    return ranged(_json(body), itemtype="Ticket", start=start, count=count, total=result.total)


@endpoint(("GET",), session=False)
def root(request: HttpRequest, *, params: dict[str, Any], client: Any) -> HttpResponseBase:
    raise GlpiError(
        "ERROR_RESOURCE_MISSING", _("Ressource manquante : voir la documentation de l'API de GLPI.")
    )


@endpoint(("GET", "POST", "PUT", "PATCH", "DELETE"), session=False)
def unknown(
    request: HttpRequest, *, params: dict[str, Any], client: Any, **kwargs: Any
) -> HttpResponseBase:
    raise GlpiError("ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM", _("Ressource inconnue."))

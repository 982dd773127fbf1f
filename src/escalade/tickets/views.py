"""Web pages of the ticket domain. Thin: fetch through ``access``, check the form, call one
``workflow`` function, then redirect (or, for htmx, render the named partial)."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch, prefetch_related_objects
from django.http import (
    HttpRequest,
    HttpResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from escalade.accounts.who import Who
from escalade.core import parsing
from escalade.core.views import WhoRequest, who_required
from escalade.onbehalf.forms import initial_from
from escalade.tickets import (
    access,
    attachments,
    history,
    parties,
    pending,
    savedsearches,
    search,
    timeline,
    views_reach,
    workflow,
)
from escalade.tickets.attachments import Upload
from escalade.tickets.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    TicketNotFound,
    WorkflowError,
)
from escalade.tickets.forms import (
    ActorForm,
    ApproveForm,
    DocumentForm,
    EscalateForm,
    FollowupForm,
    RefuseForm,
    SavedSearchForm,
    SolutionForm,
    TaskForm,
    TicketUpdateForm,
)
from escalade.tickets.listing import (
    COLUMNS,
    MAX_ROWS,
    PAGE_SIZES,
    STATUS_VALUE_CHOICES,
    ListState,
)
from escalade.tickets.models import (
    URGENCY_CHOICES,
    Level,
    Role,
    Ticket,
    TicketActor,
    TicketType,
)
from escalade.tickets.paging import BoundedPaginator, bounded_count
from escalade.tickets.parties import SEARCH_LIMIT, matching_groups, matching_users, party_choices
from escalade.tickets.search import FIELDS, OPERATORS, TABS
from escalade.tickets.status import Status
from escalade.tickets.templatetags.escalade import PRIORITY_CLASSES, STATUS_CLASSES
from escalade.tickettemplates.forms import TemplatedCreateForm

ADD_TABS = {
    "suivi": gettext_lazy("Suivi"),
    "tache": gettext_lazy("Tâche"),
    "solution": gettext_lazy("Solution"),
    "document": gettext_lazy("Document"),
}


# --- The list ---------------------------------------------------------------------------


def _value_choices(
    who: Who, kinds: set[str], selected_users: Iterable[int] = ()
) -> dict[str, list[tuple[str, str]]]:
    """Options of the value selects, fetched once per kind present on the page."""
    from escalade.tickets.forms import category_choices

    choices: dict[str, list[tuple[str, str]]] = {
        "status": [(v, str(label)) for v, label in STATUS_VALUE_CHOICES],
        "type": [(str(v), str(label)) for v, label in TicketType.choices],
        "urgency": [(str(v), str(label)) for v, label in URGENCY_CHOICES],
        "priority": [(str(v), str(label)) for v, label in Level.choices],
        "late": [("1", _("Oui")), ("0", _("Non"))],
    }
    if "category" in kinds:
        choices["category"] = category_choices(access.visible_categories(who))
    if "entity" in kinds:
        entities = access.visible_entities(who).order_by("full_name")
        choices["entity"] = [(str(e.pk), "\u00a0\u00a0\u00a0" * e.level + e.name) for e in entities]
    if kinds & {"requester", "assigned", "observer"}:
        choices["actor"] = _actor_value_choices(who, selected_users)
    if "solution_type" in kinds:
        from escalade.itiltemplates.access import visible_solution_types

        types = visible_solution_types(who).order_by("name", "pk")
        choices["solution_type"] = [(str(t.pk), t.name) for t in types]
    return choices


def _special_actor_choices() -> list[tuple[str, str]]:
    return [
        (search.ME, _("Moi")),
        (search.MY_GROUPS, _("Mes groupes")),
        (search.MINE, _("Moi ou mes groupes")),
    ]


def _actor_value_choices(who: Who, user_ids: Iterable[int]) -> list[tuple[str, str]]:
    """Moi / Mes groupes, the groups, and only the users already chosen in the filter:
    the others are found with the search box (``actor_options``)."""
    groups = [(f"g{g.pk}", g.name) for g in access.visible_groups(who).order_by("name")]
    users = access.visible_users(who).filter(pk__in=sorted(set(user_ids))[:MAX_ROWS])
    chosen = [(f"u{u.pk}", str(u)) for u in users.order_by("last_name", "first_name", "pk")]
    return _special_actor_choices() + groups + chosen


def _filter_rows(who: Who, state: ListState) -> list[dict[str, Any]]:
    kinds = {r.field for r in state.rows}
    chosen_users = {
        party[1]
        for r in state.rows
        if FIELDS[r.field].kind == "actor"
        and (party := parties.parse(r.value)) is not None
        and party[0] == "u"
    }
    options = _value_choices(who, kinds, chosen_users)
    rows = []
    for index, row in enumerate(state.rows):
        field = FIELDS[row.field]
        key = "actor" if field.kind == "actor" else row.field
        rows.append(
            {
                "index": index,
                "number": index + 1,
                "field": row.field,
                "operator": row.operator,
                "value": row.value,
                "kind": field.kind,
                "operators": [(op, OPERATORS[op]) for op in field.operators],
                "values": options.get(key, []),
            }
        )
    return rows


def _cells(ticket: Ticket, columns: list[tuple[str, Any]]) -> list[str]:
    """The row's ``<td>``s, built here once rather than branched on in the template for
    each of 50 rows × 7 columns (a third of the list's rendering time)."""
    url = reverse("tickets:detail", args=[ticket.pk])
    cells: list[str] = []
    for key, column in columns:
        text = column.value(ticket)
        if key == "title":
            cells.append(
                format_html('<td data-label="{}"><a href="{}">{}</a></td>', column.label, url, text)
            )
        elif key == "status":
            badge = STATUS_CLASSES.get(ticket.status, "text-bg-secondary")
            cells.append(
                format_html(
                    '<td data-label="{}"><span class="badge {}">{}</span></td>',
                    column.label,
                    badge,
                    text,
                )
            )
        elif key == "priority":
            badge = PRIORITY_CLASSES.get(ticket.priority, "text-bg-light border")
            cells.append(
                format_html(
                    '<td data-label="{}"><span class="badge {}">{}</span></td>',
                    column.label,
                    badge,
                    text,
                )
            )
        elif key == "id":
            label = _("Ticket n° %(n)s") % {"n": ticket.pk}
            cells.append(
                format_html(
                    '<td data-label="{}"><a href="{}" aria-label="{}">{}</a></td>',
                    column.label,
                    url,
                    label,
                    text,
                )
            )
        else:
            cells.append(format_html('<td data-label="{}">{}</td>', column.label, text))
    return cells


TAB_TOTAL_LIMIT = 999  # « 999+ » beyond: a tab's total costs what a page costs


def _tab_totals(who: Who, state: ListState) -> dict[str, str]:
    """The number of tickets each tab would show with the same filter (one bounded count
    per tab)."""
    rows = [search.Criterion(r.field, r.operator, r.value) for r in state.rows if r.value]
    totals = {}
    for key, (_label, criterion) in TABS.items():
        criteria = rows + ([criterion] if criterion is not None else [])
        try:
            count, exact = bounded_count(search.search_tickets(who, criteria), TAB_TOTAL_LIMIT)
        except InvalidInput:
            return {}
        totals[key] = str(count) if exact else f"{TAB_TOTAL_LIMIT}+"
    return totals


def _list_context(request: HttpRequest, who: Who, state: ListState) -> dict[str, Any]:
    try:
        tickets = search.with_list_relations(
            search.search_tickets(who, state.criteria(), state.sort)
        )
        exact = request.GET.get("compte") == "exact"
        page = BoundedPaginator(tickets, state.per_page, exact=exact).get_page(state.page)
    except InvalidInput as error:
        state.errors.append(error.message)
        page = BoundedPaginator(Ticket.objects.none(), state.per_page).get_page(1)
    columns = [(key, COLUMNS[key]) for key in state.columns]
    rows = [(ticket, _cells(ticket, columns)) for ticket in page.object_list]
    totals = {} if state.errors else _tab_totals(who, state)
    headers = []
    for key, column in columns:
        sort = column.sort
        current = state.sort.lstrip("-") == sort
        descending = state.sort.startswith("-")
        next_sort = (sort if current and descending else f"-{sort}") if sort else None
        headers.append(
            {
                "key": key,
                "label": column.label,
                "sortable": bool(sort),
                "current": current,
                "aria_sort": ("descending" if descending else "ascending") if current else None,
                "query": state.query(tri=next_sort) if sort else "",
            }
        )
    return {
        "state": state,
        "page": page,
        "rows": rows,
        "headers": headers,
        "tabs": [
            (key, label, state.query(onglet=key, page=None), totals.get(key))
            for key, (label, _c) in TABS.items()
        ],
        "filter_rows": _filter_rows(who, state),
        "fields": [(key, f.label) for key, f in FIELDS.items()],
        "all_columns": [(key, c.label) for key, c in COLUMNS.items()],
        "page_sizes": PAGE_SIZES,
        "saved_searches": list(
            access.visible_saved_searches(who).select_related("owner", "entity")
        ),
        "share_entities": list(access.share_entities(who)),
        "save_form": SavedSearchForm(initial={"query": state.query()}),
        "query": state.query(),
    }


@require_GET
@who_required
def ticket_list(request: WhoRequest) -> HttpResponse:
    who = request.who
    state = ListState.from_query(request.GET, who)
    context = _list_context(request, who, state)
    if who.is_simplified:
        return render(request, "tickets/ticket_list_simplified.html", context)
    htmx = request.htmx
    if htmx and htmx.target == "filtres":
        return render(request, "tickets/partials/filters.html", context)
    if htmx and htmx.target == "resultats":
        return render(request, "tickets/partials/results.html", context)
    return render(request, "tickets/ticket_list.html", context)


@require_GET
@who_required
def actor_options(request: WhoRequest) -> HttpResponse:
    """Search as you type in an actor filter row (htmx): <option>s of the special values,
    then the groups and users matching ``q`` that ``who`` may see, a few of each."""
    who = request.who
    text = request.GET.get("q", "")
    groups = list(matching_groups(who, text)[: SEARCH_LIMIT + 1])
    users = list(matching_users(who, text)[: SEARCH_LIMIT + 1])
    context = {
        "special": _special_actor_choices(),
        "groups": [(f"g{g.pk}", g.name) for g in groups[:SEARCH_LIMIT]],
        "users": [(f"u{u.pk}", str(u)) for u in users[:SEARCH_LIMIT]],
        "more": len(groups) > SEARCH_LIMIT or len(users) > SEARCH_LIMIT,
        "searched": bool(text.strip()),
    }
    return render(request, "tickets/partials/actor_options.html", context)


@require_GET
@who_required
def ticket_export(request: WhoRequest) -> HttpResponseBase:
    """CSV of every ticket the list's filter matches (same search, all pages)."""
    who = request.who
    state = ListState.from_query(request.GET, who)
    try:
        tickets = search.with_list_relations(
            search.search_tickets(who, state.criteria(), state.sort)
        )
    except InvalidInput as error:
        return HttpResponse(error.message, status=400, content_type="text/plain; charset=utf-8")
    columns = [COLUMNS[key] for key in state.columns]

    class Echo:
        def write(self, value: str) -> str:
            return value

    found = tickets.iterator(chunk_size=500)
    # The query runs now, before the answer starts: an error is an error page, never a
    # stream cut after its first lines.
    first = next(found, None)

    def lines() -> Iterator[str]:
        writer = csv.writer(Echo(), delimiter=";")
        yield "\ufeff" + writer.writerow([str(c.label) for c in columns])
        if first is None:
            return
        for ticket in itertools.chain([first], found):
            yield writer.writerow([_csv_safe(c.value(ticket)) for c in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tickets.csv"'
    return response


def _csv_safe(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: neutralize them."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@require_POST
@who_required
def saved_search_create(request: WhoRequest) -> HttpResponse:
    who = request.who
    form = SavedSearchForm(request.POST)
    query = QueryDict(request.POST.get("query", "")).urlencode()[: savedsearches.QUERY_MAX]
    if not form.is_valid():
        messages.error(request, _("Donnez un nom à la recherche."))
        return redirect(reverse("tickets:list") + "?" + query)
    try:
        saved = savedsearches.save_search(
            by=who,
            name=form.cleaned_data["name"],
            query=form.cleaned_data["query"],
            share_in=form.cleaned_data["share_in"] or None,
            recursive=form.cleaned_data["recursive"],
        )
    except WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Recherche « %s » enregistrée.") % saved.name)
    return redirect(reverse("tickets:list") + "?" + query)


@require_POST
@who_required
def saved_search_delete(request: WhoRequest, pk: int) -> HttpResponse:
    who = request.who
    saved = access.get_saved_search_to_delete(who, pk)
    savedsearches.delete_search(saved, by=who)
    messages.success(request, _("Recherche « %s » supprimée.") % saved.name)
    return redirect("tickets:list")


# --- Creating ---------------------------------------------------------------------------------


@who_required
def ticket_create(request: WhoRequest) -> HttpResponse:
    who = request.who
    if not access.can_create(who):
        return forbidden(request, _("Votre profil ne permet pas de créer un ticket."))
    kept: list[pending.PendingUpload] = []
    refused: list[str] = []
    if request.method == "POST":
        form = TemplatedCreateForm(request.POST, request.FILES, who=who)
        # Files kept from a refused try, still checked in the form: the user's own only.
        kept = pending.load(who.user.pk, request.POST.getlist("pending"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                ticket = workflow.create_ticket(
                    by=who,
                    type=data["type"],
                    category=data["category"],
                    urgency=data.get("urgency"),
                    title=data.get("title", ""),
                    content=data.get("content", ""),
                    attachments=[*pending.uploads(kept), *data["attachments"]],
                    actors=form.actors(),
                    source=form.chosen_source(),
                )
            except WorkflowError as error:
                _form_error(form, error)
            else:
                pending.discard(kept)
                messages.success(request, _("Ticket n° %s créé.") % ticket.pk)
                return redirect("tickets:detail", pk=ticket.pk)
        # A browser cannot refill a file field: the files that pass the checks are kept
        # aside and offered back; the others are named with the reason.
        new, refused = pending.keep(who.user.pk, _sent_files(form))
        kept = [*kept, *new][: pending.MAX_FILES]
        status = 400
    else:
        form = TemplatedCreateForm(who=who, initial=initial_from(request.GET) or None)
        status = 200
    htmx = request.htmx
    template = "tickets/partials/create_form.html" if htmx else "tickets/ticket_create.html"
    context = {"form": form, "pending_files": kept, "refused_files": refused}
    return render(request, template, context, status=200 if htmx else status)


def _sent_files(form: TemplatedCreateForm) -> list[Upload]:
    cleaned = getattr(form, "cleaned_data", None) or {}
    if "attachments" in cleaned:
        return list(cleaned["attachments"])
    return [Upload.from_file(f, name=f.name) for f in form.files.getlist("attachments")]


# --- The ticket page ----------------------------------------------------------------------------


def _fetch(who: Who, pk: Any) -> Ticket:
    ticket = access.get_ticket_for(who, pk)
    prefetch_related_objects(
        [ticket], Prefetch("actors", queryset=TicketActor.objects.select_related("user", "group"))
    )
    return ticket


def _detail_context(
    request: HttpRequest,
    who: Who,
    ticket: Ticket,
    forms: dict[str, Any] | None = None,
    tab: str | None = None,
) -> dict[str, Any]:
    forms = forms or {}
    actors = list(ticket.actors.all())
    can_add = {role: access.can_manage_actors(who, ticket, role) for role in Role.values}
    columns = []
    near = [a.group_id for a in actors if a.group_id]  # « + » lists their members first
    for role in (Role.REQUESTER, Role.OBSERVER, Role.ASSIGNED):
        members = sorted(
            (a for a in actors if a.role == role),
            key=lambda a: (a.user_id is not None, str(a.party)),
        )
        columns.append(
            {
                "role": role,
                "label": Role(role).label,
                "can_add": can_add[role],
                "actors": [(a, access.can_remove_actor(who, ticket, a)) for a in members],
                "choices": party_choices(who, role, near_groups=near) if can_add[role] else None,
            }
        )
    allowed = {
        "suivi": access.can_add_followup(who, ticket),
        "tache": access.can_add_task(who, ticket),
        "solution": access.can_solve(who, ticket),
        "document": access.can_add_attachment(who, ticket),
    }
    add_tabs = [(key, label) for key, label in ADD_TABS.items() if allowed[key]]
    tab = tab or request.GET.get("ajouter", "suivi")
    if not allowed.get(tab) and add_tabs:
        tab = add_tabs[0][0]
    if allowed["suivi"]:
        forms.setdefault("followup", FollowupForm(who=who, ticket=ticket))
    if allowed["tache"]:
        forms.setdefault("task", TaskForm(who=who, ticket=ticket))
    if allowed["solution"]:
        forms.setdefault("solution", SolutionForm(who=who, ticket=ticket))
    if allowed["document"]:
        forms.setdefault("document", DocumentForm())
    if access.can_update(who, ticket):
        forms.setdefault("update", TicketUpdateForm(who=who, ticket=ticket))
    assigned_groups = [a.group_id for a in actors if a.role == Role.ASSIGNED and a.group_id]
    if access.can_escalate(who, ticket):
        forms.setdefault(
            "escalate", EscalateForm(who=who, ticket=ticket, assigned_group_ids=assigned_groups)
        )
    if access.can_approve(who, ticket):
        forms.setdefault("approve", ApproveForm())
        forms.setdefault("refuse", RefuseForm())
    return {
        "ticket": ticket,
        "status_label": Status(ticket.status).label,
        "actor_columns": columns,
        "can_take": access.can_take(who, ticket),
        "timeline": timeline.build(who, ticket).items,
        "add_tabs": add_tabs,
        "add_tab": tab,
        "forms": forms,
        "waiting_solution": ticket.status == Status.SOLVED,
    }


def _render_detail(
    request: WhoRequest, who: Who, ticket: Ticket, *, status: int = 200, **kwargs: Any
) -> HttpResponse:
    context = _detail_context(request, who, ticket, **kwargs)
    if request.htmx:
        return render(request, "tickets/partials/ticket_main.html", context)
    return render(request, "tickets/ticket_detail.html", context, status=status)


@require_GET
@who_required
def ticket_detail(request: WhoRequest, pk: int) -> HttpResponse:
    who = request.who
    try:
        ticket = _fetch(who, pk)
    except TicketNotFound:
        if request.htmx:
            raise
        return views_reach.switch_to_see(request, who, pk)  # or the same 404
    return _render_detail(request, who, ticket)


@require_GET
@who_required
def ticket_history(request: WhoRequest, pk: int) -> HttpResponse:
    who = request.who
    ticket = access.get_ticket_for(who, pk)
    lines = history.history(who, ticket.events.select_related("actor"))
    return render(request, "tickets/ticket_history.html", {"ticket": ticket, "lines": lines})


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "core/forbidden.html", {"message": message}, status=403)


def _form_error(form: Any, error: WorkflowError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _act(
    request: WhoRequest,
    pk: int,
    *,
    form_class: Callable[..., Any] | None,
    key: str,
    action: Callable[[Who, Ticket, Any], Any],
    done: str,
    tab: str | None = None,
) -> HttpResponse:
    """The body of every POST on a ticket: fetch, validate, act, then redirect or re-render."""
    who = request.who
    ticket = _fetch(who, pk)
    form = None
    if form_class is not None:
        form = form_class(request.POST, request.FILES, who=who, ticket=ticket)
        if not form.is_valid():
            return _render_detail(request, who, ticket, status=400, forms={key: form}, tab=tab)
    try:
        action(who, ticket, form)
    except Forbidden as error:
        return forbidden(request, error.message)
    except (InvalidInput, Conflict) as error:
        ticket = _fetch(who, pk)
        if form is None:
            messages.error(request, error.message)
            return _render_detail(request, who, ticket, status=error.status_code)
        _form_error(form, error)
        return _render_detail(
            request, who, ticket, status=error.status_code, forms={key: form}, tab=tab
        )
    messages.success(request, done)
    if request.htmx:
        return _render_detail(request, who, _fetch(who, pk))
    return redirect("tickets:detail", pk=pk)


def _with(form_class: Callable[..., Any]) -> Callable[..., Any]:
    """Adapt forms that do not take ``who``/``ticket``."""

    def build(*args: Any, who: Who, ticket: Ticket, **kwargs: Any) -> Any:
        return form_class(*args, **kwargs)

    return build


@require_POST
@who_required
def ticket_update(request: WhoRequest, pk: int) -> HttpResponse:
    """The side panel's one save: status and fields together, or nothing. Closing a
    parent whose children are still open asks first (escalade.links)."""
    if request.POST.get("status") == str(Status.CLOSED):
        from escalade.links.views import confirm_closing

        asked = confirm_closing(request, pk)
        if asked is not None:
            return asked
    return _act(
        request,
        pk,
        form_class=TicketUpdateForm,
        key="update",
        done=_("Ticket mis à jour."),
        action=lambda who, t, f: workflow.edit_ticket(
            t, by=who, changes=f.changes(), seen=f.seen_values()
        ),
    )


@require_POST
@who_required
def followup_add(request: WhoRequest, pk: int) -> HttpResponse:
    def action(who: Who, ticket: Ticket, form: FollowupForm) -> None:
        data = form.cleaned_data
        workflow.add_followup(
            ticket,
            by=who,
            content=data["content"],
            is_private=data.get("is_private", False),
            status=data["status"],
            attachments=data["attachments"],
        )

    return _act(
        request,
        pk,
        form_class=FollowupForm,
        key="followup",
        action=action,
        done=_("Suivi ajouté."),
        tab="suivi",
    )


@require_POST
@who_required
def task_add(request: WhoRequest, pk: int) -> HttpResponse:
    def action(who: Who, ticket: Ticket, form: TaskForm) -> None:
        data = form.cleaned_data
        workflow.add_task(
            ticket,
            by=who,
            content=data["content"],
            is_private=data.get("is_private", False),
            state=data["state"],
            duration_seconds=(data["duration_minutes"] or 0) * 60,
        )

    return _act(
        request,
        pk,
        form_class=TaskForm,
        key="task",
        action=action,
        done=_("Tâche ajoutée."),
        tab="tache",
    )


@require_POST
@who_required
def solution_add(request: WhoRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=SolutionForm,
        key="solution",
        tab="solution",
        done=_("Solution ajoutée."),
        action=lambda who, t, f: workflow.add_solution(
            t,
            by=who,
            content=f.cleaned_data["content"],
            solution_type=f.cleaned_data.get("solution_type"),
        ),
    )


@require_POST
@who_required
def document_add(request: WhoRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=_with(DocumentForm),
        key="document",
        tab="document",
        done=_("Document ajouté."),
        action=lambda who, t, f: workflow.add_attachments(
            t, by=who, attachments=f.cleaned_data["attachments"]
        ),
    )


@require_POST
@who_required
def solution_approve(request: WhoRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=_with(ApproveForm),
        key="approve",
        done=_("Solution approuvée : le ticket est clos."),
        action=lambda who, t, f: workflow.approve_solution(
            t, by=who, comment=f.cleaned_data["comment"]
        ),
    )


@require_POST
@who_required
def solution_refuse(request: WhoRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=_with(RefuseForm),
        key="refuse",
        done=_("Solution refusée : le ticket est rouvert."),
        action=lambda who, t, f: workflow.refuse_solution(
            t, by=who, reason=f.cleaned_data["reason"]
        ),
    )


@require_POST
@who_required
def ticket_take(request: WhoRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        form_class=None,
        key="take",
        done=_("Le ticket vous est attribué."),
        action=lambda who, t, f: workflow.take(t, by=who),
    )


@require_POST
@who_required
def ticket_escalate(request: WhoRequest, pk: int) -> HttpResponse:
    def build(*args: Any, who: Who, ticket: Ticket, **kwargs: Any) -> EscalateForm:
        assigned = ticket.actors.filter(role=Role.ASSIGNED, group__isnull=False)
        ids = list(assigned.values_list("group_id", flat=True))
        return EscalateForm(*args, who=who, ticket=ticket, assigned_group_ids=ids, **kwargs)

    return _act(
        request,
        pk,
        form_class=build,
        key="escalate",
        done=_("Ticket escaladé."),
        action=lambda who, t, f: workflow.escalate(
            t, by=who, group=f.cleaned_data["group"], content=f.cleaned_data["comment"]
        ),
    )


@require_POST
@who_required
def actor_add(request: WhoRequest, pk: int) -> HttpResponse:
    def build(*args: Any, who: Who, ticket: Ticket, **kwargs: Any) -> ActorForm:
        return ActorForm(*args, who=who, **kwargs)

    def action(who: Who, ticket: Ticket, form: ActorForm) -> None:
        workflow.add_actor(ticket, by=who, role=form.cleaned_data["role"], **form.chosen_party())

    return _act(request, pk, form_class=build, key="actor", action=action, done=_("Acteur ajouté."))


@require_POST
@who_required
def actor_remove(request: WhoRequest, pk: int, actor_pk: int) -> HttpResponse:
    def action(who: Who, ticket: Ticket, form: Any) -> None:
        actor = next((a for a in ticket.actors.all() if a.pk == actor_pk), None)
        if actor is None:
            raise InvalidInput(_("Cet acteur n'est plus sur le ticket."))
        workflow.remove_actor(ticket, by=who, actor=actor)

    return _act(request, pk, form_class=None, key="remove", action=action, done=_("Acteur retiré."))


@require_GET
@who_required
def actor_search(request: WhoRequest, pk: int) -> HttpResponse:
    """Search as you type in "+" (htmx): the matching users and groups, as options."""
    who = request.who
    ticket = _fetch(who, pk)
    try:
        role = Role(parsing.integer(request.GET.get("role", "")))
    except ValueError:
        role = Role.OBSERVER
    if not access.can_manage_actors(who, ticket, role):
        return forbidden(request, _("Vous ne pouvez pas modifier les acteurs de ce ticket."))
    text = request.GET.get("q", "")
    return render(
        request,
        "tickets/partials/actor_choices.html",
        {
            "choices": party_choices(
                who, role, text, near_groups=[a.group_id for a in ticket.actors.all() if a.group_id]
            ),
            "role": role,
            "ticket": ticket,
        },
    )


@require_GET
@who_required
def attachment_download(request: WhoRequest, pk: int) -> HttpResponseBase:
    who = request.who
    return attachments.download(access.get_attachment_for(who, pk), inline=True)

import json
from typing import Any

from django import forms
from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from escalade.core.admin import LabelledInlineFormSet
from escalade.tickets import rule_labels
from escalade.tickets.models import (
    Category,
    PriorityCell,
    Rule,
    RuleAction,
    RuleCriterion,
    Ticket,
    TicketEvent,
)
from escalade.tickets.rule_labels import ACTION_NAMESPACES, CRITERION_NAMESPACES, TEXT


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = [
        "full_name",
        "entity",
        "group_in_charge",
        "is_helpdesk_visible",
        "is_incident",
        "is_request",
    ]
    search_fields = ["name", "full_name", "code"]
    autocomplete_fields = ["parent", "entity", "group_in_charge", "user_in_charge"]


@admin.register(PriorityCell)
class PriorityCellAdmin(admin.ModelAdmin):
    list_display = ["urgency", "impact", "priority"]
    list_editable = ["priority"]


# --- Business rules: values picked by name, never typed as ids ------------------------------


class _PickedValueForm(forms.ModelForm):
    """A criterion or action whose ``value`` (an id, or a text) is chosen in « Valeur »
    (names grouped by kind) or typed in « Texte »; the admin's script shows only the
    options that fit the chosen field or action."""

    picked = forms.ChoiceField(label=_("Valeur"), required=False)
    text = forms.CharField(label=_("Texte"), required=False, max_length=500)
    kind_field = ""  # the model field that decides the namespace
    namespaces: dict[str, Any] = {}

    def __init__(self, *args: Any, choices: list | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        picked = self.fields["picked"]
        assert isinstance(picked, forms.ChoiceField)
        picked.choices = choices or []
        picked.widget.attrs["data-rule-namespaces"] = json.dumps(self.namespaces)
        kind = getattr(self.instance, self.kind_field, "") if self.instance.pk else ""
        ns = self.namespaces.get(kind)
        if ns == TEXT:
            self.initial["text"] = self.instance.value
        elif ns:
            self.initial["picked"] = f"{ns}:{self.instance.value}"

    def _update_errors(self, errors: Any) -> None:
        """The model's errors on ``value`` belong to the control the value came from (once)."""
        error_dict = getattr(errors, "error_dict", None)
        if error_dict and "value" in error_dict:
            target = "text" if self._ns == TEXT else "picked"
            moved = error_dict.pop("value")
            if not self.has_error(target):
                error_dict.setdefault(target, []).extend(moved)
            if not error_dict:
                return
        super()._update_errors(errors)  # type: ignore[misc]

    _ns: str | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get(self.kind_field)
        if not kind:
            return data
        ns = self._ns = self.namespaces.get(kind)
        if ns is None:
            self.instance.value = ""
        elif ns == TEXT:
            if not (data.get("text") or "").strip():
                self.add_error("text", _("Indiquez le texte à comparer."))
            self.instance.value = data.get("text") or ""
        else:
            prefix, _sep, pk = (data.get("picked") or "").partition(":")
            if prefix != ns or not pk.isdigit():
                self.add_error(
                    "picked",
                    _("Choisissez une valeur parmi : %s.") % rule_labels.NAMESPACE_LABELS[ns],
                )
            self.instance.value = pk
        return data


class CriterionForm(_PickedValueForm):
    kind_field = "field"
    namespaces = CRITERION_NAMESPACES

    class Meta:
        model = RuleCriterion
        fields = ["field", "operator", "picked", "text"]


class ActionForm(_PickedValueForm):
    kind_field = "kind"
    namespaces = ACTION_NAMESPACES

    class Meta:
        model = RuleAction
        fields = ["kind", "picked", "text"]


class _PickedFormSet(LabelledInlineFormSet):
    """The pickers' choices, built once for every row (a few queries per page)."""

    namespaces: set[str] = set()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rule = self.instance
        if rule.pk:  # each row's title in words, not ids
            names = rule_labels.Names([rule])
            for obj in self.get_queryset():
                description = (
                    rule_labels.describe_criterion(obj, names)
                    if isinstance(obj, RuleCriterion)
                    else rule_labels.describe_action(obj, names)
                )
                obj.__dict__["description"] = description

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        if not hasattr(self, "_choices"):
            self._choices = rule_labels.grouped_choices(sorted(self.namespaces))
        return {**super().get_form_kwargs(index), "choices": self._choices}


class CriterionFormSet(_PickedFormSet):
    namespaces = {ns for ns in CRITERION_NAMESPACES.values() if ns != TEXT}


class ActionFormSet(_PickedFormSet):
    namespaces = {ns for ns in ACTION_NAMESPACES.values() if ns and ns != TEXT}


class CriterionInline(admin.TabularInline):
    model = RuleCriterion
    form = CriterionForm
    formset = CriterionFormSet
    extra = 1


class ActionInline(admin.TabularInline):
    model = RuleAction
    form = ActionForm
    formset = ActionFormSet
    extra = 1


class RuleTesterForm(forms.Form):
    """A sample ticket, as the create form would make it (GET: nothing is written)."""

    rule = forms.IntegerField(widget=forms.HiddenInput, required=False)
    entity = forms.ModelChoiceField(
        label=_("Entité"),
        queryset=rule_labels.Entity.objects.order_by("full_name"),
        empty_label="—",
    )
    category = forms.ModelChoiceField(
        label=_("Catégorie"),
        queryset=Category.objects.order_by("full_name"),
        required=False,
        empty_label="—",
    )
    type = forms.TypedChoiceField(
        label=_("Type"), choices=rule_labels.TicketType.choices, coerce=int, initial=1
    )
    urgency = forms.TypedChoiceField(
        label=_("Urgence"), choices=rule_labels.URGENCIES, coerce=int, initial=3
    )
    title = forms.CharField(label=_("Titre"), required=False, max_length=255)
    content = forms.CharField(
        label=_("Description"), required=False, max_length=10_000, widget=forms.Textarea
    )
    requester = forms.ModelChoiceField(
        label=_("Demandeur"),
        queryset=rule_labels.User.objects.filter(is_active=True).order_by(
            "last_name", "first_name", "username"
        ),
        required=False,
        empty_label="—",
        help_text=_("Ses groupes comptent pour le critère « Groupe du demandeur »."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("entity", "category"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.label_from_instance = lambda obj: obj.full_name  # type: ignore[method-assign]
        self.fields["content"].widget.attrs.update(rows=3, cols=60)


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ["ranking", "name", "entity", "in_words", "trigger", "is_active"]
    list_display_links = ["name"]
    list_editable = ["ranking", "is_active"]
    inlines = [CriterionInline, ActionInline]
    autocomplete_fields = ["entity"]
    readonly_fields = ["summary"]
    fields = [
        "name",
        "description",
        "entity",
        "is_recursive",
        "ranking",
        "is_active",
        "match",
        "trigger",
        "summary",
    ]
    change_form_template = "admin/tickets/rule/change_form.html"

    class Media:
        js = ["escalade/admin_rules.js"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("criteria", "actions")

    def get_changelist_form(self, request: HttpRequest, **kwargs: Any) -> Any:
        """The list's editable rank and « active » named for screen readers (rule by rule)."""
        base = super().get_changelist_form(request, **kwargs)

        class Labelled(base):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **kw: Any) -> None:
                super().__init__(*args, **kw)
                for field in self.fields.values():
                    field.widget.attrs["aria-label"] = f"{field.label} ({self.instance})"

        return Labelled

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        """The page's rules in words, their names fetched once for the whole page."""
        changelist = super().get_changelist_instance(request)
        names = rule_labels.Names(changelist.result_list)
        for rule in changelist.result_list:
            rule.__dict__["in_words"] = self._in_words(rule, names)
        return changelist

    @admin.display(description=_("En clair"))
    def in_words(self, rule: Rule) -> str:
        return rule.__dict__.get("in_words") or self._in_words(rule, rule_labels.Names([rule]))

    @admin.display(description=_("En clair"))
    def summary(self, rule: Rule) -> str:
        if not rule.pk:
            return "—"
        return self._in_words(rule, rule_labels.Names([rule]))

    @staticmethod
    def _in_words(rule: Rule, names: rule_labels.Names) -> str:
        criteria = [rule_labels.describe_criterion(c, names) for c in rule.criteria.all()]
        actions = [rule_labels.describe_action(a, names) for a in rule.actions.all()]
        joiner = _(" et ") if rule.match == "and" else _(" ou ")
        return format_html(
            "<strong>{}</strong> {}<br><strong>{}</strong> {}",
            _("Si"),
            joiner.join(criteria) or "—",
            _("alors"),
            " ; ".join(actions) or "—",
        )

    def get_urls(self) -> list:
        tester = path(
            "tester/",
            self.admin_site.admin_view(self.tester_view),
            name="tickets_rule_tester",
        )
        return [tester, *super().get_urls()]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None
    ) -> HttpResponse:
        rule = self.get_object(request, object_id)
        initial: dict[str, Any] = {"rule": object_id}
        if rule is not None:
            initial["entity"] = rule.entity_id
        extra = {
            **(extra_context or {}),
            "tester_form": RuleTesterForm(initial=initial, auto_id="test_%s"),
        }
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def tester_view(self, request: HttpRequest) -> HttpResponse:
        """« Tester cette règle »: which rules a sample ticket would match, and what they
        would do. A dry run of the engine: nothing is written. Only for who may see the
        rules in the admin; anyone else gets the answer of a page that does not exist."""
        if not self.has_view_permission(request):
            raise Http404
        form = RuleTesterForm(request.GET or None, auto_id="test_%s")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Tester les règles métier"),
            "form": form,
            "media": self.media + form.media,
        }
        if form.is_valid():
            context.update(_dry_run_context(form.cleaned_data))
        return TemplateResponse(request, "admin/tickets/rule/tester.html", context)


def _why_not_examined(rule: Rule, entity: Any, *, stopped: bool) -> str:
    from escalade.tickets.models import RuleTrigger

    if not rule.is_active:
        return str(_("Cette règle est inactive : elle n'est pas examinée."))
    if rule.trigger == RuleTrigger.UPDATE:
        return str(_("Cette règle n'est examinée qu'à la mise à jour d'un ticket."))
    covered = rule.entity_id == entity.pk or (
        rule.is_recursive and f"/{rule.entity_id}/" in entity.path
    )
    if not covered:
        return str(
            _(
                "Cette règle ne couvre pas l'entité « %(entity)s » "
                "(elle vaut pour « %(own)s »%(sub)s)."
            )
            % {
                "entity": entity.full_name,
                "own": rule.entity.full_name,
                "sub": _(" et ses sous-entités") if rule.is_recursive else "",
            }
        )
    if stopped:
        return str(_("Une règle précédente arrête l'évaluation : celle-ci n'est pas examinée."))
    return str(_("Cette règle n'a aucun critère : elle n'est jamais appliquée."))


def _dry_run_context(data: dict[str, Any]) -> dict[str, Any]:
    from escalade.tickets import rules

    requester = data.get("requester")
    group_ids = set(requester.support_groups.values_list("pk", flat=True)) if requester else set()
    result = rules.dry_run(
        entity=data["entity"],
        category=data.get("category"),
        type=data["type"],
        urgency=data["urgency"],
        title=data.get("title") or "",
        content=data.get("content") or "",
        requester_group_ids=group_ids,
    )
    draft = result.draft
    tested = Rule.objects.filter(pk=data["rule"]).first() if data.get("rule") else None
    extra: dict[str, set[int]] = {
        "group": {*draft.assign_group_ids, *draft.observer_group_ids},
        "user": {*draft.assign_user_ids, *draft.observer_user_ids},
        "category": {draft.category_id} if draft.category_id else set(),
        "slm": set(draft.set_slm_ids),
    }
    if result.category_group_id:
        extra["group"].add(result.category_group_id)
    names = rule_labels.Names([t.rule for t in result.traces], extra=extra)
    traces = [
        {
            "rule": t.rule,
            "url": reverse("admin:tickets_rule_change", args=[t.rule.pk]),
            "matched": t.matched,
            "stopped": t.stopped,
            "is_tested": tested is not None and t.rule.pk == tested.pk,
            "criteria": [(rule_labels.describe_criterion(c, names), ok) for c, ok in t.criteria],
            "actions": [rule_labels.describe_action(a, names) for a in t.actions],
        }
        for t in result.traces
    ]
    tested_trace = next((t for t in traces if t["is_tested"]), None)
    reason = ""
    if tested is not None and tested_trace is None:
        reason = _why_not_examined(
            tested, data["entity"], stopped=any(t.stopped for t in result.traces)
        )

    def named(ns: str, ids: list[int]) -> list[str]:
        return [names.name(ns, str(pk)) for pk in ids]

    outcome = {
        "assigned_groups": named("group", draft.assign_group_ids),
        "assigned_users": named("user", draft.assign_user_ids),
        "observer_groups": named("group", draft.observer_group_ids),
        "observer_users": named("user", draft.observer_user_ids),
        "category": names.name("category", str(draft.category_id)) if draft.category_id else "—",
        "urgency": names.name("urgency", str(draft.urgency)),
        "type": names.name("type", str(draft.type)),
        "slms": named("slm", draft.set_slm_ids[-1:]),
        "category_group": names.name("group", str(result.category_group_id))
        if result.category_group_id
        else "",
    }
    return {
        "ran": True,
        "traces": traces,
        "tested": tested,
        "tested_trace": tested_trace,
        "tested_reason": reason,
        "outcome": outcome,
    }


class EventInline(admin.TabularInline):
    model = TicketEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "kind", "data"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Read-only: tickets change only through the workflow (pages, API, mail)."""

    list_display = ["pk", "title", "status", "entity", "category", "updated_at"]
    list_filter = ["status", "type"]
    search_fields = ["title"]
    inlines = [EventInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

"""Forms of the knowledge base: shapes only, the workflow enforces the rules."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from escalade.accounts.models import Profile
from escalade.accounts.who import Who
from escalade.knowbase import access
from escalade.knowbase.models import Article
from escalade.knowbase.workflow import Targets
from escalade.tickets import access as ticket_access
from escalade.tickets import richtext
from escalade.tickets.forms import MultipleFileField


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"


DATETIME = DateTimeLocal(format="%Y-%m-%dT%H:%M")


def _local(value: Any) -> str | None:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M") if value else None


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)
    categorie = forms.TypedChoiceField(
        label=_("Catégorie"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, who: Who, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["categorie"]).choices = [
            ("", _("Toutes")),
            *[(c.pk, c.full_name) for c in access.visible_categories(who)],
        ]


class ArticleForm(forms.Form):
    name = forms.CharField(label=_("Sujet"), max_length=255)
    answer = forms.CharField(
        label=_("Réponse"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Texte, ou HTML simple (titres, listes, liens, tableaux) : il est nettoyé."),
        strip=False,
    )
    is_faq = forms.BooleanField(label=_("Publier dans la FAQ"), required=False)
    categories = forms.TypedMultipleChoiceField(label=_("Catégories"), required=False, coerce=int)
    begin_date = forms.DateTimeField(
        label=_("Visible à partir du"), required=False, widget=DATETIME
    )
    end_date = forms.DateTimeField(label=_("Visible jusqu'au"), required=False, widget=DATETIME)
    entities = forms.TypedMultipleChoiceField(
        label=_("Cibles : entités"), required=False, coerce=int
    )
    entities_recursive = forms.BooleanField(
        label=_("Entités cibles : sous-entités incluses"), required=False, initial=True
    )
    groups = forms.TypedMultipleChoiceField(label=_("Cibles : groupes"), required=False, coerce=int)
    profiles = forms.TypedMultipleChoiceField(
        label=_("Cibles : profils"), required=False, coerce=int
    )
    users = forms.TypedMultipleChoiceField(
        label=_("Cibles : utilisateurs"), required=False, coerce=int
    )
    attachments = MultipleFileField(label=_("Documents joints"))

    def __init__(self, *args: Any, who: Who, article: Article | None = None, **kwargs: Any):
        if article is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_of(article)
        super().__init__(*args, **kwargs)
        self.who = who
        self.pick_categories = {c.pk: c for c in access.visible_categories(who)}
        self.pick_entities = {e.pk: e for e in ticket_access.visible_entities(who)}
        self.pick_groups = {g.pk: g for g in ticket_access.visible_groups(who)}
        self.pick_profiles = {p.pk: p for p in Profile.objects.all()}
        self.pick_users = {u.pk: u for u in ticket_access.visible_users(who)}
        if article is not None:
            # Targets already there stay choosable, even outside the editor's pickers.
            for t in article.entity_targets.select_related("entity"):
                self.pick_entities.setdefault(t.entity_id, t.entity)
            for g in article.group_targets.select_related("group"):
                self.pick_groups.setdefault(g.group_id, g.group)
            for u in article.user_targets.select_related("user"):
                self.pick_users.setdefault(u.user_id, u.user)
        self._choices("categories").choices = [
            (k, v.full_name) for k, v in self.pick_categories.items()
        ]
        self._choices("entities").choices = [
            (k, v.full_name) for k, v in self.pick_entities.items()
        ]
        self._choices("groups").choices = [(k, v.name) for k, v in self.pick_groups.items()]
        self._choices("profiles").choices = [(k, v.name) for k, v in self.pick_profiles.items()]
        self._choices("users").choices = [(k, str(v)) for k, v in self.pick_users.items()]
        if not access.can_publish_faq(who):
            del self.fields["is_faq"]

    def _choices(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def targets(self) -> Targets:
        data = self.cleaned_data
        recursive = bool(data.get("entities_recursive"))
        return Targets(
            entities=[(self.pick_entities[pk], recursive) for pk in data.get("entities") or []],
            groups=[(self.pick_groups[pk], None, False) for pk in data.get("groups") or []],
            profiles=[(self.pick_profiles[pk], None, False) for pk in data.get("profiles") or []],
            users=[self.pick_users[pk] for pk in data.get("users") or []],
        )

    def chosen_categories(self) -> list:
        return [self.pick_categories[pk] for pk in self.cleaned_data.get("categories") or []]


def initial_of(article: Article) -> dict[str, Any]:
    entity_targets = list(article.entity_targets.all())
    return {
        "name": article.name,
        "answer": article.answer,
        "is_faq": article.is_faq,
        "categories": [c.pk for c in article.categories.all()],
        "begin_date": _local(article.begin_date),
        "end_date": _local(article.end_date),
        "entities": [t.entity_id for t in entity_targets],
        "entities_recursive": any(t.is_recursive for t in entity_targets) or not entity_targets,
        "groups": [t.group_id for t in article.group_targets.all()],
        "profiles": [t.profile_id for t in article.profile_targets.all()],
        "users": [t.user_id for t in article.user_targets.all()],
    }


def plain(value: str) -> str:
    return richtext.to_plain(value)

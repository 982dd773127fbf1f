"""GLPI's knowledge base item types on the legacy API, with GLPI 10's field names:
``KnowbaseItem`` (read, add, update, delete), ``KnowbaseItemCategory`` (read), and the
targets ``Entity_KnowbaseItem``, ``Group_KnowbaseItem``, ``KnowbaseItem_Profile``,
``KnowbaseItem_User`` (read, add, delete: listed for the articles the caller may edit).

As in GLPI 10, the item has no category column: ``knowbaseitemcategories_id`` (one id or
a list) is accepted on add and update, and read back as ``_categories``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from escalade.accounts.models import Profile
from escalade.core import parsing
from escalade.glpi import items
from escalade.glpi.http import GlpiError, as_list, boolean
from escalade.glpi.items import Ctx, ItemType, date
from escalade.knowbase import access, workflow
from escalade.knowbase.models import (
    Article,
    EntityTarget,
    GroupTarget,
    KnowbaseCategory,
    ProfileTarget,
    UserTarget,
)
from escalade.tickets import access as ticket_access
from escalade.tickets.errors import InvalidInput

# GLPI 10.0.15's columns (install/mysql/glpi-empty.sql), in its order.
COLUMNS: dict[str, tuple[str, list[str]]] = {
    "KnowbaseItem": (
        "glpi_knowbaseitems",
        [
            "id",
            "name",
            "answer",
            "is_faq",
            "users_id",
            "view",
            "date_creation",
            "date_mod",
            "begin_date",
            "end_date",
        ],
    ),
    "KnowbaseItemCategory": (
        "glpi_knowbaseitemcategories",
        [
            "id",
            "entities_id",
            "is_recursive",
            "knowbaseitemcategories_id",
            "name",
            "completename",
            "comment",
            "level",
            "sons_cache",
            "ancestors_cache",
            "date_mod",
            "date_creation",
        ],
    ),
    "Entity_KnowbaseItem": (
        "glpi_entities_knowbaseitems",
        ["id", "knowbaseitems_id", "entities_id", "is_recursive"],
    ),
    "Group_KnowbaseItem": (
        "glpi_groups_knowbaseitems",
        [
            "id",
            "knowbaseitems_id",
            "groups_id",
            "entities_id",
            "is_recursive",
            "no_entity_restriction",
        ],
    ),
    "KnowbaseItem_Profile": (
        "glpi_knowbaseitems_profiles",
        [
            "id",
            "knowbaseitems_id",
            "profiles_id",
            "entities_id",
            "is_recursive",
            "no_entity_restriction",
        ],
    ),
    "KnowbaseItem_User": ("glpi_knowbaseitems_users", ["id", "knowbaseitems_id", "users_id"]),
}


def _moment(data: dict[str, Any], key: str) -> Any:
    value = data.get(key)
    if value in (None, "", "NULL", "null"):
        return None
    try:
        return parsing.moment(value)
    except parsing.BadValue as error:
        raise InvalidInput(f"{key} : {error.message}", field=key) from None


def _number(value: Any, key: str) -> int:
    try:
        return parsing.integer(value if isinstance(value, int) else str(value))
    except parsing.BadValue as error:
        raise InvalidInput(f"{key} : {error.message}", field=key) from None


def _categories(ctx: Ctx, value: Any) -> list[KnowbaseCategory]:
    ids = [_number(v, "knowbaseitemcategories_id") for v in as_list(value)]
    ids = [i for i in ids if i]
    found = {c.pk: c for c in access.visible_categories(ctx.who).filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise InvalidInput(
            _("Catégorie introuvable : %s") % missing[0], field="knowbaseitemcategories_id"
        )
    return [found[i] for i in ids]


class KnowbaseItemType(ItemType):
    name = "KnowbaseItem"
    model = Article
    sort_fields = {
        "id": "pk",
        "name": "name",
        "date_mod": "updated_at",
        "date_creation": "created_at",
        "view": "views",
        "is_faq": "is_faq",
    }
    text_fields = {"name": "name", "answer": "answer"}
    read_only = False

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_articles(ctx.who)

    def prepare(self, queryset: QuerySet) -> QuerySet:
        return queryset.prefetch_related("categories")

    def fields(self, ctx: Ctx, a: Article) -> dict[str, Any]:
        return {
            "id": a.pk,
            "name": a.name,
            "answer": items._html(ctx, a.answer),
            "is_faq": int(a.is_faq),
            "users_id": a.author_id or 0,
            "view": a.views,
            "date_creation": date(a.created_at),
            "date_mod": date(a.updated_at),
            "begin_date": date(a.begin_date),
            "end_date": date(a.end_date),
            "_categories": [c.pk for c in a.categories.all()],
        }

    def add(self, ctx: Ctx, data: dict[str, Any]) -> int:
        return workflow.create_article(
            by=ctx.who,
            name=str(data.get("name") or ""),
            answer=str(data.get("answer") or ""),
            is_faq=boolean(data.get("is_faq")),
            categories=_categories(ctx, data.get("knowbaseitemcategories_id")),
            begin_date=_moment(data, "begin_date"),
            end_date=_moment(data, "end_date"),
        ).pk

    def update(self, ctx: Ctx, pk: Any, data: dict[str, Any]) -> None:
        article = self.get(ctx, pk)
        if not access.can_edit(ctx.who, article):
            raise GlpiError("ERROR_RIGHT_MISSING", _("Vous ne pouvez pas modifier cet article."))
        changes: dict[str, Any] = {}
        for key in ("name", "answer"):
            if key in data:
                changes[key] = str(data.get(key) or "")
        if "is_faq" in data:
            changes["is_faq"] = boolean(data.get("is_faq"))
        for key in ("begin_date", "end_date"):
            if key in data:
                changes[key] = _moment(data, key)
        if "knowbaseitemcategories_id" in data:
            changes["categories"] = _categories(ctx, data["knowbaseitemcategories_id"])
        workflow.update_article(article, by=ctx.who, **changes)

    def delete(self, ctx: Ctx, pk: Any, *, purge: bool) -> None:
        article = self.get(ctx, pk)
        if not access.can_edit(ctx.who, article):
            raise GlpiError("ERROR_RIGHT_MISSING", _("Vous ne pouvez pas supprimer cet article."))
        workflow.delete_article(article, by=ctx.who)


class KnowbaseItemCategoryType(ItemType):
    name = "KnowbaseItemCategory"
    model = KnowbaseCategory
    sort_fields = {"id": "pk", "name": "name", "completename": "full_name", "level": "level"}
    text_fields = {"name": "name", "completename": "full_name", "comment": "comment"}

    def queryset(self, ctx: Ctx) -> QuerySet:
        return access.visible_categories(ctx.who)

    def fields(self, ctx: Ctx, c: KnowbaseCategory) -> dict[str, Any]:
        return {
            "id": c.pk,
            "entities_id": c.entity_id,
            "is_recursive": int(c.is_recursive),
            "knowbaseitemcategories_id": c.parent_id or 0,
            "name": c.name,
            "completename": c.full_name,
            "comment": c.comment,
            "level": c.level + 1,
            "sons_cache": None,
            "ancestors_cache": None,
            "date_mod": None,
            "date_creation": None,
        }


class _TargetType(ItemType):
    """A target row, for the articles the caller may edit."""

    read_only = False
    target_model: type[Model]

    def queryset(self, ctx: Ctx) -> QuerySet:
        editable = access.editable_articles(ctx.who).values("pk")
        return self.target_model._default_manager.filter(article__in=editable)

    def article(self, ctx: Ctx, data: dict[str, Any]) -> Article:
        number = _number(data.get("knowbaseitems_id") or 0, "knowbaseitems_id")
        article = access.editable_articles(ctx.who).filter(pk=number).first()
        if article is None:
            raise GlpiError("ERROR_ITEM_NOT_FOUND", _("Élément introuvable."))
        return article

    def build(self, ctx: Ctx, data: dict[str, Any]) -> Model:
        raise NotImplementedError

    def add(self, ctx: Ctx, data: dict[str, Any]) -> int:
        article = self.article(ctx, data)
        return workflow.add_target(article, by=ctx.who, target=self.build(ctx, data)).pk  # type: ignore[attr-defined]

    def delete(self, ctx: Ctx, pk: Any, *, purge: bool) -> None:
        workflow.remove_target(self.get(ctx, pk), by=ctx.who)


def _entity(ctx: Ctx, data: dict[str, Any], *, required: bool) -> Any:
    value = data.get("entities_id")
    if value in (None, "", -1, "-1") and not required:
        return None
    entity = (
        ticket_access.visible_entities(ctx.who)
        .filter(pk=_number(value or 0, "entities_id"))
        .first()
    )
    if entity is None:
        raise InvalidInput(_("Entité introuvable ou inactive : %s") % value, field="entities_id")
    return entity


class EntityKnowbaseItemType(_TargetType):
    name = "Entity_KnowbaseItem"
    model = target_model = EntityTarget

    def fields(self, ctx: Ctx, t: EntityTarget) -> dict[str, Any]:
        return {
            "id": t.pk,
            "knowbaseitems_id": t.article_id,
            "entities_id": t.entity_id,
            "is_recursive": int(t.is_recursive),
        }

    def build(self, ctx: Ctx, data: dict[str, Any]) -> Model:
        return EntityTarget(
            entity=_entity(ctx, data, required=True), is_recursive=boolean(data.get("is_recursive"))
        )


def _restricted(t: GroupTarget | ProfileTarget) -> dict[str, Any]:
    return {
        "entities_id": t.entity_id,
        "is_recursive": int(t.is_recursive),
        "no_entity_restriction": int(t.entity_id is None),
    }


def _restriction(ctx: Ctx, data: dict[str, Any]) -> dict[str, Any]:
    if boolean(data.get("no_entity_restriction")):
        return {"entity": None, "is_recursive": False}
    return {
        "entity": _entity(ctx, data, required=False),
        "is_recursive": boolean(data.get("is_recursive")),
    }


class GroupKnowbaseItemType(_TargetType):
    name = "Group_KnowbaseItem"
    model = target_model = GroupTarget

    def fields(self, ctx: Ctx, t: GroupTarget) -> dict[str, Any]:
        return {
            "id": t.pk,
            "knowbaseitems_id": t.article_id,
            "groups_id": t.group_id,
            **_restricted(t),
        }

    def build(self, ctx: Ctx, data: dict[str, Any]) -> Model:
        group = items.pick_groups(ctx.who, [_number(data.get("groups_id") or 0, "groups_id")])[0]
        return GroupTarget(group=group, **_restriction(ctx, data))


class KnowbaseItemProfileType(_TargetType):
    name = "KnowbaseItem_Profile"
    model = target_model = ProfileTarget

    def fields(self, ctx: Ctx, t: ProfileTarget) -> dict[str, Any]:
        return {
            "id": t.pk,
            "knowbaseitems_id": t.article_id,
            "profiles_id": t.profile_id,
            **_restricted(t),
        }

    def build(self, ctx: Ctx, data: dict[str, Any]) -> Model:
        number = _number(data.get("profiles_id") or 0, "profiles_id")
        profile = Profile.objects.filter(pk=number).first()
        if profile is None:
            raise InvalidInput(_("Profil introuvable : %s") % number, field="profiles_id")
        return ProfileTarget(profile=profile, **_restriction(ctx, data))


class KnowbaseItemUserType(_TargetType):
    name = "KnowbaseItem_User"
    model = target_model = UserTarget

    def fields(self, ctx: Ctx, t: UserTarget) -> dict[str, Any]:
        return {"id": t.pk, "knowbaseitems_id": t.article_id, "users_id": t.user_id}

    def build(self, ctx: Ctx, data: dict[str, Any]) -> Model:
        user = items.pick_users(ctx.who, [_number(data.get("users_id") or 0, "users_id")])[0]
        return UserTarget(user=user)


ITEMTYPES: list[ItemType] = [
    KnowbaseItemType(),
    KnowbaseItemCategoryType(),
    EntityKnowbaseItemType(),
    GroupKnowbaseItemType(),
    KnowbaseItemProfileType(),
    KnowbaseItemUserType(),
]


def register() -> None:
    for item in ITEMTYPES:
        items.ITEMTYPES[item.name.lower()] = item

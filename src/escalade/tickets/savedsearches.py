"""The writer of saved searches (Recherches sauvegardées): save and delete, nothing else.

A saved search is the list page's query string under a name. It is personal, or shared in
one entity (and its sub-entities if chosen): only those who work there see it, and only a
profile with the right ``savedsearch.share`` shares, in an entity of ``access.share_entities``.
"""

from __future__ import annotations

from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from escalade.accounts.models import Entity
from escalade.accounts.rights import Right
from escalade.accounts.who import Who
from escalade.core import parsing
from escalade.tickets import access
from escalade.tickets.errors import Forbidden, InvalidInput
from escalade.tickets.models import SavedSearch

QUERY_MAX = 2000


def save_search(
    *,
    by: Who,
    name: str,
    query: str,
    share_in: Entity | int | None = None,
    recursive: bool = False,
) -> SavedSearch:
    """A new saved search of ``by``; shared in ``share_in`` when given (needs the right)."""
    try:
        name = parsing.text(str(name or "").strip(), max_length=100, required=True)
    except parsing.BadValue:
        raise InvalidInput(
            _("Donnez un nom à la recherche (100 caractères au plus)."), field="name"
        ) from None
    # Stored and replayed only as a query string of the list page, re-encoded.
    encoded = QueryDict(str(query or "")).urlencode()
    if len(encoded) > QUERY_MAX:
        raise InvalidInput(
            _("Cette recherche est trop longue pour être enregistrée."), field="query"
        )
    entity: Entity | None = None
    if share_in not in (None, ""):
        if not by.has(Right.SAVED_SEARCH_SHARE):
            raise Forbidden(_("Votre profil ne permet pas de partager une recherche."))
        pk = share_in.pk if isinstance(share_in, Entity) else share_in
        try:
            entity = access.share_entities(by).filter(pk=parsing.object_id(pk)).first()
        except parsing.BadValue:
            entity = None
        if entity is None:
            raise InvalidInput(_("Entité de partage introuvable."), field="entity")
    with transaction.atomic():
        return SavedSearch.objects.create(
            owner=by.user,
            name=name,
            query=encoded,
            is_shared=entity is not None,
            entity=entity,
            is_recursive=bool(recursive) and entity is not None,
        )


def delete_search(search: SavedSearch, *, by: Who) -> None:
    """Only its owner deletes a saved search (``access.get_saved_search_to_delete``)."""
    if search.owner_id != by.user.pk:
        raise Forbidden(_("Seul son auteur peut supprimer cette recherche."))
    search.delete()

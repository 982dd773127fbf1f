"""Shared saved searches stay in their tenant.

A shared search belongs to an entity (and its sub-entities if chosen): only those who work
there see it — its name and its query, which can hold a pupil's name. Sharing needs the
right ``savedsearch.share``, in an entity of the sharer's own. The writer is
``tickets.savedsearches``; the page only calls it.
"""

from __future__ import annotations

import pytest

from escalade.accounts.models import Entity
from escalade.accounts.rights import Right
from escalade.tickets import access, savedsearches
from escalade.tickets.errors import Forbidden, InvalidInput
from escalade.tickets.models import SavedSearch
from tests.conftest import as_
from tests.security.conftest import web

PUPIL = "onglet=tous&f=title&o=contains&v=Lucas+Martin"


def share(demo, client, name: str, entity: Entity, *, recursive: bool):
    data = {"name": name, "query": PUPIL, "share_in": entity.pk}
    if recursive:
        data["recursive"] = "on"
    return client.post("/recherches/", data)


def test_a_shared_search_is_seen_in_its_entity_only(demo, outsider):
    referent = web(demo, "referent.lsu", demo.referent_profile)
    share(demo, referent, "Élève Lucas Martin", demo.academie, recursive=True)
    saved = SavedSearch.objects.get()
    assert (saved.entity, saved.is_recursive, saved.is_shared) == (demo.academie, True, True)

    colleague = web(demo, "referent2.lsu", demo.referent_profile).get("/tickets/")
    assert "Élève Lucas Martin" in colleague.content.decode()
    page = web(demo, "tech.bzh").get("/tickets/").content.decode()
    assert "Élève Lucas Martin" not in page and "Lucas+Martin" not in page
    assert saved not in access.visible_saved_searches(outsider)


def test_sub_entities_see_it_only_when_chosen(demo, chef):
    other = as_(demo, "referent2.lsu", "Référent fonctionnel")
    owner = as_(demo, "referent.lsu", "Référent fonctionnel")
    here = savedsearches.save_search(
        by=owner, name="Académie seule", query=PUPIL, share_in=demo.academie
    )
    below = savedsearches.save_search(
        by=owner, name="Et dessous", query=PUPIL, share_in=demo.academie, recursive=True
    )

    assert set(access.visible_saved_searches(other)) >= {here, below}
    seen_in_college = set(access.visible_saved_searches(chef))  # chef works in the collège
    assert below in seen_in_college and here not in seen_in_college


def test_sharing_needs_the_right(demo):
    demo.referent_profile.rights = [
        r for r in demo.referent_profile.rights if r != Right.SAVED_SEARCH_SHARE
    ]
    demo.referent_profile.save()
    referent = web(demo, "referent.lsu", demo.referent_profile)

    response = share(demo, referent, "Élève Lucas Martin", demo.academie, recursive=True)

    assert response.status_code == 302
    page = referent.get(response["Location"]).content.decode()
    assert "ne permet pas de partager" in page
    assert not SavedSearch.objects.exists()
    assert 'name="share_in"' not in page  # no control offered without the right


def test_requesters_cannot_share(demo, chef):
    with pytest.raises(Forbidden):
        savedsearches.save_search(by=chef, name="x", query=PUPIL, share_in=demo.college)
    assert not SavedSearch.objects.exists()


def test_sharing_outside_ones_entities_is_refused(demo, outsider):
    referent = as_(demo, "referent.lsu", "Référent fonctionnel")
    bretagne = Entity.objects.get(name="Académie de Bretagne")

    with pytest.raises(InvalidInput):
        savedsearches.save_search(by=referent, name="x", query=PUPIL, share_in=bretagne)
    with pytest.raises(InvalidInput):
        savedsearches.save_search(
            by=referent, name="x", query=PUPIL, share_in="99999999999999999999"
        )
    assert not SavedSearch.objects.exists()


def test_the_share_control_offers_the_profiles_entities_only(demo, outsider):
    page = web(demo, "referent.lsu", demo.referent_profile).get("/tickets/").content.decode()

    assert 'name="share_in"' in page
    assert f'<option value="{demo.academie.pk}">' in page
    assert "Académie de Bretagne" not in page


def test_personal_searches_stay_personal(demo):
    referent = web(demo, "referent.lsu", demo.referent_profile)
    referent.post("/recherches/", {"name": "Les miens", "query": "onglet=mes"})

    saved = SavedSearch.objects.get()
    assert (saved.is_shared, saved.entity) == (False, None)
    page = web(demo, "referent2.lsu", demo.referent_profile).get("/tickets/").content.decode()
    assert "Les miens" not in page


def test_the_list_page_reads_saved_searches_in_constant_queries(
    demo, django_assert_max_num_queries
):
    owner = as_(demo, "referent.lsu", "Référent fonctionnel")
    client = web(demo, "referent2.lsu", demo.referent_profile)
    savedsearches.save_search(by=owner, name="s0", query=PUPIL, share_in=demo.academie)
    client.get("/tickets/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/tickets/")
    for n in range(1, 8):
        savedsearches.save_search(by=owner, name=f"s{n}", query=PUPIL, share_in=demo.academie)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get("/tickets/").content.decode()
    assert "s7" in page

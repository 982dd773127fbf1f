"""Pages do not embed the whole directory: users are found by search, entities through the
chooser page; the SQL and the HTML of a page do not grow with the users or entities."""

from __future__ import annotations

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from escalade.accounts.models import Entity, ProfileGrant, SupportGroup, User
from escalade.tickets.models import Role, TicketActor
from escalade.tickets.parties import SEARCH_LIMIT


def add_users(demo, count: int, *, last_name: str = "Martin", entity=None) -> list[User]:
    """Requesters of the académie (pickable as actors by the referents)."""
    users = []
    start = User.objects.count()
    for number in range(start, start + count):
        user = User.objects.create_user(
            f"user{number}",
            email=f"user{number}@example.org",
            first_name=f"Prénom{number}",
            last_name=last_name,
        )
        ProfileGrant.objects.create(
            user=user, profile=demo.self_service, entity=entity or demo.academie, is_default=True
        )
        users.append(user)
    return users


def same_page(a: str, b: str) -> bool:
    """Equal but for per-response CSRF tokens and the header's « next » fields."""

    def clean(page: str) -> str:
        page = re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", page)
        return re.sub(r'(name="next" value=")[^"]*', r"\1", page)

    return clean(a) == clean(b)


def user_values(html: str) -> set[str]:
    return set(re.findall(r'<option value="(u\d+)"', html))


def get(client: Client, url: str, data=None, **extra) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {}, **extra)
    assert response.status_code == 200, response.status_code
    return response.content.decode(), len(queries)


# --- The ticket page and "+" ---------------------------------------------------------------


def test_ticket_page_does_not_grow_with_the_users(referent_client, demo, lsu_ticket):
    add_users(demo, 5)
    page, few = get(referent_client, f"/tickets/{lsu_ticket.pk}/")
    others = add_users(demo, 60)
    page, many = get(referent_client, f"/tickets/{lsu_ticket.pk}/")
    assert many == few
    # Only the members of the ticket's groups come first in « + » (a few, never the others).
    members = {f"u{demo.users[login].pk}" for login in ("referent.lsu", "referent2.lsu")}
    assert user_values(page) == members
    assert not any(f"u{u.pk}" in page or u.first_name in page for u in others)
    # "+" still offers the groups, and says how to find a user.
    assert 'value="g' in page and "pour trouver un utilisateur" in page
    assert 'aria-label="Ajouter un acteur — Attribué à"' in page


def test_actor_search_returns_matching_users_only_and_a_few(referent_client, demo, lsu_ticket):
    add_users(demo, SEARCH_LIMIT + 5, last_name="Durand")
    add_users(demo, 3, last_name="Lefebvre")
    url = f"/tickets/{lsu_ticket.pk}/acteurs/recherche/"
    body, few = get(referent_client, url, {"role": Role.OBSERVER, "q": "durand"})
    assert len(user_values(body)) == SEARCH_LIMIT
    assert "Lefebvre" not in body and "précisez la recherche" in body
    body, _ = get(referent_client, url, {"role": Role.OBSERVER, "q": "lefeb"})
    assert len(user_values(body)) == 3 and "Durand" not in body
    # Every word must match, in the name, the login or the e-mail.
    body, _ = get(referent_client, url, {"role": Role.OBSERVER, "q": "karim benali"})
    assert user_values(body) == {f"u{demo.users['referent.lsu'].pk}"}
    body, _ = get(referent_client, url, {"role": Role.OBSERVER, "q": "tech.bai@example"})
    assert user_values(body) == {f"u{demo.users['tech.bai'].pk}"}
    body, _ = get(referent_client, url, {"role": Role.OBSERVER, "q": "karim dubois"})
    assert user_values(body) == set() and "Aucun utilisateur ni groupe ne correspond." in body
    add_users(demo, 40, last_name="Durand")
    assert get(referent_client, url, {"role": Role.OBSERVER, "q": "durand"})[1] == few


def test_actor_search_never_offers_users_outside_my_reach(referent_client, demo, lsu_ticket):
    elsewhere = Entity.objects.create(name="Académie de Bretagne")
    (foreign,) = add_users(demo, 1, last_name="Morvan", entity=elsewhere)
    foreign.is_active = True
    foreign.save()
    (inactive,) = add_users(demo, 1, last_name="Morvan")
    inactive.is_active = False
    inactive.save()
    body, _ = get(
        referent_client,
        f"/tickets/{lsu_ticket.pk}/acteurs/recherche/",
        {"role": Role.OBSERVER, "q": "morvan"},
    )
    assert user_values(body) == set()


def test_picked_user_is_added_and_one_outside_my_reach_is_refused_alike(
    referent_client, demo, lsu_ticket
):
    (found,) = add_users(demo, 1, last_name="Lemoine")
    url = f"/tickets/{lsu_ticket.pk}/acteurs/ajouter/"
    response = referent_client.post(url, {"role": Role.OBSERVER, "party": f"u{found.pk}"})
    assert response.status_code == 302
    assert TicketActor.objects.filter(ticket=lsu_ticket, role=Role.OBSERVER, user=found).exists()

    elsewhere = Entity.objects.create(name="Académie de Bretagne")
    (foreign,) = add_users(demo, 1, last_name="Morvan", entity=elsewhere)
    missing = User.objects.order_by("-pk").first().pk + 100
    no_observer = SupportGroup.objects.create(
        name="Sans observation", entity=demo.academie, may_be_observer=False
    )
    errors = set()
    for party in (f"u{foreign.pk}", f"u{missing}", f"g{no_observer.pk}", "x1", "u", ""):
        response = referent_client.post(url, {"role": Role.OBSERVER, "party": party})
        assert response.status_code == 400, party
        body = response.content.decode()
        errors.add("Choisissez un utilisateur ou un groupe proposé par la recherche." in body)
    assert errors == {True}
    assert set(TicketActor.objects.filter(ticket=lsu_ticket, role=Role.OBSERVER)) == {
        TicketActor.objects.get(ticket=lsu_ticket, role=Role.OBSERVER, user=found)
    }


def test_actor_search_outside_the_ticket_page_is_refused(chef_client, outsider_client, lsu_ticket):
    url = f"/tickets/{lsu_ticket.pk}/acteurs/recherche/"
    refused = chef_client.get(url, {"role": 3, "q": "karim"})
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "Vous ne pouvez pas modifier les acteurs" in page and "Benali" not in page
    # Out of reach: exactly the answer for a ticket that does not exist.
    hidden = outsider_client.get(url, {"role": 3, "q": "karim"})
    missing = outsider_client.get("/tickets/999999/acteurs/recherche/", {"role": 3, "q": "karim"})
    assert hidden.status_code == missing.status_code == 404
    assert same_page(hidden.content.decode(), missing.content.decode())
    assert "Benali" not in hidden.content.decode()


# --- The list's actor filter -----------------------------------------------------------------


def test_list_actor_row_embeds_the_chosen_user_only(tech_client, demo):
    users = add_users(demo, 30, last_name="Bernard")
    row = {"f": "assigned", "o": "is", "v": "mine"}  # Attribué à = Moi ou mes groupes
    page, few = get(tech_client, "/tickets/", row)
    assert '<option value="mine" selected>Moi ou mes groupes</option>' in page
    assert f'<option value="g{demo.dsi_bai.pk}">DSI-BAI</option>' in page
    assert user_values(page) == set() and "Bernard" not in page
    assert 'id="q-0"' in page and "/tickets/acteurs/" in page
    add_users(demo, 40, last_name="Bernard")
    assert get(tech_client, "/tickets/", row)[1] == few

    chosen = users[3]
    page, _ = get(tech_client, "/tickets/", {"f": "requester", "o": "is", "v": f"u{chosen.pk}"})
    assert user_values(page) == {f"u{chosen.pk}"}
    assert f'<option value="u{chosen.pk}" selected>' in page


def test_list_actor_search_returns_a_few_matching_options(tech_client, chef_client, demo):
    add_users(demo, SEARCH_LIMIT + 3, last_name="Bernard")
    elsewhere = Entity.objects.create(name="Académie de Bretagne")
    (foreign,) = add_users(demo, 1, last_name="Bernard", entity=elsewhere)
    body, _ = get(tech_client, "/tickets/acteurs/", {"q": "bernard"})
    assert len(user_values(body)) == SEARCH_LIMIT and f"u{foreign.pk}" not in body
    assert "Moi ou mes groupes" in body and "précisez la recherche" in body
    body, _ = get(tech_client, "/tickets/acteurs/", {"q": "dsi"})
    assert f'value="g{demo.dsi_bai.pk}"' in body and user_values(body) == set()
    # A requester's reach is themselves only.
    body, _ = get(chef_client, "/tickets/acteurs/", {"q": "bernard"})
    assert user_values(body) == set()
    body, _ = get(chef_client, "/tickets/acteurs/", {"q": "claire"})
    assert user_values(body) == {f"u{demo.users['chef.etab'].pk}"}


def test_list_actor_search_needs_a_profile(client, demo):
    answer = client.get("/tickets/acteurs/", {"q": "karim"})
    assert answer.status_code == 302 and "/compte/connexion/" in answer["Location"]
    assert b"Benali" not in answer.content  # sign in first: no option leaks


# --- The header's entity switcher --------------------------------------------------------


def add_entities(demo, count: int, prefix: str = "Établissement") -> list[Entity]:
    start = Entity.objects.count()
    return [
        Entity.objects.create(name=f"{prefix} {n:03d}", parent=demo.lycee)
        for n in range(start, start + count)
    ]


def test_header_keeps_the_select_for_a_few_entities(client_as, demo):
    page, _ = get(client_as("admin"), "/tickets/")
    assert 'id="entite-active"' in page and ">Toutes mes entités</option>" in page
    assert "/compte/entites/" not in page


def test_header_does_not_list_the_entities_when_there_are_many(client_as, demo):
    admin = client_as("admin")
    add_entities(demo, 70)  # past who.SMALL_REACH: both pages describe the reach by paths
    page, few = get(admin, "/tickets/")
    entities = add_entities(demo, 40)
    page, many = get(admin, "/tickets/")
    assert many == few
    assert '<select id="entite-active"' not in page and entities[0].name not in page
    assert 'href="/compte/entites/?next=/tickets/"' in page and "Changer d'entité" in page


def test_entity_chooser_filters_pages_and_switches(client_as, demo):
    from escalade.accounts.views import ENTITIES_PER_PAGE

    admin = client_as("admin")
    add_entities(demo, ENTITIES_PER_PAGE + 10)
    page, _ = get(admin, "/compte/entites/", {"next": "/tickets/?onglet=tous"})
    assert page.count('name="entity" value="') == ENTITIES_PER_PAGE + 1  # + Toutes mes entités
    assert "Page 1 sur 2" in page
    page, _ = get(admin, "/compte/entites/", {"page": 2})
    assert page.count('name="entity" value="') == (4 + ENTITIES_PER_PAGE + 10) - 50 + 1
    page, _ = get(admin, "/compte/entites/", {"q": "lycée hugo"})
    assert "Lycée Victor Hugo" in page and "Collège Jean Moulin" not in page
    page, _ = get(admin, "/compte/entites/", {"q": "collège"})
    assert f'name="entity" value="{demo.college.pk}"' in page
    assert 'aria-label="Choisir Académie de Normandie &gt; Collège Jean Moulin"' in page

    response = admin.post(
        "/compte/entite/",
        {"entity": demo.college.pk, "recursive": "on", "next": "/tickets/?onglet=tous"},
    )
    assert response.status_code == 302 and response["Location"] == "/tickets/?onglet=tous"
    page, _ = get(admin, "/tickets/")
    assert '<span class="small fw-semibold" id="entite-active-nom">' in page
    assert "Académie de Normandie &gt; Collège Jean Moulin" in page
    # With an active entity, the chooser still offers the whole reach.
    page, _ = get(admin, "/compte/entites/", {"q": "lycée hugo"})
    assert f'name="entity" value="{demo.lycee.pk}"' in page
    admin.post("/compte/entite/", {"entity": "", "recursive": "on"})
    page, _ = get(admin, "/tickets/")
    assert "Collège Jean Moulin" not in page.split('<main id="contenu"')[0]


def test_entity_chooser_offers_only_my_entities(client_as, demo, outsider):
    page, _ = get(client_as("tech.bai"), "/compte/entites/", {"q": "bretagne"})
    assert "Académie de Bretagne" not in page and "Aucune entité ne correspond." in page
    page, _ = get(client_as("chef.etab"), "/compte/entites/")
    assert "Collège Jean Moulin" in page and "Lycée Victor Hugo" not in page


def test_entity_switch_needs_the_csrf_token(demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="admin"))
    response = client.post("/compte/entite/", {"entity": demo.college.pk, "recursive": "on"})
    assert response.status_code == 403
    assert client.session.get("escalade.entity_id") is None


def test_entity_chooser_ignores_a_foreign_next(client_as, demo):
    page, _ = get(client_as("admin"), "/compte/entites/", {"next": "https://evil.example/"})
    assert 'value="https://evil.example/"' not in page
    assert 'name="next" value="/tickets/"' in page


# --- Creating a ticket ------------------------------------------------------------------------


def test_valid_creation_does_not_build_the_category_tree(chef_client, demo, monkeypatch):
    from escalade.tickets import forms
    from escalade.tickets.models import Ticket

    def refuse(categories):
        raise AssertionError("the category tree is built only to display the form")

    monkeypatch.setattr(forms, "category_choices", refuse)
    response = chef_client.post(
        "/tickets/nouveau/",
        {"type": 1, "category": demo.lsu.pk, "urgency": 3, "title": "LSU", "content": "403"},
    )
    assert response.status_code == 302
    assert Ticket.objects.get().category == demo.lsu
    monkeypatch.undo()
    response = chef_client.post(
        "/tickets/nouveau/", {"type": 1, "category": "999999", "urgency": 3, "title": "x"}
    )
    body = response.content.decode()
    assert response.status_code == 400 and "999999 n’en fait pas partie" in body
    assert f'<option value="{demo.lsu.pk}">' in body

"""The ticket list: tabs, filter builder, sort, paging, columns, saved searches, CSV."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from escalade.tickets import workflow
from escalade.tickets.models import SavedSearch
from escalade.tickets.status import Status
from tests.conftest import open_lsu_ticket


def listed(response) -> str:
    return response.content.decode()


def test_sign_in_lands_on_the_default_profiles_interface(client, demo):
    response = client.post(
        "/compte/connexion/", {"username": "chef.etab", "password": "demo"}, follow=True
    )
    assert "Mes tickets" in listed(response)
    assert "Identifiant" not in listed(response)
    client.post("/compte/deconnexion/")
    response = client.post(
        "/compte/connexion/", {"username": "tech.bai", "password": "demo"}, follow=True
    )
    # The desk's home page: counts per tab (« À traiter ») and the last changes.
    assert "À traiter" in listed(response) and "Derniers tickets modifiés" in listed(response)


def test_wrong_password_is_refused_with_a_message(client, demo):
    response = client.post("/compte/connexion/", {"username": "chef.etab", "password": "x"})
    assert "Identifiant ou mot de passe incorrect." in listed(response)


def test_anonymous_visitor_is_sent_to_sign_in(client, demo):
    response = client.get("/tickets/")
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


def test_switching_profile_reloads_with_its_rights(client_as, demo, chef):
    open_lsu_ticket(demo, chef, title="Accès impossible à LSU")
    client = client_as("referent.lsu")
    assert "Accès impossible à LSU" not in listed(client.get("/tickets/"))  # Self-Service
    response = client.post(
        "/compte/profil/",
        {"profile": demo.referent_profile.pk, "next": "/tickets/?onglet=tous"},
        follow=True,
    )
    assert "Accès impossible à LSU" in listed(response)
    assert "Profil actif : Référent fonctionnel" in listed(response)


def test_a_profile_not_held_cannot_be_switched_to(client_as, demo):
    client = client_as("chef.etab")
    response = client.post("/compte/profil/", {"profile": demo.super_admin.pk}, follow=True)
    assert "Vous ne disposez pas de ce profil." in listed(response)
    assert client.session.get("escalade.profile_id") in (None, demo.self_service.pk)


def test_tabs_mine_to_handle_and_all(client_as, demo, chef, referent):
    open_lsu_ticket(demo, chef, title="Accès impossible à LSU")
    mine = open_lsu_ticket(demo, referent, title="Mon propre ticket")
    workflow.escalate(mine, by=referent, group=demo.dsi_bai)
    client = client_as("referent.lsu", "Référent fonctionnel")
    page = listed(client.get("/tickets/?onglet=mes"))
    assert "Mon propre ticket" in page and "Accès impossible à LSU" not in page
    page = listed(client.get("/tickets/?onglet=a-traiter"))
    assert "Accès impossible à LSU" in page and "Mon propre ticket" not in page
    page = listed(client.get("/tickets/?onglet=tous"))
    assert "Accès impossible à LSU" in page and "Mon propre ticket" in page


def test_status_all_shows_what_the_default_filter_hides(client_as, demo, chef, referent):
    ticket = open_lsu_ticket(demo, chef, title="Accès impossible à LSU")
    workflow.add_followup(ticket, by=referent, content="Réglé", status=Status.SOLVED)
    client = client_as("referent.lsu", "Référent fonctionnel")
    assert "Accès impossible à LSU" not in listed(client.get("/tickets/?onglet=tous"))
    response = client.get("/tickets/?onglet=tous&f=status&o=is&v=all")
    assert "Accès impossible à LSU" in listed(response)
    assert "1 ticket" in listed(response)


def test_a_forged_filter_shows_an_error_and_no_ticket(client_as, demo, chef):
    open_lsu_ticket(demo, chef, title="Accès impossible à LSU")
    client = client_as("referent.lsu", "Référent fonctionnel")
    response = client.get("/tickets/?onglet=tous&f=urgency&o=is&v=1%20OR%201%3D1")
    assert response.status_code == 200
    assert "Valeur incorrecte" in listed(response)
    assert "Accès impossible à LSU" not in listed(response)
    response = client.get("/tickets/?onglet=tous&f=status&o=is&v=all&tri=created_by__password")
    assert "Accès impossible à LSU" in listed(response)  # unknown sort: the default one


def test_sorting_by_a_column(client_as, demo, chef):
    open_lsu_ticket(demo, chef, title="Zèbre")
    open_lsu_ticket(demo, chef, title="Abeille")
    client = client_as("referent.lsu", "Référent fonctionnel")
    page = listed(client.get("/tickets/?onglet=tous&tri=title"))
    assert page.index("Abeille") < page.index("Zèbre")
    page = listed(client.get("/tickets/?onglet=tous&tri=-title"))
    assert page.index("Zèbre") < page.index("Abeille")
    assert 'aria-sort="descending"' in page


def test_paging_and_total_count(client_as, demo, chef):
    for number in range(22):
        open_lsu_ticket(demo, chef, title=f"Ticket numéro {number:02d}")
    client = client_as("referent.lsu", "Référent fonctionnel")
    page = listed(client.get("/tickets/?onglet=tous&tri=title"))
    assert "22 tickets" in page and "Page 1 sur 2" in page
    assert "Ticket numéro 00" in page and "Ticket numéro 21" not in page
    page = listed(client.get("/tickets/?onglet=tous&tri=title&page=2"))
    assert "Ticket numéro 21" in page and "Ticket numéro 00" not in page


def test_column_chooser_shows_only_chosen_columns(client_as, demo, chef):
    open_lsu_ticket(demo, chef, title="Accès impossible à LSU")
    client = client_as("referent.lsu", "Référent fonctionnel")
    page = listed(client.get("/tickets/?onglet=tous&col=id&col=title&col=entity"))
    assert "Académie de Normandie &gt; Collège Jean Moulin" in page
    assert ">Entité</a>" in page
    assert ">Priorité</a>" not in page


def test_list_runs_a_constant_number_of_queries(client_as, demo, chef, referent):
    client = client_as("referent.lsu", "Référent fonctionnel")
    url = (
        "/tickets/?onglet=tous&col=id&col=title&col=requester&col=assigned&col=observer"
        "&col=category&col=entity"
    )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    ticket = open_lsu_ticket(demo, chef)
    workflow.escalate(ticket, by=referent, group=demo.dsi_bai)
    few = count()
    for _ in range(6):
        other = open_lsu_ticket(demo, chef)
        workflow.take(other, by=referent)
    assert count() == few


def test_csv_export_follows_the_filter(client_as, demo, chef, referent):
    open_lsu_ticket(demo, chef, title="Accès impossible à LSU")
    solved = open_lsu_ticket(demo, chef, title="=HYPERLINK(1)")
    workflow.add_followup(solved, by=referent, content="Réglé", status=Status.SOLVED)
    client = client_as("referent.lsu", "Référent fonctionnel")
    response = client.get("/tickets/export.csv?onglet=tous&col=id&col=title&col=status")
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith("\ufeffID;Titre;Statut")
    assert "Accès impossible à LSU" in body and "HYPERLINK" not in body
    response = client.get("/tickets/export.csv?onglet=tous&f=status&o=is&v=all&col=title")
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(1)" in body  # a formula is neutralized


def test_outsider_lists_and_exports_nothing(outsider_client, demo, chef):
    open_lsu_ticket(demo, chef, title="Accès impossible à LSU")
    page = listed(outsider_client.get("/tickets/?onglet=tous&f=status&o=is&v=all"))
    assert "Accès impossible à LSU" not in page and "0 ticket" in page
    response = outsider_client.get("/tickets/export.csv?onglet=tous&f=status&o=is&v=all")
    assert "Accès impossible" not in b"".join(response.streaming_content).decode()


def test_saved_searches_private_or_shared(client_as, demo):
    referent = client_as("referent.lsu", "Référent fonctionnel")
    everything = "onglet=tous&f=status&o=is&v=all"
    referent.post(
        "/recherches/",
        {
            "name": "Tous les LSU",
            "query": everything,
            "share_in": demo.academie.pk,
            "recursive": "on",
        },
    )
    referent.post("/recherches/", {"name": "Les miens", "query": "onglet=mes"})
    other = client_as("referent2.lsu", "Référent fonctionnel")
    page = listed(other.get("/tickets/"))
    assert "Tous les LSU" in page and "Les miens" not in page
    assert "Les miens" in listed(referent.get("/tickets/"))
    shared = SavedSearch.objects.get(name="Tous les LSU")
    assert other.post(f"/recherches/{shared.pk}/supprimer/").status_code == 404
    assert SavedSearch.objects.filter(pk=shared.pk).exists()
    referent.post(f"/recherches/{shared.pk}/supprimer/")
    assert not SavedSearch.objects.filter(pk=shared.pk).exists()


def test_filter_builder_partial_for_htmx(client_as, demo):
    client = client_as("referent.lsu", "Référent fonctionnel")
    response = client.get(
        "/tickets/?f=assigned&o=is&v=", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="filtres"
    )
    page = listed(response)
    assert page.lstrip().startswith('<section id="filtres"')
    assert "Moi ou mes groupes" in page and "DSI-BAI" in page


def test_language_switch_to_english(client_as, demo):
    client = client_as("chef.etab")
    client.post("/i18n/setlang/", {"language": "en", "next": "/tickets/"})
    page = listed(client.get("/tickets/"))
    assert "My tickets" in page and "Create a ticket" in page


def test_active_entity_narrows_the_list(client_as, demo, admin_who):
    workflow.create_ticket(by=admin_who, title="Au lycée", content="x", entity=demo.lycee)
    workflow.create_ticket(by=admin_who, title="Au collège", content="x", entity=demo.college)
    client = client_as("admin")
    page = listed(client.get("/tickets/?onglet=tous"))
    assert "Au lycée" in page and "Au collège" in page
    client.post("/compte/entite/", {"entity": demo.lycee.pk, "recursive": "on"})
    page = listed(client.get("/tickets/?onglet=tous"))
    assert "Au lycée" in page and "Au collège" not in page
    client.post("/compte/entite/", {"entity": ""})
    assert "Au collège" in listed(client.get("/tickets/?onglet=tous"))


def test_entity_outside_the_profile_is_refused(client_as, demo, outsider):
    client = client_as("chef.etab")
    response = client.post("/compte/entite/", {"entity": demo.lycee.pk}, follow=True)
    assert "Cette entité n&#x27;est pas accessible avec votre profil." in listed(response)


def test_simplified_list_shows_my_tickets_with_waiting_solutions(client_as, demo, chef, referent):
    solved = open_lsu_ticket(demo, chef, title="Résolu en attente")
    workflow.add_followup(solved, by=referent, content="Réglé", status=Status.SOLVED)
    open_lsu_ticket(demo, referent, title="Ticket d'un autre")
    page = listed(client_as("chef.etab").get("/tickets/"))
    assert "Résolu en attente" in page and "Ticket d&#x27;un autre" not in page
    assert "Filtre" not in page  # no filter builder in the simplified interface


def test_header_offers_profiles_skip_link_and_language(client_as, demo):
    page = listed(client_as("referent.lsu").get("/tickets/"))
    assert 'href="#contenu"' in page and 'id="contenu"' in page
    assert ">Référent fonctionnel</option>" in page and ">Self-Service</option>" in page
    assert 'name="language"' in page and "Karim Benali" in page
    assert '<form action="/compte/deconnexion/" method="post">' in page


def test_saved_search_query_is_reencoded(client_as, demo):
    client = client_as("referent.lsu", "Référent fonctionnel")
    response = client.post(
        "/recherches/", {"name": "Bizarre", "query": "onglet=tous\r\nX: y&v=a b"}
    )
    assert response.status_code == 302
    assert "\n" not in response["Location"]
    assert SavedSearch.objects.get(name="Bizarre").query == "onglet=tous%0D%0AX%3A+y&v=a+b"


def test_sorting_and_paging_with_htmx_swap_only_the_results(client_as, demo, chef):
    open_lsu_ticket(demo, chef, title="Zèbre")
    open_lsu_ticket(demo, chef, title="Abeille")
    client = client_as("referent.lsu", "Référent fonctionnel")
    response = client.get(
        "/tickets/?onglet=tous&tri=-title", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="resultats"
    )
    body = listed(response)
    assert body.lstrip().startswith('<section id="resultats"') and "Filtre" not in body
    assert body.index("Zèbre") < body.index("Abeille")


def test_long_lists_count_a_few_pages_ahead_and_exactly_on_demand(
    client_as, demo, chef, monkeypatch
):
    """A long list does not count every row on each page: "Plus de N", exact on demand."""
    from escalade.tickets import paging

    monkeypatch.setattr(paging, "COUNT_AT_LEAST", 30)
    monkeypatch.setattr(paging, "PAGES_AHEAD", 1)
    for number in range(45):
        open_lsu_ticket(demo, chef, title=f"Ticket numéro {number:02d}")
    client = client_as("referent.lsu", "Référent fonctionnel")

    page = listed(client.get("/tickets/?onglet=tous&tri=title&par_page=20"))
    assert "Plus de 40 tickets" in page  # pages 1 and 2 counted and "Compter exactement" in page
    assert "Page 1" in page and "Page 1 sur" not in page
    assert "Ticket numéro 00" in page and "page=2" in page  # the next page is known

    # Further pages count further ahead; the last page is exact again.
    page = listed(client.get("/tickets/?onglet=tous&tri=title&par_page=20&page=3"))
    assert "45 tickets" in page and "Page 3 sur 3" in page
    assert "Ticket numéro 44" in page

    page = listed(client.get("/tickets/?onglet=tous&tri=title&par_page=20&compte=exact"))
    assert "45 tickets" in page and "Page 1 sur 3" in page and "Compter exactement" not in page


def test_options_escape_values_and_labels_and_mark_the_selected_ones():
    from django.utils.safestring import mark_safe

    from escalade.tickets.templatetags.escalade import options

    html = options(
        [
            ('a"b', "<script>x</script>"),
            ("Groupes", [("g1", "R&D"), ("g2", mark_safe("<b>B</b>"))]),
        ],
        ["g1"],
    )
    assert '<option value="a&quot;b">&lt;script&gt;x&lt;/script&gt;</option>' in html
    assert '<optgroup label="Groupes"><option value="g1" selected>R&amp;D</option>' in html
    assert '<option value="g2"><b>B</b></option></optgroup>' in html  # already safe: kept


def test_tabs_show_their_totals_and_priorities_are_coloured(client_as, demo, chef):
    import re

    from tests.conftest import open_lsu_ticket

    open_lsu_ticket(demo, chef, urgency=5)
    open_lsu_ticket(demo, chef, title="Deuxième")
    client = client_as("referent.lsu", "Référent fonctionnel")
    body = client.get("/tickets/?onglet=tous&col=id&col=title&col=priority").content.decode()
    assert re.search(r'id="total-tous"[^>]*>2<', body)
    assert re.search(r'id="total-a-traiter"[^>]*>2<', body)
    assert re.search(r'id="total-mes"[^>]*>0<', body)
    assert re.search(r'data-label="Priorité"><span class="badge text-bg-(warning|danger)">', body)
    assert 'data-label="Priorité"><span class="badge text-bg-info">Moyenne' in body


def test_tab_totals_do_not_grow_the_queries(client_as, demo, chef, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import open_lsu_ticket

    open_lsu_ticket(demo, chef)
    client = client_as("referent.lsu", "Référent fonctionnel")
    with CaptureQueriesContext(connection) as first:
        client.get("/tickets/?onglet=tous")
    for n in range(10):
        open_lsu_ticket(demo, chef, title=f"T{n}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/tickets/?onglet=tous")

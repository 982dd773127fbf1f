"""The FAQ and the knowledge base pages, the suggestions on the ticket form, the deflection
count, and « Ajouter à la base de connaissances » on a solution."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from escalade.knowbase import workflow
from escalade.knowbase.models import Article, Deflection
from escalade.tickets import workflow as ticket_workflow
from tests.conftest import open_lsu_ticket
from tests.knowbase.conftest import write
from tests.web.conftest import signed_in


def test_requester_has_a_faq_menu_and_reads_an_article(chef_client, faq_articles):
    home = chef_client.get("/").content.decode()
    assert 'href="/faq/"' in home and ">FAQ<" in home
    assert faq_articles[0].name in home  # the simplified home page lists the FAQ
    page = chef_client.get("/faq/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Foire aux questions" in body
    for article in faq_articles:
        assert article.name.replace("'", "&#x27;") in body or article.name in body
    detail = chef_client.get(f"/base-de-connaissances/{faq_articles[0].pk}/").content.decode()
    assert "Reconnectez-vous avec votre identifiant" in detail
    assert "Cet article a résolu mon problème" in detail
    assert "Suggestions affichées" not in detail  # measures are for the writers


def test_faq_search(chef_client, faq_articles):
    body = chef_client.get("/faq/", {"q": "bilans PDF"}).content.decode()
    assert "exporter les bilans" in body and "Accès refusé" not in body
    none = chef_client.get("/faq/", {"q": "imprimante"}).content.decode()
    assert "Aucun article ne correspond" in none


def test_resolved_is_counted_once_and_shown_to_writers(
    chef_client, referent_client, faq_articles, demo
):
    article = faq_articles[0]
    url = f"/base-de-connaissances/{article.pk}/resolu/"
    assert chef_client.post(url, {"category": demo.lsu.pk}).status_code == 302
    assert chef_client.post(url, HTTP_HX_REQUEST="true").status_code == 200
    assert Deflection.objects.filter(article=article).count() == 1
    assert Deflection.objects.get(article=article).ticket_category == demo.lsu
    detail = referent_client.get(f"/base-de-connaissances/{article.pk}/").content.decode()
    assert 'id="nb-resolus">1<' in detail


def test_suggestions_while_typing_a_title(chef_client, demo, faq_articles):
    form = chef_client.get("/tickets/nouveau/").content.decode()
    assert 'hx-get="/base-de-connaissances/suggestions/"' in form
    found = chef_client.get(
        "/base-de-connaissances/suggestions/",
        {"category": demo.lsu.pk, "title": "Erreur 403 à la connexion"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Accès refusé" in found and "exporter les bilans" not in found
    untitled = chef_client.get(
        "/base-de-connaissances/suggestions/", {"category": demo.lsu.pk, "title": "  "}
    ).content.decode()
    assert "<li>" not in untitled
    assert "Ces articles répondent peut-être" in found
    elsewhere = chef_client.get(
        "/base-de-connaissances/suggestions/",
        {"category": demo.lsu.parent_id, "title": "Erreur 403"},
    ).content.decode()
    assert "Accès refusé" not in elsewhere  # « Scolarité » is above LSU, not linked
    assert Article.objects.get(pk=faq_articles[0].pk).suggested == 1


def test_at_most_five_suggestions(chef_client, demo, lsu_category):
    for n in range(7):
        write(
            demo,
            name=f"LSU connexion {n}",
            is_faq=True,
            categories=[lsu_category],
            targets=workflow.Targets(entities=[(demo.academie, True)]),
        )
    body = chef_client.get(
        "/base-de-connaissances/suggestions/", {"category": demo.lsu.pk, "title": "connexion LSU"}
    ).content.decode()
    assert body.count("<li>") == 5


def test_writer_creates_an_article_with_targets_and_a_file(referent_client, demo, lsu_category):
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = referent_client.get("/base-de-connaissances/nouveau/").content.decode()
    for label in (
        "Sujet",
        "Réponse",
        "Publier dans la FAQ",
        "Cibles : entités",
        "Cibles : groupes",
    ):
        assert label in form
    response = referent_client.post(
        "/base-de-connaissances/nouveau/",
        {
            "name": "LSU : saisir < 3 appréciations",
            "answer": "Texte <brut> & gardé",
            "is_faq": "on",
            "categories": [lsu_category.pk],
            "entities": [demo.college.pk],
            "attachments": [SimpleUploadedFile("guide.txt", b"guide")],
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(name="LSU : saisir < 3 appréciations")
    assert article.answer == "<p>Texte &lt;brut&gt; &amp; gardé</p>"
    assert article.is_faq and list(article.categories.all()) == [lsu_category]
    assert [(t.entity_id, t.is_recursive) for t in article.entity_targets.all()] == [
        (demo.college.pk, False)
    ]
    attachment = article.attachments.get()
    chef = signed_in(demo, "chef.etab")
    download = chef.get(f"/base-de-connaissances/documents/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"guide"


def test_solution_becomes_an_article_in_one_click(
    demo, chef, referent, referent_client, lsu_category
):
    ticket = open_lsu_ticket(demo, chef, title="LSU : bilan introuvable")
    ticket_workflow.take(ticket, by=referent)
    solution = ticket_workflow.add_solution(ticket, by=referent, content="Vider le cache <F5>.")
    page = referent_client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert "Ajouter à la base de connaissances" in page
    url = f"/tickets/{ticket.pk}/solutions/{solution.pk}/base-de-connaissances/"
    response = referent_client.post(url)
    article = Article.objects.get(source_solution=solution)
    assert response["Location"] == f"/base-de-connaissances/{article.pk}/modifier/"
    assert (
        article.name == "LSU : bilan introuvable" and "Vider le cache &lt;F5&gt;." in article.answer
    )
    assert not article.is_faq and list(article.categories.all()) == [lsu_category]
    edit = referent_client.get(response["Location"]).content.decode()
    assert 'value="LSU : bilan introuvable"' in edit
    chef_page = signed_in(demo, "chef.etab").get(f"/tickets/{ticket.pk}/").content.decode()
    assert "Ajouter à la base de connaissances" not in chef_page
    assert signed_in(demo, "chef.etab").post(url).status_code == 404


def test_someone_else_is_refused_everywhere(
    demo, outsider_client, chef_client, internal_article, faq_articles
):
    faq = faq_articles[0]
    ticket = open_lsu_ticket(demo, signed_in_who(demo))
    for client, pk in ((outsider_client, faq.pk), (chef_client, internal_article.pk)):
        for url in (
            f"/base-de-connaissances/{pk}/",
            f"/base-de-connaissances/{pk}/modifier/",
        ):
            assert client.get(url).status_code == 404, url
        for url in (
            f"/base-de-connaissances/{pk}/supprimer/",
            f"/base-de-connaissances/{pk}/resolu/",
            f"/base-de-connaissances/{pk}/modifier/",
        ):
            assert client.post(url).status_code == 404, url
    assert chef_client.get(f"/base-de-connaissances/{faq.pk}/modifier/").status_code == 404
    assert chef_client.post(f"/base-de-connaissances/{faq.pk}/supprimer/").status_code == 404
    assert chef_client.get("/base-de-connaissances/nouveau/").status_code == 404
    assert outsider_client.get("/faq/").content.decode().count("list-group-item") == 0
    body = outsider_client.get(
        "/base-de-connaissances/suggestions/", {"category": demo.lsu.pk, "title": "403"}
    ).content.decode()
    assert "Accès refusé" not in body
    solution_url = f"/tickets/{ticket.pk}/solutions/1/base-de-connaissances/"
    assert outsider_client.post(solution_url).status_code == 404
    assert Article.objects.filter(pk=faq.pk).exists()


def signed_in_who(demo):
    from tests.conftest import as_

    return as_(demo, "chef.etab")


def test_list_queries_stay_constant(
    demo, referent_client, lsu_category, django_assert_max_num_queries
):
    def add(n: int) -> None:
        for i in range(n):
            write(
                demo,
                name=f"Article {i} {Article.objects.count()}",
                is_faq=True,
                categories=[lsu_category],
                targets=workflow.Targets(entities=[(demo.academie, True)]),
            )

    add(2)
    with CaptureQueriesContext(connection) as first:
        referent_client.get("/base-de-connaissances/")
    add(15)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = referent_client.get("/base-de-connaissances/")
    assert page.content.decode().count("list-group-item") >= 17

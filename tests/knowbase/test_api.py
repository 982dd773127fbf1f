"""The knowledge base on /api/v1 (with its OpenAPI schema) and on GLPI's legacy API."""

from __future__ import annotations

import re
from pathlib import Path

from escalade.knowbase.glpi import COLUMNS
from escalade.knowbase.models import Article, EntityTarget, GroupTarget
from escalade.tickets import workflow as ticket_workflow
from tests.conftest import as_, open_lsu_ticket

SQL = Path(__file__).parents[1] / "glpi" / "data" / "glpi-empty.sql"


# --- /api/v1 -------------------------------------------------------------------------------


def test_schema_documents_the_knowbase_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    for path in (
        "/api/v1/knowbase/articles/",
        "/api/v1/knowbase/articles/{id}/",
        "/api/v1/knowbase/articles/{id}/resolved/",
        "/api/v1/knowbase/articles/from-solution/",
        "/api/v1/knowbase/categories/",
        "/api/v1/knowbase/suggestions/",
    ):
        assert path in schema["paths"], path


def test_requester_reads_the_faq_and_counts_a_resolution(
    api_as, faq_articles, internal_article, demo
):
    chef = api_as("chef.etab")
    listed = chef.get("/api/v1/knowbase/articles/").json()
    names = {a["name"] for a in listed["results"]}
    assert names == {a.name for a in faq_articles}
    found = chef.get("/api/v1/knowbase/articles/", {"q": "403"}).json()["results"]
    assert [a["id"] for a in found] == [faq_articles[0].pk]
    detail = chef.get(f"/api/v1/knowbase/articles/{faq_articles[0].pk}/").json()
    assert "Reconnectez-vous" in detail["answer_text"]
    assert detail["targets"] is None and detail["resolved_count"] is None
    assert chef.get(f"/api/v1/knowbase/articles/{internal_article.pk}/").status_code == 404
    url = f"/api/v1/knowbase/articles/{faq_articles[0].pk}/resolved/"
    assert chef.post(url, {"category": demo.lsu.pk}, format="json").json() == {"counted": True}
    assert chef.post(url, {}, format="json").json() == {"counted": False}
    suggestions = chef.get(
        "/api/v1/knowbase/suggestions/", {"category": demo.lsu.pk, "title": "erreur 403"}
    ).json()
    assert suggestions[0]["id"] == faq_articles[0].pk


def test_referent_writes_an_article(api_as, demo, lsu_category):
    referent = api_as("referent.lsu", "Référent fonctionnel")
    created = referent.post(
        "/api/v1/knowbase/articles/",
        {
            "name": "LSU : verrouiller une période",
            "answer": "Menu <Paramètres>",
            "is_faq": True,
            "categories": [lsu_category.pk],
            "targets": {
                "entities": [{"entity": demo.college.pk, "is_recursive": True}],
                "groups": [demo.referents.pk],
            },
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["answer"] == "<p>Menu &lt;Paramètres&gt;</p>"
    assert body["targets"]["entities"] == [{"entity": demo.college.pk, "is_recursive": True}]
    pk = body["id"]
    changed = referent.patch(
        f"/api/v1/knowbase/articles/{pk}/", {"name": "LSU : verrou"}, format="json"
    )
    assert changed.json()["name"] == "LSU : verrou"
    assert Article.objects.get(pk=pk).revisions.count() == 1
    assert api_as("chef.etab").get(f"/api/v1/knowbase/articles/{pk}/").status_code == 200
    assert referent.delete(f"/api/v1/knowbase/articles/{pk}/").status_code == 204
    assert not Article.objects.filter(pk=pk).exists()


def test_from_solution_on_the_api(api_as, demo, lsu_category):
    chef, referent = as_(demo, "chef.etab"), as_(demo, "referent.lsu", "Référent fonctionnel")
    ticket = open_lsu_ticket(demo, chef)
    ticket_workflow.take(ticket, by=referent)
    solution = ticket_workflow.add_solution(ticket, by=referent, content="Relancer.")
    body = {"ticket": ticket.pk, "solution": solution.pk}
    assert (
        api_as("chef.etab")
        .post("/api/v1/knowbase/articles/from-solution/", body, format="json")
        .status_code
        == 404
    )
    made = api_as("referent.lsu", "Référent fonctionnel").post(
        "/api/v1/knowbase/articles/from-solution/", body, format="json"
    )
    assert made.status_code == 201 and made.json()["categories"] == [lsu_category.pk]


def test_someone_else_is_refused_on_the_api(api_as, demo, faq_articles, internal_article):
    chef = api_as("chef.etab")
    assert (
        chef.post(
            "/api/v1/knowbase/articles/", {"name": "x", "answer": "y"}, format="json"
        ).status_code
        == 403
    )
    assert (
        chef.patch(
            f"/api/v1/knowbase/articles/{faq_articles[0].pk}/", {"name": "x"}, format="json"
        ).status_code
        == 404
    )
    assert chef.delete(f"/api/v1/knowbase/articles/{faq_articles[0].pk}/").status_code == 404
    assert (
        api_as("referent.lsu", "Référent fonctionnel")
        .post(
            "/api/v1/knowbase/articles/",
            {"name": "x", "answer": "y", "targets": {"entities": [{"entity": 999999}]}},
            format="json",
        )
        .status_code
        == 400
    )


def test_outsider_sees_nothing_on_the_api(api_as, demo, faq_articles):
    from escalade.accounts.tokens import create_token
    from tests.factories import make_outsider

    outsider = make_outsider(demo)
    create_token(outsider.user, "t", key="tech.bzh-token")
    client = api_as("tech.bzh")
    assert client.get("/api/v1/knowbase/articles/").json()["results"] == []
    for pk in (faq_articles[0].pk,):
        assert client.get(f"/api/v1/knowbase/articles/{pk}/").status_code == 404
        assert (
            client.post(f"/api/v1/knowbase/articles/{pk}/resolved/", {}, format="json").status_code
            == 404
        )
    assert client.get("/api/v1/knowbase/categories/").json()["results"] == []


def test_api_list_queries_stay_constant(api_as, demo, lsu_category, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from escalade.knowbase.workflow import Targets
    from tests.knowbase.conftest import write

    client = api_as("referent.lsu", "Référent fonctionnel")
    with CaptureQueriesContext(connection) as first:
        client.get("/api/v1/knowbase/articles/")
    for i in range(10):
        write(
            demo,
            name=f"A{i}",
            categories=[lsu_category],
            targets=Targets(entities=[(demo.academie, True)]),
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert len(client.get("/api/v1/knowbase/articles/").json()["results"]) >= 10


# --- GLPI's legacy API ------------------------------------------------------------------------


def glpi_columns(table: str) -> list[str]:
    text = SQL.read_text(encoding="utf-8")
    body = text[text.index(f"CREATE TABLE `{table}`") :]
    body = body[: body.index("ENGINE")]
    return re.findall(r"^\s+`(\w+)`", body, re.M)


def test_item_types_have_glpi_10s_exact_columns():
    for itemtype, (table, columns) in COLUMNS.items():
        assert columns == glpi_columns(table), itemtype


def test_glpi_knowbaseitem_for_a_requester(glpi_as, faq_articles, internal_article):
    chef = glpi_as("chef.etab")
    listed = chef.get("KnowbaseItem/").json()
    assert {row["id"] for row in listed} == {a.pk for a in faq_articles}
    item = chef.get(f"KnowbaseItem/{faq_articles[0].pk}").json()
    assert set(COLUMNS["KnowbaseItem"][1]) <= set(item)
    assert item["is_faq"] == 1 and item["_categories"]
    assert chef.get(f"KnowbaseItem/{internal_article.pk}").status_code == 404
    assert chef.post("KnowbaseItem/", {"input": {"name": "x", "answer": "y"}}).status_code in (
        400,
        403,
    )
    assert chef.get("Entity_KnowbaseItem/").json() == []  # targets: for their editors
    category = chef.get("KnowbaseItemCategory/").json()
    assert [c["name"] for c in category] == ["LSU"]


def test_glpi_referent_writes_an_article_and_its_targets(glpi_as, demo, lsu_category):
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    made = api.post(
        "KnowbaseItem/",
        {
            "input": {
                "name": "LSU : période",
                "answer": "<p>Voir <b>Paramètres</b></p>",
                "is_faq": 1,
                "knowbaseitemcategories_id": lsu_category.pk,
            }
        },
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    article = Article.objects.get(pk=pk)
    assert article.answer == "<p>Voir <b>Paramètres</b></p>" and article.is_faq
    target = api.post(
        "Entity_KnowbaseItem/",
        {"input": {"knowbaseitems_id": pk, "entities_id": demo.college.pk, "is_recursive": 1}},
    )
    assert target.status_code == 201, target.content
    assert EntityTarget.objects.get(article=article).entity == demo.college
    group = api.post(
        "Group_KnowbaseItem/", {"input": {"knowbaseitems_id": pk, "groups_id": demo.referents.pk}}
    )
    assert group.status_code == 201, group.content
    row = api.get(f"Group_KnowbaseItem/{group.json()['id']}").json()
    assert row["no_entity_restriction"] == 1 and row["groups_id"] == demo.referents.pk
    assert GroupTarget.objects.filter(article=article).count() == 1
    assert api.put(f"KnowbaseItem/{pk}", {"input": {"name": "LSU : périodes"}}).status_code == 200
    assert Article.objects.get(pk=pk).name == "LSU : périodes"
    chef = glpi_as("chef.etab")
    assert chef.get(f"KnowbaseItem/{pk}").status_code == 200
    assert chef.delete(f"KnowbaseItem/{pk}").status_code == 403  # readable, not editable (GLPI)
    assert chef.post(
        "KnowbaseItem_User/", {"input": {"knowbaseitems_id": pk, "users_id": 1}}
    ).status_code in (400, 404)
    assert api.delete(f"KnowbaseItem/{pk}").status_code == 200
    assert not Article.objects.filter(pk=pk).exists()


def test_glpi_someone_else_is_refused(glpi_as, demo, faq_articles):
    from escalade.accounts.tokens import create_token
    from tests.factories import make_outsider

    outsider = make_outsider(demo)
    create_token(outsider.user, "t", key="tech.bzh-token")
    api = glpi_as("tech.bzh")
    pk = faq_articles[0].pk
    assert api.get("KnowbaseItem/").json() == []
    assert api.get(f"KnowbaseItem/{pk}").status_code == 404
    assert api.put(f"KnowbaseItem/{pk}", {"input": {"name": "x"}}).status_code == 404
    assert api.delete(f"KnowbaseItem/{pk}").status_code == 404
    target = EntityTarget.objects.filter(article_id=pk).first()
    for itemtype in (
        "Entity_KnowbaseItem",
        "Group_KnowbaseItem",
        "KnowbaseItem_Profile",
        "KnowbaseItem_User",
    ):
        assert api.get(f"{itemtype}/").json() == [], itemtype
        assert api.post(itemtype, {"input": {"knowbaseitems_id": pk}}).status_code == 404, itemtype
    assert api.get(f"Entity_KnowbaseItem/{target.pk}").status_code == 404
    assert api.delete(f"Entity_KnowbaseItem/{target.pk}").status_code == 404
    assert api.get("KnowbaseItemCategory/").json() == []
    assert EntityTarget.objects.filter(pk=target.pk).exists()

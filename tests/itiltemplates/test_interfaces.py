"""Templates and solution types through the ticket page, /api/v1 and GLPI's API."""

from __future__ import annotations

import re
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

from escalade.itiltemplates.glpi import COLUMNS
from escalade.itiltemplates.models import FollowupTemplate, SolutionType
from escalade.tickets.models import Solution
from tests.conftest import open_lsu_ticket

SQL = Path(__file__).parents[1] / "glpi" / "data" / "glpi-empty.sql"


# --- The ticket page ---------------------------------------------------------------------


def test_picker_lists_the_category_templates_first(referent_client, taken):
    page = referent_client.get(f"/tickets/{taken.pk}/?ajouter=suivi").content.decode()
    picker = page.split('id="modele-suivi"', 1)[1].split("</select>", 1)[0]
    names = re.findall(r'<option value="\d+">([^<]+)</option>', picker)
    assert names[0] == "LSU : demande de capture d&#x27;écran (catégorie du ticket)"
    assert "Prise en compte" in names[1]
    assert 'for="modele-suivi"' in page


def test_applying_a_template_fills_the_text(referent_client, taken, capture_template, demo):
    url = f"/tickets/{taken.pk}/modeles/suivi/"
    filled = referent_client.get(url, {"modele": capture_template.pk}, HTTP_HX_REQUEST="true")
    body = filled.content.decode()
    assert filled.status_code == 200
    assert "Bonjour Claire," in body and f"(ticket n° {taken.pk})" in body
    assert "Karim Benali, référent LSU" in body
    assert '<textarea name="content" id="id_content"' in body


def test_a_solution_template_sets_its_type_and_the_solution_keeps_it(
    referent_client, taken, arena_solution, workaround
):
    page = referent_client.get(f"/tickets/{taken.pk}/?ajouter=solution").content.decode()
    assert 'id="id_solution_type"' in page and "Contournement" in page
    applied = referent_client.get(
        f"/tickets/{taken.pk}/modeles/solution/", {"modele": arena_solution.pk}
    ).content.decode()
    assert f'<option value="{workaround.pk}" selected>Contournement</option>' in applied
    done = referent_client.post(
        f"/tickets/{taken.pk}/solution/",
        {"content": "Déconnectez-vous d'ARENA (modifié)", "solution_type": workaround.pk},
    )
    assert done.status_code == 302
    solution = Solution.objects.get(ticket=taken)
    assert solution.solution_type == workaround and "(modifié)" in solution.content
    page = referent_client.get(f"/tickets/{taken.pk}/").content.decode()
    assert "Type de solution : Contournement" in page


def test_the_list_filters_on_the_solution_type(
    referent_client, taken, demo, chef, referent, workaround
):
    from escalade.tickets import workflow

    workflow.add_solution(taken, by=referent, content="x", solution_type=workaround)
    other = open_lsu_ticket(demo, chef, title="Autre ticket LSU")
    query = {"f": "solution_type", "o": "is", "v": workaround.pk}
    page = referent_client.get("/tickets/", query).content.decode()
    assert "LSU : erreur &lt;403&gt;" in page and "Autre ticket LSU" not in page
    assert "Type de solution" in page
    assert other.pk


def test_someone_else_is_refused_the_templates(
    outsider_client, chef_client, taken, capture_template, arena_solution, demo
):
    for kind, template in (("suivi", capture_template), ("solution", arena_solution)):
        url = f"/tickets/{taken.pk}/modeles/{kind}/"
        assert outsider_client.get(url, {"modele": template.pk}).status_code == 404
    # The requester may not solve: the solution templates are not theirs.
    solution_url = f"/tickets/{taken.pk}/modeles/solution/"
    assert chef_client.get(solution_url, {"modele": arena_solution.pk}).status_code == 404
    assert chef_client.get(f"/tickets/{taken.pk}/modeles/tache/", {"modele": 1}).status_code == 404
    assert chef_client.get(f"/tickets/{taken.pk}/modeles/autre/", {"modele": 1}).status_code == 404


def test_a_template_of_another_entity_is_not_offered(referent_client, taken, demo):
    from escalade.accounts.models import Entity

    other = Entity.objects.create(name="Académie de Bretagne")
    foreign = FollowupTemplate.objects.create(name="Bretagne", content="x", entity=other)
    url = f"/tickets/{taken.pk}/modeles/suivi/"
    assert referent_client.get(url, {"modele": foreign.pk}).status_code == 404
    assert "Bretagne" not in referent_client.get(f"/tickets/{taken.pk}/").content.decode()


def test_ticket_page_queries_stay_constant_with_more_templates(
    referent_client, taken, demo, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as first:
        referent_client.get(f"/tickets/{taken.pk}/?ajouter=suivi")
    for n in range(12):
        t = FollowupTemplate.objects.create(
            name=f"Modèle {n}", content="x", entity=demo.academie, is_recursive=True
        )
        t.categories.set([demo.lsu])
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = referent_client.get(f"/tickets/{taken.pk}/?ajouter=suivi")
    assert "Modèle 11" in page.content.decode()


# --- /api/v1 ---------------------------------------------------------------------------------


def test_api_templates_and_solution_types(api_as, taken, workaround, arena_solution, client):
    referent = api_as("referent.lsu", "Référent fonctionnel")
    rows = referent.get(f"/api/v1/tickets/{taken.pk}/templates/followup/").json()
    assert rows[0]["for_category"] and rows[0]["text"].startswith("Bonjour Claire,")
    solutions = referent.get(f"/api/v1/tickets/{taken.pk}/templates/solution/").json()
    assert solutions[0]["solution_type"] == workaround.pk
    types = referent.get("/api/v1/solution-types/").json()["results"]
    assert {t["name"] for t in types} >= {"Contournement", "Correctif"}
    made = referent.post(
        f"/api/v1/tickets/{taken.pk}/solution/",
        {"content": solutions[0]["text"], "solution_type": workaround.pk},
        format="json",
    )
    assert made.status_code == 201, made.content
    assert Solution.objects.get(ticket=taken).solution_type == workaround
    detail = referent.get(f"/api/v1/tickets/{taken.pk}/").json()
    assert [e["solution_type"] for e in detail["timeline"] if e["kind"] == "solution"] == [
        workaround.pk
    ]
    listed = referent.get(
        "/api/v1/tickets/", {"solution_type": workaround.pk, "status": "all"}
    ).json()
    assert [t["id"] for t in listed["results"]] == [taken.pk]
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/v1/tickets/{id}/templates/{kind}/" in schema["paths"]
    assert "/api/v1/solution-types/" in schema["paths"]


def test_api_someone_else_is_refused(api_as, demo, taken):
    from escalade.accounts.tokens import create_token
    from tests.factories import make_outsider

    outsider = make_outsider(demo)
    create_token(outsider.user, "t", key="tech.bzh-token")
    client = api_as("tech.bzh")
    assert client.get(f"/api/v1/tickets/{taken.pk}/templates/followup/").status_code == 404
    assert client.get("/api/v1/solution-types/").json()["results"] == []
    chef = api_as("chef.etab")
    assert chef.get(f"/api/v1/tickets/{taken.pk}/templates/solution/").json() == []
    assert chef.get(f"/api/v1/tickets/{taken.pk}/templates/other/").status_code == 404
    bad = api_as("referent.lsu", "Référent fonctionnel").post(
        f"/api/v1/tickets/{taken.pk}/solution/",
        {"content": "x", "solution_type": 999999},
        format="json",
    )
    assert bad.status_code == 400


# --- GLPI's API ---------------------------------------------------------------------------


def glpi_columns(table: str) -> list[str]:
    text = SQL.read_text(encoding="utf-8")
    body = text[text.index(f"CREATE TABLE `{table}`") :]
    body = body[: body.index("ENGINE")]
    return re.findall(r"^\s+`(\w+)`", body, re.M)


def test_glpi_item_types_have_glpi_10s_exact_columns(glpi_as, demo):
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    for itemtype, (table, columns) in COLUMNS.items():
        assert columns == glpi_columns(table), itemtype
        rows = api.get(f"{itemtype}/").json()
        assert rows and list(rows[0])[: len(columns)] == columns, itemtype


def test_glpi_solution_from_a_template(glpi_as, taken, arena_solution, workaround):
    api = glpi_as("referent.lsu", "Référent fonctionnel")
    made = api.post(
        "ITILSolution/",
        {
            "input": {
                "itemtype": "Ticket",
                "items_id": taken.pk,
                "_solutiontemplates_id": arena_solution.pk,
            }
        },
    )
    assert made.status_code == 201, made.content
    solution = Solution.objects.get(ticket=taken)
    assert solution.solution_type == workaround and "Bonjour Claire," in solution.content
    row = api.get(f"ITILSolution/{solution.pk}").json()
    assert row["solutiontypes_id"] == workaround.pk and row["solutiontype_name"] == "Contournement"


def test_glpi_someone_else_is_refused(glpi_as, demo, workaround, capture_template):
    from escalade.accounts.tokens import create_token
    from tests.factories import make_outsider

    outsider = make_outsider(demo)
    create_token(outsider.user, "t", key="tech.bzh-token")
    api = glpi_as("tech.bzh")
    for itemtype in COLUMNS:
        assert api.get(f"{itemtype}/").json() == [], itemtype
    assert api.get(f"SolutionType/{workaround.pk}").status_code == 404
    assert api.get(f"ITILFollowupTemplate/{capture_template.pk}").status_code == 404
    assert api.post("SolutionType/", {"input": {"name": "x"}}).status_code in (400, 403)
    assert not SolutionType.objects.filter(name="x").exists()


def test_glpi_followup_and_task_from_a_template(glpi_as, taken, capture_template):
    from escalade.itiltemplates.models import TaskTemplate
    from escalade.tickets.models import Followup, Task

    api = glpi_as("referent.lsu", "Référent fonctionnel")
    made = api.post(
        "ITILFollowup/",
        {
            "input": {
                "itemtype": "Ticket",
                "items_id": taken.pk,
                "_itilfollowuptemplates_id": capture_template.pk,
            }
        },
    )
    assert made.status_code == 201, made.content
    followup = Followup.objects.get(pk=made.json()["id"])
    assert "Bonjour Claire," in followup.content and f"n° {taken.pk}" in followup.content
    task_template = TaskTemplate.objects.get(name="LSU : vérifier le profil ARENA")
    task = api.post(
        "TicketTask/", {"input": {"tickets_id": taken.pk, "_tasktemplates_id": task_template.pk}}
    )
    assert task.status_code == 201, task.content
    created = Task.objects.get(pk=task.json()["id"])
    assert created.is_private and created.duration_seconds == 900
    assert "Claire Dubois" in created.content
    unknown = api.post(
        "ITILFollowup/",
        {
            "input": {
                "itemtype": "Ticket",
                "items_id": taken.pk,
                "_itilfollowuptemplates_id": 999999,
            }
        },
    )
    assert unknown.status_code == 400

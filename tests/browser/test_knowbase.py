"""The FAQ in the browser: a head of school sees suggestions while typing a ticket's title,
reads one and says it solved the problem; a referent turns a solution into an article."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from escalade.knowbase.models import Article, Deflection
from escalade.tickets import workflow
from tests.browser.conftest import check_accessibility, screenshot, sign_in, wait_for_htmx
from tests.conftest import as_, open_lsu_ticket

pytestmark = pytest.mark.browser


def test_requester_is_suggested_a_faq_article_and_it_solves_the_problem(page, live_demo):
    demo = live_demo
    sign_in(page, "chef.etab")
    page.get_by_role("link", name="FAQ", exact=True).click()
    expect(page.get_by_role("heading", name="Foire aux questions")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Rechercher", exact=True).fill("bilans")
    page.get_by_role("button", name="Rechercher").click()
    expect(
        page.get_by_role("link", name="LSU : exporter les bilans périodiques en PDF")
    ).to_be_visible()

    page.goto("/tickets/nouveau/")
    page.get_by_label("Catégorie").select_option(value=str(demo.lsu.pk))
    page.get_by_label("Titre").press_sequentially("Erreur 403 connexion", delay=20)
    suggestion = page.locator("#suggestions-faq").get_by_role(
        "link", name="LSU : « Accès refusé » (erreur 403) à la connexion"
    )
    expect(suggestion).to_be_visible()
    wait_for_htmx(page)
    unrelated = page.locator("#suggestions-faq").get_by_role(
        "link", name="LSU : exporter les bilans périodiques en PDF"
    )
    expect(unrelated).to_have_count(0)
    check_accessibility(page)
    screenshot(page, "faq-suggestions")

    page.goto(suggestion.get_attribute("href") or "")
    expect(
        page.get_by_role("heading", name="LSU : « Accès refusé » (erreur 403) à la connexion")
    ).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Cet article a résolu mon problème").click()
    expect(page.get_by_role("status")).to_contain_text("ravis que cet article vous ait aidé")
    check_accessibility(page)
    article = Article.objects.get(name__contains="erreur 403")
    assert Deflection.objects.filter(article=article, user=demo.users["chef.etab"]).count() == 1
    assert article.suggested >= 1


def test_referent_adds_a_solution_to_the_knowledge_base(page, live_demo):
    demo = live_demo
    chef, referent = as_(demo, "chef.etab"), as_(demo, "referent.lsu", "Référent fonctionnel")
    ticket = open_lsu_ticket(demo, chef, title="LSU : appréciations tronquées")
    workflow.take(ticket, by=referent)
    workflow.add_solution(ticket, by=referent, content="Limiter à 600 caractères.")
    sign_in(page, "referent.lsu")
    page.get_by_label("Profil").select_option(label="Référent fonctionnel")
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
    page.goto(f"/tickets/{ticket.pk}/")
    page.get_by_role("button", name="Ajouter à la base de connaissances").click()
    expect(page.get_by_role("heading", name="Modifier l'article")).to_be_visible()
    expect(page.get_by_label("Sujet")).to_have_value("LSU : appréciations tronquées")
    check_accessibility(page)
    page.get_by_label("Publier dans la FAQ").check()
    page.get_by_label("Cibles : entités").select_option(label=demo.academie.full_name)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", name="LSU : appréciations tronquées")).to_be_visible()
    expect(page.locator("#reponse")).to_contain_text("Limiter à 600 caractères.")
    check_accessibility(page)
    screenshot(page, "knowbase-article")
    article = Article.objects.get(name="LSU : appréciations tronquées")
    assert article.is_faq and article.entity_targets.get().entity == demo.academie

"""Knowledge base fixtures: the demo's two LSU FAQ articles, and a few more."""

from __future__ import annotations

import pytest

from escalade.knowbase import workflow
from escalade.knowbase.models import Article, KnowbaseCategory
from tests.conftest import as_


@pytest.fixture
def lsu_category(demo) -> KnowbaseCategory:
    return KnowbaseCategory.objects.get(name="LSU")


@pytest.fixture
def faq_articles(demo) -> list[Article]:
    """[the 403 article, the PDF export article]."""
    return list(Article.objects.filter(is_faq=True).order_by("-name"))


def write(demo, *, login="referent.lsu", profile="Référent fonctionnel", **fields) -> Article:
    """An article written by a referent through the workflow."""
    who = as_(demo, login, profile)
    fields.setdefault("answer", "Réponse")
    return workflow.create_article(by=who, **fields)


@pytest.fixture
def internal_article(demo, lsu_category) -> Article:
    """A technicians' article (not FAQ), for the académie and below."""
    return write(
        demo,
        name="Procédure interne : relancer l'import SIECLE",
        answer="<p>Relancer le <em>connecteur</em> depuis la console.</p>",
        categories=[lsu_category],
        targets=workflow.Targets(entities=[(demo.academie, True)]),
    )


from tests.api.conftest import api_as  # noqa: E402, F401
from tests.glpi.conftest import glpi_as  # noqa: E402, F401
from tests.web.conftest import (  # noqa: E402, F401
    chef_client,
    client_as,
    outsider_client,
    referent_client,
    tech_client,
)

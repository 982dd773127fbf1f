"""The demo's knowledge base: an LSU category and two FAQ articles for the schools."""

from __future__ import annotations

from typing import TYPE_CHECKING

from escalade.knowbase.models import Article, EntityTarget, KnowbaseCategory
from escalade.tickets.richtext import clean

if TYPE_CHECKING:
    from escalade.demo.lsu import Demo

ARTICLES = [
    (
        "LSU : « Accès refusé » (erreur 403) à la connexion",
        "<p>L'erreur 403 apparaît quand votre compte n'a pas encore le profil LSU "
        "de l'établissement.</p><ol><li>Déconnectez-vous du portail ARENA.</li>"
        "<li>Reconnectez-vous avec votre identifiant académique.</li>"
        "<li>Choisissez « Scolarité du 1er et du 2nd degré » puis « LSU ».</li></ol>"
        "<p>Si l'erreur persiste le lendemain, créez un ticket « Scolarité > LSU ».</p>",
    ),
    (
        "LSU : exporter les bilans périodiques en PDF",
        "<p>Dans LSU, menu <strong>Bilans</strong> &gt; <strong>Édition</strong> : cochez "
        "les classes, puis « Exporter en PDF ». L'export de plus de 300 élèves se fait la "
        "nuit : le fichier est disponible le lendemain dans « Mes exports ».</p>",
    ),
]


def load(demo: Demo) -> None:
    category, _ = KnowbaseCategory.objects.update_or_create(
        name="LSU", parent=None, defaults={"entity": demo.academie, "is_recursive": True}
    )
    category.ticket_categories.add(demo.lsu)
    author = demo.users["referent.lsu"]
    for name, answer in ARTICLES:
        article, _ = Article.objects.update_or_create(
            name=name, defaults={"answer": clean(answer), "is_faq": True, "author": author}
        )
        article.categories.set([category])
        EntityTarget.objects.update_or_create(
            article=article, entity=demo.academie, defaults={"is_recursive": True}
        )

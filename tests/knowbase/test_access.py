"""Who reads which article: rights (READ / READFAQ / admin), targets, visibility dates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from escalade.accounts.rights import Right
from escalade.knowbase import access, workflow
from escalade.knowbase.models import EntityTarget
from escalade.tickets.errors import Forbidden, InvalidInput
from tests.conftest import as_
from tests.knowbase.conftest import write


def ids(who, **kw) -> set[int]:
    return set(access.visible_articles(who, **kw).values_list("pk", flat=True))


def test_profiles_carry_glpi_knowbase_rights(chef, referent, tech, admin_who):
    assert chef.has(Right.KNOWBASE_READ_FAQ) and not chef.has(Right.KNOWBASE_READ)
    assert not access.can_create(chef)
    for writer in (referent, tech):
        assert writer.has_any(Right.KNOWBASE_READ, Right.KNOWBASE_PUBLISH_FAQ)
        assert access.can_create(writer) and access.can_publish_faq(writer)
        assert not writer.has(Right.KNOWBASE_ADMIN)
    assert admin_who.has(Right.KNOWBASE_ADMIN)


def test_requester_reads_the_faq_of_their_entities_only(demo, chef, faq_articles, internal_article):
    assert {a.pk for a in faq_articles} <= ids(chef)
    assert internal_article.pk not in ids(chef)  # READFAQ: FAQ articles only
    lycee_only = write(
        demo, name="Lycée", is_faq=True, targets=workflow.Targets(entities=[(demo.lycee, False)])
    )
    assert lycee_only.pk not in ids(chef)
    with pytest.raises(access.ArticleNotFound):
        access.get_article_for(chef, internal_article.pk)


def test_a_target_without_sub_entities_stops_at_its_entity(demo, chef):
    article = write(
        demo,
        name="Rectorat",
        is_faq=True,
        targets=workflow.Targets(entities=[(demo.academie, False)]),
    )
    assert article.pk not in ids(chef)  # chef.etab is in the Collège, below
    EntityTarget.objects.filter(article=article).update(is_recursive=True)
    assert article.pk in ids(chef)


def test_group_profile_and_user_targets(demo, chef, referent, tech):
    group = write(
        demo, name="Pour DSI-BAI", targets=workflow.Targets(groups=[(demo.dsi_bai, None, False)])
    )
    profile = write(
        demo,
        name="Pour Self-Service",
        is_faq=True,
        targets=workflow.Targets(profiles=[(demo.self_service, None, False)]),
    )
    user = write(demo, name="Pour Claire", is_faq=True, targets=workflow.Targets(users=[chef.user]))
    assert group.pk in ids(tech) and group.pk not in ids(
        as_(demo, "referent2.lsu", "Référent fonctionnel")
    )
    assert profile.pk in ids(chef) and profile.pk not in ids(tech)
    assert user.pk in ids(chef) and user.pk not in ids(tech)
    # The author reads their own article, whatever its targets.
    assert {group.pk, profile.pk, user.pk} <= ids(referent)


def test_visibility_dates_hide_an_article_from_readers_not_editors(demo, chef, tech):
    now = timezone.now()
    later = write(
        demo,
        name="Bientôt",
        is_faq=True,
        begin_date=now + timedelta(days=2),
        targets=workflow.Targets(entities=[(demo.academie, True)]),
    )
    over = write(
        demo,
        name="Périmé",
        is_faq=True,
        end_date=now - timedelta(days=1),
        begin_date=now - timedelta(days=5),
        targets=workflow.Targets(entities=[(demo.academie, True)]),
    )
    assert not {later.pk, over.pk} & ids(chef)
    assert {later.pk, over.pk} <= ids(tech)  # knowbase.update: editors see them


def test_someone_else_sees_nothing(outsider, faq_articles, internal_article, admin_who):
    assert ids(outsider) == set()
    assert {a.pk for a in faq_articles} | {internal_article.pk} <= ids(admin_who)


def test_writing_rights(demo, chef, referent, internal_article):
    with pytest.raises(Forbidden):
        workflow.create_article(by=chef, name="Non", answer="x")
    with pytest.raises(Forbidden):
        workflow.update_article(internal_article, by=chef, name="Non")
    with pytest.raises(InvalidInput):
        workflow.create_article(by=referent, name="   ", answer="x")


def test_an_edit_keeps_the_previous_text_as_a_revision(demo, referent, internal_article):
    workflow.update_article(internal_article, by=referent, answer="Nouvelle <réponse>")
    internal_article.refresh_from_db()
    assert internal_article.answer == "<p>Nouvelle &lt;réponse&gt;</p>"
    revision = internal_article.revisions.get()
    assert revision.number == 1 and "connecteur" in revision.answer


def test_html_answers_are_sanitized(demo, referent):
    article = write(demo, name="XSS", answer='<p onclick="x()">Bon<script>alert(1)</script></p>')
    assert article.answer == "<p>Bon</p>"

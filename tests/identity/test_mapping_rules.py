"""Directory mapping rules: what administrators may write, and who may edit them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from escalade.accounts.models import User
from escalade.identity.models import DirectoryMapping

ADMIN_LIST = "/admin/identity/directorymapping/"


def test_profile_without_entity_is_refused(demo):
    rule = DirectoryMapping(directory_group="referents-lsu", profile=demo.referent_profile)

    with pytest.raises(ValidationError):
        rule.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        rule.save()


def test_rule_giving_nothing_is_refused(demo):
    rule = DirectoryMapping(directory_group="referents-lsu")

    with pytest.raises(ValidationError):
        rule.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        rule.save()


def test_superuser_edits_rules_in_the_administration(demo):
    admin = User.objects.get(username="admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)

    response = client.post(
        f"{ADMIN_LIST}add/",
        {
            "directory_group": " dsi-bai ",
            "support_group": demo.dsi_bai.pk,
            "profile": "",
            "entity": "",
            "is_recursive": "on",
        },
    )

    assert response.status_code == 302
    assert DirectoryMapping.objects.get().directory_group == "dsi-bai"


def test_other_users_cannot_see_the_rules(demo):
    client = Client()
    client.force_login(User.objects.get(username="tech.bai"))

    response = client.get(ADMIN_LIST)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_rules_never_take_back_what_was_given_by_hand(demo):
    from escalade.accounts.models import Membership, ProfileGrant
    from escalade.identity.mapping import apply_directory_groups

    user = User.objects.get(username="referent.lsu")  # Référents-LSU member by hand (demo)
    before_groups = set(Membership.objects.filter(user=user).values_list("group_id", flat=True))
    before_grants = set(ProfileGrant.objects.filter(user=user).values_list("pk", flat=True))
    DirectoryMapping.objects.create(
        directory_group="referents-lsu",
        support_group=demo.referents,
        profile=demo.referent_profile,
        entity=demo.academie,
    )

    apply_directory_groups(user, ["referents-lsu"], source="test")
    apply_directory_groups(user, [], source="test")

    assert set(Membership.objects.filter(user=user).values_list("group_id", flat=True)) == (
        before_groups
    )
    assert set(ProfileGrant.objects.filter(user=user).values_list("pk", flat=True)) == (
        before_grants
    )

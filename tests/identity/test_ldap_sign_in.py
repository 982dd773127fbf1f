"""Signing in through the web form with the academic directory (a real slapd)."""

from __future__ import annotations

import ldap
import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import MD5PasswordHasher, make_password
from django.test import RequestFactory
from django.urls import reverse

from escalade.accounts.models import Membership, ProfileGrant, User
from escalade.identity.models import DirectoryMapping
from tests.identity.conftest import SUFFIX

LOGIN = "accounts:login"
MARIE_DN = f"uid=marie.curie,ou=people,{SUFFIX}"


@pytest.fixture
def rules(demo):
    """Referents get the LSU group and the referent profile; heads of schools Self-Service."""
    DirectoryMapping.objects.create(
        directory_group="referents-lsu",
        support_group=demo.referents,
        profile=demo.referent_profile,
        entity=demo.academie,
        is_recursive=True,
    )
    DirectoryMapping.objects.create(
        directory_group=f"CN=Chefs-Etablissement,OU=groups,{SUFFIX.upper()}",
        profile=demo.self_service,
        entity=demo.college,
        is_recursive=False,
    )
    DirectoryMapping.objects.create(directory_group="dsi-bai", support_group=demo.dsi_bai)
    return demo


def sign_in(client, username: str, password: str):
    return client.post(reverse(LOGIN), {"username": username, "password": password})


def grants_of(user: User) -> set[tuple[str, str, bool]]:
    return {
        (g.profile.name, g.entity.name, g.is_recursive)
        for g in ProfileGrant.objects.filter(user=user).select_related("profile", "entity")
    }


def groups_of(user: User) -> set[str]:
    return set(Membership.objects.filter(user=user).values_list("group__name", flat=True))


def test_directory_user_signs_in_and_gets_name_mail_groups_and_profiles(client, ldap_on, rules):
    response = sign_in(client, "marie.curie", "radium-1898")

    assert response.status_code == 302
    user = User.objects.get(username="marie.curie")
    assert (user.first_name, user.last_name, user.email) == (
        "Marie",
        "Curie",
        "marie.curie@ac-test.fr",
    )
    assert not user.has_usable_password()  # the password stays in the directory
    assert groups_of(user) == {"Référents-LSU"}
    assert grants_of(user) == {
        ("Référent fonctionnel", "Académie de Normandie", True),
        ("Self-Service", "Collège Jean Moulin", False),
    }
    assert ProfileGrant.objects.filter(user=user, is_default=True).count() == 1
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(reverse("home")).wsgi_request.user == user


def test_non_ascii_names_come_from_the_directory(client, ldap_on, rules):
    sign_in(client, "irene.joliot", "polonium-1934")

    user = User.objects.get(username="irene.joliot")
    assert (user.first_name, user.last_name) == ("Irène", "Joliot-Curie")


def test_next_sign_in_refreshes_attributes_groups_and_profiles(client, ldap_on, rules, ldap_admin):
    sign_in(client, "marie.curie", "radium-1898")
    user = User.objects.get(username="marie.curie")
    referents_dn = f"cn=referents-lsu,ou=groups,{SUFFIX}"
    bai_dn = f"cn=dsi-bai,ou=groups,{SUFFIX}"
    try:
        ldap_admin.modify_s(MARIE_DN, [(ldap.MOD_REPLACE, "mail", [b"m.curie@ac-test.fr"])])
        ldap_admin.modify_s(referents_dn, [(ldap.MOD_DELETE, "member", [MARIE_DN.encode()])])
        ldap_admin.modify_s(bai_dn, [(ldap.MOD_ADD, "member", [MARIE_DN.encode()])])
        client.logout()
        sign_in(client, "marie.curie", "radium-1898")
    finally:
        ldap_admin.modify_s(MARIE_DN, [(ldap.MOD_REPLACE, "mail", [b"marie.curie@ac-test.fr"])])
        ldap_admin.modify_s(referents_dn, [(ldap.MOD_ADD, "member", [MARIE_DN.encode()])])
        ldap_admin.modify_s(bai_dn, [(ldap.MOD_DELETE, "member", [MARIE_DN.encode()])])

    user.refresh_from_db()
    assert user.email == "m.curie@ac-test.fr"
    assert groups_of(user) == {"DSI-BAI"}
    assert grants_of(user) == {("Self-Service", "Collège Jean Moulin", False)}


def test_refresh_keeps_what_an_administrator_gave_by_hand(client, ldap_on, rules):
    sign_in(client, "paul.langevin", "ultrasons-1916")
    user = User.objects.get(username="paul.langevin")
    Membership.objects.create(user=user, group=rules.referents)
    ProfileGrant.objects.create(user=user, profile=rules.technician, entity=rules.lycee)
    DirectoryMapping.objects.filter(directory_group="dsi-bai").delete()
    client.logout()

    sign_in(client, "paul.langevin", "ultrasons-1916")

    assert groups_of(user) == {"Référents-LSU"}  # DSI-BAI (from the rule) is gone
    assert grants_of(user) == {
        ("Technicien", "Lycée Victor Hugo", True),
        ("Self-Service", "Collège Jean Moulin", False),
    }


def test_changed_rule_updates_the_recursive_flag(client, ldap_on, rules):
    sign_in(client, "marie.curie", "radium-1898")
    DirectoryMapping.objects.filter(directory_group="referents-lsu").update(is_recursive=False)
    client.logout()

    sign_in(client, "marie.curie", "radium-1898")

    assert ("Référent fonctionnel", "Académie de Normandie", False) in grants_of(
        User.objects.get(username="marie.curie")
    )


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("marie.curie", "wrong-password"),
        ("nobody.here", "radium-1898"),
        ("*)(uid=*", "radium-1898"),
        ("*", "radium-1898"),
        ("marie.curie)(|(uid=*", "radium-1898"),
        ("marie.curie", ""),
    ],
    ids=[
        "wrong-password",
        "unknown-user",
        "filter-injection",
        "wildcard",
        "or-injection",
        "empty-password",
    ],
)
def test_bad_credentials_fail_alike(client, ldap_on, rules, username, password):
    response = client.post(reverse(LOGIN), {"username": username, "password": password})
    reference = client.post(reverse(LOGIN), {"username": "nobody.else", "password": "x"})

    assert response.status_code == reference.status_code == 200
    assert "_auth_user_id" not in client.session
    assert not User.objects.exclude(
        username__in=["chef.etab", "referent.lsu", "referent2.lsu", "tech.bai", "admin"]
    ).exists()
    if password:
        assert response.context["form"].errors == reference.context["form"].errors


def test_local_accounts_keep_working_beside_the_directory(client, ldap_on, rules):
    response = sign_in(client, "referent.lsu", "demo")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="referent.lsu").pk)


def test_user_disabled_in_escalade_cannot_sign_in_with_the_directory(client, ldap_on, rules):
    sign_in(client, "marie.curie", "radium-1898")
    client.logout()
    User.objects.filter(username="marie.curie").update(is_active=False)

    response = sign_in(client, "marie.curie", "radium-1898")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_directory_session_ends_when_the_user_is_disabled(client, ldap_on, rules):
    sign_in(client, "marie.curie", "radium-1898")
    assert client.get(reverse("home")).wsgi_request.user.is_authenticated

    User.objects.filter(username="marie.curie").update(is_active=False)

    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_glpi_api_basic_auth_path_authenticates_directory_users(ldap_on, rules):
    """initSession with Basic auth calls authenticate(request=..., username=, password=)."""
    request = RequestFactory().get("/apirest.php/initSession", REMOTE_ADDR="192.0.2.10")

    user = authenticate(request=request, username="marie.curie", password="radium-1898")
    nobody = authenticate(request=request, username="marie.curie", password="nope")

    assert user is not None and user.username == "marie.curie"
    assert nobody is None
    assert "Référents-LSU" in groups_of(user)


def test_directory_down_leaves_local_accounts_working(client, ldap_on, rules, settings):
    settings.AUTH_LDAP_SERVER_URI = "ldap://127.0.0.1:1"

    assert sign_in(client, "marie.curie", "radium-1898").status_code == 200
    assert sign_in(client, "admin", "demo").status_code == 302


class CountingHasher(MD5PasswordHasher):
    """Counts the hashing work, the part of a sign-in whose duration matters."""

    runs = 0

    def encode(self, password, salt):
        CountingHasher.runs += 1
        return super().encode(password, salt)


def test_unknown_user_and_wrong_password_cost_the_same_hashing(client, ldap_on, rules, settings):
    sign_in(client, "marie.curie", "radium-1898")  # now known to Escalade
    client.logout()
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    User.objects.filter(username="chef.etab").update(password=make_password("demo"))
    work = {}
    for case, username, password in [
        ("directory user, wrong password", "marie.curie", "guess"),
        ("unknown user", "nobody.here", "guess"),
        ("local user, wrong password", "chef.etab", "guess"),
    ]:
        CountingHasher.runs = 0
        response = sign_in(client, username, password)
        assert response.status_code == 200
        work[case] = CountingHasher.runs

    assert set(work.values()) == {1}, work

"""Password reset by mail for local accounts, read from a real SMTP server."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from django.urls import reverse

from escalade.accounts.models import User

RESET = "identity:password_reset"
NEW_PASSWORD = "Cartable-Violet-2026"


def without_csrf(content: bytes) -> str:
    """The page as a person sees it: CSRF tokens differ on every page by design."""
    page = content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", page)


def reset_link(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(r"https?://\S+/identite/mot-de-passe/nouveau/\S+/\S+/", body)
    assert match, body
    return match.group(0)


def path_of(url: str, base: str) -> str:
    assert url.startswith(base), (url, base)
    return url.removeprefix(base)


def set_password_through(client, link_path: str, password: str):
    form_page = client.get(link_path, follow=True)
    return client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link_path,
        {"new_password1": password, "new_password2": password},
    )


def test_reset_by_mail_end_to_end(client, demo, smtp, settings):
    settings.ESCALADE_BASE_URL = "https://assistance.ac-test.fr"

    response = client.post(reverse(RESET), {"email": "chef.etab@example.org"}, follow=True)

    assert "Vérifiez votre messagerie" in response.content.decode()
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert message["To"] == "chef.etab@example.org"
    assert "nouveau mot de passe" in message["Subject"]
    link = reset_link(message)
    done = set_password_through(client, path_of(link, settings.ESCALADE_BASE_URL), NEW_PASSWORD)
    assert done.status_code == 302 and done["Location"] == reverse(
        "identity:password_reset_complete"
    )
    user = User.objects.get(username="chef.etab")
    assert user.check_password(NEW_PASSWORD) and not user.check_password("demo")
    signed_in = client.post(
        reverse("accounts:login"), {"username": "chef.etab", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302


def test_reset_link_works_only_once(client, demo, smtp, settings):
    client.post(reverse(RESET), {"email": "chef.etab@example.org"})
    link_path = path_of(reset_link(smtp.messages[0]), settings.ESCALADE_BASE_URL)
    set_password_through(client, link_path, NEW_PASSWORD)

    second = client.get(link_path, follow=True)

    assert "n'est plus valable" in second.content.decode()
    assert User.objects.get(username="chef.etab").check_password(NEW_PASSWORD)


def test_reset_link_expires(client, demo, smtp, settings):
    settings.PASSWORD_RESET_TIMEOUT = 2 * 3600
    with time_machine.travel("2026-03-02 08:00 +0000", tick=False) as clock:
        client.post(reverse(RESET), {"email": "chef.etab@example.org"})
        link_path = path_of(reset_link(smtp.messages[0]), settings.ESCALADE_BASE_URL)
        clock.shift(timedelta(hours=2, minutes=1))

        page = client.get(link_path, follow=True)

    assert "n'est plus valable" in page.content.decode()
    assert User.objects.get(username="chef.etab").check_password("demo")


def test_unknown_address_gets_the_same_answer_and_no_mail(client, demo, smtp):
    known = client.post(reverse(RESET), {"email": "chef.etab@example.org"}, follow=True)
    unknown = client.post(reverse(RESET), {"email": "personne@example.org"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain
    assert without_csrf(known.content) == without_csrf(unknown.content)
    assert [m["To"] for m in smtp.messages] == ["chef.etab@example.org"]


def test_directory_accounts_get_no_reset_mail(client, demo, smtp):
    user = User.objects.create_user("marie.curie", email="marie.curie@ac-test.fr")
    assert not user.has_usable_password()

    client.post(reverse(RESET), {"email": "marie.curie@ac-test.fr"})

    assert smtp.messages == []


def test_disabled_accounts_get_no_reset_mail(client, demo, smtp):
    User.objects.filter(username="chef.etab").update(is_active=False)

    client.post(reverse(RESET), {"email": "chef.etab@example.org"})

    assert smtp.messages == []


def test_link_uses_the_configured_address_not_the_host_header(client, demo, smtp, settings):
    settings.ALLOWED_HOSTS = ["assistance.ac-test.fr", "evil.example"]
    settings.ESCALADE_BASE_URL = "https://assistance.ac-test.fr"

    client.post(reverse(RESET), {"email": "chef.etab@example.org"}, HTTP_HOST="evil.example")

    assert reset_link(smtp.messages[0]).startswith("https://assistance.ac-test.fr/identite/")


def test_weak_new_password_is_refused_and_nothing_changes(client, demo, smtp, settings):
    client.post(reverse(RESET), {"email": "chef.etab@example.org"})
    link_path = path_of(reset_link(smtp.messages[0]), settings.ESCALADE_BASE_URL)

    response = set_password_through(client, link_path, "123")

    assert response.status_code == 200
    assert User.objects.get(username="chef.etab").check_password("demo")

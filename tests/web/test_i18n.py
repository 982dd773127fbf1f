"""French first, English available: every string translated, dates localized."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

import escalade
from tests.conftest import open_lsu_ticket

PO = Path(escalade.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_message_has_an_english_translation():
    text = PO.read_text(encoding="utf-8")
    untranslated = re.findall(r'\nmsgid "(.+)"\nmsgstr ""\n\n', text + "\n")
    assert untranslated == []


def test_english_catalog_is_compiled():
    with translation.override("en"):
        assert translation.gettext("M'attribuer le ticket") == "Assign the ticket to me"
        assert translation.gettext("Escalader") == "Escalate"


def test_french_is_the_default_with_french_dates(chef_client, demo, chef):
    ticket = open_lsu_ticket(demo, chef)
    page = chef_client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert '<html lang="fr">' in page and "Ouvert par Claire Dubois le" in page
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", page)


def test_english_pages_and_dates(chef_client, demo, chef):
    ticket = open_lsu_ticket(demo, chef)
    chef_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = chef_client.get(f"/tickets/{ticket.pk}/").content.decode()
    assert '<html lang="en">' in page and "Opened by Claire Dubois on" in page
    assert "Ticket timeline" in page and "Fil du ticket" not in page

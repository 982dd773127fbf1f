"""What people type is what they read: a table of nasty inputs, through every way in
(web form, /api/v1, GLPI's API, the mail gateway), read back through every way out (the
ticket page, /api/v1, GLPI's API, the notification mails of the outbox, the CSV export)."""

from __future__ import annotations

import csv
import html
import io
import json
from email.message import EmailMessage

import pytest
from rest_framework.test import APIClient

from escalade.notifications import rendering
from escalade.notifications.models import Notification
from escalade.tickets import richtext
from escalade.tickets.models import Source, Ticket
from tests.glpi.conftest import login as glpi_login
from tests.web.conftest import signed_in

ERREUR_XML = "Erreur XML : balise <eleve> non fermée\nValeur attendue <code_uai>, reçu 0141234X"
LONG = ("Ligne de journal n° 42 <eleve> & b. " * 400)[:10_000]

# (name, title, description as typed, description as read back)
CASES = [
    ("angle_brackets", "Balise <eleve> non fermée", ERREUR_XML, ERREUR_XML),
    ("entities", "Tom &amp; Jerry", "Tom &amp; Jerry &lt;b&gt; &copy; & <3", None),
    ("script", "<script>alert(1)</script>", "<script>alert('x')</script>", None),
    ("emoji", "Merci 🙏 🎉", "Merci 🙏 🎉 👩‍💻 — ça marche", None),
    (
        "crlf",
        "Deux lignes",
        "ligne 1\r\nligne 2\r\n\r\nparagraphe 2",
        "ligne 1\nligne 2\n\nparagraphe 2",
    ),
    ("tabs", "Colonnes\tséparées", "col1\tcol2\t\tcol3\nval1\tval2", None),
    ("long", "Très long", LONG, None),
    ("rtl", "שלום — مرحبا", "שלום, הבעיה בכניסה\nمرحبا، المشكلة في الدخول", None),
]
IDS = [c[0] for c in CASES]


def expected(case) -> str:
    return case[3] if case[3] is not None else case[2]


def referent_api() -> APIClient:
    from escalade.accounts.models import Profile

    client = APIClient()
    profile = Profile.objects.get(name="Référent fonctionnel")
    client.credentials(
        HTTP_AUTHORIZATION="Token referent.lsu-token", HTTP_X_ESCALADE_PROFILE=str(profile.pk)
    )
    return client


def referent_glpi():
    from django.test import Client

    api = glpi_login(Client(), "referent.lsu")
    profiles = api.get("getMyProfiles").json()["myprofiles"]
    wanted = next(p["id"] for p in profiles if p["name"] == "Référent fonctionnel")
    assert api.post("changeActiveProfile", {"profiles_id": wanted}).json() is True
    return api


# --- The ways in ------------------------------------------------------------------------


def via_web(demo, title, text) -> Ticket:
    client = signed_in(demo, "chef.etab")
    response = client.post(
        "/tickets/nouveau/",
        {"type": 1, "category": demo.lsu.pk, "urgency": 3, "title": title, "content": text},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Ticket.objects.order_by("-pk").first()


def via_api(demo, title, text) -> Ticket:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token chef.etab-token")
    body = {"type": 1, "category": demo.lsu.pk, "urgency": 3, "title": title, "content": text}
    response = client.post("/api/v1/tickets/", body, format="json")
    assert response.status_code == 201, response.content
    return Ticket.objects.get(pk=response.json()["id"])


def via_glpi(demo, title, text) -> Ticket:
    from django.test import Client

    api = glpi_login(Client(), "chef.etab")
    body = {"input": {"name": title, "content": text, "itilcategories_id": demo.lsu.pk}}
    response = api.post("Ticket", body)
    assert response.status_code == 201, response.content
    return Ticket.objects.get(pk=response.json()["id"])


def via_mail(demo, title, text, settings) -> Ticket:
    from escalade.mailgate import gateway
    from escalade.mailgate.models import Mailbox

    settings.ESCALADE_MAILGATE_ADDRESS = "support@escalade.example"
    message = EmailMessage()
    message["From"] = "Claire Dubois <chef.etab@example.org>"
    message["To"] = "support@escalade.example"
    message["Subject"] = title
    message["Message-ID"] = f"<{abs(hash((title, text)))}@example.org>"
    message.set_content(text.replace("\r\n", "\n"))
    mailbox = Mailbox.objects.create(
        name="LSU", host="imap.example.org", login="lsu", entity=demo.college, category=demo.lsu
    )
    gateway.handle_message(message.as_bytes(), mailbox=mailbox)
    ticket = Ticket.objects.order_by("-pk").first()
    assert ticket.source == Source.EMAIL
    return ticket


WAYS_IN = {"web": via_web, "api": via_api, "glpi": via_glpi, "mail": via_mail}


# --- Reading back -------------------------------------------------------------------------


def check_everywhere(demo, ticket, title, text):
    # Stored: the text escaped, paragraphs and line breaks kept; never stripped.
    assert ticket.title == title
    assert ticket.content == richtext.from_plain(text)
    assert richtext.to_plain(ticket.content) == text

    referent = signed_in(demo, "referent.lsu", "Référent fonctionnel")
    page = referent.get(f"/tickets/{ticket.pk}/").content.decode()
    assert html.escape(title) in page
    assert ticket.content in page  # the escaped text, with its <br> and paragraphs
    assert "<eleve>" not in page and "<script>alert" not in page

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token chef.etab-token")
    body = api.get(f"/api/v1/tickets/{ticket.pk}/").json()
    assert body["title"] == title
    assert body["content"] == text
    assert body["content_html"] == ticket.content

    from django.test import Client

    glpi = glpi_login(Client(), "chef.etab")
    item = glpi.get(f"Ticket/{ticket.pk}").json()
    assert item["name"] == title
    # GLPI clients get HTML: the escaped text, itself HTML-encoded as GLPI 10 answers.
    assert html.unescape(item["content"]) == ticket.content
    raw = glpi.get(f"Ticket/{ticket.pk}", headers={"X-GLPI-Sanitized-Content": "false"}).json()
    assert raw["content"] == ticket.content

    rows = Notification.objects.filter(ticket_number=ticket.pk)
    assert rows.exists()
    for n in rows:
        subject, mail_text, mail_html = rendering.render(n)
        assert title in subject or " ".join(title.split()) in subject
        assert text in mail_text
        assert ticket.content in mail_html
        assert "<eleve>" not in mail_html and "<script>alert" not in mail_html

    export = referent.get("/tickets/export.csv", {"status": "all"})
    content = b"".join(export.streaming_content).decode("utf-8-sig")
    rows_csv = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert any(title in row for row in rows_csv), rows_csv[:3]


@pytest.mark.parametrize("way", list(WAYS_IN))
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_text_reads_back_exactly(demo, settings, way, case):
    _name, title, typed, _ = case
    want = expected(case)
    if way == "mail":
        ticket = via_mail(demo, title, typed, settings)
        title = " ".join(title.split())  # a Subject header is one line of words
    else:
        ticket = WAYS_IN[way](demo, title, typed)
    check_everywhere(demo, ticket, title, want)


def test_followups_tasks_and_solutions_keep_the_text(demo, lsu_ticket):
    client = referent_api()
    base = f"/api/v1/tickets/{lsu_ticket.pk}"
    for kind, url, extra in (
        ("followup", f"{base}/followups/", {}),
        ("task", f"{base}/tasks/", {"state": 1}),
        ("solution", f"{base}/solution/", {}),
    ):
        response = client.post(url, {"content": ERREUR_XML, **extra}, format="json")
        assert response.status_code == 201, (kind, response.content)
    timeline = client.get(f"{base}/").json()["timeline"]
    assert [i["content"] for i in timeline] == [ERREUR_XML] * 3
    glpi = referent_glpi()
    for itemtype in ("ITILFollowup", "TicketTask", "ITILSolution"):
        items = glpi.get(f"Ticket/{lsu_ticket.pk}/{itemtype}").json()
        assert [richtext.to_plain(html.unescape(i["content"])) for i in items] == [ERREUR_XML]
    page = signed_in(demo, "referent.lsu", "Référent fonctionnel").get(f"/tickets/{lsu_ticket.pk}/")
    assert page.content.decode().count(richtext.from_plain(ERREUR_XML)) >= 3


def test_glpi_html_is_sanitized_and_glpi_text_is_escaped(demo, lsu_ticket):
    from django.test import Client

    glpi = glpi_login(Client(), "chef.etab")
    sent = '<p onclick="x()">Bonjour<br>à tous<script>alert(1)</script></p>'
    body = {"input": {"itemtype": "Ticket", "items_id": lsu_ticket.pk, "content": sent}}
    assert glpi.post("ITILFollowup", body).status_code == 201
    text = "Erreur : balise <eleve> & <code_uai>"
    body = {"input": {"itemtype": "Ticket", "items_id": lsu_ticket.pk, "content": text}}
    assert glpi.post("ITILFollowup", body).status_code == 201
    stored = list(lsu_ticket.followups.order_by("pk").values_list("content", flat=True))
    assert stored == ["<p>Bonjour<br>à tous</p>", richtext.from_plain(text)]


def test_history_shows_the_title_as_typed(demo, lsu_ticket):
    client = referent_api()
    title = "Balise <eleve> & « guillemets »"
    response = client.patch(f"/api/v1/tickets/{lsu_ticket.pk}/", {"title": title}, format="json")
    assert response.status_code == 200 and response.json()["title"] == title
    page = signed_in(demo, "referent.lsu", "Référent fonctionnel").get(
        f"/tickets/{lsu_ticket.pk}/historique/"
    )
    assert html.escape(title) in page.content.decode()
    assert "<eleve>" not in page.content.decode()


def test_plain_text_round_trip_is_exact_for_any_text():
    samples = [c[2] for c in CASES] + ["a\n\n\nb", "a\n\n\n\nb", "  x  ", "<p>x</p>", "\tx"]
    for text in samples:
        kept = richtext.normalize_plain(text)
        assert richtext.to_plain(richtext.from_plain(text)) == kept
    assert json.loads(json.dumps(richtext.from_plain("é")))  # plain str, serialisable

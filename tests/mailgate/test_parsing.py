"""Tests of the inbound mail parser: pure Python, no database, no Django settings needed."""

from __future__ import annotations

import base64
import dataclasses
import random
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from escalade.mailgate.parsing import (
    Attachment,
    MalformedMessage,
    ParsedMessage,
    SkippedAttachment,
    extract_addresses,
    html_to_text,
    parse_message,
    strip_reply,
)

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    HAVE_HYPOTHESIS = False
else:
    HAVE_HYPOTHESIS = True

MESSAGES = Path(__file__).parent / "messages"
FIXTURES = sorted(path.name for path in MESSAGES.glob("*.eml"))
MIB = 1024 * 1024


def load(name: str) -> bytes:
    return (MESSAGES / name).read_bytes()


def parse(name: str, **limits: int) -> ParsedMessage:
    return parse_message(load(name), **limits)


def make_message(
    body: str = "Bonjour,\n\nLe vidéoprojecteur ne s'allume plus.\n",
    *,
    headers: Mapping[str, str | None] | None = None,
    content_type: str = "text/plain; charset=utf-8",
    encoding: str = "utf-8",
) -> bytes:
    """A small single-part message; ``headers`` add to or replace (None: remove) the defaults."""
    fields: dict[str, str | None] = {
        "From": "Jean Dupont <jean.dupont@ac-exemple.fr>",
        "To": "support@escalade.example",
        "Subject": "Vidéoprojecteur salle 12",
        "Date": "Tue, 6 Jan 2026 09:00:00 +0100",
        "Message-ID": "<test-1@ac-exemple.fr>",
        "MIME-Version": "1.0",
        "Content-Type": content_type,
        "Content-Transfer-Encoding": "8bit",
    }
    fields.update(headers or {})
    head = "".join(f"{name}: {value}\n" for name, value in fields.items() if value is not None)
    return head.encode("utf-8") + b"\n" + body.encode(encoding)


def make_multipart(parts: list[str], *, boundary: str = "=_escalade_test") -> bytes:
    """A multipart/mixed message whose parts are given as raw MIME text (headers + body)."""
    body = "".join(f"--{boundary}\n{part}\n" for part in parts) + f"--{boundary}--\n"
    return make_message(body, content_type=f'multipart/mixed; boundary="{boundary}"')


def parse_or_reject(raw: bytes) -> ParsedMessage | MalformedMessage:
    """Parse, turning only MalformedMessage into a value: any other exception fails the test."""
    try:
        parsed = parse_message(raw)
    except MalformedMessage as exc:
        assert isinstance(exc.reason, str) and exc.reason
        return exc
    assert_storable(parsed)
    return parsed


def assert_storable(parsed: ParsedMessage) -> None:
    """Every text field can be stored as UTF-8 in PostgreSQL (no NUL, no lone surrogate)."""
    texts = [parsed.subject, parsed.from_address, parsed.from_name, parsed.text, parsed.full_text]
    texts += parsed.to + parsed.cc + parsed.references + [a.filename for a in parsed.attachments]
    texts += [text for name, values in parsed.headers.items() for text in [name, *values]]
    for text in texts:
        assert isinstance(text, str)
        assert "\x00" not in text
        text.encode("utf-8")  # raises on lone surrogates
    assert parsed.date is None or parsed.date.tzinfo is not None


# --------------------------------------------------------------------------- client replies


def test_gmail_french_reply_keeps_only_new_text() -> None:
    parsed = parse("gmail_reply_fr.eml")

    assert parsed.text == (
        "Bonjour,\n"
        "\n"
        "L'imprimante fonctionne à nouveau depuis ce matin, merci pour votre\n"
        "aide. Vous pouvez fermer le ticket.\n"
        "\n"
        "Claire"
    )
    assert parsed.subject == "Re: [Escalade #1042] Imprimante de la salle B12 hors service"
    assert parsed.from_address == "claire.martin.b12@gmail.com"
    assert parsed.from_name == "Claire Martin"
    assert "Un technicien est passé" in parsed.full_text
    assert parsed.auto_submitted is None


def test_gmail_english_reply_drops_signature_and_quote() -> None:
    parsed = parse("gmail_reply_en.eml")

    assert parsed.text == (
        "Hi,\n"
        "\n"
        'The projector in room 204 still shows "No signal" after the firmware update.\n'
        "I tried both HDMI cables from the cupboard, same result."
    )
    assert parsed.from_address == "tom.becker@gmail.com"
    assert parsed.to == ["support@escalade.example"]
    assert parsed.cc == ["paul.durand@ac-exemple.fr", "it-lycee@ac-exemple.fr"]


def test_outlook_french_reply_keeps_only_new_text() -> None:
    parsed = parse("outlook_reply_fr_html_only.eml")

    assert parsed.text == (
        "Bonjour,\n"
        "\n"
        "Le poste du CDI redémarre en boucle depuis la mise à jour de cette nuit : le message "
        "« Préparation de Windows » reste affiché et l\u2019écran finit par devenir noir.\n"
        "\n"
        "Cordialement,\n"
        "Marc Lefèvre\n"
        "Gestionnaire, Collège Victor Hugo"
    )
    assert "Objet : [Escalade #1043] Poste du CDI" in parsed.full_text
    assert "font-family" not in parsed.full_text
    assert parsed.from_name == "Marc Lefèvre"


def test_thunderbird_english_reply_joins_flowed_lines_and_drops_signature() -> None:
    parsed = parse("thunderbird_reply_en.eml")

    assert parsed.text == (
        "Hello,\n"
        "\n"
        "The Wi-Fi in the staff room drops every few minutes since Monday. It happens on every "
        "laptop, not only mine, and restarting the access point does not help.\n"
        "\n"
        "Best regards,\n"
        "Anna"
    )
    assert "Anna Schmidt\nEnglish teacher" in parsed.full_text


def test_apple_mail_french_reply_drops_iphone_footer_and_quote() -> None:
    parsed = parse("apple_mail_iphone_reply_fr.eml")

    assert parsed.text == (
        "Merci, c\u2019est bon pour moi : le vidéoprojecteur de la salle 12 fonctionne de "
        "nouveau.\n"
        "\n"
        "Sophie"
    )
    assert parsed.subject == "Re : [Escalade #1047] Vidéoprojecteur salle 12"


def test_forwarded_message_with_nothing_above_keeps_its_content() -> None:
    parsed = parse("gmail_forward_fr.eml")

    assert parsed.text.startswith(
        "---------- Forwarded message ---------\nDe : Julien Robert <julien.robert@ac-exemple.fr>\n"
    )
    assert "aucun élève de 4e B ne peut se connecter à l'ENT" in parsed.text
    assert parsed.text.endswith("Julien")
    assert parsed.text == parsed.full_text


def test_html_only_message_drops_script_style_and_head() -> None:
    parsed = parse("html_only_with_script.eml")

    assert parsed.text == (
        "Nouvelle demande depuis le site\n"
        "\n"
        "Bonjour,\n"
        "\n"
        "La salle informatique 2 n'a plus d'accès à Internet depuis la coupure de courant de "
        "vendredi.\n"
        "\n"
        "Postes concernés :\n"
        "\n"
        "- PC-INFO2-01 à PC-INFO2-12\n"
        "- l'imprimante du fond\n"
        "\n"
        "Le détail est sur la fiche incident (https://ent.ac-exemple.fr/incidents/4521).\n"
        "\n"
        "Envoyé via le formulaire de contact \u2014 https://college-hugo.ac-exemple.fr"
    )
    assert "dataLayer" not in parsed.full_text
    assert "Ne doit pas apparaître" not in parsed.full_text
    assert "Formulaire de contact - Collège" not in parsed.full_text


def test_reply_to_is_the_reply_address_when_present() -> None:
    parsed = parse("html_only_with_script.eml")

    assert parsed.from_address == "webmaster@college-hugo.ac-exemple.fr"
    assert parsed.reply_to == "isabelle.faid@ac-exemple.fr"
    assert parsed.reply_address == "isabelle.faid@ac-exemple.fr"
    assert parse("gmail_reply_fr.eml").reply_address == "claire.martin.b12@gmail.com"


def test_threading_headers_and_date_are_extracted() -> None:
    parsed = parse("outlook_reply_fr_html_only.eml")

    assert parsed.message_id == (
        "<PAXPR08MB70213C4E1F2B9A8D7E6F5A4BC8D92@PAXPR08MB7021.eurprd08.prod.outlook.com>"
    )
    assert parsed.in_reply_to == "<ticket-1043.1767603600.c4d5e6@escalade.example>"
    assert parsed.references == ["<ticket-1043.1767603600.c4d5e6@escalade.example>"]
    assert parsed.date == datetime(2026, 1, 5, 10, 41, 11, tzinfo=UTC)


def test_date_without_zone_is_taken_as_utc_and_bad_date_is_none() -> None:
    unknown_zone = parse_message(make_message(headers={"Date": "Tue, 6 Jan 2026 09:00:00 -0000"}))
    paris = parse_message(make_message(headers={"Date": "Tue, 6 Jan 2026 09:00:00 +0100"}))
    garbage = parse_message(make_message(headers={"Date": "mardi prochain"}))

    assert unknown_zone.date == datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
    assert paris.date == datetime(2026, 1, 6, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    assert garbage.date is None


def test_message_id_without_brackets_is_normalised() -> None:
    parsed = parse_message(
        make_message(
            headers={
                "Message-ID": "1767688200.4521@ac-exemple.fr",
                "In-Reply-To": "Your message of Monday <ticket-7.1@escalade.example>",
                "References": "<a@x.fr>\n <b@x.fr> <a@x.fr>",
            }
        )
    )

    assert parsed.message_id == "<1767688200.4521@ac-exemple.fr>"
    assert parsed.in_reply_to == "<ticket-7.1@escalade.example>"
    assert parsed.references == ["<a@x.fr>", "<b@x.fr>"]


def test_raw_headers_are_available_for_loop_detection() -> None:
    parsed = parse_message(
        make_message(
            headers={
                "X-Escalade-Ticket": "1042",
                "X-Escalade-Loop": "support@escalade.example",
                "Received": "from a by b; Tue, 6 Jan 2026 09:00:00 +0100",
            }
        )
    )

    assert parsed.headers["x-escalade-ticket"] == ["1042"]
    assert parsed.header("X-Escalade-Loop") == "support@escalade.example"
    assert parsed.header("x-absent") is None
    assert len(parse("gmail_reply_fr.eml").headers["received"]) == 2


def test_parsed_message_is_frozen() -> None:
    parsed = parse("gmail_reply_fr.eml")

    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.text = "autre chose"  # type: ignore[misc]


# --------------------------------------------------------------------------- attachments


def test_pdf_and_inline_png_are_returned_with_names_and_sizes() -> None:
    parsed = parse("attachments_pdf_png.eml")

    assert [(a.filename, a.content_type, a.size) for a in parsed.attachments] == [
        ("image-1.png", "image/png", 463),
        ("relevé 3e B.pdf", "application/pdf", 597),
    ]
    image, pdf = parsed.attachments
    assert image.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert pdf.content.startswith(b"%PDF-1.4") and pdf.content.rstrip().endswith(b"%%EOF")
    assert parsed.skipped_attachments == []
    assert parsed.text.startswith("Bonjour,\n\nLe relevé de notes de la 3e B s'imprime")


def test_attachment_is_a_filename_type_content_tuple() -> None:
    attachment = parse("attachments_pdf_png.eml").attachments[1]

    filename, content_type, content = attachment
    assert (filename, content_type, len(content)) == ("relevé 3e B.pdf", "application/pdf", 597)
    assert isinstance(attachment, Attachment)


def test_attachment_over_size_limit_is_skipped_with_reason() -> None:
    big = base64.encodebytes(bytes(11 * MIB)).decode("ascii")
    raw = make_multipart(
        [
            "Content-Type: text/plain; charset=utf-8\n\nVoici la vidéo de la panne.\n",
            "Content-Type: video/mp4\nContent-Disposition: attachment; filename=panne.mp4\n"
            f"Content-Transfer-Encoding: base64\n\n{big}",
            "Content-Type: image/jpeg\nContent-Disposition: attachment; filename=photo.jpg\n"
            "Content-Transfer-Encoding: base64\n\n/9j/4AAQSkZJRgABAQ==\n",
        ]
    )

    parsed = parse_message(raw)

    assert parsed.skipped_attachments == [
        SkippedAttachment(
            "panne.mp4",
            "video/mp4",
            11 * MIB,
            "pièce jointe trop volumineuse (11 Mo, maximum 10 Mo)",
        )
    ]
    assert [(a.filename, a.size) for a in parsed.attachments] == [("photo.jpg", 13)]
    assert parsed.text == "Voici la vidéo de la panne."


def test_bad_base64_attachment_is_skipped_and_body_kept() -> None:
    parsed = parse("bad_base64_attachment.eml")

    assert parsed.attachments == []
    assert parsed.skipped_attachments == [
        SkippedAttachment(
            "convocation.pdf", "application/pdf", None, "contenu illisible (base64 invalide)"
        )
    ]
    assert parsed.text == (
        "Bonjour,\n\nLa convocation ci-jointe ne s'ouvre pas sur les postes de l'école.\n\n"
        "Le secrétariat"
    )


def test_broken_boundary_is_recovered_from_the_delimiter_lines() -> None:
    parsed = parse("broken_boundary.eml")

    assert parsed.text == (
        "Bonjour,\n"
        "\n"
        "L'export des absences de Pronote sort vide depuis lundi. Ci-joint le\n"
        "fichier obtenu ce matin.\n"
        "\n"
        "Vie scolaire"
    )
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("absences.csv", "text/csv")
    ]
    assert parsed.attachments[0].content.decode().startswith("nom;prénom;classe;date\n")


def test_forwarded_message_attachment_and_unnamed_parts_get_generated_names() -> None:
    raw = make_multipart(
        [
            "Content-Type: text/plain; charset=utf-8\n\nVoir le message joint.\n",
            "Content-Type: message/rfc822\n\n"
            "From: parent@example.org\nSubject: Cantine\n\nMon fils a perdu sa carte.\n",
            "Content-Type: image/jpeg\nContent-Transfer-Encoding: base64\n\n/9j/4AAQSkZJRgABAQ==\n",
            "Content-Type: application/octet-stream\n\nabc\n",
        ]
    )

    parsed = parse_message(raw)

    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("message-1.eml", "message/rfc822"),
        ("image-1.jpg", "image/jpeg"),
        ("piece-jointe-1.bin", "application/octet-stream"),
    ]
    assert b"Mon fils a perdu sa carte." in parsed.attachments[0].content
    assert parsed.text == "Voir le message joint."


def test_base64_encoded_attached_message_is_decoded() -> None:
    inner = b"From: parent@example.org\nSubject: Cantine\n\nMon fils a perdu sa carte.\n"
    raw = make_multipart(
        [
            "Content-Type: text/plain; charset=utf-8\n\nVoir le message joint.\n",
            "Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n"
            'Content-Disposition: attachment; filename="Cantine.eml"\n\n'
            + base64.encodebytes(inner).decode("ascii"),
        ]
    )

    assert parse_message(raw).attachments == [Attachment("Cantine.eml", "message/rfc822", inner)]


def test_attachment_filenames_cannot_escape_or_hide() -> None:
    raw = make_multipart(
        [
            "Content-Type: text/plain\nContent-Disposition: attachment; "
            'filename="../../etc/passwd"\n\nroot\n',
            "Content-Type: text/plain\nContent-Disposition: attachment; "
            'filename="C:\\\\Users\\\\prof\\\\notes.txt"\n\nnotes\n',
            "Content-Type: text/plain\nContent-Disposition: attachment; "
            'filename="=?utf-8?q?compte_rendu=0A.txt?="\n\ncr\n',
        ]
    )

    names = [a.filename for a in parse_message(raw).attachments]

    assert names == ["passwd", "notes.txt", "compte rendu_.txt"]


# --------------------------------------------------------------------------- charsets


def test_iso_8859_1_subject_sender_and_body_are_decoded() -> None:
    parsed = parse("iso_8859_1_accents.eml")

    assert parsed.subject == "Problème d'accès à Pronote depuis la rentrée"
    assert parsed.from_name == "Renée Lefèvre"
    assert parsed.text == (
        "Bonjour,\n"
        "\n"
        "Je n'arrive plus à accéder à Pronote depuis la rentrée. Le message\n"
        "« Mot de passe expiré » s'affiche, même après la réinitialisation.\n"
        "\n"
        "Renée Lefèvre\n"
        "Professeure de français"
    )


@pytest.mark.parametrize(
    ("encoding", "charset"),
    [
        ("utf-8", "x-unknown"),
        ("latin-1", "x-unknown"),
        ("latin-1", "utf-8"),  # mislabelled: undecodable bytes are replaced, not an error
        ("utf-8", "base64"),  # a Python codec, but not a text encoding
        ("utf-8", ""),
    ],
)
def test_unknown_or_wrong_charset_is_decoded_not_rejected(encoding: str, charset: str) -> None:
    raw = make_message(
        "Le clavier de la salle 3 est cassé.\n",
        content_type=f'text/plain; charset="{charset}"',
        encoding=encoding,
    )

    text = parse_message(raw).text

    if charset == "utf-8" and encoding == "latin-1":
        assert text == "Le clavier de la salle 3 est cass\ufffd."
    else:
        assert text == "Le clavier de la salle 3 est cassé."


def test_iso_8859_1_label_on_windows_1252_text_keeps_typographic_quotes() -> None:
    raw = make_message(
        "L\u2019écran reste noir \u2026\n",
        content_type="text/plain; charset=iso-8859-1",
        encoding="cp1252",
    )

    assert parse_message(raw).text == "L\u2019écran reste noir \u2026"


def test_raw_utf8_headers_are_decoded() -> None:
    raw = make_message(headers={"Subject": "Problème réseau", "From": "Léa <lea@ac-exemple.fr>"})

    parsed = parse_message(raw)

    assert parsed.subject == "Problème réseau"
    assert parsed.from_name == "Léa"


def test_unknown_charset_in_encoded_word_subject_is_decoded() -> None:
    raw = make_message(headers={"Subject": "=?x-unknown?q?Imprimante_en_panne_=C3=A0_l'accueil?="})

    assert parse_message(raw).subject == "Imprimante en panne à l'accueil"


def test_nul_bytes_never_reach_the_text() -> None:
    raw = make_message("Bon\x00jour\n", headers={"Subject": "Sujet\x00nul"})

    parsed = parse_message(raw)

    assert parsed.text == "Bonjour"
    assert "\x00" not in parsed.subject


def test_empty_text_alternative_falls_back_to_html() -> None:
    raw = make_message(
        "--b\nContent-Type: text/plain\n\n\n"
        "--b\nContent-Type: text/html\n\n<p>Le Wi-Fi est <b>coupé</b>.</p>\n--b--\n",
        content_type='multipart/alternative; boundary="b"',
    )

    assert parse_message(raw).text == "Le Wi-Fi est coupé."


# --------------------------------------------------------------------------- auto-submitted


def test_out_of_office_reply_is_flagged_auto_replied() -> None:
    parsed = parse("out_of_office_fr.eml")

    assert parsed.auto_submitted == "auto-submitted: auto-replied"
    assert parsed.subject == "Réponse automatique : [Escalade #1048] Accès Wi-Fi"
    assert parsed.text.startswith("Bonjour,\n\nJe suis absente du 5 au 16 janvier 2026")


def test_delivery_status_notification_is_flagged_as_bounce() -> None:
    parsed = parse("dsn_bounce.eml")

    assert parsed.auto_submitted == "bounce: multipart/report (delivery-status)"
    assert parsed.from_address == "mailer-daemon@mx1.escalade.example"
    assert "Recipient address rejected" in parsed.text
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("message-1.eml", "message/rfc822")
    ]
    assert b"X-Escalade-Ticket: 1049" in parsed.attachments[0].content


def test_mailing_list_message_is_flagged() -> None:
    parsed = parse("mailing_list.eml")

    assert parsed.auto_submitted == "precedence: list"
    assert parsed.header("list-id") == "<info-directeurs.listes.ac-exemple.fr>"


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"Auto-Submitted": "auto-generated; type=notification"}, "auto-submitted: auto-generated"),
        ({"X-Autoreply": "yes"}, "x-autoreply: yes"),
        ({"X-Autorespond": "Vacation"}, "x-autorespond: vacation"),
        (
            {"X-Auto-Response-Suppress": "OOF, AutoReply"},
            "x-auto-response-suppress: oof, autoreply",
        ),
        ({"X-Auto-Response-Suppress": "All"}, "x-auto-response-suppress: all"),
        ({"Precedence": "bulk"}, "precedence: bulk"),
        ({"Precedence": "junk"}, "precedence: junk"),
        ({"List-Id": "<parents.ecole.example>"}, "mailing list: list-id"),
        ({"List-Unsubscribe": "<https://news.example/u/42>"}, "mailing list: list-unsubscribe"),
        ({"Return-Path": "<>"}, "bounce: return-path <>"),
        (
            {"From": "Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>"},
            "bounce: from mailer-daemon@mx.example.org",
        ),
        ({"From": "postmaster@ac-exemple.fr"}, "bounce: from postmaster@ac-exemple.fr"),
        ({"X-Failed-Recipients": "jean@ac-exemple.fr"}, "bounce: x-failed-recipients"),
        ({"Subject": "Réponse automatique : Vidéoprojecteur"}, "subject: Réponse automatique"),
        ({"Subject": "Automatic reply: Projector"}, "subject: Automatic reply"),
        ({"Subject": "Out of Office: Projector"}, "subject: Out of Office"),
        ({"Subject": "Absence du bureau"}, "subject: Absence du bureau"),
        ({"Subject": "Undeliverable: Projector"}, "subject: Undeliverable"),
        ({"Subject": "Non remis : Vidéoprojecteur"}, "subject: Non remis"),
        (
            {"Subject": "Delivery Status Notification (Failure)"},
            "subject: Delivery Status Notification",
        ),
    ],
)
def test_automatic_messages_are_flagged_with_reason(headers: dict[str, str], reason: str) -> None:
    assert parse_message(make_message(headers=headers)).auto_submitted == reason


def test_read_receipt_is_flagged_as_report() -> None:
    raw = make_message(
        "--r\nContent-Type: text/plain\n\nLu.\n"
        "--r\nContent-Type: message/disposition-notification\n\n"
        "Final-Recipient: rfc822; jean@ac-exemple.fr\nDisposition: manual-action/MDN-sent-"
        "manually; displayed\n--r--\n",
        content_type='multipart/report; report-type=disposition-notification; boundary="r"',
    )

    assert parse_message(raw).auto_submitted == (
        "report: multipart/report (disposition-notification)"
    )


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Auto-Submitted": "no"},
        {"X-Auto-Response-Suppress": "DR, RN, NRN"},
        {"Precedence": "first-class"},
        {"Subject": "Out of office laptops need a charger"},
        {"Subject": "Re: Réponse automatique de l'ENT ne fonctionne pas"},
    ],
)
def test_messages_written_by_people_are_not_flagged(headers: dict[str, str]) -> None:
    assert parse_message(make_message(headers=headers)).auto_submitted is None


# --------------------------------------------------------------------------- limits and rejects


def test_message_over_size_limit_is_rejected() -> None:
    raw = make_message("x" * (25 * MIB))

    with pytest.raises(MalformedMessage) as caught:
        parse_message(raw)

    assert caught.value.reason == "message trop volumineux (25 Mo, maximum 25 Mo)"


def test_size_limit_can_be_lowered() -> None:
    with pytest.raises(MalformedMessage, match="message trop volumineux"):
        parse_message(load("attachments_pdf_png.eml"), max_bytes=1024)


def test_too_many_parts_is_rejected() -> None:
    raw = make_multipart([f"Content-Type: text/plain\n\npartie {n}\n" for n in range(150)])

    with pytest.raises(MalformedMessage) as caught:
        parse_message(raw)

    assert caught.value.reason == "trop de parties MIME"


def test_hundreds_of_thousands_of_tiny_parts_are_rejected_before_parsing() -> None:
    raw = make_message(
        "--z\n\nx\n" * 200_000 + "--z--\n", content_type="multipart/mixed; boundary=z"
    )

    with pytest.raises(MalformedMessage, match="trop de parties MIME"):
        parse_message(raw)


def test_deeply_nested_multipart_is_rejected() -> None:
    with pytest.raises(MalformedMessage) as caught:
        parse("deeply_nested_15_levels.eml")

    assert caught.value.reason == "structure MIME trop profonde"


def test_deeply_nested_multipart_parses_with_a_higher_depth_limit() -> None:
    assert parse("deeply_nested_15_levels.eml", max_depth=20).text == (
        "Bonjour du fond de la structure."
    )


def test_thousands_of_nested_multiparts_are_rejected() -> None:
    body = "Content-Type: text/plain\n\nfond\n"
    for level in range(3000):
        body = f"Content-Type: multipart/mixed; boundary=b{level}\n\n--b{level}\n{body}\n"
    raw = b"From: a@ac-exemple.fr\n" + body.encode()

    with pytest.raises(MalformedMessage, match="structure MIME trop profonde"):
        parse_message(raw, max_parts=10_000)


@pytest.mark.parametrize(
    "from_header",
    [None, "", "Jean Dupont", "<>", "undisclosed-recipients:;", "@@@", "jean@"],
)
def test_message_without_usable_sender_is_rejected(from_header: str | None) -> None:
    raw = make_message(headers={"From": from_header})

    with pytest.raises(MalformedMessage) as caught:
        parse_message(raw)

    assert caught.value.reason == "en-tête From manquant ou invalide"


def test_sender_header_is_used_when_from_has_no_address() -> None:
    raw = make_message(headers={"From": "Secrétariat", "Sender": "secretariat@ac-exemple.fr"})

    assert parse_message(raw).from_address == "secretariat@ac-exemple.fr"


@pytest.mark.parametrize("raw", [b"", b"   \r\n\r\n  "])
def test_empty_input_is_rejected(raw: bytes) -> None:
    with pytest.raises(MalformedMessage, match="message vide"):
        parse_message(raw)


# --------------------------------------------------------------------------- robustness

DAMAGED_INPUTS: dict[str, bytes] = {
    "random bytes": bytes(random.Random(1).randrange(256) for _ in range(4096)),
    "binary junk with From": b"From: a@b.fr\n\n" + bytes(range(256)) * 8,
    "headers only, no body": b"From: a@ac-exemple.fr\nSubject: rien",
    "no header separator": b"From: a@ac-exemple.fr\nthis is not a header\nnor this\n",
    "truncated multipart": load("attachments_pdf_png.eml")[:1500],
    "multipart without boundary": make_message(
        "--x\nContent-Type: text/plain\n\nbonjour\n--x--\n", content_type="multipart/mixed"
    ),
    "multipart without any delimiter": make_message(
        "juste du texte\n", content_type="multipart/mixed; boundary=absent"
    ),
    "bad base64 body": make_message(
        "@@@ not base64 !!!\n", headers={"Content-Transfer-Encoding": "base64"}
    ),
    "base64 of invalid length": make_message(
        "QUJDRE\n", headers={"Content-Transfer-Encoding": "base64"}
    ),
    "unknown transfer encoding": make_message(
        "bonjour\n", headers={"Content-Transfer-Encoding": "x-martian"}
    ),
    "unknown charset in parameters": make_message(
        "caf\xe9\n", content_type="text/plain; charset*=x-unknown''%E9t%E9", encoding="latin-1"
    ),
    "garbage content type": make_message(content_type=';;;=="/// boundary'),
    "garbage date and ids": make_message(
        headers={"Date": "32 Foo 99999 99:99", "Message-ID": "<<<>>>", "References": "<"}
    ),
    "garbage address lists": make_message(
        headers={"To": '"unclosed <a@b', "Cc": "=?utf-8?q?=FF=FE?= <>, ,,, @", "Reply-To": "<<"}
    ),
    "broken encoded words": make_message(
        headers={"Subject": "=?utf-8?b?****?= =?x?q?=ZZ?= =?utf-8?q?", "From": "=?= <a@b.fr>"}
    ),
    "NUL and control bytes in headers": b"From: a\x00@b.fr, c@d.fr\nSubject: \x00\x01\x1b\n\nx",
    "8-bit garbage in header names": b"Fr\xffom: x\n\xff\xfe: y\nFrom: a@b.fr\n\nok",
    "message/rfc822 with nothing inside": make_message(
        "", content_type="message/rfc822", headers={"Content-Transfer-Encoding": None}
    ),
    "html with unclosed everything": make_message(
        "<html><head><title>t<style>p{<p>Texte <a href='x", content_type="text/html"
    ),
    "crlf and lone cr line endings": b"From: a@b.fr\r\nSubject: s\r\rbody\rmore\r\n",
    "long header line": make_message(headers={"To": "a@b.fr, " * 20_000}),
}


@pytest.mark.parametrize("raw", list(DAMAGED_INPUTS.values()), ids=list(DAMAGED_INPUTS))
def test_damaged_input_gives_a_message_or_a_reason(raw: bytes) -> None:
    parse_or_reject(raw)


def test_multipart_without_boundary_parameter_is_recovered() -> None:
    parsed = parse_or_reject(DAMAGED_INPUTS["multipart without boundary"])

    assert isinstance(parsed, ParsedMessage)
    assert parsed.text == "bonjour"


@pytest.mark.parametrize("name", FIXTURES)
def test_truncated_or_corrupted_fixtures_give_a_message_or_a_reason(name: str) -> None:
    raw = load(name)
    rng = random.Random(name)
    for cut in sorted(rng.sample(range(len(raw)), 25)):
        parse_or_reject(raw[:cut])
    for _ in range(25):
        damaged = bytearray(raw)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        parse_or_reject(bytes(damaged))


@pytest.mark.parametrize(
    "garbage",
    ['"' * 16_000, ";" * 16_000, '="\\' * 4_000, "; name*0*=utf-8''%E9" * 800, "(" * 16_000],
)
def test_hostile_header_values_do_not_make_parsing_slow(garbage: str) -> None:
    # Without the hardened policy, one such Content-Type takes the stdlib tens of seconds.
    raw = make_multipart(
        [
            f"Content-Type: text/plain; {garbage}\n\nBonjour\n",
            f"Content-Type: image/png; {garbage}\nContent-Disposition: inline; {garbage}\n\nx\n",
        ]
    ).replace(b"To: support@escalade.example", f"To: {garbage}".encode())
    started = time.perf_counter()

    parse_or_reject(raw)

    assert time.perf_counter() - started < 5


def test_non_bytes_input_is_rejected_with_a_reason() -> None:
    with pytest.raises(MalformedMessage):
        parse_message(None)  # type: ignore[arg-type]


if HAVE_HYPOTHESIS:
    _mutation = st.tuples(st.integers(min_value=0), st.binary(max_size=12))

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.binary(max_size=4096))
    def test_random_bytes_give_a_message_or_a_reason(raw: bytes) -> None:
        parse_or_reject(raw)

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        name=st.sampled_from(FIXTURES),
        cut=st.integers(min_value=0),
        mutations=st.lists(_mutation, max_size=8),
    )
    def test_mutated_fixtures_give_a_message_or_a_reason(
        name: str, cut: int, mutations: list[tuple[int, bytes]]
    ) -> None:
        raw = bytearray(load(name))
        for position, replacement in mutations:
            at = position % (len(raw) + 1)
            raw[at : at + len(replacement)] = replacement
        parse_or_reject(bytes(raw[: len(raw) - cut % (len(raw) + 1)]))


# --------------------------------------------------------------------------- strip_reply

NEW_TEXT = "Merci, c'est réglé : l'imprimante fonctionne.\n\nJean"
QUOTED = "\n> Bonjour Jean,\n> L'imprimante a été réparée.\n"
REPLY_HEADERS = {
    "gmail en": "On Mon, Jan 5, 2026 at 10:00 AM Escalade Support <support@escalade.example> "
    "wrote:",
    "gmail en wrapped": "On Mon, Jan 5, 2026 at 10:00 AM Escalade Support <\n"
    "support@escalade.example> wrote:",
    "gmail fr": "Le lun. 5 janv. 2026 à 10:00, Support Escalade <support@escalade.example> a "
    "écrit :",
    "gmail fr wrapped": "Le lun. 5 janv. 2026 à 10:00, Support Escalade "
    "<support@escalade.example> a\nécrit :",
    "thunderbird en": "On 05/01/2026 10:00, Escalade Support wrote:",
    "thunderbird fr": "Le 05/01/2026 à 10:00, Support Escalade a écrit :",
    "apple mail en": "On 5 Jan 2026, at 10:00, Escalade Support <support@escalade.example> wrote:",
    "apple mail fr": "Le 5 janv. 2026 à 10:00, Support Escalade <support@escalade.example> a "
    "écrit :",
    "outlook original message en": "-----Original Message-----\n"
    "From: Escalade Support <support@escalade.example>\n"
    "Sent: Monday, January 5, 2026 10:00 AM\n"
    "To: Jean Dupont <jean.dupont@ac-exemple.fr>\n"
    "Subject: [Escalade #1042] Imprimante",
    "outlook original message fr": "-----Message d'origine-----\n"
    "De : Support Escalade <support@escalade.example>\n"
    "Envoyé : lundi 5 janvier 2026 10:00\n"
    "À : Jean Dupont <jean.dupont@ac-exemple.fr>\n"
    "Objet : [Escalade #1042] Imprimante",
    "outlook separator en": "________________________________\n"
    "From: Escalade Support <support@escalade.example>\n"
    "Sent: Monday, January 5, 2026 10:00 AM\n"
    "To: Jean Dupont <jean.dupont@ac-exemple.fr>\n"
    "Subject: [Escalade #1042] Imprimante",
    "outlook separator fr": "________________________________\n"
    "De : Support Escalade <support@escalade.example>\n"
    "Envoyé : lundi 5 janvier 2026 10:00\n"
    "À : Jean Dupont <jean.dupont@ac-exemple.fr>\n"
    "Objet : [Escalade #1042] Imprimante",
    "outlook header block fr": "De\u00a0: Support Escalade <support@escalade.example>\n"
    "Envoyé\u00a0: lundi 5 janvier 2026 10:00\n"
    "À\u00a0: Jean Dupont <jean.dupont@ac-exemple.fr>\n"
    "Objet\u00a0: [Escalade #1042] Imprimante",
    "zimbra fr": "----- Mail original -----\n"
    'De: "Support Escalade" <support@escalade.example>\n'
    'À: "Jean Dupont" <jean.dupont@ac-exemple.fr>\n'
    "Envoyé: Lundi 5 Janvier 2026 10:00:00\n"
    "Objet: [Escalade #1042] Imprimante",
}


@pytest.mark.parametrize("header", list(REPLY_HEADERS.values()), ids=list(REPLY_HEADERS))
@pytest.mark.parametrize("quoted", [True, False], ids=["quoted", "unquoted"])
def test_strip_reply_removes_reply_header_and_everything_below(header: str, quoted: bool) -> None:
    old_message = QUOTED if quoted else "\nBonjour Jean,\nL'imprimante a été réparée.\n"

    assert strip_reply(f"{NEW_TEXT}\n\n{header}\n{old_message}") == NEW_TEXT


def test_strip_reply_removes_quoted_lines_but_keeps_answers_between_them() -> None:
    text = "> Quelle salle ?\nLa salle 12.\n> Depuis quand ?\nDepuis lundi.\n"

    assert strip_reply(text) == "La salle 12.\nDepuis lundi."


def test_strip_reply_removes_signature_after_sig_dash() -> None:
    text = f"{NEW_TEXT}\n\n-- \nJean Dupont\nCollège Victor Hugo\n"

    assert strip_reply(text) == NEW_TEXT


@pytest.mark.parametrize(
    "footer",
    [
        "Sent from my iPhone",
        "Envoyé de mon iPhone",
        "Envoyé depuis mon mobile",
        "Envoyé de mon appareil Galaxy",
        "Get Outlook for Android<https://aka.ms/ghei36>",
        "Get Outlook for iOS",
        "Télécharger Outlook pour iOS<https://aka.ms/o0ukef>",
        "Télécharger Outlook pour Android",
    ],
)
def test_strip_reply_removes_mobile_footers(footer: str) -> None:
    assert strip_reply(f"{NEW_TEXT}\n\n{footer}\n\n> Ancien message\n") == NEW_TEXT


@pytest.mark.parametrize(
    "marker",
    [
        "##- Répondez au-dessus de cette ligne -##",
        "##- Reply above this line -##",
        "> ##- Répondez au-dessus de cette ligne -##",
    ],
)
def test_strip_reply_drops_everything_below_escalade_marker(marker: str) -> None:
    text = f"{NEW_TEXT}\n\n{marker}\nVotre ticket #1042 a été mis à jour.\n"

    assert strip_reply(text) == NEW_TEXT


def test_strip_reply_keeps_a_forward_with_nothing_above() -> None:
    text = (
        "-------- Message transféré --------\n"
        "Sujet : Panne ENT\n"
        "Date : Fri, 2 Jan 2026 16:45:00 +0100\n"
        "De : Julien Robert <julien.robert@ac-exemple.fr>\n"
        "Pour : Claire Martin <claire.martin@ac-exemple.fr>\n"
        "\n"
        "Aucun élève ne peut se connecter.\n"
    )

    assert strip_reply(text) == text.rstrip("\n")


@pytest.mark.parametrize(
    "marker",
    [
        "---------- Forwarded message ---------",
        "-------- Forwarded Message --------",
        "Begin forwarded message:",
        "Début du message réexpédié :",
        "----- Mail transféré -----",
    ],
)
def test_strip_reply_keeps_the_note_and_the_forwarded_message(marker: str) -> None:
    forwarded = f"{marker}\nDe : Julien Robert <julien.robert@ac-exemple.fr>\n\nPanne ENT."
    text = f"Pouvez-vous regarder ?\n\nEnvoyé de mon iPhone\n\n{forwarded}\n"

    assert strip_reply(text) == f"Pouvez-vous regarder ?\n\n{forwarded}"


def test_strip_reply_keeps_an_outlook_forward_when_the_subject_says_so() -> None:
    text = (
        "Pour info.\n\n"
        "________________________________\n"
        "De : Julien Robert <julien.robert@ac-exemple.fr>\n"
        "Envoyé : vendredi 2 janvier 2026 16:45\n"
        "À : Claire Martin <claire.martin@ac-exemple.fr>\n"
        "Objet : Panne ENT\n\n"
        "Aucun élève ne peut se connecter.\n"
    )

    assert strip_reply(text, forwarded=True) == text.rstrip("\n")
    assert strip_reply(text) == "Pour info."


def test_outlook_forward_subject_keeps_forwarded_content_in_parsed_message() -> None:
    body = (
        "________________________________\n"
        "De : Julien Robert <julien.robert@ac-exemple.fr>\n"
        "Envoyé : vendredi 2 janvier 2026 16:45\n"
        "Objet : Panne ENT\n\n"
        "Aucun élève ne peut se connecter.\n"
    )

    parsed = parse_message(make_message(body, headers={"Subject": "TR: Panne ENT"}))

    assert parsed.text.endswith("Aucun élève ne peut se connecter.")


def test_strip_reply_returns_empty_string_when_nothing_new_is_left() -> None:
    text = "\n\nLe lun. 5 janv. 2026 à 10:00, Support <s@e.example> a écrit :\n> Bonjour\n\n"

    assert strip_reply(text) == ""
    assert strip_reply("") == ""


@pytest.mark.parametrize(
    "text",
    [
        "On Monday the printer broke again, as the teacher wrote:\nit smells burnt.",
        "Le professeur principal a écrit :\nmerci de vérifier la salle.",
        "De : moi, pour le service informatique.\nMerci !",
        "Les notes -- comme prévu -- sont en ligne.\n--\n",
        "Sent from my office, the printer still fails.",
    ],
)
def test_strip_reply_keeps_sentences_that_only_look_like_markers(text: str) -> None:
    expected = text.removesuffix("\n--\n")

    assert strip_reply(text) == expected


def test_strip_reply_trims_blank_lines_and_trailing_spaces() -> None:
    assert strip_reply("\n\n  Bonjour   \n\n\n\nMerci\t\n\n\n") == "  Bonjour\n\nMerci"


# --------------------------------------------------------------------------- html_to_text


def test_html_to_text_keeps_paragraphs_line_breaks_lists_and_links() -> None:
    html = (
        "<p>Bonjour,</p><p>Ligne 1<br>Ligne 2</p>"
        "<ol><li>Allumer</li><li>Attendre</li></ol>"
        '<p>Voir <a href="https://ent.ac-exemple.fr/aide">l\'aide</a> ou '
        '<a href="https://ent.ac-exemple.fr">https://ent.ac-exemple.fr</a> ou '
        '<a href="mailto:dane@ac-exemple.fr">la DANE</a>.</p>'
    )

    assert html_to_text(html) == (
        "Bonjour,\n\nLigne 1\nLigne 2\n\n1. Allumer\n2. Attendre\n\n"
        "Voir l'aide (https://ent.ac-exemple.fr/aide) ou https://ent.ac-exemple.fr ou la DANE."
    )


def test_html_to_text_quotes_blockquotes() -> None:
    html = "<div>Oui.</div><blockquote>Est-ce réparé ?<br>Merci</blockquote>"

    assert html_to_text(html) == "Oui.\n\n> Est-ce réparé ?\n> Merci"


def test_html_to_text_unwraps_outlook_safe_links() -> None:
    html = (
        '<a href="https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fent.'
        'ac-exemple.fr%2Fincident%2F42&amp;data=05%7C02&amp;reserved=0">la fiche</a>'
    )

    assert html_to_text(html) == "la fiche (https://ent.ac-exemple.fr/incident/42)"


def test_html_to_text_without_body_tag_still_gives_the_text() -> None:
    assert html_to_text("<html><head><title>Titre</title><p>Le texte") == "Le texte"


@pytest.mark.parametrize(
    "html",
    ["<a" * 100_000, "</" * 100_000, "<!--" * 100_000, "<a href='" * 50_000, "<p>" * 100_000],
)
def test_html_to_text_survives_pathological_markup(html: str) -> None:
    assert isinstance(html_to_text(html), str)


# --------------------------------------------------------------------------- extract_addresses


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jean Dupont <Jean.Dupont@AC-Exemple.fr>", ["jean.dupont@ac-exemple.fr"]),
        (
            '"Dupont, Jean" <j.dupont@ac-exemple.fr>, lea@ac-exemple.fr',
            ["j.dupont@ac-exemple.fr", "lea@ac-exemple.fr"],
        ),
        ("jean@ac-exemple.fr (Jean Dupont)", ["jean@ac-exemple.fr"]),
        ("Équipe: a@ac-exemple.fr, b@ac-exemple.fr;", ["a@ac-exemple.fr", "b@ac-exemple.fr"]),
        ("=?utf-8?q?L=C3=A9a?= <lea@ac-exemple.fr>", ["lea@ac-exemple.fr"]),
        ("a@ac-exemple.fr, A@AC-EXEMPLE.FR", ["a@ac-exemple.fr"]),
        (
            "Jean Dupont jean@ac-exemple.fr; ; lea@ac-exemple.fr>",
            ["jean@ac-exemple.fr", "lea@ac-exemple.fr"],
        ),
        ('"unclosed <a@b.fr', ["a@b.fr"]),
        ("undisclosed-recipients:;", []),
        ("n'importe quoi", []),
        ("@@@, <>, jean@, @ac-exemple.fr", []),
        ("", []),
        (None, []),
    ],
)
def test_extract_addresses(value: str | None, expected: list[str]) -> None:
    assert extract_addresses(value) == expected


@pytest.mark.parametrize("value", ["\x00" * 10, "<" * 10_000, "\ud800@x.fr", "(" * 5000 + "a@b.fr"])
def test_extract_addresses_never_raises_on_odd_values(value: str) -> None:
    assert isinstance(extract_addresses(value), list)

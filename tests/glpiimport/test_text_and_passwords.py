"""GLPI's stored text decoded exactly once; GLPI's bcrypt hashes verified."""

from __future__ import annotations

import bcrypt
import pytest
from django.contrib.auth.hashers import check_password, identify_hasher

from escalade.glpiimport import text
from escalade.glpiimport.hashers import from_glpi
from escalade.tickets.richtext import to_plain


@pytest.mark.parametrize(
    ("stored", "reads"),
    [
        # GLPI 10: & < > as numeric entities, the editor's own entities inside.
        ("&#60;p&#62;&#38;lt;erreur&#38;gt; &#38;amp;&#60;/p&#62;", "<erreur> &"),
        # Typed as plain text in GLPI 10.
        ("&#60;erreur&#62; &#38;", "<erreur> &"),
        # A GLPI 9.5 row: only < and > encoded.
        ("&lt;p&gt;&lt;erreur&gt; &amp;&lt;/p&gt;", "<erreur> &"),
        # Decoded once only: an entity someone typed stays what they typed.
        ("&#60;p&#62;&#38;amp;#60; reste&#60;/p&#62;", "&#60; reste"),
        ("Rien à décoder", "Rien à décoder"),
    ],
)
def test_text_is_decoded_exactly_once(stored, reads):
    assert to_plain(text.rich(stored)) == reads


def test_titles_are_plain_text():
    assert text.plain("LSU : &#60;erreur&#62; &#38; export") == "LSU : <erreur> & export"
    assert text.plain("9.5 &lt;b&gt;") == "9.5 <b>"


def test_rich_text_is_sanitized():
    stored = (
        '&#60;p onclick="x()"&#62;ok&#60;/p&#62;&#60;script&#62;alert(1)&#60;/script&#62;'
        '&#60;a href="javascript:alert(1)"&#62;lien&#60;/a&#62;'
    )
    html = text.rich(stored)
    assert "onclick" not in html and "script" not in html and "javascript" not in html
    assert to_plain(html).startswith("ok")


def test_inline_images_point_to_the_imported_attachment():
    stored = (
        '&#60;p&#62;&#60;img src="/front/document.send.php?docid=12&#38;amp;itemtype=Ticket'
        '&#38;amp;items_id=5" alt="capture" /&#62;&#60;/p&#62;'
        '&#60;p&#62;&#60;a href="/glpi/front/document.send.php?docid=13"&#62;doc&#60;/a&#62;'
        "&#60;/p&#62;"
    )
    html = text.rich(stored, {12: "/documents/40/"}.get)
    assert '<a href="/documents/40/"' not in html  # the image itself is not a link here
    assert "[capture]" in html
    assert 'href="#"' in html  # document 13 was not imported
    assert "document.send.php" not in html
    linked = text.rich(
        '&#60;a href="/front/document.send.php?docid=12"&#62;&#60;img alt="c" '
        'src="/front/document.send.php?docid=12"&#62;&#60;/a&#62;',
        {12: "/documents/40/"}.get,
    )
    assert '<a href="/documents/40/"' in linked and "[c]" in linked


def test_glpi_bcrypt_hashes_are_verified(settings):
    glpi = "$2y$" + bcrypt.hashpw(b"s3cret&<>", bcrypt.gensalt(rounds=4)).decode()[4:]
    encoded = from_glpi(glpi)
    assert encoded == "glpi_bcrypt$" + glpi
    assert identify_hasher(encoded).algorithm == "glpi_bcrypt"
    assert check_password("s3cret&<>", encoded)
    assert not check_password("s3cret", encoded)
    assert from_glpi("5f4dcc3b5aa765d61d8327deb882cf99") is None  # GLPI 0.8x MD5: not kept


def test_dates_are_read_in_utc_or_in_the_glpi_servers_zone():
    import datetime as dt
    import zoneinfo

    from escalade.glpiimport.source import GlpiSource

    source = object.__new__(GlpiSource)
    source.local_zone = zoneinfo.ZoneInfo("Europe/Paris")
    source.naive_dates = False  # GLPI 10's TIMESTAMP columns, read with time_zone = UTC
    assert source.when(dt.datetime(2024, 1, 15, 9, 30)) == dt.datetime(
        2024, 1, 15, 9, 30, tzinfo=dt.UTC
    )
    source.naive_dates = True  # DATETIME columns, in the GLPI server's local time
    assert source.when(dt.datetime(2024, 7, 1, 10, 0)) == dt.datetime(
        2024, 7, 1, 8, 0, tzinfo=dt.UTC
    )
    assert source.when(None) is None and source.when("0000-00-00 00:00:00") is None

"""GLPI's stored text, turned into Escalade's sanitized HTML.

GLPI 10 stores every string with ``&``, ``<`` and ``>`` as ``&#38;``, ``&#60;`` and
``&#62;`` (``Glpi\\Toolbox\\Sanitizer``); rows written by GLPI 9.5 have ``&lt;`` and
``&gt;`` only. Each value is decoded exactly once, with the mapping it was written
with (as GLPI's ``Sanitizer::decodeHtmlSpecialChars`` does), so that a text typed as
``<erreur> &`` still reads that way. Rich text is then sanitized by Escalade's
allowlist (nh3); a ``<word>`` that is no HTML element stays text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from escalade.tickets import richtext

_NEW = {"&#38;": "&", "&#60;": "<", "&#62;": ">"}
_NEW_RE = re.compile("|".join(map(re.escape, _NEW)))
_LEGACY = {"&lt;": "<", "&gt;": ">"}
_LEGACY_QUOT = {**_LEGACY, "&quot;": '"'}
_LEGACY_RE = re.compile("|".join(map(re.escape, _LEGACY)))
_LEGACY_QUOT_RE = re.compile("|".join(map(re.escape, _LEGACY_QUOT)))
_LEGACY_IMG = re.compile(r"&lt;img\s+(alt|src|width)=&quot;")

# Every HTML element name: "<p>" is markup, "<erreur>" is text someone typed.
HTML_ELEMENTS = frozenset(
    """a abbr address area article aside audio b base bdi bdo blockquote body br button
    canvas caption center cite code col colgroup data datalist dd del details dfn dialog div
    dl dt em embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header
    hr html i iframe img input ins kbd label legend li link main map mark meta meter nav
    noscript object ol optgroup option output p param picture pre progress q rp rt ruby s
    samp script section select small source span strike strong style sub summary sup svg
    table tbody td template textarea tfoot th thead time title tr track tt u ul var video
    wbr""".split()  # noqa: SIM905
)
_TAG_LIKE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)")
_MARKUP = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[\s>/]")
_LONE_LT = re.compile(r"<(?![A-Za-z/!])")


def decode(value: str | None) -> str:
    """GLPI's stored value, decoded once (GLPI 10's numeric entities, else 9.5's)."""
    if not value:
        return ""
    if any(entity in value for entity in _NEW):
        return _NEW_RE.sub(lambda m: _NEW[m.group(0)], value)
    if "&lt;" in value or "&gt;" in value:
        if _LEGACY_IMG.search(value):
            return _LEGACY_QUOT_RE.sub(lambda m: _LEGACY_QUOT[m.group(0)], value)
        return _LEGACY_RE.sub(lambda m: _LEGACY[m.group(0)], value)
    return value


def plain(value: str | None) -> str:
    """A plain GLPI field (a title, a name): decoded once, kept as typed."""
    return decode(value).strip()


def _is_markup(text: str) -> bool:
    return any(m.group(2).lower() in HTML_ELEMENTS for m in _MARKUP.finditer(text))


def _escape_non_elements(text: str) -> str:
    def escape(match: re.Match[str]) -> str:
        if match.group(2).lower() in HTML_ELEMENTS:
            return match.group(0)
        return "&lt;" + match.group(1) + match.group(2)

    return _LONE_LT.sub("&lt;", _TAG_LIKE.sub(escape, text))


DOC_LINK = re.compile(r"""[^"'\s>]*document\.send\.php\?[^"'\s>]*?docid=(\d+)[^"'\s>]*""")
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


def rich(value: str | None, document_url: Callable[[int], str | None] | None = None) -> str:
    """A GLPI rich-text field as Escalade's sanitized HTML.

    ``document_url(glpi_document_id)`` gives the imported attachment's address (None if
    that document was not imported): GLPI's inline images and document links
    (``/front/document.send.php?docid=N``) point to it; Escalade shows no inline
    images, so an image becomes a link named by its description.
    """
    text = decode(value)
    if not text.strip():
        return ""
    if not _is_markup(text):
        return richtext.from_plain(text)
    text = _escape_non_elements(text)

    def image(match: re.Match[str]) -> str:
        tag = match.group(0)
        alt = _ALT.search(tag)
        label = html.escape(html.unescape(alt.group(2))) if alt and alt.group(2).strip() else ""
        doc = DOC_LINK.search(tag)
        if doc is None:
            return label
        return f"[{label or 'image'}]"

    text = _IMG.sub(image, text)

    def link(match: re.Match[str]) -> str:
        url = document_url(int(match.group(1))) if document_url else None
        return url if url else "#"

    text = DOC_LINK.sub(link, text)
    return richtext.clean(text)


def document_ids(value: str | None) -> set[int]:
    """The GLPI documents a stored text refers to."""
    return {int(m.group(1)) for m in DOC_LINK.finditer(decode(value))}

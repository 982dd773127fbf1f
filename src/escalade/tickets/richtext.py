"""Rich text: every HTML that users write is sanitized with an allowlist (nh3)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_BLOCKS = {
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "table",
    "hr",
}
_SKIPPED = {"script", "style", "head", "title"}
# Real HTML, as GLPI clients send it: at least one allowlisted element. "<eleve>" is text.
_ELEMENTS = "|".join(sorted(ALLOWED_TAGS))
_REAL_HTML = re.compile(rf"</?(?:{_ELEMENTS})(?:\s[^<>]*)?/?>", re.I)


class Html(str):
    """Text that really is HTML (a GLPI client's content): sanitized, not escaped."""

    __slots__ = ()


def clean(markup: str) -> str:
    """Sanitize HTML: allowlisted tags and attributes, safe links only."""
    return nh3.clean(
        markup or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def normalize_plain(text: str) -> str:
    """Plain text as it is kept: CRLF and CR become LF, NUL goes, outer blank lines go.

    Everything else (spaces, tabs, angle brackets, entities, emoji, any script) is kept.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        return ""
    return text.strip("\n")


def from_plain(text: str) -> str:
    """Plain text to HTML, escaped, exactly reversible by :func:`to_plain`.

    A blank line (two line breaks) starts a paragraph; any other line break is ``<br>``.
    """
    text = normalize_plain(text)
    if not text:
        return ""
    return "".join(
        "<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in text.split("\n\n")
    )


def from_input(value: str) -> str:
    """What a form, the API or a mail gives, as stored: plain text is escaped (always,
    whatever it contains); only :class:`Html` is sanitized."""
    if isinstance(value, Html):
        return clean(value)
    return from_plain(value)


def from_glpi(value: str) -> str:
    """GLPI's API: content with real HTML elements is HTML, anything else is plain text."""
    value = value or ""
    return Html(value) if _REAL_HTML.search(value) else value


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.paragraphs = 0
        self.skip = 0
        self.pre = 0

    def _break(self, sep: str) -> None:
        if self.out and not "".join(self.out[-2:]).endswith(sep):
            self.out.append(sep)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag == "p":
            if self.paragraphs or self.out:
                self.out.append("\n\n")
            self.paragraphs += 1
        elif tag in _BLOCKS:
            self.pre += tag == "pre"
            self._break("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.out.append("\n")
        elif tag in _BLOCKS:
            self._break("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.pre = max(0, self.pre - (tag == "pre"))
            self._break("\n")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if not self.pre and ("\n" in data or "\r" in data):
            # Source formatting of real HTML; text made by from_plain has no raw line break.
            if not data.strip():
                return
            data = re.sub(r"\s*[\r\n]+\s*", " ", data)
        self.out.append(data)


def to_plain(markup: str) -> str:
    """HTML to plain text (mail text parts, CSV, the APIs' text): the exact inverse of
    :func:`from_plain`, and readable text for real HTML."""
    if not markup:
        return ""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return "".join(parser.out).strip("\n")


def is_blank(markup: str) -> bool:
    return not to_plain(markup).strip()

"""Rich text: every HTML that users write is sanitized with an allowlist (nh3)."""

from __future__ import annotations

import html
import re

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

_TAG = re.compile(r"<[a-zA-Z!/]")


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


def from_plain(text: str) -> str:
    """Plain text to HTML paragraphs, escaped."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    paragraphs = re.split(r"\n{2,}", text)
    return "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)


def from_input(value: str) -> str:
    """What a form, the API or a mail gives: HTML is sanitized, plain text is escaped."""
    if _TAG.search(value or ""):
        return clean(value)
    return from_plain(value)


def to_plain(markup: str) -> str:
    """HTML to readable plain text (for mail text parts, CSV, search)."""
    text = re.sub(r"(?i)<br\s*/?>", "\n", markup or "")
    text = re.sub(r"(?i)</(p|div|li|tr|h\d|blockquote)>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def is_blank(markup: str) -> bool:
    return not to_plain(markup).strip()

"""Parsing of inbound e-mail for the mail gateway.

Pure Python, standard library only, no Django: :func:`parse_message` turns the raw bytes of an
RFC 5322 message into a :class:`ParsedMessage`, or raises :class:`MalformedMessage` whose
``reason`` says, in words fit for a human, why the message cannot be used. Whatever the bytes,
it raises nothing else.

The message text is taken from the ``text/plain`` part when there is one, else converted from
HTML (:func:`html_to_text`); :func:`strip_reply` then keeps only what the sender wrote anew,
dropping the quoted message, the reply header of common mail clients and the signature.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import mimetypes
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.header import decode_header, make_header
from email.headerregistry import BaseHeader
from email.message import Message
from email.parser import BytesParser
from email.utils import collapse_rfc2231_value, parsedate_to_datetime
from functools import lru_cache
from html import unescape
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlsplit

__all__ = [
    "DEFAULT_MAX_ATTACHMENT_BYTES",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_PARTS",
    "Attachment",
    "MalformedMessage",
    "ParsedMessage",
    "SkippedAttachment",
    "extract_addresses",
    "html_to_text",
    "parse_message",
    "strip_reply",
]

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
DEFAULT_MAX_PARTS = 100
DEFAULT_MAX_DEPTH = 10
DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# Guards against inputs that are small enough but slow to parse with the stdlib parser.
_MAX_LINES = 1_000_000
_MAX_TOP_HEADER_LINES = 5_000
# Longer header values are not handed to the stdlib structured header parser.
_MAX_STRUCTURED_HEADER = 16 * 1024
# Address headers: the stdlib parser is quadratic on some garbage, so it only sees short
# single addresses, and only so many of them.
_MAX_ADDRESS_HEADER = 128 * 1024
_MAX_ADDRESS_HEADERS = 10
_MAX_ADDRESSES = 5_000
_MAX_STRUCTURED_ADDRESS = 256
_MAX_STRUCTURED_ADDRESSES = 1_000

REASON_TOO_BIG = "message trop volumineux"
REASON_TOO_MANY_PARTS = "trop de parties MIME"
REASON_TOO_DEEP = "structure MIME trop profonde"
REASON_NO_FROM = "en-tête From manquant ou invalide"
REASON_EMPTY = "message vide"
REASON_BAD_BASE64 = "contenu illisible (base64 invalide)"


class MalformedMessage(ValueError):
    """The message cannot be used; ``reason`` says why, for a human."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Attachment(NamedTuple):
    """A file carried by the message: ``(filename, content_type, content)``."""

    filename: str
    content_type: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)


class SkippedAttachment(NamedTuple):
    """A file that was left out, and why. ``size`` is None when it could not be decoded."""

    filename: str
    content_type: str
    size: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class ParsedMessage:
    """What the gateway needs from one inbound message.

    Message-ids keep their angle brackets (``"<abc@example.org>"``); addresses are lowercased
    addr-specs. ``headers`` maps each lowercased top-level header name to its unfolded values,
    in message order (the topmost first).
    """

    message_id: str | None
    in_reply_to: str | None
    references: list[str]
    subject: str
    from_address: str
    from_name: str
    reply_to: str | None
    to: list[str]
    cc: list[str]
    date: datetime | None
    text: str
    full_text: str
    attachments: list[Attachment]
    skipped_attachments: list[SkippedAttachment]
    auto_submitted: str | None
    headers: dict[str, list[str]]

    def header(self, name: str) -> str | None:
        """First value of the header ``name`` (case-insensitive), or None."""
        values = self.headers.get(name.lower())
        return values[0] if values else None

    @property
    def reply_address(self) -> str:
        """Where an answer should go: Reply-To when given, else From."""
        return self.reply_to or self.from_address


# --------------------------------------------------------------------------- entry point


def parse_message(
    raw: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_parts: int = DEFAULT_MAX_PARTS,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES,
) -> ParsedMessage:
    """Parse raw message bytes; raise :class:`MalformedMessage` (and nothing else) on failure."""
    try:
        data = _as_bytes(raw)
        if len(data) > max_bytes:
            raise MalformedMessage(
                f"{REASON_TOO_BIG} ({_human_size(len(data))}, maximum {_human_size(max_bytes)})"
            )
        if not data.strip():
            raise MalformedMessage(REASON_EMPTY)
        return _parse(
            data,
            max_parts=max_parts,
            max_depth=max_depth,
            max_attachment_bytes=max_attachment_bytes,
        )
    except MalformedMessage:
        raise
    except RecursionError:
        raise MalformedMessage(REASON_TOO_DEEP) from None
    except MemoryError:
        raise MalformedMessage(REASON_TOO_BIG) from None
    except Exception as exc:
        raise MalformedMessage(f"message illisible ({type(exc).__name__})") from exc


def _as_bytes(raw: object) -> bytes:
    if isinstance(raw, bytes):
        return raw
    if isinstance(raw, bytearray | memoryview):
        return bytes(raw)
    if isinstance(raw, str):
        return raw.encode("utf-8", "surrogateescape")
    raise MalformedMessage("entrée invalide : des octets sont attendus")


def _parse(
    data: bytes, *, max_parts: int, max_depth: int, max_attachment_bytes: int
) -> ParsedMessage:
    _prescan(data, max_parts=max_parts, max_depth=max_depth)
    msg = BytesParser(policy=_POLICY).parsebytes(data)
    part_count = _check_structure(msg, max_parts=max_parts, max_depth=max_depth)
    headers = _collect_headers(msg)

    from_name, from_address = _sender(headers)
    if not from_address:
        raise MalformedMessage(REASON_NO_FROM)

    subject = _decode_header_text(_first(headers, "subject") or "")
    reply_to = next(iter(extract_addresses(_first(headers, "reply-to"))), None)

    collector = _BodyCollector(
        max_parts=max_parts,
        max_depth=max_depth,
        max_attachment_bytes=max_attachment_bytes,
        part_count=part_count,
    )
    collector.visit(msg, 0, body=True)
    full_text = _tidy("\n\n".join(collector.texts).split("\n"))

    return ParsedMessage(
        message_id=_message_id(_first(headers, "message-id")),
        in_reply_to=next(iter(_msg_ids(_first(headers, "in-reply-to"))), None),
        references=_msg_ids(" ".join(headers.get("references", []))),
        subject=subject,
        from_address=from_address,
        from_name=from_name,
        reply_to=reply_to,
        to=_addresses_of(headers, "to"),
        cc=_addresses_of(headers, "cc"),
        date=_parse_date(_first(headers, "date")),
        text=strip_reply(full_text, forwarded=bool(_FORWARD_SUBJECT_RE.match(subject))),
        full_text=full_text,
        attachments=collector.attachments,
        skipped_attachments=collector.skipped,
        auto_submitted=_auto_submitted(msg, headers, from_address, from_name, subject),
        headers=headers,
    )


# --------------------------------------------------------------------------- parser policy

_MIME_HEADERS = frozenset({"content-type", "content-disposition", "content-transfer-encoding"})
_MAX_MIME_HEADER = 1024
_MAX_CACHED_HEADER = 4 * 1024


class _GatewayPolicy(policy.EmailPolicy):
    """``email.policy.default``, hardened for hostile input.

    The stdlib parses a header anew on every access, in quadratic time on some garbage, and
    the parser and this module read Content-Type and Content-Disposition many times: parsed
    headers are cached, and MIME headers are cut to a sane length first.
    """

    def header_fetch_parse(self, name: str, value: Any) -> Any:
        if hasattr(value, "name"):
            return value
        value = str(value).replace("\r", "").replace("\n", "")
        if name.lower() in _MIME_HEADERS:
            value = value[:_MAX_MIME_HEADER]
        if len(value) > _MAX_CACHED_HEADER:
            return self.header_factory(name, value)
        return _parse_header(name, value)


@lru_cache(maxsize=1024)
def _parse_header(name: str, value: str) -> BaseHeader:
    header: BaseHeader = policy.default.header_factory(name, value)
    return header


_POLICY = _GatewayPolicy()


# --------------------------------------------------------------------------- structure limits

_BOUNDARY_PARAM_RE = re.compile(
    rb"""boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s";]{1,200}))""", re.IGNORECASE
)


def _prescan(data: bytes, *, max_parts: int, max_depth: int) -> None:
    """Reject, before parsing, what the stdlib parser would take very long to parse.

    The stdlib parser is slow on messages with very many parts or lines and quadratic on deep
    nesting, so count lines, boundary declarations and delimiter lines with cheap scans.
    """
    if data.count(b"\n") > _MAX_LINES:
        raise MalformedMessage(f"{REASON_TOO_BIG} (trop de lignes)")
    ends = [pos for pos in (data.find(b"\n\n"), data.find(b"\n\r\n")) if pos >= 0]
    header_block = data[: min(ends)] if ends else data
    if header_block.count(b"\n") > _MAX_TOP_HEADER_LINES:
        raise MalformedMessage("trop d'en-têtes")

    declarations: list[tuple[int, bytes]] = []
    for match in _BOUNDARY_PARAM_RE.finditer(data):
        declarations.append((match.start(), (match.group(1) or match.group(2)).rstrip()))
        if len(declarations) > max_parts:
            raise MalformedMessage(REASON_TOO_MANY_PARTS)
    if not declarations:
        return

    boundaries = sorted({boundary for _, boundary in declarations}, key=len, reverse=True)
    delimiter_re = re.compile(
        rb"\n--(" + b"|".join(re.escape(b) for b in boundaries) + rb")(--)?[ \t]*(?=\r?\n|\Z)"
    )
    closings: list[tuple[int, bytes]] = []
    openings = 0
    for match in delimiter_re.finditer(data):
        if match.group(2):
            closings.append((match.start(), match.group(1)))
        else:
            openings += 1
            # Every opening delimiter starts one part, the root is one more.
            if openings + 1 > max_parts:
                raise MalformedMessage(REASON_TOO_MANY_PARTS)

    if len(declarations) <= max_depth:
        return  # nesting cannot be deeper than the number of multiparts
    events = sorted(
        [(pos, True, b) for pos, b in declarations] + [(pos, False, b) for pos, b in closings]
    )
    stack: list[bytes] = []
    for _, opens, boundary in events:
        if opens:
            stack.append(boundary)
            if len(stack) > max_depth:
                raise MalformedMessage(REASON_TOO_DEEP)
        elif boundary in stack:
            del stack[len(stack) - 1 - stack[::-1].index(boundary) :]


def _check_structure(
    root: Message, *, max_parts: int, max_depth: int, start_depth: int = 0, already: int = 0
) -> int:
    """Count the parts under ``root``; raise if there are too many or they nest too deep."""
    count = already
    stack: list[tuple[Message, int]] = [(root, start_depth)]
    while stack:
        part, depth = stack.pop()
        count += 1
        if count > max_parts:
            raise MalformedMessage(REASON_TOO_MANY_PARTS)
        if depth > max_depth:
            raise MalformedMessage(REASON_TOO_DEEP)
        stack.extend((child, depth + 1) for child in _children(part))
    return count


def _children(part: Message) -> list[Message]:
    if not part.is_multipart():
        return []
    payload = part.get_payload()
    if not isinstance(payload, list):
        return []
    return [child for child in payload if isinstance(child, Message)]


# --------------------------------------------------------------------------- headers

_FOLD_RE = re.compile(r"(?:\r\n|\n|\r)(?=[ \t])")
_NEWLINES_RE = re.compile(r"\r\n|\n|\r")
_SURROGATES_RE = re.compile("[\ud800-\udfff]")


def _clean_text(value: str) -> str:
    """Make ``value`` safe to store: raw 8-bit bytes decoded, no lone surrogate, no NUL."""
    if _SURROGATES_RE.search(value):
        try:
            raw = value.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            value = _SURROGATES_RE.sub("\ufffd", value)
        else:
            value = _decode_bytes(raw, None)
    return value.replace("\x00", "")


def _unfold(value: str) -> str:
    return _NEWLINES_RE.sub(" ", _FOLD_RE.sub("", value)).strip()


def _collect_headers(msg: Message) -> dict[str, list[str]]:
    headers: dict[str, list[str]] = {}
    for name, value in msg.raw_items():
        key = _clean_text(str(name)).strip().lower()
        if key:
            headers.setdefault(key, []).append(_unfold(_clean_text(str(value))))
    return headers


def _first(headers: dict[str, list[str]], name: str) -> str | None:
    values = headers.get(name)
    return values[0] if values else None


def _raw_part_header(part: Message, name: str) -> str | None:
    for key, value in part.raw_items():
        if str(key).strip().lower() == name:
            return _unfold(_clean_text(str(value)))
    return None


def _decode_header_text(value: str) -> str:
    """Decode RFC 2047 encoded words; never fails."""
    decoded: str | None = None
    if len(value) <= _MAX_STRUCTURED_HEADER:
        try:
            decoded = str(policy.default.header_factory("subject", value))
        except Exception:
            decoded = None
    if decoded is None:
        try:
            decoded = str(make_header(decode_header(value)))
        except Exception:
            decoded = value
    return " ".join(_clean_text(decoded).split())


_ADDR_SPEC_RE = re.compile(r"[^\s@<>()\[\],;:\"\\]+@[^\s@<>()\[\],;:\"\\]+")
_ADDR_CHAR = r"[^\s@<>()\[\],;:\"'\\]"
# Starts only where a run of address characters starts, and never backtracks: linear time.
_ADDR_FALLBACK_RE = re.compile(rf"(?<!{_ADDR_CHAR}){_ADDR_CHAR}++@{_ADDR_CHAR}++")


def _valid_addr_spec(spec: str) -> bool:
    if len(spec) > 254 or not _ADDR_SPEC_RE.fullmatch(spec):
        return False
    domain = spec.rpartition("@")[2]
    return not (domain.startswith(".") or domain.endswith(".") or ".." in domain)


def _split_address_list(value: str) -> list[str]:
    """Split an address list at top-level commas and semicolons (linear time)."""
    pieces: list[str] = []
    start = 0
    quoted = escaped = False
    angle = comment = 0
    for index, char in enumerate(value):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif quoted:
            quoted = char != '"'
        elif char == '"':
            quoted = True
        elif char == "(":
            comment += 1
        elif comment:
            comment -= char == ")"
        elif char == "<":
            angle += 1
        elif char == ">":
            angle = max(angle - 1, 0)
        elif char in ",;" and not angle:
            pieces.append(value[start:index])
            start = index + 1
    pieces.append(value[start:])
    return [piece for piece in pieces if piece.strip()]


def _mailboxes(value: str | None) -> list[tuple[str, str]]:
    """``(display name, lowercased addr-spec)`` for each usable address in a header value.

    Each address is handed alone to the stdlib parser, which takes quadratic time on some
    long garbage; what it cannot parse is searched for anything shaped like ``local@domain``.
    """
    if not value:
        return []
    found: dict[str, str] = {}
    pieces = _split_address_list(_clean_text(value[:_MAX_ADDRESS_HEADER]))
    for number, piece in enumerate(pieces[:_MAX_ADDRESSES]):
        mailboxes: list[tuple[str, str]] = []
        if len(piece) <= _MAX_STRUCTURED_ADDRESS and number < _MAX_STRUCTURED_ADDRESSES:
            try:
                parsed = policy.default.header_factory("to", piece).addresses
                mailboxes = [(str(a.display_name or ""), str(a.addr_spec)) for a in parsed]
            except Exception:
                mailboxes = []
        mailboxes = [(name, spec) for name, spec in mailboxes if _valid_addr_spec(spec)]
        if not mailboxes:
            candidates = (m.group(0).rstrip(".") for m in _ADDR_FALLBACK_RE.finditer(piece))
            mailboxes = [("", spec) for spec in candidates if _valid_addr_spec(spec)]
        for name, spec in mailboxes:
            found.setdefault(spec.lower(), " ".join(_clean_text(name).split()))
    return [(name, spec) for spec, name in found.items()]


def extract_addresses(header_value: str | None) -> list[str]:
    """Lowercased addr-specs found in an address header value, in order, without duplicates.

    Robust to garbage: what cannot be parsed as an address list is searched for anything
    shaped like ``local@domain``; nothing usable gives an empty list.
    """
    try:
        return [spec for _, spec in _mailboxes(None if header_value is None else str(header_value))]
    except Exception:
        return []


def _addresses_of(headers: dict[str, list[str]], name: str) -> list[str]:
    addresses: dict[str, None] = {}
    for value in headers.get(name, [])[:_MAX_ADDRESS_HEADERS]:
        addresses.update(dict.fromkeys(extract_addresses(value)))
    return list(addresses)


def _sender(headers: dict[str, list[str]]) -> tuple[str, str]:
    for name in ("from", "sender"):
        for value in headers.get(name, [])[:_MAX_ADDRESS_HEADERS]:
            mailboxes = _mailboxes(value)
            if mailboxes:
                return mailboxes[0]
    return "", ""


_MSG_ID_RE = re.compile(r"<([^<>\s]{1,995})>")


def _msg_ids(value: str | None) -> list[str]:
    if not value:
        return []
    ids: list[str] = []
    for match in _MSG_ID_RE.finditer(value):
        msg_id = f"<{match.group(1)}>"
        if msg_id not in ids:
            ids.append(msg_id)
    return ids


def _message_id(value: str | None) -> str | None:
    ids = _msg_ids(value)
    if ids:
        return ids[0]
    bare = (value or "").strip()
    if bare and len(bare) <= 995 and not any(c.isspace() or c in "<>" for c in bare):
        return f"<{bare}>"
    return None


def _parse_date(value: str | None) -> datetime | None:
    if not value or len(value) > 200:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except Exception:
        return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


# --------------------------------------------------------------------------- auto-submitted

_AUTO_RESPONSE_SUPPRESS_RE = re.compile(r"\b(?:all|oof|autoreply)\b", re.IGNORECASE)
_BULK_PRECEDENCE = frozenset({"bulk", "junk", "list"})
_DAEMON_LOCAL_PARTS = frozenset({"mailer-daemon", "postmaster", "mailer_daemon"})
_DAEMON_NAMES_RE = re.compile(r"^mail delivery (?:subsystem|system)$", re.IGNORECASE)
_AUTO_SUBJECT_RE = re.compile(
    r"""^\s*(
        automatic\ reply | auto-?reply | r[ée]ponse\ automatique | r[ée]ponse\ en\ absence
        | out\ of\ (?:the\ )?office(?:\ auto-?reply)?
        | absence\ du\ bureau | absente?\ du\ bureau
        | undeliverable | undelivered\ mail(?:\ returned\ to\ sender)? | non\ remis
        | delivery\ status\ notification | mail\ delivery\ fail(?:ed|ure) | returned\ mail
        | notification\ d'[ée]tat\ de\ (?:la\ )?remise
    )(?=\s*(?:[:(\-\u2013]|$))""",
    re.IGNORECASE | re.VERBOSE,
)


def _auto_submitted(
    msg: Message,
    headers: dict[str, list[str]],
    from_address: str,
    from_name: str,
    subject: str,
) -> str | None:
    """Why the message looks machine-sent (auto-reply, bounce, list, bulk), or None."""
    content_type = _content_type(msg)
    if content_type == "multipart/report":
        # delivery-status: a bounce; disposition-notification: a read receipt; …
        report_type = (_param(msg, "report-type") or "").lower() or "inconnu"
        kind = "bounce" if report_type == "delivery-status" else "report"
        return f"{kind}: multipart/report ({report_type})"

    def first(name: str) -> str:
        return (_first(headers, name) or "").strip()

    auto_submitted = first("auto-submitted").split(";")[0].strip().lower()
    if auto_submitted and auto_submitted != "no":
        return f"auto-submitted: {auto_submitted}"
    for name in ("x-autoreply", "x-autorespond"):
        value = first(name)
        if value and value.lower() not in {"no", "false", "0"}:
            return f"{name}: {value.lower()[:40]}"
    suppress = first("x-auto-response-suppress")
    if _AUTO_RESPONSE_SUPPRESS_RE.search(suppress):
        return f"x-auto-response-suppress: {suppress.lower()[:40]}"
    precedence = first("precedence").lower()
    if precedence in _BULK_PRECEDENCE:
        return f"precedence: {precedence}"
    for name in ("list-id", "list-unsubscribe"):
        if name in headers:
            return f"mailing list: {name}"
    if "<>" in {value.strip() for value in headers.get("return-path", [])}:
        return "bounce: return-path <>"
    if from_address.partition("@")[0] in _DAEMON_LOCAL_PARTS or _DAEMON_NAMES_RE.match(from_name):
        return f"bounce: from {from_address}"
    if "x-failed-recipients" in headers:
        return "bounce: x-failed-recipients"
    match = _AUTO_SUBJECT_RE.match(subject)
    if match:
        return f"subject: {match.group(1).strip()}"
    return None


# --------------------------------------------------------------------------- MIME parts


def _content_type(part: Message) -> str:
    try:
        return str(part.get_content_type()).lower()
    except Exception:
        return "application/octet-stream"


def _param(part: Message, name: str) -> str | None:
    try:
        value = part.get_param(name)
    except Exception:
        return None
    if value is None:
        return None
    try:
        text = collapse_rfc2231_value(value) if isinstance(value, tuple) else str(value)
    except Exception:
        return None
    return _clean_text(text).strip() or None


def _disposition(part: Message) -> str | None:
    try:
        disposition = part.get_content_disposition()
    except Exception:
        return None
    return str(disposition).lower() if disposition else None


def _transfer_encoding(part: Message) -> str:
    return (_raw_part_header(part, "content-transfer-encoding") or "").strip().lower()


_UNSAFE_FILENAME_RE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:
        name = _param(part, "name")
    if not name:
        return None
    name = _clean_text(str(name))
    if "=?" in name:
        name = _decode_header_text(name)
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = " ".join(_UNSAFE_FILENAME_RE.sub("_", name).split()).strip(". ")
    if not name:
        return None
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = f"{stem[: 190 - len(ext)]}.{ext}" if dot and len(ext) <= 10 else name[:200]
    return name


_EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/jpg": ".jpg",
    "image/pjpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/bmp": ".bmp",
    "image/tiff": ".tif",
    "image/svg+xml": ".svg",
    "image/heic": ".heic",
    "application/pdf": ".pdf",
    "application/octet-stream": ".bin",
    "application/zip": ".zip",
    "text/plain": ".txt",
    "text/html": ".html",
    "text/calendar": ".ics",
    "text/csv": ".csv",
    "text/rfc822-headers": ".txt",
    "message/rfc822": ".eml",
    "message/global": ".eml",
}
# Built-in table only: the host's /etc/mime.types must not change generated names.
_MIME_TYPES = mimetypes.MimeTypes()


def _extension(content_type: str) -> str:
    extension = _EXTENSIONS.get(content_type)
    if extension is None:
        try:
            extension = _MIME_TYPES.guess_extension(content_type, strict=False)
        except Exception:
            extension = None
    return extension or ".bin"


def _payload_bytes(part: Message) -> bytes:
    """Decoded body of a leaf part, best effort (lenient base64, quoted-printable, …)."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if isinstance(payload, bytes):
        return payload
    raw = part.get_payload()
    if isinstance(raw, str):
        return raw.encode("utf-8", "surrogateescape")
    return b""


_BASE64_RE = re.compile(r"[A-Za-z0-9+/]*={0,2}")


def _strict_base64(text: str) -> bytes | None:
    """Decode base64, or None if it is corrupt (bad characters, impossible length)."""
    cleaned = "".join(text.split())
    if not _BASE64_RE.fullmatch(cleaned) or len(cleaned) % 4 == 1:
        return None
    try:
        return base64.b64decode(cleaned + "=" * (-len(cleaned) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None


def _attachment_bytes(part: Message) -> bytes | None:
    if _transfer_encoding(part) == "base64":
        raw = part.get_payload()
        return _strict_base64(raw) if isinstance(raw, str) else b""
    return _payload_bytes(part)


def _is_inline_text(part: Message, content_type: str) -> bool:
    return (
        content_type in ("text/plain", "text/html")
        and _disposition(part) != "attachment"
        and _filename(part) is None
    )


def _provides(part: Message, content_type: str) -> bool:
    """Whether ``part`` is, or holds (not as an attachment), a body of ``content_type``."""
    stack = [part]
    while stack:
        current = stack.pop()
        current_type = _content_type(current)
        if current_type == content_type and _is_inline_text(current, current_type):
            return True
        if current_type.startswith("multipart/"):
            stack.extend(_children(current))
    return False


_CANDIDATE_BOUNDARY_RE = re.compile(
    r"^--([0-9A-Za-z'()+_,./:=?-][0-9A-Za-z'()+_,./:=? -]{0,68}?)(?:--)?[ \t]*$", re.MULTILINE
)


class _BodyCollector:
    """Walks the MIME tree: collects the body texts and the attachments."""

    def __init__(
        self, *, max_parts: int, max_depth: int, max_attachment_bytes: int, part_count: int
    ) -> None:
        self.texts: list[str] = []
        self.attachments: list[Attachment] = []
        self.skipped: list[SkippedAttachment] = []
        self._max_parts = max_parts
        self._max_depth = max_depth
        self._max_attachment_bytes = max_attachment_bytes
        self._part_count = part_count
        self._seen: set[int] = set()
        self._name_counters: dict[str, int] = {}

    def visit(self, part: Message, depth: int, *, body: bool) -> None:
        content_type = _content_type(part)
        children = _children(part)
        if part.is_multipart():
            if content_type.startswith("message/") and content_type != "message/delivery-status":
                self._attach_message(part, content_type, children)
            elif content_type == "multipart/alternative" and body:
                self._visit_alternative(children, depth)
            else:
                for child in children:
                    self.visit(child, depth + 1, body=body)
        elif content_type.startswith("multipart/"):
            recovered = self._recover_multipart(part, content_type, depth)
            if recovered is not None:
                self.visit(recovered, depth, body=body)
            elif body:
                self._add_text(part, "text/plain")
        elif _is_inline_text(part, content_type):
            if body:
                self._add_text(part, content_type)
        else:
            self._attach(part, content_type)

    def _visit_alternative(self, children: list[Message], depth: int) -> None:
        plain = next((c for c in children if _provides(c, "text/plain")), None)
        html = next((c for c in reversed(children) if _provides(c, "text/html")), None)
        chosen = plain or html or (children[-1] if children else None)
        for child in children:
            if child is not chosen:
                self.visit(child, depth + 1, body=False)
        if chosen is None:
            return
        before = len(self.texts)
        self.visit(chosen, depth + 1, body=True)
        if chosen is plain and html is not None and not any(t.strip() for t in self.texts[before:]):
            del self.texts[before:]  # an empty text/plain alternative: use the HTML one
            self.visit(html, depth + 1, body=True)

    def _add_text(self, part: Message, content_type: str) -> None:
        payload = _payload_bytes(part)
        charset = _param(part, "charset")
        if content_type == "text/html":
            html = _decode_bytes(payload, charset or _meta_charset(payload))
            self.texts.append(html_to_text(html.replace("\ufeff", "")))
            return
        text = _NEWLINES_RE.sub("\n", _decode_bytes(payload, charset).replace("\ufeff", ""))
        if (_param(part, "format") or "").lower() == "flowed":
            text = _unflow(text, delsp=(_param(part, "delsp") or "").lower() == "yes")
        self.texts.append(text)

    def _generated_name(self, content_type: str) -> str:
        maintype = content_type.partition("/")[0]
        prefix = {"image": "image", "message": "message"}.get(maintype, "piece-jointe")
        self._name_counters[prefix] = self._name_counters.get(prefix, 0) + 1
        return f"{prefix}-{self._name_counters[prefix]}{_extension(content_type)}"

    def _keep(self, filename: str | None, content_type: str, content: bytes | None) -> None:
        name = filename or self._generated_name(content_type)
        if content is None:
            self.skipped.append(SkippedAttachment(name, content_type, None, REASON_BAD_BASE64))
        elif len(content) > self._max_attachment_bytes:
            reason = (
                f"pièce jointe trop volumineuse ({_human_size(len(content))}, "
                f"maximum {_human_size(self._max_attachment_bytes)})"
            )
            self.skipped.append(SkippedAttachment(name, content_type, len(content), reason))
        else:
            self.attachments.append(Attachment(name, content_type, content))

    def _attach(self, part: Message, content_type: str) -> None:
        if id(part) in self._seen:
            return
        self._seen.add(id(part))
        filename = _filename(part)
        content = _attachment_bytes(part)
        if content == b"" and filename is None:
            return  # an empty part with no name carries nothing
        self._keep(filename, content_type, content)

    def _attach_message(self, part: Message, content_type: str, children: list[Message]) -> None:
        if id(part) in self._seen or not children:
            return
        self._seen.add(id(part))
        filename = _filename(part)
        try:
            content: bytes | None = children[0].as_bytes(policy=policy.compat32)
        except Exception:
            name = filename or self._generated_name(content_type)
            self.skipped.append(
                SkippedAttachment(name, content_type, None, "message joint illisible")
            )
            return
        if content and _transfer_encoding(part) == "base64":
            # Against RFC 2046 some clients encode the attached message; the stdlib parser
            # then read the base64 text as a message, which gives the encoded text back.
            content = _strict_base64(content.decode("ascii", "replace"))
        self._keep(filename, content_type, content)

    def _recover_multipart(self, part: Message, content_type: str, depth: int) -> Message | None:
        """Re-parse a multipart whose declared boundary is missing or wrong.

        The boundary actually used is guessed from the delimiter lines in the body.
        """
        payload = part.get_payload()
        if not isinstance(payload, str):
            return None
        counts: dict[str, int] = {}
        for match in _CANDIDATE_BOUNDARY_RE.finditer(payload):
            counts[match.group(1)] = counts.get(match.group(1), 0) + 1
        candidates = [b for b, n in counts.items() if n >= 2]
        if not candidates:
            return None
        boundary = max(candidates, key=lambda b: counts[b])
        raw = (
            f'Content-Type: {content_type}; boundary="{boundary}"\r\n\r\n'.encode()
            + payload.encode("utf-8", "surrogateescape")
        )
        remaining = self._max_parts - self._part_count + 1
        _prescan(raw, max_parts=remaining, max_depth=self._max_depth - depth)
        recovered = BytesParser(policy=_POLICY).parsebytes(raw)
        if not recovered.is_multipart():
            return None
        self._part_count = _check_structure(
            recovered,
            max_parts=self._max_parts,
            max_depth=self._max_depth,
            start_depth=depth,
            already=self._part_count - 1,
        )
        return recovered


# --------------------------------------------------------------------------- charsets

_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-8-i": "iso8859-8",
    "unicode-1-1-utf-7": "utf-7",
    "x-sjis": "shift_jis",
    "ks_c_5601-1987": "cp949",
}


def _codec_name(charset: str | None) -> str | None:
    """Python codec name for a MIME charset, or None if unknown or not a text encoding."""
    if not charset:
        return None
    name = charset.strip().strip("\"'").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except Exception:
        return None
    # Python also has bytes-to-bytes codecs (base64, zlib, …): not charsets.
    return info.name if getattr(info, "_is_text_encoding", True) else None


def _decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode text bytes; unknown charsets fall back to UTF-8, then Windows-1252/Latin-1."""
    name = _codec_name(charset)
    if name is None:
        order = ["utf-8", "cp1252", "latin-1"]
    elif name == "ascii":
        order = ["ascii", "utf-8", "cp1252", "latin-1"]
    elif name in ("latin-1", "iso8859-1"):
        order = ["cp1252", "latin-1"]  # as browsers do: "ISO-8859-1" mail is often cp1252
    else:
        order = [name]
    for encoding in order:
        try:
            return data.decode(encoding).replace("\x00", "")
        except Exception:  # noqa: S112 - try the next candidate
            continue
    try:
        return data.decode(name or "utf-8", errors="replace").replace("\x00", "")
    except Exception:
        return data.decode("latin-1").replace("\x00", "")


_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.I)


def _meta_charset(html: bytes) -> str | None:
    match = _META_CHARSET_RE.search(html[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _unflow(text: str, *, delsp: bool) -> str:
    """Join the soft line breaks of a ``format=flowed`` text (RFC 3676)."""
    out: list[str] = []
    paragraph: str | None = None
    paragraph_depth = 0

    def flush() -> None:
        nonlocal paragraph
        if paragraph is not None:
            out.append(f"{'>' * paragraph_depth} {paragraph}" if paragraph_depth else paragraph)
            paragraph = None

    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        if content.startswith(" "):
            content = content[1:]  # space-stuffing
        flowed = content.endswith(" ") and content != "-- "
        if flowed and delsp:
            content = content[:-1]
        if paragraph is not None and depth == paragraph_depth:
            paragraph += content
        else:
            flush()
            paragraph, paragraph_depth = content, depth
        if not flowed:
            flush()
    flush()
    return "\n".join(out)


# --------------------------------------------------------------------------- HTML to text

_SKIP_TAGS = frozenset(
    {"script", "style", "head", "title", "noscript", "template", "svg", "object", "iframe"}
)
_HEAD_TAGS = frozenset({"title", "meta", "link", "style", "script", "base", "noscript", "template"})
_VOID_TAGS = frozenset({"meta", "link", "base", "br", "hr", "img", "input", "col", "wbr", "area"})
_LINE_TAGS = frozenset(
    {
        "address", "article", "aside", "center", "dd", "details", "dialog", "div", "dt",
        "fieldset", "figcaption", "footer", "form", "header", "li", "main", "nav", "section",
        "tbody", "tfoot", "thead", "tr", "caption", "summary",
    }
)  # fmt: skip
_PARAGRAPH_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "pre", "hr", "figure"}
)
_HTML_SPACES_RE = re.compile(r"[ \t\n\r\f\v]+")  # not U+00A0: a lone &nbsp; is content
# Larger HTML bodies get a cruder, faster conversion.
_MAX_HTML_TO_PARSE = 4 * 1024 * 1024
_DATA_URI_RE = re.compile(r"data:[^\"'\s>]{256,}")


@dataclass(slots=True)
class _ListState:
    ordered: bool
    counter: int = 0


_TAG_RE = re.compile(
    r"""<(/?)([a-zA-Z][a-zA-Z0-9:._-]{0,63})((?:[^>"'<]++|"[^"]{0,4000}+"|'[^']{0,4000}+')*+)>"""
)
_ATTR_RE = re.compile(r"""([^\s=/"'<>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_RAW_TEXT_END_RES = {
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
}


class _HTMLTextExtractor:
    """Turns HTML into plain text: lines and paragraphs, links, quotes as ``>``.

    It has its own small tokenizer rather than :class:`html.parser.HTMLParser`, which takes
    quadratic time on some malformed input; every scan here is linear.
    """

    def __init__(self) -> None:
        self.lines: list[tuple[int, str, bool]] = []  # (quote depth, text, preformatted)
        self._chunks: list[str] = []
        self._has_content = False
        self._line_depth = 0
        self._line_pre = False
        self._quote_depth = 0
        self._want_blank = False
        self._skip: list[str] = []
        self._pre = 0
        self._lists: list[_ListState] = []
        self._prefix = ""
        self._links: list[tuple[str, list[str]]] = []
        self._paragraph_is_line = False

    # structure
    def _end_line(self) -> None:
        if self._has_content:
            text = "".join(self._chunks).replace("\xa0", " ").rstrip()
            self.lines.append((self._line_depth, text, self._line_pre))
        self._chunks = []
        self._has_content = False

    def _block(self, *, paragraph: bool) -> None:
        self._end_line()
        if paragraph:
            self._want_blank = True

    def _break(self) -> None:
        if self._has_content:
            self._end_line()
        else:
            self.lines.append((self._quote_depth, "", False))
            self._want_blank = False

    def _emit(self, text: str) -> None:
        if not self._has_content:
            if self._want_blank and self.lines and self.lines[-1][1]:
                depth = min(self.lines[-1][0], self._quote_depth)
                self.lines.append((depth, "", False))
            self._want_blank = False
            self._line_depth = self._quote_depth
            self._line_pre = self._pre > 0
            if not self._pre:
                text = text.lstrip(" ")
            text, self._prefix = self._prefix + text, ""
        self._chunks.append(text)
        self._has_content = True
        for _, link_chunks in self._links:
            link_chunks.append(text)

    # parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str]]) -> None:
        if tag == "body":
            self._skip.clear()
            return
        if self._skip and self._skip[-1] == "head" and tag not in _HEAD_TAGS:
            self._skip.pop()  # content without <body>: the head has ended
        if self._skip or tag in _SKIP_TAGS:
            if tag in _SKIP_TAGS:
                self._skip.append(tag)
            return
        if tag == "br":
            self._break()
        elif tag == "blockquote":
            self._block(paragraph=True)
            self._quote_depth += 1
        elif tag in ("ul", "ol"):
            self._block(paragraph=not self._lists)
            self._lists.append(_ListState(ordered=tag == "ol"))
        elif tag == "li":
            self._block(paragraph=False)
            indent = "  " * max(len(self._lists) - 1, 0)
            if self._lists and self._lists[-1].ordered:
                self._lists[-1].counter += 1
                self._prefix = f"{indent}{self._lists[-1].counter}. "
            else:
                self._prefix = f"{indent}- "
        elif tag == "p":
            # Outlook writes every line as <p class=MsoNormal>, without spacing between.
            classes = " ".join(v or "" for k, v in attrs if k == "class").lower()
            self._paragraph_is_line = "msonormal" in classes
            self._block(paragraph=not self._paragraph_is_line)
        elif tag == "pre":
            self._block(paragraph=True)
            self._pre += 1
        elif tag in _PARAGRAPH_TAGS:
            self._block(paragraph=True)
        elif tag in _LINE_TAGS:
            self._block(paragraph=False)
        elif tag in ("td", "th"):
            if self._has_content:
                self._chunks.append(" ")
        elif tag == "a":
            href = next((v for k, v in attrs if k == "href" and v), "")
            self._links.append((href, []))

    def feed(self, html: str) -> None:
        pos, end = 0, len(html)
        while pos < end:
            lt = html.find("<", pos)
            if lt < 0:
                self.handle_data(unescape(html[pos:]))
                return
            if lt > pos:
                self.handle_data(unescape(html[pos:lt]))
            pos = lt
            if html.startswith("<!--", pos):
                close = html.find("-->", pos + 4)
                if close < 0:
                    return  # an unclosed comment hides the rest, as in browsers
                pos = close + 3
                continue
            if html.startswith(("<!", "<?"), pos):
                close = html.find(">", pos + 2)
                if close < 0:
                    return
                pos = close + 1
                continue
            match = _TAG_RE.match(html, pos)
            if match is None:  # a "<" that opens no tag is text
                lt = html.find("<", pos + 1)
                lt = end if lt < 0 else lt
                self.handle_data(unescape(html[pos:lt]))
                pos = lt
                continue
            pos = match.end()
            tag = match.group(2).lower()
            if match.group(1):
                self.handle_endtag(tag)
                continue
            attrs = [
                (m.group(1).lower(), unescape(m.group(2) or m.group(3) or m.group(4) or ""))
                for m in _ATTR_RE.finditer(match.group(3))
            ]
            self.handle_starttag(tag, attrs)
            if match.group(3).rstrip().endswith("/") and tag not in _VOID_TAGS:
                self.handle_endtag(tag)
            elif tag in _RAW_TEXT_END_RES:
                close_match = _RAW_TEXT_END_RES[tag].search(html, pos)
                if close_match is None:
                    return
                pos = close_match.end()
                self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag in self._skip:
                del self._skip[len(self._skip) - 1 - self._skip[::-1].index(tag) :]
            return
        if tag == "blockquote":
            self._block(paragraph=True)
            self._quote_depth = max(self._quote_depth - 1, 0)
        elif tag in ("ul", "ol"):
            if self._lists:
                self._lists.pop()
            self._block(paragraph=not self._lists)
        elif tag == "a":
            if self._links:
                self._end_link(*self._links.pop())
        elif tag == "p":
            self._block(paragraph=not self._paragraph_is_line)
            self._paragraph_is_line = False
        elif tag == "pre":
            self._pre = max(self._pre - 1, 0)
            self._block(paragraph=True)
        elif tag in _PARAGRAPH_TAGS:
            self._block(paragraph=True)
        elif tag in _LINE_TAGS:
            self._block(paragraph=False)

    def handle_data(self, data: str) -> None:
        if self._skip:
            if self._skip[-1] != "head" or not data.strip():
                return
            self._skip.pop()  # text without <body>: the head has ended
        if self._pre:
            for index, piece in enumerate(_NEWLINES_RE.split(data)):
                if index:
                    self._break()
                if piece:
                    self._emit(piece)
            return
        text = _HTML_SPACES_RE.sub(" ", data)
        if not text.strip(" "):
            if self._has_content and self._chunks and not self._chunks[-1].endswith(" "):
                self._chunks.append(" ")
            return
        self._emit(text)

    def _end_link(self, href: str, chunks: list[str]) -> None:
        label = " ".join("".join(chunks).split())
        url = _unwrap_safelink(href.strip())
        if (
            label
            and self._has_content
            and url.lower().startswith(("http://", "https://"))
            and _comparable_url(label) != _comparable_url(url)
        ):
            self._chunks.append(f" ({url})")

    def text(self) -> str:
        self._end_line()
        out: list[str] = []
        for depth, line, pre in self.lines:
            if not pre:
                line = re.sub(r" {2,}", " ", line)
            if depth:
                out.append(f"{'>' * depth} {line}" if line else ">" * depth)
            else:
                out.append(line)
        return _tidy(out)


def _unwrap_safelink(url: str) -> str:
    """The real target of an Outlook "safe link"."""
    try:
        parts = urlsplit(url)
        if parts.hostname and parts.hostname.endswith("safelinks.protection.outlook.com"):
            return parse_qs(parts.query).get("url", [url])[0]
    except ValueError:
        pass
    return url


def _comparable_url(url: str) -> str:
    url = url.strip().lower()
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url)
    return url.rstrip("/")


def html_to_text(html: str) -> str:
    """Plain text of an HTML body, keeping paragraph breaks and links.

    ``<script>``, ``<style>`` and ``<head>`` are dropped; a link whose text differs from its
    address is written ``text (address)``; ``<blockquote>`` lines are quoted with ``>``.
    """
    html = _DATA_URI_RE.sub("data:", html)
    if len(html) <= _MAX_HTML_TO_PARSE:
        parser = _HTMLTextExtractor()
        try:
            parser.feed(html)
            return parser.text()
        except Exception:  # noqa: S110 - fall back to the crude conversion below
            pass
    return _crude_html_to_text(html)


_RAW_TEXT_START_RE = re.compile(r"<(script|style|head)\b", re.IGNORECASE)
_CRUDE_BREAK_RE = re.compile(r"<br\s*/?>|</(?:p|div|li|tr|h[1-6]|blockquote)\s*>", re.IGNORECASE)


def _crude_html_to_text(html: str) -> str:
    """Fast, linear-time conversion for HTML too big or too broken for the tokenizer."""
    lower = html.lower()
    kept: list[str] = []
    pos = 0
    while (match := _RAW_TEXT_START_RE.search(html, pos)) is not None:
        kept.append(html[pos : match.start()])
        close = lower.find(f"</{match.group(1).lower()}", match.end())
        if close < 0:
            pos = len(html)
            break
        pos = close
    kept.append(html[pos:])
    text = _CRUDE_BREAK_RE.sub("\n", "".join(kept))
    text = unescape(re.sub(r"<[^<>]*>", " ", text)).replace("\xa0", " ")
    return _tidy(" ".join(line.split()) for line in text.split("\n"))


# --------------------------------------------------------------------------- reply stripping

_ESCALADE_MARKER_RE = re.compile(
    r"##-\s*(?:r[ée]pondez au-dessus de cette ligne|reply above this line)\s*-##", re.IGNORECASE
)
_QUOTED_RE = re.compile(r"^[ \t]*>")
_DATE_OR_TIME_RE = re.compile(r"\d{1,2}[:h]\d{2}|\b\d{4}\b|\d{1,2}/\d{1,2}/\d{2,4}")
_ATTRIBUTION_RES = (
    # Gmail, Thunderbird, Apple Mail: "On <date>, <name> wrote:"
    re.compile(r"^\s*On\s.{4,300}\swrote\s*:\s*$", re.IGNORECASE | re.DOTALL),
    # ... and "Le <date>, <name> a écrit :"
    re.compile(r"^\s*Le\s.{4,300}\sa\s+[ée]crit\s*:\s*$", re.IGNORECASE | re.DOTALL),
)
_ORIGINAL_MESSAGE_RE = re.compile(
    r"^\s*-{2,}\s*(?:original message|message d['\u2019]origine|mail original|message original)"
    r"\s*-{2,}\s*$",
    re.IGNORECASE,
)
_SEPARATOR_RE = re.compile(r"^\s*(?:_{10,}|-{10,})\s*$")
_HEADER_FROM_RE = re.compile(r"^\s*\*?(?:from|de)\s*\*?\s*:\s*\*?\s*\S", re.IGNORECASE)
_HEADER_OTHER_RE = re.compile(
    r"^\s*\*?(?:sent|date|envoy[ée](?:\s+le)?|to|[àa]|cc|subject|objet)\s*\*?\s*:", re.IGNORECASE
)
_FORWARD_RE = re.compile(
    r"""^\s*(?:
        -{2,}\s*(?:forwarded\ message|message\ transf[ée]r[ée]|mail\ transf[ée]r[ée])\s*-{2,}
        | begin\ forwarded\ message\s*:
        | d[ée]but\ du\ message\ r[ée]exp[ée]di[ée]\s*:
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_FORWARD_SUBJECT_RE = re.compile(r"^\s*(?:fwd?|tr|wg|rv|enc)\s*:", re.IGNORECASE)
_MOBILE_FOOTER_RE = re.compile(
    r"""^\s*(?:
        sent\ from\ my\ (?:iphone|ipad|android|mobile|smartphone|samsung|galaxy|blackberry)
        | sent\ from\ (?:outlook|mail)\ for\ (?:ios|android|windows)
        | get\ outlook\ for\ (?:ios|android)
        | envoy[ée]\ (?:de|depuis)\ mon\ (?:iphone|ipad|mobile|smartphone|t[ée]l[ée]phone
            |appareil\ (?:mobile|android|samsung|galaxy)|android|samsung|galaxy)
        | t[ée]l[ée]charger\ outlook\ pour\ (?:ios|android)
        | obtenir\ outlook\ pour\ (?:ios|android)
    )\b.{0,120}$""",
    re.IGNORECASE | re.VERBOSE,
)


def _is_quoted(line: str) -> bool:
    return bool(_QUOTED_RE.match(line))


def _attribution_start(lines: Sequence[str], index: int) -> bool:
    """Whether an "On … wrote:" / "Le … a écrit :" header starts at ``lines[index]``.

    Clients wrap it over up to three lines.
    """
    first = lines[index].strip()
    if not first[:3].lower().startswith(("on ", "le ")):
        return False
    candidate = first
    for extra in range(3):
        if extra:
            if index + extra >= len(lines) or _is_quoted(lines[index + extra]):
                return False
            candidate = f"{candidate} {lines[index + extra].strip()}"
        if len(candidate) > 320:
            return False
        if _DATE_OR_TIME_RE.search(candidate) and any(
            regex.match(candidate) for regex in _ATTRIBUTION_RES
        ):
            return True
    return False


def _header_block_start(lines: Sequence[str], index: int) -> int | None:
    """Start of an Outlook-style "From:/Sent:/To:/Subject:" block at ``lines[index]``.

    The block starts earlier when a separator or "-----Original Message-----" line sits just
    above it.
    """
    if not _HEADER_FROM_RE.match(lines[index]):
        return None
    matched = 0
    for line in lines[index + 1 : index + 7]:
        if not line.strip():
            break
        if _HEADER_OTHER_RE.match(line):
            matched += 1
    if matched < 2:
        return None
    start = index
    probe = index - 1
    while probe >= 0 and not lines[probe].strip():
        probe -= 1
    if probe >= 0 and (
        _SEPARATOR_RE.match(lines[probe]) or _ORIGINAL_MESSAGE_RE.match(lines[probe])
    ):
        start = probe
    return start


def _tidy(lines: Iterable[str]) -> str:
    """Right-strip lines, squeeze runs of blank lines, drop leading and trailing blank lines."""
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def strip_reply(text: str, *, forwarded: bool = False) -> str:
    """Keep only the new text of a reply.

    Removed: quoted ``>`` lines; everything from a reply header of common clients onwards
    (Gmail, Thunderbird, Apple Mail, Outlook, Zimbra, in French and English); the signature
    after a ``-- `` line or a mobile footer ("Envoyé de mon iPhone", …); Escalade's own
    "##- Répondez au-dessus de cette ligne -##" marker and all below it.

    A forwarded message ("---------- Forwarded message ---------", "Début du message
    réexpédié :", …) is kept whole, with whatever was written above it. With
    ``forwarded=True`` (the subject says "Fwd:"/"TR:"), a reply header is taken as the start
    of the forwarded message and kept as well. Returns "" when nothing new is left.
    """
    lines = _NEWLINES_RE.split(text)
    for index, line in enumerate(lines):
        if _ESCALADE_MARKER_RE.search(line):
            lines = lines[:index]
            break

    kept_below: list[str] = []
    for index, line in enumerate(lines):
        if _is_quoted(line) or not line.strip():
            continue
        if _FORWARD_RE.match(line):
            lines, kept_below = lines[:index], lines[index:]
            break
        start: int | None = None
        if _attribution_start(lines, index) or _ORIGINAL_MESSAGE_RE.match(line):
            start = index
        else:
            start = _header_block_start(lines, index)
        if start is not None:
            if forwarded:
                kept_below = lines[start:]
            lines = lines[:start]
            break

    new_text: list[str] = []
    for line in lines:
        if line.rstrip("\r") in ("-- ", "--") or _MOBILE_FOOTER_RE.match(line):
            break
        if not _is_quoted(line):
            new_text.append(line)
    return "\n\n".join(part for part in (_tidy(new_text), _tidy(kept_below)) if part)


# --------------------------------------------------------------------------- misc


def _human_size(size: int) -> str:
    for unit, factor in (("Mo", 1024 * 1024), ("Ko", 1024)):
        if size >= factor:
            value = f"{size / factor:.1f}".replace(".", ",").removesuffix(",0")
            return f"{value} {unit}"
    return f"{size} octets"

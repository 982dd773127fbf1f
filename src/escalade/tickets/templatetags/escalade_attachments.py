"""The attachment limits, stated next to every file field and checked in the browser."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.formats import number_format

from escalade.tickets.attachments import ALLOWED_EXTENSIONS

register = template.Library()


@register.simple_tag
def attachment_limits() -> dict[str, Any]:
    size = settings.ATTACHMENT_MAX_BYTES
    extensions = sorted(ALLOWED_EXTENSIONS)
    return {
        "max_bytes": size,
        "max_mo": number_format(size / (1024 * 1024), decimal_pos=0 if size % 1048576 == 0 else 1),
        "extensions": extensions,
        "accept": ",".join(f".{e}" for e in extensions),
        "types": ", ".join(extensions),
    }

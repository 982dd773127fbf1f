"""Charts drawn by the app itself, as inline SVG (no script, no CDN). Each chart is an image
with a title and a description for screen readers; the page puts the same numbers in a
table right after it."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD, AXIS = 720, 220, 28, 36
COLORS = ("#0d6efd", "#198754", "#6c757d")


def _scale(top: int) -> int:
    return max(1, top)


def bars(
    chart_id: str, title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]]
) -> SafeString:
    """Grouped bars: one group per label, one bar per series."""
    top = _scale(max((v for _, values in series for v in values), default=0))
    inner_w, inner_h = WIDTH - AXIS - PAD, HEIGHT - 2 * PAD
    group_w = inner_w / max(1, len(labels))
    bar_w = max(1.0, group_w * 0.8 / max(1, len(series)))
    shapes = []
    for s, (_name, values) in enumerate(series):
        for i, value in enumerate(values):
            h = inner_h * value / top
            x = AXIS + i * group_w + group_w * 0.1 + s * bar_w
            y = PAD + inner_h - h
            shapes.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{COLORS[s % len(COLORS)]}"></rect>'
            )
    return _frame(chart_id, title, top, labels, shapes, [name for name, _ in series])


def line(chart_id: str, title: str, labels: Sequence[str], values: Sequence[int]) -> SafeString:
    top = _scale(max(values, default=0))
    inner_w, inner_h = WIDTH - AXIS - PAD, HEIGHT - 2 * PAD
    step = inner_w / max(1, len(values) - 1)
    points = " ".join(
        f"{AXIS + i * step:.1f},{PAD + inner_h - inner_h * v / top:.1f}"
        for i, v in enumerate(values)
    )
    shapes = [
        f'<polyline points="{points}" fill="none" stroke="{COLORS[0]}" stroke-width="2"></polyline>'
    ]
    return _frame(chart_id, title, top, labels, shapes, [])


def _frame(
    chart_id: str, title: str, top: int, labels: Sequence[str], shapes: list[str], legend: list[str]
) -> SafeString:
    inner_h = HEIGHT - 2 * PAD
    every = max(1, len(labels) // 8)
    group_w = (WIDTH - AXIS - PAD) / max(1, len(labels))
    ticks = "".join(
        f'<text x="{AXIS + i * group_w + group_w / 2:.1f}" y="{HEIGHT - 8}" font-size="11" '
        f'text-anchor="middle">{escape(label)}</text>'
        for i, label in enumerate(labels)
        if i % every == 0
    )
    keys = "".join(
        f'<rect x="{AXIS + 140 * k}" y="4" width="10" height="10" fill="{COLORS[k % len(COLORS)]}">'
        f'</rect><text x="{AXIS + 14 + 140 * k}" y="13" font-size="11">{escape(name)}</text>'
        for k, name in enumerate(legend)
    )
    axis = (
        f'<line x1="{AXIS}" y1="{PAD}" x2="{AXIS}" y2="{PAD + inner_h}" stroke="#666"></line>'
        f'<line x1="{AXIS}" y1="{PAD + inner_h}" x2="{WIDTH - PAD}" y2="{PAD + inner_h}" '
        f'stroke="#666"></line>'
        f'<text x="{AXIS - 4}" y="{PAD + 4}" font-size="11" text-anchor="end">{top}</text>'
        f'<text x="{AXIS - 4}" y="{PAD + inner_h}" font-size="11" text-anchor="end">0</text>'
    )
    body = mark_safe(keys + axis + "".join(shapes) + ticks)  # noqa: S308 - escaped above
    return format_html(
        '<svg id="{}" role="img" aria-labelledby="{}-titre" viewBox="0 0 {} {}" '
        'class="stats-chart" preserveAspectRatio="xMidYMid meet"><title id="{}-titre">{}</title>'
        "{}</svg>",
        chart_id,
        chart_id,
        WIDTH,
        HEIGHT,
        chart_id,
        title,
        body,
    )

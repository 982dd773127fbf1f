"""Before/after table (Markdown) from bench/run.py's JSON files.

    python bench/compare.py BEFORE.json AFTER-1client.json AFTER.json

Columns: before (W=1, 4 clients), after with 1 client (latency without queueing), after
with 4 clients at W = 1, 2, 4 (throughput), and the SQL queries of one request.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def load(path: str) -> dict:
    data = json.loads(Path(path).read_text())
    rows = {(r["scenario"], r["workers"], r["clients"]): r for r in data["results"]}
    return {"data": data, "rows": rows}


def cell(row: dict | None, rps: bool = True) -> str:
    if row is None:
        return "—"
    errors = f", {row['errors']} err" if row["errors"] else ""
    text = f"{row['p50_ms']:.0f} / {row['p95_ms']:.0f}"
    return f"{text} ms · {row['rps']:.1f}/s{errors}" if rps else f"{text} ms{errors}"


def main() -> None:
    before, single, after = (load(p) for p in sys.argv[1:4])
    queries = single["data"].get("info", {}).get("queries", {})
    workers = sorted({w for (_s, w, _c) in after["rows"]})
    head = ["scenario", "before W=1 C=4", "after C=1 (W=1)"]
    head += [f"after W={w} C=4" for w in workers] + ["SQL"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    names = list(dict.fromkeys(s for (s, _w, _c) in after["rows"]))
    for name in names:
        line = [
            name,
            cell(before["rows"].get((name, 1, 4))),
            cell(single["rows"].get((name, 1, 1)), False),
        ]
        line += [cell(after["rows"].get((name, w, 4))) for w in workers]
        line.append(str(queries.get(name, "—")))
        print("| " + " | ".join(line) + " |")
    rss, old_rss = after["data"].get("peak_rss_mib"), before["data"].get("peak_rss_mib")
    print(f"\nPeak RSS per web process (MiB) by W: {rss}; before: {old_rss}")
    total = single["data"]["info"].get("tickets_total")
    print(f"p50 / p95 latency; C = concurrent clients; tickets: {total}")


if __name__ == "__main__":
    main()

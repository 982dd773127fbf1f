"""Escalade's benchmark: real HTTP against the production server, on loopback.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench100k \\
        python bench/run.py --workers 1,2,4 --clients 4

Stdlib only. For each number of web processes W it starts
``python -m escalade.cli run --no-worker --workers W`` (gunicorn, DEBUG off), runs every
scenario of scenarios.py with C concurrent clients (a thread each, own session/token) for
at most --requests requests or --seconds seconds, and reads the peak RSS (VmHWM) of the
gunicorn workers. It prints a table and writes bench/results/<date>-<db>-<tickets>.json
and .txt. The database must have been filled by ``escalade seed-bench`` first.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from scenarios import BY_NAME, SCENARIOS, Request, Scenario

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PYTHON = sys.executable


# --- HTTP clients --------------------------------------------------------------------------------


class Client:
    """One simulated user: its own connection, cookies and credentials."""

    def __init__(self, port: int, kind: str, info: dict[str, Any]):
        self.port = port
        self.kind = kind
        self.info = info
        self.cookies: dict[str, str] = {}
        self.headers: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def raw(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes, http.client.HTTPResponse]:
        all_headers = {"Host": "127.0.0.1", **self.headers, **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=all_headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()  # gunicorn's sync workers close after each response
                if attempt:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return response.status, data, response

    def login(self) -> None:
        if self.kind == "api":
            self.headers["Authorization"] = f"Token {self.info['api_token']}"
        elif self.kind == "glpi":
            status, data, _r = self.raw(
                "GET",
                "/apirest.php/initSession",
                headers={
                    "App-Token": self.info["app_token"],
                    "Authorization": f"user_token {self.info['api_token']}",
                },
            )
            if status != 200:
                raise RuntimeError(f"initSession: HTTP {status} {data[:200]!r}")
            self.headers = {
                "App-Token": self.info["app_token"],
                "Session-Token": json.loads(data)["session_token"],
            }
        else:
            status, data, _r = self.raw("GET", "/compte/connexion/")
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data)
            if status != 200 or token is None:
                raise RuntimeError(f"login page: HTTP {status}")
            body = urlencode(
                {
                    "username": self.info["login"],
                    "password": self.info["password"],
                    "csrfmiddlewaretoken": token.group(1).decode(),
                }
            ).encode()
            status, data, _r = self.raw(
                "POST",
                "/compte/connexion/",
                body,
                {"Content-Type": "application/x-www-form-urlencoded"},
            )
            if status != 302 or "sessionid" not in self.cookies:
                raise RuntimeError(f"login refused: HTTP {status} {data[:200]!r}")

    def send(self, request: Request) -> int:
        headers: dict[str, str] = {}
        body = None
        if request.form is not None:
            form = {**request.form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif request.json_body is not None:
            body = json.dumps(request.json_body).encode()
            headers["Content-Type"] = "application/json"
        status, _data, _r = self.raw(request.method, request.path, body, headers)
        return status


# --- Measuring -----------------------------------------------------------------------------------


@dataclass
class Result:
    scenario: str
    workers: int
    clients: int
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)

        def pct(p: float) -> float | None:
            if not lat:
                return None
            rank = max(1, math.ceil(p / 100 * len(lat)))  # nearest-rank percentile
            return round(lat[rank - 1], 1)

        return {
            "scenario": self.scenario,
            "workers": self.workers,
            "clients": self.clients,
            "requests": self.requests,
            "errors": self.errors,
            "seconds": round(self.seconds, 2),
            "rps": round(self.requests / self.seconds, 1) if self.seconds else None,
            "p50_ms": pct(50),
            "p95_ms": pct(95),
            "p99_ms": pct(99),
            "mean_ms": round(statistics.fmean(lat), 1) if lat else None,
            "max_ms": round(lat[-1], 1) if lat else None,
            "statuses": self.statuses,
        }


def measure(
    scenario: Scenario,
    port: int,
    info: dict[str, Any],
    workers: int,
    clients: int,
    max_requests: int,
    max_seconds: float,
    counter: list[int],
) -> Result:
    result = Result(scenario.name, workers, clients)
    lock = threading.Lock()
    sessions = [Client(port, scenario.kind, info) for _ in range(clients)]
    for session in sessions:
        session.login()
    for session in sessions:  # warm-up, not counted
        n = counter[0]
        counter[0] += 1
        session.send(scenario.build(info, n))
    issued = 0
    started = time.perf_counter()
    deadline = started + max_seconds

    def loop(session: Client) -> None:
        nonlocal issued
        while True:
            with lock:
                if issued >= max_requests or time.perf_counter() >= deadline:
                    return
                issued += 1
                n = counter[0]
                counter[0] += 1
            request = scenario.build(info, n)
            t0 = time.perf_counter()
            try:
                status = session.send(request)
            except Exception as error:  # counted and reported, never fatal
                status = 0
                session.conn.close()
                key = type(error).__name__
            else:
                key = str(status)
            elapsed = (time.perf_counter() - t0) * 1000
            with lock:
                result.requests += 1
                result.latencies_ms.append(elapsed)
                result.statuses[key] = result.statuses.get(key, 0) + 1
                if status not in scenario.expect:
                    result.errors += 1

    threads = [threading.Thread(target=loop, args=(s,), daemon=True) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        while thread.is_alive():  # a timeout keeps Ctrl+C working
            thread.join(timeout=0.5)
    result.seconds = time.perf_counter() - started
    for session in sessions:
        session.conn.close()
    return result


# --- The server ----------------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry.name))
    return found


def memory_kb(pid: int) -> dict[str, int]:
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                values[key] = int(rest.split()[0])
    except OSError:
        pass
    return values


def gunicorn_workers(run_pid: int) -> list[int]:
    """run (escalade.cli) -> gunicorn master -> workers."""
    workers = []
    for master in children(run_pid):
        workers.extend(children(master))
    return workers


def start_server(workers: int, port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    command = [
        PYTHON,
        "-m",
        "escalade.cli",
        "run",
        "--no-worker",
        "--workers",
        str(workers),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}); see {log}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/sante/")
            if conn.getresponse().status == 200 and len(gunicorn_workers(process.pid)) >= workers:
                return process
        except OSError:
            pass
        time.sleep(0.5)
    process.terminate()
    raise RuntimeError("server did not answer /sante/ within 120 s")


def stop_server(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


# --- Report --------------------------------------------------------------------------------------

COLUMNS = [
    ("scenario", 20),
    ("W", 2),
    ("C", 2),
    ("req", 5),
    ("err", 4),
    ("req/s", 7),
    ("p50 ms", 8),
    ("p95 ms", 8),
    ("p99 ms", 8),
    ("SQL", 4),
]


def table(rows: list[dict[str, Any]], queries: dict[str, int]) -> str:
    def fmt(value: Any) -> str:
        return "-" if value is None else str(value)

    head = " ".join(f"{name:>{w}}" if i else f"{name:<{w}}" for i, (name, w) in enumerate(COLUMNS))
    lines = [head, "-" * len(head)]
    for r in rows:
        cells = [
            r["scenario"],
            r["workers"],
            r["clients"],
            r["requests"],
            r["errors"],
            r["rps"],
            r["p50_ms"],
            r["p95_ms"],
            r["p99_ms"],
            queries.get(r["scenario"]),
        ]
        lines.append(
            " ".join(
                f"{fmt(c):>{w}}" if i else f"{fmt(c):<{w}}"
                for i, (c, (_n, w)) in enumerate(zip(cells, COLUMNS, strict=True))
            )
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="1,2,4", help="web processes, e.g. 1,2,4")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=200, help="max requests per scenario")
    parser.add_argument("--seconds", type=float, default=20, help="max seconds per scenario")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--scenarios", default="", help="comma-separated subset")
    parser.add_argument("--label", default="", help="added to the result file names")
    parser.add_argument("--no-queries", action="store_true", help="skip the SQL query counts")
    args = parser.parse_args()

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env.pop("DEBUG", None)  # production settings: DEBUG off
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    # Mails stay in the outbox (no worker runs); never sent anywhere.
    env["EMAIL_URL"] = "console:"

    chosen = [BY_NAME[n] for n in args.scenarios.split(",") if n] or SCENARIOS
    workers_list = [int(w) for w in args.workers.split(",")]
    results_dir = BENCH / "results"
    results_dir.mkdir(exist_ok=True)
    info_path = results_dir / ".prepare.json"  # holds the password: git-ignored, deleted below

    print("Preparing (technician account, token, 50-item ticket, SQL counts)…", flush=True)
    prepare = [PYTHON, str(BENCH / "prepare.py"), str(info_path)]
    if args.no_queries:
        prepare.append("--no-queries")
    subprocess.run(prepare, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    info = json.loads(info_path.read_text())
    info_path.unlink()
    queries = info.get("queries", {})
    print(
        f"{info['database']}: {info['tickets_total']} tickets, {info['tickets_visible']} "
        f"visible to {info['login']}; timeline ticket #{info['timeline_ticket_id']}",
        flush=True,
    )

    rows: list[dict[str, Any]] = []
    memory: dict[str, Any] = {}
    counter = [0]
    log = Path(tempfile.gettempdir()) / f"escalade-bench-server-{os.getpid()}.log"
    for workers in workers_list:
        print(f"\n== {workers} web process(es), {args.clients} clients ==", flush=True)
        server = start_server(workers, args.port, env, log)
        try:
            for scenario in chosen:
                result = measure(
                    scenario,
                    args.port,
                    info,
                    workers,
                    args.clients,
                    args.requests,
                    args.seconds,
                    counter,
                )
                row = result.summary()
                rows.append(row)
                print(table([row], queries).splitlines()[-1], flush=True)
            pids = gunicorn_workers(server.pid)
            memory[str(workers)] = {str(pid): memory_kb(pid) for pid in pids}
            peak = max((m.get("VmHWM", 0) for m in memory[str(workers)].values()), default=0)
            print(f"peak RSS per web process (VmHWM): {peak / 1024:.0f} MiB", flush=True)
        finally:
            stop_server(server)

    now = datetime.now(UTC)
    count = info["tickets_total"]
    size = f"{count // 1_000_000}M" if count >= 1_000_000 else f"{count // 1000}k"
    stem = f"{now:%Y-%m-%d}-{info['database']}-{size}" + (f"-{args.label}" if args.label else "")
    text = table(rows, queries)
    peaks = {
        w: round(max((m.get("VmHWM", 0) for m in per.values()), default=0) / 1024)
        for w, per in memory.items()
    }
    header = (
        f"Escalade benchmark {now:%Y-%m-%d %H:%M} UTC, {info['database']}, "
        f"{info['tickets_total']} tickets ({info['tickets_visible']} visible to the technician), "
        f"{args.clients} clients, at most {args.requests} requests or {args.seconds:g} s "
        f"per scenario.\nSQL = queries of one request (in-process count). "
        f"Peak RSS per web process (MiB) by W: {peaks}\n"
    )
    notes = "\n".join(f"  {s.name}: {s.note}" for s in chosen if s.note)
    print("\n" + header + "\n" + text + "\n\n" + notes)
    meta = {k: v for k, v in info.items() if k not in ("password", "api_token", "app_token")}
    payload = {
        "date": now.isoformat(),
        "settings": vars(args),
        "database": info["database"],
        "info": meta,
        "results": rows,
        "memory_kb": memory,
        "peak_rss_mib": peaks,
        "scenarios": {s.name: s.note for s in chosen},
        "machine": {"cpus": os.cpu_count(), "loadavg": os.getloadavg()},
    }
    (results_dir / f"{stem}.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False))
    (results_dir / f"{stem}.txt").write_text(header + "\n" + text + "\n\n" + notes + "\n")
    print(f"\nwrote {results_dir / stem}.json and .txt")


if __name__ == "__main__":
    main()

"""The API documentation page renders in a real Chromium, offline and under the CSP."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.mark.browser
def test_docs_page_lists_the_operations_without_csp_errors(live_server, db):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make system-deps` (as root).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless=new", "--disable-gpu"]
        )
        page = browser.new_page()
        problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        outside: list[str] = []
        page.on(
            "request",
            lambda r: not r.url.startswith(live_server.url) and outside.append(r.url),
        )
        page.goto(f"{live_server.url}/api/docs/")
        page.wait_for_selector(".opblock", timeout=15_000)
        summaries = page.locator(".opblock-summary-path").all_inner_texts()
        browser.close()
    assert "/api/v1/tickets/{id}/escalate/" in summaries
    assert not [p for p in problems if "Content Security Policy" in p], problems
    assert [u for u in outside if not u.startswith("data:")] == []

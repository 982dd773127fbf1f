"""Browser fixtures: Debian's Chromium driven by Playwright, against pytest-django's live
server, and axe-core (vendored in the ``axe-playwright-python`` wheel, no network)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from escalade.demo.lsu import load_demo

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between two browser steps are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
# Every run saves its screenshots in tests/artifacts/ (not committed); with
# ESCALADE_UPDATE_SCREENSHOTS=1 they replace the ones the README shows (docs/screenshots/).
SCREENSHOTS = (
    ROOT / "docs" / "screenshots"
    if os.environ.get("ESCALADE_UPDATE_SCREENSHOTS") == "1"
    else ROOT / "tests" / "artifacts" / "screenshots"
)
AXE_SOURCE = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text()
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make system-deps` (as root).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server) -> Iterator:
    # Reduced motion: Bootstrap then drops its colour transitions, so axe never measures a
    # button halfway through its hover colours (a contrast "violation" that is not one).
    context = browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        viewport={"width": 1280, "height": 900},
        reduced_motion="reduce",
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def live_demo(transactional_db):
    return load_demo()


def check_accessibility(page) -> None:
    """Run axe-core on the current page; fail on any serious or critical violation."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the page's CSP (script-src 'self')
        # stays in force for the application's own scripts.
        page.evaluate(AXE_SOURCE + "\n;true")
    page.mouse.move(0, 0)  # no control left hovered under the pointer of the last click
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    blocking = [v for v in result["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    assert not blocking, (
        "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] if n["target"] else "" for n in v["nodes"][:5])
            for v in blocking
        )
        + f"\n(page: {page.url})"
    )


def wait_for_htmx(page, timeout: float = 10.0) -> None:
    """Wait until htmx has swapped and settled. Polled from Python: Playwright's
    wait_for_function evaluates strings in the page, which the CSP (no 'unsafe-eval')
    rightly forbids."""
    deadline = time.monotonic() + timeout
    while page.evaluate("!!document.querySelector('.htmx-request, .htmx-settling')"):
        if time.monotonic() > deadline:
            raise AssertionError("htmx did not settle")
        page.wait_for_timeout(50)


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in(page, login: str, password: str = "demo") -> None:
    page.goto("/compte/connexion/")
    check_accessibility(page)
    page.get_by_label("Identifiant").fill(login)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def sign_out(page) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/compte/connexion/**")


def tab_to(page, name: str, *, tag: str | None = None, limit: int = 80) -> None:
    """Press Tab until the focused control is named ``name`` (aria-label, label or text)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement; if (!e) return ['', ''];
                 const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
                 const name = e.getAttribute('aria-label') || label || e.innerText || '';
                 return [name.trim(), e.tagName]; }"""
        )
        if focused[0] == name and (tag is None or focused[1] == tag):
            return
    raise AssertionError(f"« {name} » not reached with the keyboard")

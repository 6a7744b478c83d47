"""The web interface in headless Chromium (Debian's ``chromium``, driven by Playwright, which
downloads no browser): run a shipped query and see its rows; open an entity and see a quote
with its source link; follow it to the passage. ``KG_SCREENSHOTS=docs`` saves the pictures
the README shows (``docs/screenshot-*.png``); otherwise they go to a temporary folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from serve_helpers import ROOT, Server, running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).is_file(), reason="Debian's chromium is not installed (.ci/run installs it)"
)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server() as server:
        yield server


def test_query_entity_and_passage(server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    shots = ROOT / "docs" if os.environ.get("KG_SCREENSHOTS") == "docs" else tmp_path
    with sync_playwright() as playwright:
        # Playwright gives the browser a fresh, empty profile (user data folder) of its own.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            outside: list[str] = []
            page.on(
                "request",
                lambda r: (
                    None if r.url.startswith((server.url, "data:")) else outside.append(r.url)
                ),
            )
            page.goto(server.url)
            page.click("button.query[data-name='cq03-july-2009-deaths-per-source']")
            page.click(".yasqe_queryButton")
            rows = page.locator(".yasr table tbody tr")
            rows.first.wait_for(timeout=15_000)
            assert rows.count() == 3
            table = page.locator(".yasr table").inner_text()
            assert "001_dd6600ad609501c8.txt" in table and "13" in table
            page.screenshot(path=str(shots / "screenshot-query.png"))

            # A result cell's IRI link, handled like a click on it (the cell may be scrolled off).
            page.locator(".yasr table a[href*='/id/event/']").first.dispatch_event("click")
            page.wait_for_url("**/id/event/attack-ashraf-2009-07")
            quote = page.locator("blockquote", has_text="killing 13 people").first
            assert quote.is_visible()
            link = page.locator("a.source-link[href^='/source/002_6f8cc6376ad1e593#ev-']").first
            assert link.is_visible()
            page.screenshot(path=str(shots / "screenshot-entity.png"))

            link.click()
            page.wait_for_url("**/source/002_6f8cc6376ad1e593#ev-*")
            marked = page.locator("a.ev.current").first
            marked.wait_for(timeout=5_000)
            assert "killing 13" in "".join(page.locator("a.ev.current").all_inner_texts())
            page.screenshot(path=str(shots / "screenshot-source.png"))
            assert outside == []  # nothing fetched from anywhere but this server
        finally:
            browser.close()

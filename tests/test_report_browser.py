"""The dossier in headless Chromium: it draws with no request out and no console error, and
``--pdf`` prints a real PDF. Skips without Chromium, fails under CI=true."""

from __future__ import annotations

import pytest

from diplomap.graph.report.period import Period
from diplomap.graph.report.write import write_report

pytestmark = pytest.mark.browser

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def test_report_page_and_pdf(chromium_path, small_store, tmp_path, monkeypatch):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DIPLOMAP_CHROMIUM", chromium_path)
    summary = write_report(small_store, "Bac Ninh", Period(), str(tmp_path / "bn.html"), pdf=True)
    assert summary.pdf and (tmp_path / "bn.pdf").read_bytes()[:5] == b"%PDF-"
    assert (tmp_path / "bn.pdf").stat().st_size > 10_000

    outside, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1100, "height": 900})

            def route(r):
                if r.request.url.startswith("file://"):
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            tab.route("**/*", route)
            tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            tab.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
            tab.goto((tmp_path / "bn.html").as_uri())
            assert tab.locator("h1").text_content() == "Foreign relations of Bac Ninh"
            assert tab.locator("section").count() == 10
            assert tab.locator("svg.network circle").count() > 3
            # a footnote link leads to the note that quotes the sentence
            tab.locator("#partnerships sup.fn a").first.click()
            target = tab.evaluate("location.hash")
            assert tab.locator(f"{target} blockquote").text_content()
            tab.emulate_media(media="print")
            assert tab.locator("nav").is_hidden()
        finally:
            browser.close()
    assert outside == [] and errors == []

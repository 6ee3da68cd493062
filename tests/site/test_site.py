"""ledger/site/__init__.py: the site as a leader opens it, in a real browser (headless Chromium
driven by Playwright): every link resolves inside the folder, nothing is loaded from elsewhere,
the filter narrows the list, the pages read with JavaScript off, a page prints on A4 with page
numbers, and hostile text shows as text and never runs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from tests.site.conftest import BROWSER, HOSTILE, pages_of

# a browser per module, 40 pages each time: the fast loop leaves it to .ci/run
pytestmark = [BROWSER, pytest.mark.slow]

ALLOWED_SCHEMES = ("mailto:", "tel:", "data:", "#")


def _open(browser: Any, **context: Any) -> tuple[Any, Any, list[str]]:
    """A page in a new context whose every request outside ``file://`` is refused and noted."""
    ctx = browser.new_context(**context)
    outside: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    ctx.route("**/*", guard)
    return ctx, ctx.new_page(), outside


def test_every_link_resolves_inside_the_folder_and_nothing_loads_from_elsewhere(
    browser: Any, sample_site: Path
) -> None:
    ctx, page, outside = _open(browser)
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    top = sample_site.resolve()
    checked = 0
    try:
        for html in pages_of(sample_site):
            page.goto(html.as_uri())
            hrefs = page.eval_on_selector_all(
                "a[href], link[href], script[src], img[src]",
                "els => els.map(e => [e.getAttribute('href') ?? e.getAttribute('src'),"
                " e.href ?? e.src])",
            )
            for raw, absolute in hrefs:
                if raw.startswith(ALLOWED_SCHEMES):
                    continue
                url = urlparse(absolute)
                assert url.scheme == "file", (html, raw)
                target = Path(unquote(url.path))
                assert target.is_file(), f"{html.relative_to(top)}: {raw} leads nowhere"
                assert target.resolve().is_relative_to(top), (html, raw)
                checked += 1
    finally:
        ctx.close()
    assert checked > 400  # the sample's pages link to each other a lot
    assert outside == [] and failed == []


def test_a_leader_clicks_to_a_unit_and_a_project_and_back(browser: Any, sample_site: Path) -> None:
    ctx, page, _ = _open(browser)
    try:
        page.goto((sample_site / "index.html").as_uri())
        page.locator("#units a", has_text="化德县").click()
        assert page.url.endswith("/units/huade.html")
        assert page.locator("h1").inner_text() == "化德县"
        page.locator("section.claim h2 a", has_text="K3").click()
        assert page.url.endswith("/projects/K3.html")
        assert "化德县" in page.locator("section.claimants").inner_text()
        page.locator("nav.site a").first.click()
        assert page.url.endswith("/index.html")
        # up and down the hierarchy
        page.goto((sample_site / "units" / "chayouhouqi-agri.html").as_uri())
        page.locator("nav.tree a").first.click()
        assert page.url.endswith("/units/chayouhouqi.html")
        assert page.locator("nav.tree", has_text="后旗农牧和科技局").count() == 1
    finally:
        ctx.close()


def test_the_filter_narrows_the_list_of_units(browser: Any, sample_site: Path) -> None:
    ctx, page, _ = _open(browser)
    try:
        page.goto((sample_site / "index.html").as_uri())
        rows = page.locator("#units tbody tr")
        everyone = rows.count()
        assert everyone == 20
        box = page.locator("#filter input")
        assert box.is_visible()
        box.fill("察右")
        shown = [r for r in rows.all() if r.is_visible()]
        assert 0 < len(shown) < everyone
        assert all("察右" in r.inner_text() for r in shown)
        box.fill("huade")  # by id too
        assert [r.inner_text().split()[0] for r in rows.all() if r.is_visible()] == ["化德县"]
        box.fill("")
        assert sum(r.is_visible() for r in rows.all()) == everyone
    finally:
        ctx.close()


def test_every_page_reads_with_javascript_off(browser: Any, sample_site: Path) -> None:
    ctx, page, _ = _open(browser, java_script_enabled=False)
    try:
        for html in pages_of(sample_site):
            page.goto(html.as_uri())
            assert page.locator("h1").inner_text().strip(), html
            assert page.locator("html").get_attribute("lang") == "zh-CN"
        page.goto((sample_site / "index.html").as_uri())
        # the whole list, and no box that would do nothing
        rows = page.locator("#units tbody tr")
        assert sum(r.is_visible() for r in rows.all()) == 20
        assert not page.locator("#filter").is_visible()
        assert page.locator("section.trend svg").is_visible()
    finally:
        ctx.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")
def test_a_unit_page_prints_on_a4_with_page_numbers(
    browser: Any, sample_site: Path, tmp_path: Path
) -> None:
    ctx, page, _ = _open(browser)
    pdf = tmp_path / "huade.pdf"
    try:
        page.goto((sample_site / "units" / "huade.html").as_uri())
        page.emulate_media(media="print")
        # the sheet comes from the page's @page rule, not from the printer's default
        page.pdf(path=str(pdf), prefer_css_page_size=True)
    finally:
        ctx.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, height = (float(x) for x in size.split()[2:5:2])
    assert "(A4)" in size and width < height, size  # A4 portrait
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages >= 2
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    printed = text.stdout.replace(" ", "")  # pdftotext places CJK words apart or together
    for n in range(1, pages + 1):
        assert f"第{n}页/共{pages}页" in printed
    assert "统计截至2026-11-25" in printed  # the stamp in the margin
    assert "总览" not in printed  # the site's navigation is not printed


def test_hostile_text_shows_as_text_and_never_runs(browser: Any, hostile_site: Path) -> None:
    ctx, page, outside = _open(browser)
    dialogs: list[str] = []

    def dialog(d: Any) -> None:
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    try:
        for html in pages_of(hostile_site):
            page.goto(html.as_uri())
            assert page.evaluate("window.pwned === undefined"), html
            # the only script is the site's own, and no element came from the ledger's text
            scripts = page.eval_on_selector_all("script", "els => els.map(e => e.src)")
            assert all(s.endswith("/site.js") for s in scripts), (html, scripts)
            assert page.locator("iframe, img, b[onmouseover], style:not(head style)").count() == 0
            hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
            assert not [h for h in hrefs if "javascript" in h.lower()], html
        page.goto((hostile_site / "units" / "town.html").as_uri())
        assert HOSTILE + " town" in page.locator("h1").inner_text()
        body = page.locator("body").inner_text()
        assert "<script>window.pwned=8</script>" in body
        assert "javascript:window.pwned=7" in body
        # the stylesheet still applies: the style text in the ledger did not end it
        assert page.locator(".badge").first.evaluate("e => getComputedStyle(e).fontWeight") == "700"
        page.goto((hostile_site / "findings.html").as_uri())
        assert "<img src=x onerror=window.pwned=11>" in page.locator("body").inner_text()
    finally:
        ctx.close()
    assert dialogs == [] and outside == []

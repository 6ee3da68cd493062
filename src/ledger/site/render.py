"""The site's pages as files: the page data (``ledger.site.pages``) through the Jinja2 templates
of ``ledger/site/templates``, every value escaped (autoescape on for every HTML template; the
one filter that writes markup, ``text``, escapes first), plus the stylesheet and the filter
box's script.

The output depends on the data alone (no timestamps, no random ids), so two runs on the same
ledger and day write the same bytes.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ledger.calendar import Quarter
from ledger.i18n import t
from ledger.render.cells import text_cell
from ledger.render.html import chart_svg
from ledger.render.paper import FLAG_COLOURS, FONTS, NOWRAP_CSS, page_rule
from ledger.render.paper import text as paper_text
from ledger.reports.common import word
from ledger.reports.document import Cell
from ledger.site.pages import Site

# the files every site holds besides its pages
STYLESHEET = "site.css"
SCRIPT = "site.js"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("ledger.site", "templates"),
        # every HTML template escapes everything; the stylesheet and script are no HTML
        autoescape=select_autoescape(
            enabled_extensions=("html",), disabled_extensions=("css", "js"), default=True
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["text"] = _text
    return env


def _text(value: object) -> Markup:
    """Text as the page shows it: escaped, its line breaks kept, dates and phones unbroken."""
    return Markup(paper_text(str(value)))


def _show(value: Cell) -> str:
    return text_cell(value)


def render(site: Site) -> dict[str, bytes]:
    """Every file of the site by its path inside the site's folder (``/`` separated)."""
    env = _environment()
    lang = site.lang
    html_lang = "zh-CN" if lang == "zh" else "en"
    stamp = t("meta.as_of", lang, date=site.as_of.isoformat())

    def words(key: str, **args: object) -> str:
        return t(key, lang, **args)

    def said(kind: str, value: str | None) -> str:
        return word(kind, value, lang)

    common: dict[str, Any] = {
        "site": site,
        "t": words,
        "word": said,
        "html_lang": html_lang,
        "sep": t("reason.list_sep", lang),
        "projects": {p.project.id for p in site.projects},
        "quarter_of": _quarter_label,
        "show": _show,
    }

    def page(template: str, title: str, base: str = "", **values: Any) -> bytes:
        rule = Markup(page_rule(title, stamp, lang))  # CSS strings: safe in <style> as written
        out = env.get_template(template).render(
            **common, **values, page_title=title, base=base, page_rule=rule
        )
        return out.encode("utf-8")

    chart = Markup("\n".join(chart_svg(site.chart, html_lang)))
    files: dict[str, bytes] = {
        "index.html": page("index.html", site.title, chart=chart),
        "overdue.html": page("overdue.html", t("title.overdue", lang), table=site.overdue),
        "findings.html": page("findings.html", t("site.title.findings", lang)),
    }
    for unit_page in site.unit_pages:
        name = f"units/{unit_page.unit.id}.html"
        files[name] = page("unit.html", unit_page.unit.name, "../", page=unit_page)
    for project_page in site.projects:
        p = project_page.project
        name = f"projects/{p.id}.html"
        files[name] = page("project.html", f"{p.id} {p.title}", "../", page=project_page)
    css = env.get_template(STYLESHEET).render(
        fonts=FONTS, colours=list(FLAG_COLOURS.items()), nowrap=NOWRAP_CSS
    )
    files[STYLESHEET] = css.encode("utf-8")
    source = env.loader.get_source(env, SCRIPT)[0] if env.loader is not None else ""
    files[SCRIPT] = source.encode("utf-8")
    return files


def _quarter_label(day: date) -> str:
    return Quarter.of(day).label

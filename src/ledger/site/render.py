"""The site's pages as files: the page data (``ledger.site.pages``) through the Jinja2 templates
of ``ledger/site/templates``, every value escaped (autoescape on for every HTML template; the
filters that write markup, ``text`` and ``lines``, escape first), plus the stylesheet and the
filter box's script.

The output depends on the data alone (no timestamps, no random ids), so two runs on the same
ledger and day write the same bytes. Pages leave out the end tags HTML makes optional
(``</td>``, ``</tr>``, ``</li>``): a site of thousands of pages must fit a USB stick and an
e-mail.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ledger.calendar import Quarter
from ledger.i18n import TABLES, t
from ledger.render.html import chart_svg
from ledger.render.paper import FLAG_COLOURS, FONTS, NOWRAP_CSS, css_string, page_rule
from ledger.render.paper import text as paper_text
from ledger.reports.common import FLAGS, as_of_line, word
from ledger.site.pages import Site

# the files every site holds besides its pages
STYLESHEET = "site.css"
SCRIPT = "site.js"
PAGES = ("index.html", "overdue.html", "findings.html", "unit.html", "project.html")
STATUSES = ("on_track", "at_risk", "behind", "done")
STATES = ("done", "overdue", "due_soon", "open")
CATEGORIES = ("key", "basic", "innovation")


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
    env.filters["lines"] = _lines
    return env


def _text(value: object) -> Markup:
    """Text as the page shows it: escaped, its line breaks kept, dates and phones unbroken."""
    return Markup(paper_text(str(value)))


def _lines(values: list[str]) -> Markup:
    """A list of texts (measures, problems, reasons), one a line."""
    return Markup("<br>".join(paper_text(v) for v in values))


def _words(lang: str) -> dict[str, str]:
    """Every word of the language that takes no argument, by key: looked up once per site, not
    once per cell (a large ledger's site shows tens of thousands of them)."""
    return {key: t(key, lang) for key, text in TABLES[lang].items() if "{" not in text}


def _values(kind: str, values: tuple[str, ...], lang: str) -> dict[str | None, str]:
    """The words of a kind of value (flags, statuses…), and of no value."""
    out: dict[str | None, str] = {v: word(kind, v, lang) for v in values}
    out[None] = word(kind, None, lang)
    return out


def render(site: Site) -> dict[str, bytes]:
    """Every file of the site by its path inside the site's folder (``/`` separated)."""
    env = _environment()
    lang = site.lang
    html_lang = "zh-CN" if lang == "zh" else "en"
    stamp = as_of_line(site.as_of, lang)
    day = site.as_of.isoformat()
    q = site.quarter
    scope = site.scope

    def words(key: str, **args: object) -> str:
        return t(key, lang, **args)

    common: dict[str, Any] = {
        "site": site,
        "t": words,
        "w": _words(lang),
        "flag_word": _values("flag", FLAGS, lang),
        "status_word": _values("status", STATUSES, lang),
        "state_word": _values("state", STATES, lang),
        "category_word": _values("category", CATEGORIES, lang),
        "html_lang": html_lang,
        "sep": t("reason.list_sep", lang),
        "projects": {p.project.id for p in site.projects},
        "quarter_of": _quarter_label,
        "meta_ledger": t("meta.ledger", lang, title=site.title),
        "meta_as_of": stamp,
        "meta_scope": t(
            "meta.scope", lang, unit=t("meta.scope_unit", lang, name=scope.name, id=scope.id)
        )
        if scope
        else "",
        "meta_period": t(
            "meta.period", lang, quarter=q.label, start=q.start.isoformat(), end=q.end.isoformat()
        ),
        "none_claimed": t("site.project.none", lang, date=day),
        "no_progress": t("site.no_progress", lang, date=day),
    }
    templates = {name: env.get_template(name) for name in PAGES}

    def page(template: str, title: str, base: str = "", size: str = "", **values: Any) -> bytes:
        # the sheet, the page numbers and the as-of line are the stylesheet's; the title in the
        # margin is the page's own (a CSS string: safe inside <style> as written), and so is a
        # landscape sheet for a table too wide for a portrait one
        sheet = f"size: A4 {size}; " if size else ""
        rule = Markup(f"@page {{ {sheet}@top-left {{ content: {css_string(title)}; }} }}")
        out = templates[template].render(
            **common, **values, page_title=title, base=base, page_rule=rule
        )
        return out.encode("utf-8")

    chart = Markup("\n".join(chart_svg(site.chart, html_lang)))
    files: dict[str, bytes] = {
        "index.html": page("index.html", site.title, chart=chart),
        "overdue.html": page("overdue.html", t("title.overdue", lang), table=site.overdue),
        # nine columns, as the findings report's HTML: portrait broke 化德县 and the visits' names
        "findings.html": page("findings.html", t("title.findings", lang), size="landscape"),
    }
    for unit_page in site.unit_pages:
        name = f"units/{unit_page.unit.id}.html"
        files[name] = page("unit.html", unit_page.unit.name, "../", page=unit_page)
    for project_page in site.projects:
        p = project_page.project
        name = f"projects/{p.id}.html"
        files[name] = page("project.html", f"{p.id} {p.title}", "../", page=project_page)
    css = env.get_template(STYLESHEET).render(
        fonts=FONTS,
        colours=list(FLAG_COLOURS.items()),
        nowrap=NOWRAP_CSS,
        # the margin boxes every page shares: the title's box is each page's own
        sheet=page_rule("", stamp, lang),
    )
    files[STYLESHEET] = css.encode("utf-8")
    source = env.loader.get_source(env, SCRIPT)[0] if env.loader is not None else ""
    files[SCRIPT] = source.encode("utf-8")
    return files


def _quarter_label(day: date) -> str:
    return Quarter.of(day).label

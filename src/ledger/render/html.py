"""A report ``Document`` as one self-contained, printable HTML page.

Everything is inline: the CSS in a ``<style>`` element, each chart an inline SVG. No script, no
outside resource (font, image, stylesheet), so the page prints and archives as it is. The output
depends on the document alone (no timestamps), so golden files can pin it down.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import replace
from html import escape

from ledger.render import Options
from ledger.render.cells import text_cell
from ledger.render.paper import FLAG_COLOURS, FONTS, NOWRAP_CSS, page_rule
from ledger.render.paper import text as _text
from ledger.reports.document import UNBROKEN, Bar, Chart, Column, Document, Row, Table

WIDE = 8  # a table with more printed columns than this is printed on a landscape page

# the word stays in the cell, bold, so a black-and-white printout still reads
FLAG_CSS = "\n".join(
    f"td.flag-{name} {{ background: {colour}; color: #000; font-weight: bold; }}"
    for name, colour in FLAG_COLOURS.items()
)

CSS = f"""\
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: {FONTS}; font-size: 10.5pt; line-height: 1.45; color: #000;
  background: #fff; margin: 0 auto; padding: 12px; max-width: 1120px; }}
h1 {{ font-size: 16pt; text-align: center; margin: 0 0 6pt; }}
h2 {{ font-size: 12pt; margin: 14pt 0 4pt; break-after: avoid; page-break-after: avoid; }}
ul.meta {{ list-style: none; margin: 0 0 8pt; padding: 0; font-size: 9pt; color: #333; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; }}
thead {{ display: table-header-group; }}
tr, tbody.group:not(.long), table.group:not(.long) {{ break-inside: avoid;
  page-break-inside: avoid; }}
table.group {{ margin-bottom: 6pt; }}
table.group thead {{ break-after: avoid; page-break-after: avoid; }}
tr.heading th {{ background: #f4f4f4; font-weight: normal; vertical-align: top; }}
tr.heading b {{ font-size: 10pt; margin-right: 1.5em; }}
tr.heading span.part {{ margin-right: 1.5em; }}
{NOWRAP_CSS}
section.totals {{ margin: 0 0 8pt; }}
p.totals {{ margin: 0; font-size: 11pt; line-height: 1.9; }}
span.total {{ display: inline-block; border: 1px solid #888; padding: 0 6pt; margin: 0 4pt 4pt 0;
  white-space: nowrap; }}
span.total b {{ font-size: 13pt; }}
span.flag-red {{ background: #f2c4c3; }} span.flag-yellow {{ background: #fbe3bd; }}
span.flag-green {{ background: #cdeacd; }}
p.note {{ margin: 0; font-size: 9pt; color: #333; }}
th, td {{ border: 1px solid #888; padding: 2pt 4pt; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }}
th {{ background: #e8e8e8; font-weight: bold; vertical-align: bottom; }}
section.wide table {{ font-size: 8.5pt; }}
th.number, td.number {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.date, td.id, td.number, td[class^="flag-"], th.number {{ white-space: nowrap;
  overflow-wrap: normal; }}
td.empty {{ text-align: center; color: #555; }}
{FLAG_CSS}
section.chart {{ break-inside: avoid; page-break-inside: avoid; }}
section.chart svg {{ display: block; max-width: 100%; height: auto; font-family: {FONTS}; }}
@media print {{ body {{ max-width: none; padding: 0; }} }}
"""


def _paper(table: Table) -> Table:
    """The columns a printed page shows: not the narrow layout's short forms, nor the ids meant
    for scripts and the workbook."""
    table = table.printed()
    return table.keep([i for i, c in enumerate(table.columns) if c.paper])


def _wide(doc: Document) -> bool:
    # the columns of a row: a group's heading columns are printed above its rows
    return any(len(tb.columns) - tb.heading > WIDE for tb in map(_paper, doc.tables))


def _page(doc: Document) -> str:
    """The sheet: landscape when a table is wide, with the margin boxes every printed page has."""
    # a wide table turns the whole page: a named landscape page would start on a new sheet
    # and leave the title alone on the first
    size = "landscape" if _wide(doc) else "portrait"
    return page_rule(doc.title, doc.stamp, doc.lang, size)


def render(doc: Document, options: Options | None = None) -> str:
    lang = "zh-CN" if doc.lang.lower().startswith("zh") else "en"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(doc.title)}</title>",
        "<style>",
        _page(doc),
        CSS.rstrip("\n"),
        "</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_text(doc.title)}</h1>",
    ]
    if doc.meta:
        parts.append('<ul class="meta">')
        parts.extend(f"<li>{_text(line)}</li>" for line in doc.meta)
        parts.append("</ul>")
    parts.extend(_totals(doc))
    parts.append("</header>")
    # page 1 holds what a leader reads first: the totals and the chart; the tables follow
    for chart in doc.charts:
        parts.extend(chart_svg(chart, lang))
    for table in doc.tables:
        parts.extend(_table(_paper(table)))
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _totals(doc: Document) -> list[str]:
    if not doc.totals:
        return []
    out = ['<section class="totals">', '<p class="totals">']
    for total in doc.totals:
        figure = escape(str(total.value))
        if total.previous is not None:
            figure = f"{total.previous} → {figure}"
        css = (
            f' class="total flag-{total.flag}"' if total.flag in FLAG_COLOURS else ' class="total"'
        )
        out.append(f"<span{css}>{_text(total.label)} <b>{figure}</b></span>")
    out.append("</p>")
    out.extend(f'<p class="note">{_text(note)}</p>' for note in doc.notes)
    out.append("</section>")
    return out


def _number(value: float, decimals: int | None = None) -> str:
    """A chart value: with ``decimals`` when given (as the table shows it), else whole numbers
    without a decimal point and others to one decimal."""
    if decimals is not None:
        return f"{value:.{decimals}f}"
    if value == int(value):
        return str(int(value))
    return f"{value:.1f}"


# --- tables -------------------------------------------------------------------------------------


LONG = 6  # rows: a longer group may break across pages


def _table(table: Table) -> list[str]:
    wide = len(table.columns) - table.heading > WIDE
    head = table.heading if table.grouped else 0
    columns = table.columns[head:]
    # a wide table's columns share a crowded page: a short word's room would cost the long texts
    # a line in every row
    widths = _widths(table, roomy=not wide)[head:]
    total = sum(widths)
    top = []
    if columns:
        top.append("<colgroup>")
        top.extend(f'<col style="width: {w * 100 / total:.1f}%">' for w in widths)
        top.append("</colgroup>")
    labels = (
        "<tr>"
        + "".join(f'<th scope="col"{_class(c)}>{_text(c.label)}</th>' for c in columns)
        + "</tr>"
    )
    out = [f'<section class="table{" wide" if wide else ""}">', f"<h2>{_text(table.title)}</h2>"]
    if head and table.rows:
        # a table per group (a unit and its contact over the column labels), so that each page
        # it runs over says whose rows these are
        for group in _groups(table):
            out += [_group_table(len(group)), *top, "<thead>"]
            out += [_heading(group[0], table.columns[:head], len(columns)), labels, "</thead>"]
            out.append("<tbody>")
            out.extend(_row(replace(row, cells=row.cells[head:]), columns) for row in group)
            out += ["</tbody>", "</table>"]
        out.append("</section>")
        return out
    out += ["<table>", *top, "<thead>", labels, "</thead>"]
    if not table.rows:
        out.append("<tbody>")
        if table.empty:
            span = max(len(columns), 1)
            out.append(f'<tr><td class="empty" colspan="{span}">{_text(table.empty)}</td></tr>')
        out.append("</tbody>")
    elif not table.grouped:
        out.append("<tbody>")
        out.extend(_row(row, columns) for row in table.rows)
        out.append("</tbody>")
    else:
        for group in _groups(table):
            # a unit's rows, its name once in a cell over all of them
            out.append(_group_body(len(group)))
            out.append(_row(group[0], columns, len(group)))
            out.extend(_row(row, columns, 0) for row in group[1:])
            out.append("</tbody>")
    out += ["</table>", "</section>"]
    return out


# a unit's rows stay together on one printed page unless there are many of them: kept whole, a
# long group would leave the rest of a page blank
def _group_body(rows: int) -> str:
    return '<tbody class="group long">' if rows > LONG else '<tbody class="group">'


def _group_table(rows: int) -> str:
    return '<table class="group long">' if rows > LONG else '<table class="group">'


def _groups(table: Table) -> list[list[Row]]:
    """The rows in runs with the same group: the same heading cells, or the same first cell."""
    out: list[list[Row]] = []
    size = max(table.heading, 1)
    for row in table.rows:
        if out and out[-1][0].cells[:size] == row.cells[:size]:
            out[-1].append(row)
        else:
            out.append([row])
    return out


def _heading(row: Row, columns: list[Column], span: int) -> str:
    """A group's heading row: its first cell in bold, the others each after its label."""
    first, *rest = [
        text_cell(row.cells[i] if i < len(row.cells) else None) for i in range(len(columns))
    ]
    parts = [f"<b>{_text(first)}</b>"]
    parts += [
        f'<span class="part">{_text(column.label)} {_text(value)}</span>'
        for column, value in zip(columns[1:], rest, strict=True)
        if value
    ]
    style = f' style="padding-left: calc(4pt + {row.depth * 1.5:g}em)"' if row.depth else ""
    return (
        f'<tr class="heading"><th scope="colgroup" colspan="{max(span, 1)}"{style}>'
        + "".join(parts)
        + "</th></tr>"
    )


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


SHORT = 16  # cells: a text no longer than this (a unit's short name, a status) is kept whole


def _widths(table: Table, roomy: bool = True) -> list[int]:
    """Each column's share: its usual width, but never less than its label's longest word or,
    for cells never broken (ids, numbers, dates, flags) and, when the page has room for it,
    columns of short words (names, statuses), its longest line."""
    out = []
    for i, c in enumerate(table.columns):
        least = max((_cells(word) for word in c.label.split()), default=1)
        lines = [
            _cells(line)
            for r in table.rows
            for line in text_cell(r.cells[i] if i < len(r.cells) else None, c.decimals).split("\n")
        ]
        longest = max(lines, default=0)
        if c.kind in UNBROKEN or (roomy and longest <= SHORT):
            least = max(least, longest)
        out.append(max(c.width, least, 1) + 2)  # + the padding
    return out


NOWRAP = ("number", "date", "id")  # the kinds of cell the stylesheet keeps on one line


def _class(column: Column, flag: str | None = None) -> str:
    names: list[str] = []
    if column.kind in NOWRAP:
        names.append(column.kind)
    if column.kind == "flag" and flag in FLAG_COLOURS:
        names.append(f"flag-{flag}")
    return f' class="{" ".join(names)}"' if names else ""


def _row(row: Row, columns: list[Column], span: int = 1) -> str:
    """A row; ``span`` > 1 puts its first cell over the next rows too, 0 leaves it out."""
    cells: list[str] = []
    for i, column in enumerate(columns):
        if i == 0 and span == 0:
            continue
        value = row.cells[i] if i < len(row.cells) else None
        style = ""
        if i == 0 and row.depth > 0:
            style = f' style="padding-left: calc(4pt + {row.depth * 1.5:g}em)"'
        if i == 0 and span > 1:
            style += f' rowspan="{span}"'
        # a date, an id or a number is a nowrap cell already (the stylesheet)
        text = _text(text_cell(value, column.decimals), column.kind in NOWRAP)
        cells.append(f"<td{_class(column, row.flag)}{style}>{text}</td>")
    return "<tr>" + "".join(cells) + "</tr>"


# --- charts -------------------------------------------------------------------------------------

WIDTH = 640
FONT = 12  # px
ROW = 20  # px per bar: 16 projects and the totals fit on the first landscape page
BAR = 14  # px bar thickness
LEGEND_ROW = 22
AXIS = 22
TOTAL = 48  # px kept right of the plot for the bar's total
LABEL = 270.0  # px at most for a bar's label ("K1 软弱涣散基层党组织整顿转化"), clipped beyond
GAP = 8


def _text_width(text: str) -> float:
    """A rough rendered width in px at FONT size: wide characters a full em, others ~0.58 em."""
    return sum(FONT if unicodedata.east_asian_width(ch) in "WF" else FONT * 0.58 for ch in text)


def _clip(text: str, width: float) -> str:
    if _text_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if _text_width(out + ch + "…") > width:
            break
        out += ch
    return out + "…"


def _ink(colour: str) -> str:
    """Black or white, whichever reads better on a ``#rrggbb``/``#rgb`` fill (black if unknown)."""
    code = colour.strip().lstrip("#")
    if len(code) == 3:
        code = "".join(ch * 2 for ch in code)
    try:
        channels = [int(code[i : i + 2], 16) / 255 for i in (0, 2, 4)] if len(code) == 6 else []
    except ValueError:
        channels = []
    if not channels:
        return "#000"
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#fff"


def _values(bar: Bar, chart: Chart) -> list[tuple[str, str, float]]:
    """(series, colour, value) in series order; missing and negative values count as 0."""
    out: list[tuple[str, str, float]] = []
    for name, colour in chart.series:
        value = float(bar.values.get(name) or 0)
        out.append((name, colour, value if math.isfinite(value) and value > 0 else 0.0))
    return out


def _nice(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least ``value``."""
    power = 10.0 ** math.floor(math.log10(value))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if factor * power >= value * (1 - 1e-9):
            return factor * power
    return 10 * power


def _scale(largest: float, maximum: float | None) -> tuple[float, float]:
    """The axis end and tick step: ``maximum`` when given (and every total fits), else the
    largest total rounded up to a whole step; about four steps."""
    if maximum is not None and maximum >= largest and maximum > 0:
        step = _nice(maximum / 4)
        if abs(maximum / step - round(maximum / step)) > 1e-9:
            step = maximum / 4  # an odd maximum: quarters of it
        return maximum, step
    if largest <= 0:
        return 1.0, 1.0
    step = _nice(largest / 4)
    if largest == int(largest) and step < 1:
        step = 1.0  # counts: whole ticks
    return math.ceil(largest / step - 1e-9) * step, step


def _legend(chart: Chart) -> tuple[list[str], int]:
    items: list[str] = []
    x, y = 0.0, 0
    for name, colour in chart.series:
        width = 16 + _text_width(name) + 16
        if x > 0 and x + width > WIDTH:
            x, y = 0.0, y + LEGEND_ROW
        items.append(
            f'<rect x="{x:g}" y="{y + 4}" width="12" height="12" fill="{escape(colour)}"/>'
            f'<text x="{x + 16:g}" y="{y + 15}">{escape(name)}</text>'
        )
        x += width
    return items, y + LEGEND_ROW + 4


def chart_svg(chart: Chart, lang: str) -> list[str]:
    """A chart as a section holding its title and an inline SVG: stacked bars with a legend.
    ``lang`` is the page's ``lang`` (zh-CN or en)."""
    if not chart.bars or not chart.series:
        return []
    # a series named by a flag takes the flag's colour
    series = [(name, FLAG_COLOURS.get(colour, colour)) for name, colour in chart.series]
    chart = replace(chart, series=series)
    rows = [(bar, _values(bar, chart)) for bar in chart.bars]
    largest = max(sum(v for _, _, v in values) for _, values in rows)
    # chart.maximum fixes the scale (e.g. 100 for percents); a larger total still fits
    top, step = _scale(largest, chart.maximum)
    label_w = min(max(_text_width(bar.label) for bar in chart.bars) + GAP, LABEL)
    label_w = max(label_w, 40.0)
    plot_x = label_w
    plot_w = WIDTH - label_w - TOTAL
    legend, top_y = _legend(chart)
    height = top_y + len(rows) * ROW + AXIS

    title = escape(chart.title)
    out = [
        '<section class="chart">',
        f"<h2>{_text(chart.title)}</h2>",
        f'<svg role="img" aria-label="{title}" width="{WIDTH}" height="{height}"'
        f' viewBox="0 0 {WIDTH} {height}" font-size="{FONT}">',
        f"<title>{title}</title>",
        '<g class="legend">',
        *legend,
        "</g>",
    ]
    # grid lines and ticks at each step of the scale
    axis_y = top_y + len(rows) * ROW
    out.append('<g class="axis" fill="#555">')
    ticks = round(top / step)
    for i in range(ticks + 1):
        x = plot_x + plot_w * i / ticks
        out.append(
            f'<line x1="{x:.1f}" y1="{top_y}" x2="{x:.1f}" y2="{axis_y}"'
            f' stroke="{"#888" if i == 0 else "#ddd"}" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{axis_y + 15}" text-anchor="middle">'
            f"{escape(_number(step * i))}</text>"
        )
    out.append("</g>")
    many = len(chart.series) > 1
    for n, (bar, values) in enumerate(rows):
        y = top_y + n * ROW
        bar_y = y + (ROW - BAR) / 2
        total = sum(v for _, _, v in values)
        colon, sep = ("：", "；") if lang == "zh-CN" else (": ", "; ")
        summary = sep.join(f"{name} {_number(v, chart.decimals)}" for name, _, v in values)
        out.append("<g>")
        out.append(f"<title>{escape(bar.label + colon + summary)}</title>")
        out.append(
            # at the left edge: the ids of "K1 …", "K2 …" in a column
            f'<text x="0" y="{y + ROW / 2 + FONT / 2 - 2:g}">'
            f"{escape(_clip(bar.label, label_w - GAP))}</text>"
        )
        x = plot_x
        for _, colour, value in values:
            if value <= 0:
                continue
            w = min(plot_w * value / top, plot_x + plot_w - x)
            out.append(
                f'<rect x="{x:.1f}" y="{bar_y:g}" width="{w:.1f}" height="{BAR}"'
                f' fill="{escape(colour)}"/>'
            )
            label = _number(value, chart.decimals)
            if many and _text_width(label) + 4 <= w:
                out.append(
                    f'<text x="{x + w / 2:.1f}" y="{bar_y + BAR / 2 + FONT / 2 - 2:g}"'
                    f' text-anchor="middle" fill="{_ink(colour)}">{escape(label)}</text>'
                )
            x += w
        out.append(
            f'<text x="{x + 4:.1f}" y="{y + ROW / 2 + FONT / 2 - 2:g}">'
            f"{escape(_number(total, chart.decimals))}</text>"
        )
        out.append("</g>")
    out += ["</svg>", "</section>"]
    return out

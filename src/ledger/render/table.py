"""A Document for the terminal, with rich: the totals first, flags in colour and as words, units
indented by their place in the hierarchy. ``color=False`` (a pipe, a file, ``NO_COLOR``) gives
plain text.

Every line fits ``options.width``. A table shows all its columns when they fit at their natural
widths (or with ``wide``); else its compact columns, the long texts folded to the room left; else
the compact columns without those of negative ``priority``, lowest first; else each row as a
block of ``label: value`` lines. The widths are chosen here and every cell is broken into lines
by ``ledger.render.wrap``: ids, dates, figures and "19天" are never broken, nor is a closing
quote left at a line's start; a unit's name is folded only when nothing else can give room.
Nothing is cut off, and a note under the table names the columns left out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ledger.i18n import t
from ledger.render import Options
from ledger.render.cells import text_cell
from ledger.reports.document import UNBROKEN, Column, Document, Table, Total

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_STYLES = {"red": "bold white on red", "yellow": "black on yellow", "green": "black on green"}
_FIGURE = {"red": "bold red", "yellow": "bold yellow", "green": "bold green"}
_PAD = 3  # a column's borders and padding in a rich SQUARE table
# the narrowest a folded text column gets before columns are left out: a reason at 7 Chinese
# characters a line, a name or a title at 4
_FLEX_LEAST = 14
_TEXT_LEAST = 8


def render(doc: Document, options: Options | None = None) -> str:
    from rich.console import Console

    options = options or Options()
    buffer = io.StringIO()
    color = options.color
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=max(options.width, 20),
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    _print(console, doc.title, "bold")
    for line in doc.meta:
        _print(console, line)
    if doc.totals:
        for total in _totals(doc.totals, doc.lang, console.width):
            console.print(total)
        for note in doc.notes:
            _print(console, note, "dim")
    for table in doc.tables:
        console.print()
        _print(console, table.title, "bold")
        if not table.rows:
            _print(console, table.empty)
            continue
        _table(console, table, options, doc.lang)
    return buffer.getvalue()


def _print(console: Console, text: str, style: str = "") -> None:
    from rich.text import Text

    from ledger.render.wrap import wrap

    for line in wrap(text, console.width):
        console.print(Text(line, style=style, no_wrap=True))


def _totals(totals: list[Total], lang: str, width: int) -> list[Text]:
    """The totals on as few lines as fit, broken only between two of them."""
    from rich.cells import cell_len
    from rich.text import Text

    from ledger.render.wrap import wrap

    sep = t("sep.totals", lang)
    lines: list[Text] = []
    for total in totals:
        item = Text(f"{total.label} ")
        if total.previous is not None:
            item.append(f"{total.previous} → ")
        item.append(str(total.value), style=_FIGURE.get(total.flag or "", "bold"))
        if lines and cell_len(lines[-1].plain + sep + item.plain) <= width:
            lines[-1].append(sep)
            lines[-1].append_text(item)
        elif cell_len(item.plain) <= width:
            lines.append(item)
        else:  # one total wider than the screen
            lines.extend(Text(part) for part in wrap(item.plain, width))
    return lines


@dataclass(frozen=True)
class _Layout:
    keep: list[int]  # the columns shown, by index
    widths: list[int] | None  # each one's width in cells, without padding; None: as records


def _texts(table: Table) -> list[list[str]]:
    """Each column's cells as text; the first one indented by the row's depth below the
    shallowest row (the table's top units start at the left edge)."""
    texts = [
        [text_cell(r.cells[i], c.decimals) for r in table.rows] for i, c in enumerate(table.columns)
    ]
    top = min((r.depth for r in table.rows), default=0)
    texts[0] = ["  " * (r.depth - top) + text for r, text in zip(table.rows, texts[0], strict=True)]
    return texts


def _label_least(column: Column) -> int:
    """A header breaks only at its spaces: "Days overdue", never "节点按/期率"."""
    from rich.cells import cell_len

    return max((cell_len(part) for part in column.label.split()), default=0)


def _natural(column: Column, texts: list[str], whole_label: bool = True) -> int:
    """The width a column wants: its longest line (a text column's up to twice its usual
    width, a flex column's without a limit) and its label on one line (or, without
    ``whole_label``, the label's longest word)."""
    from rich.cells import cell_len

    longest = max((cell_len(line) for text in texts for line in text.split("\n")), default=0)
    label = cell_len(column.label) if whole_label else _label_least(column)
    if column.kind in UNBROKEN:
        return max(longest, label)
    if not column.flex:
        longest = min(longest, column.width * 2)
    return max(longest, label, 4)


def _least(column: Column, texts: list[str], natural: int) -> int:
    """The narrowest a column may get: ids, dates, figures and flags whole; a text column no
    narrower than its longest word, nor than a few characters a line."""
    from ledger.render.wrap import longest_word

    if column.kind in UNBROKEN:
        return natural
    floor = _FLEX_LEAST if column.flex else _TEXT_LEAST
    word = longest_word(texts)
    return min(natural, max(word, floor, _label_least(column)))


def _fit(wants: list[int], floors: list[list[int]], room: int) -> list[int] | None:
    """Widths that add up to at most ``room``: each column gives way down to its floor of the
    first stage, the widest first, then to its floor of the next stage...; ``None`` when even
    the last floors add up to more."""
    widths = list(wants)
    for floor in floors:
        over = sum(widths) - room
        while over > 0:
            can = [i for i, w in enumerate(widths) if w > floor[i]]
            if not can:
                break
            widest = max(can, key=lambda i: widths[i])
            # down to the next narrower column's width at once, not cell by cell; columns as
            # wide as each other give way in turn (two long texts share the room)
            tied = sum(1 for i in can if widths[i] == widths[widest]) > 1
            below = max((widths[i] for i in can if widths[i] < widths[widest]), default=0)
            below = widths[widest] - 1 if tied else below
            step = min(over, widths[widest] - max(floor[widest], below), widths[widest])
            widths[widest] -= max(step, 1)
            over -= max(step, 1)
    return widths if sum(widths) <= room else None


def _layout(table: Table, texts: list[list[str]], options: Options) -> _Layout:
    """The columns and their widths, or the columns of the records when no table fits."""
    columns = table.columns
    wants = [_natural(c, texts[i]) for i, c in enumerate(columns)]
    snug = [_natural(c, texts[i], whole_label=False) for i, c in enumerate(columns)]
    every = [i for i, c in enumerate(columns) if not c.narrow_only]
    compact = [i for i, c in enumerate(columns) if c.compact or c.narrow_only] or every

    @cache  # measured only for the columns that may have to give way
    def least(i: int) -> int:
        return _least(columns[i], texts[i], snug[i])

    def fit(keep: list[int], fold_names: bool) -> list[int] | None:
        # first the labels break at their spaces, then the long texts (the reasons) fold,
        # and a name only when ``fold_names``: when leaving out every column that may go did
        # not make room. The table may end short of the window's edge.
        room = options.width - _PAD * len(keep) - 1
        widths = [wants[i] for i in keep]
        # a label on two lines either way: the one that gives most goes down to its longest word
        for n in sorted(range(len(keep)), key=lambda n: snug[keep[n]] - wants[keep[n]]):
            if sum(widths) <= room:
                break
            widths[n] = snug[keep[n]]
        stages = [[least(i) if columns[i].flex else snug[i] for i in keep]]
        if fold_names:
            stages.append([least(i) for i in keep])
        return _fit(widths, stages, room)

    if options.wide:
        return _Layout(every, fit(every, False) or fit(every, True))
    if sum(snug[i] for i in every) + _PAD * len(every) + 1 <= options.width:
        widths = fit(every, fold_names=False)
        assert widths is not None  # the snug widths fit
        return _Layout(every, widths)
    keep = compact
    while True:
        widths = fit(keep, fold_names=False)
        if widths is not None:
            return _Layout(keep, widths)
        # the least needed column goes next: the last of the lowest priority
        spare = [i for i in keep if columns[i].priority < 0]
        if not spare:
            widths = fit(keep, fold_names=True)
            return _Layout(keep, widths) if widths is not None else _Layout(compact, None)
        lowest = min(columns[i].priority for i in spare)
        gone = max(i for i in spare if columns[i].priority == lowest)
        keep = [i for i in keep if i != gone]


def _table(console: Console, table: Table, options: Options, lang: str) -> None:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    from ledger.render.wrap import wrap

    texts = _texts(table)
    layout = _layout(table, texts, options)
    if layout.widths is None:
        _records(console, table, texts, layout.keep, lang)
        return
    # a line between rows (multi-line cells would run together), or between groups
    rt = RichTable(box=box.SQUARE, show_lines=not table.grouped)
    for i, width in zip(layout.keep, layout.widths, strict=True):
        column = table.columns[i]
        rt.add_column(
            Text("\n".join(wrap(column.label, width)), no_wrap=True),
            justify="right" if column.kind == "number" else "left",
            no_wrap=True,
            width=width,
        )
    previous: str | None = None
    for r, row in enumerate(table.rows):
        # a unit's claims are grouped: its name once, a line between units
        first = texts[0][r] if table.grouped else None
        if table.grouped and previous is not None and first != previous:
            rt.add_section()
        cells = []
        for i, width in zip(layout.keep, layout.widths, strict=True):
            column = table.columns[i]
            text = texts[i][r]
            if (i == 0 or column.per_group) and table.grouped and first == previous:
                text = ""
            style = _STYLES.get(row.flag or "", "") if column.kind == "flag" else ""
            cells.append(Text("\n".join(wrap(text, width)), style=style, no_wrap=True))
        rt.add_row(*cells)
        previous = first
    console.print(rt)
    # a column's short form (the leader's name alone) stands for it
    shown = {table.columns[i].label for i in layout.keep}
    hidden = [c.label for c in table.columns if c.label not in shown]
    if hidden:
        from ledger.render.wrap import glued

        sep = t("reason.list_sep", lang)
        columns = sep.join(glued(label) for label in hidden)  # a label never split across lines
        _print(console, t("note.hidden_columns", lang, columns=columns), "dim")


def _records(
    console: Console, table: Table, texts: list[list[str]], keep: list[int], lang: str
) -> None:
    """Too narrow for a table: each row as a block of ``label: value`` lines, in the reader's
    punctuation (序号：5, a cell's lines joined by ；)."""
    from rich.text import Text

    from ledger.render.wrap import wrap

    for r, row in enumerate(table.rows):
        console.print(Text("─" * min(console.width, 40)))
        for i in keep:
            column = table.columns[i]
            style = _STYLES.get(row.flag or "", "") if column.kind == "flag" else ""
            value = t("reason.sep", lang).join(texts[i][r].strip().split("\n"))
            field = t("record.field", lang, label=column.label, value=value)
            for line in wrap(field, console.width):
                console.print(Text(line, style=style, no_wrap=True))

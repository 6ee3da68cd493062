"""The form of one unit for a quarter, as of T: an .xlsx a unit clerk fills in Excel or WPS.

Two sheets (contract section 9), each with the machine keys in row 1 (hidden), the headers in
the report language in row 2 and one row per claim (``progress``) or per milestone not done as
of T (``milestones``) from row 3; a third, ``findings`` (整改台账, contract section 10), when the
unit has findings of the visits dated on or before T not rectified as of T, one row each. A unit
with none gets no such sheet, not an empty one: the form it knows, with nothing to read past.

Key and read-only cells are locked by sheet protection (no password), input cells are open and
validated (a status drop-down, percents 0-100 and not below the last quarter's, dates of the
ledger's years). Under the rows, the heading: who fills it in, for which quarter, by when, whom
to call, and what the unit owes as of T. Printed on A4 landscape with type of 8 pt or more, the
progress sheet on two pages across (``layout.pages``). The workbook's custom properties name the
ledger, the year, the unit, the quarter and the day the form was made.

An untouched form imports as no change (``ledger.forms.apply``): what a cell holds of a text reads
back as that text. A text a cell cannot carry (longer than a cell holds, or a list item holding a
line break, which would read back as two items) is refused before any form is made
(``Uncarried``), never cut on the way back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.packaging.custom import StringProperty  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter, quote_sheetname  # type: ignore[import-untyped]
from openpyxl.workbook.defined_name import DefinedName  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]
from openpyxl.worksheet.pagebreak import Break  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

from ledger.asof.findings import OPEN_STATES, FindingAsOf, FindingIndex, index, states_of
from ledger.asof.owed import owed
from ledger.asof.status import ClaimStatus, statuses
from ledger.calendar import Quarter
from ledger.forms.layout import (
    CELL_LIMIT,
    COLUMNS,
    FINDINGS,
    FINDINGS_PROPERTY,
    FIRST_ROW,
    FORM_KIND,
    HEADER_ROW,
    KEY_ROW,
    MILESTONES,
    PROGRESS,
    PROPERTY,
    REPEATED,
    Column,
    file_name,
    held,
    pages,
)
from ledger.i18n import t
from ledger.model import Ledger, Progress, Unit
from ledger.render import xlsx_print as paper
from ledger.render.xlsx import FLAG_STYLES, fixed_times, unbroken
from ledger.reports.common import word
from ledger.reports.reasons import owed_text

FONT = "等线"  # the CJK font of Excel and WPS on Chinese Windows; LibreOffice substitutes its own
SIZE = paper.SIZE
DATE_FORMAT = "yyyy-mm-dd"
KEY_FILL = "EDEDED"
READ_FILL = "F7F7F7"
HEADER_FILL = "D9D9D9"
INPUT_HEADER_FILL = "DDEBF7"
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LOCKED = Protection(locked=True)
_OPEN = Protection(locked=False)
_TITLES = "_xlnm.Print_Titles"


@dataclass(frozen=True)
class Form:
    name: str  # <unit id>-<YYYYQn>.xlsx
    unit: Unit
    data: bytes


@dataclass(frozen=True)
class Unfit:
    """A text of the ledger a form's input cell cannot carry: ``why`` is a message key of
    ``ledger.i18n`` (``form.unfit_long``, ``form.unfit_break``) over ``length``."""

    unit: str
    project: str  # the project; for a finding, the visit's id
    entry: str  # the quarter, or the milestone's id, or the finding's
    key: str  # the form's column key
    why: str
    length: int = 0
    finding: bool = False  # a finding's text, in data/inspections/<project>.yaml


class Uncarried(Exception):
    """Forms not made: the texts they cannot carry, each named by unit, project and field."""

    def __init__(self, unfit: list[Unfit]) -> None:
        super().__init__("uncarried")
        self.unfit = unfit


def forms(
    ledger: Ledger, quarter: Quarter, today: date, lang: str, units: list[Unit]
) -> list[Form]:
    """The form of each of ``units`` that has claims as of T, in the order given. Raises
    ``Uncarried`` when a text would not come back whole from any of them."""
    made: list[tuple[Unit, list[ClaimStatus], list[FindingAsOf]]] = []
    unfit: list[Unfit] = []
    found_at = index(ledger)
    for unit in units:
        found = list(statuses(ledger, today, [unit]))
        if found:
            pending = to_rectify(ledger, found_at, unit.id, today)
            made.append((unit, found, pending))
            unfit += uncarried(found, quarter) + uncarried_findings(pending)
    if unfit:
        raise Uncarried(unfit)
    return [
        Form(
            file_name(unit.id, quarter.label),
            unit,
            workbook(ledger, unit, found, quarter, today, lang, pending),
        )
        for unit, found, pending in made
    ]


def to_rectify(ledger: Ledger, found: FindingIndex, unit: str, today: date) -> list[FindingAsOf]:
    """The unit's findings of the visits dated on or before T not rectified as of T, in the
    order of contract section 10: the rows of its findings sheet."""
    warn = ledger.config.reporting.warn_days
    return [f for f in states_of(found.of_unit(unit), today, warn) if f.state in OPEN_STATES]


def uncarried_findings(pending: list[FindingAsOf]) -> list[Unfit]:
    """The evidence on file of the findings sheet's rows that a cell cannot carry whole."""
    return [
        Unfit(f.finding.unit, f.inspection, f.finding.id, "evidence", "form.unfit_long", n, True)
        for f in pending
        if f.finding.evidence is not None and (n := len(held(f.finding.evidence))) > CELL_LIMIT
    ]


def uncarried(found: list[ClaimStatus], quarter: Quarter) -> list[Unfit]:
    """The texts of the input cells of a unit's form that a cell cannot carry whole."""
    out: list[Unfit] = []
    for status in found:
        unit, project = status.unit.id, status.claim.project
        entry = next((e for e in status.claim.progress if e.quarter == quarter.label), None)
        if entry is not None:
            lists = {"problems": entry.problems, "next_steps": entry.next_steps}
            for key, items in lists.items():
                if any("\n" in item or "\r" in item for item in items):
                    out.append(Unfit(unit, project, quarter.label, key, "form.unfit_break"))
            texts = {"summary": entry.summary, **{k: "\n".join(v) for k, v in lists.items()}}
            out += [
                Unfit(unit, project, quarter.label, key, "form.unfit_long", len(text))
                for key, text in texts.items()
                if len(held(text)) > CELL_LIMIT
            ]
        out += [
            Unfit(unit, project, m.id, "evidence", "form.unfit_long", len(m.evidence))
            for m, state in status.milestones
            if state != "done" and m.evidence is not None and len(held(m.evidence)) > CELL_LIMIT
        ]
    return out


def workbook(
    ledger: Ledger,
    unit: Unit,
    found: list[ClaimStatus],
    quarter: Quarter,
    today: date,
    lang: str,
    pending: list[FindingAsOf] | None = None,
) -> bytes:
    wb = Workbook()
    progress = wb.active
    progress.title = PROGRESS
    milestones = wb.create_sheet(MILESTONES)
    _progress_sheet(progress, ledger, found, quarter, today, lang)
    _milestone_sheet(milestones, found, today, lang, ledger.year)
    heading = _heading(ledger, unit, found, quarter, today, lang)
    if pending:
        heading.append(t("form.findings_pending", lang, date=today.isoformat(), n=len(pending)))
    _notes(progress, PROGRESS, [*heading, t("form.how_progress", lang)])
    _notes(milestones, MILESTONES, [*heading[:2], t("form.how_milestones", lang)])
    # every form has the sheet (contract section 10), so that a script finds it: for a unit
    # with nothing to rectify it holds only its headers and a note saying so
    findings = wb.create_sheet(FINDINGS)
    _findings_sheet(findings, pending or [], today, lang, ledger.year)
    how = "form.how_findings" if pending else "form.no_findings"
    _notes(findings, FINDINGS, [*heading[:2], t(how, lang, date=today.isoformat())])
    sheets = [(progress, PROGRESS), (milestones, MILESTONES), (findings, FINDINGS)]
    for ws, sheet in sheets:
        _print(ws, unit, quarter, ledger, today, lang, sheet)

    title = t("form.title", lang, unit=unit.name, quarter=_quarter_words(quarter, lang))
    props = wb.properties
    props.title = held(title)
    props.subject = held(ledger.config.ledger.title)
    props.creator = "ledger"
    props.language = "zh-CN" if lang == "zh" else "en"
    made = datetime(today.year, today.month, today.day)
    props.created = props.modified = made
    props.lastModifiedBy = None
    identity = {
        "form": FORM_KIND,
        "title": ledger.config.ledger.title,
        "year": str(ledger.year),
        "unit": unit.id,
        "quarter": quarter.label,
        "made": today.isoformat(),
    }
    identity[FINDINGS_PROPERTY] = str(len(pending or []))
    for key, value in identity.items():
        wb.custom_doc_props.append(StringProperty(name=PROPERTY + key, value=held(value)))

    raw = BytesIO()
    with ZipFile(raw, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    return fixed_times(raw.getvalue())


# -- the progress sheet --------------------------------------------------------------------------


def _progress_sheet(
    ws: Any, ledger: Ledger, found: list[ClaimStatus], quarter: Quarter, today: date, lang: str
) -> None:
    columns = COLUMNS[PROGRESS]
    _head(ws, columns, lang)
    col = {c.key: i + 1 for i, c in enumerate(columns)}
    year = ledger.year
    for r, status in enumerate(found, start=FIRST_ROW):
        claim, project = status.claim, status.project
        last = _last(status, quarter, today)
        entry = next((e for e in claim.progress if e.quarter == quarter.label), None)
        due_here = [
            f"{m.title}（{day_text(m.due, today, lang)}，{word('state', st, lang)}）"
            if lang == "zh"
            else f"{m.title} ({m.due.isoformat()}, {word('state', st, lang)})"
            for m, st in status.milestones
            if quarter.start <= m.due <= quarter.end
        ]
        items = [owed_text(o, lang) for o in owed(status, quarter, ledger)]
        values: dict[str, object] = {
            "unit": status.unit.id,
            "project": claim.project,
            "x-title": project.title if project is not None else claim.project,
            "x-goal": project.goal if project is not None else None,
            "x-leader": claim.leader,
            "x-last": _last_text(last, lang),
            "x-milestones": "\n".join(due_here) or t("none", lang),
            "x-owed": "\n".join(items) or t("none", lang),
            "quarter": quarter.label,
        }
        if entry is not None:
            values.update(
                status=word("status", entry.status, lang),
                percent=entry.percent,
                summary=entry.summary,
                reported=entry.reported,
                problems="\n".join(entry.problems) or None,
                next_steps="\n".join(entry.next_steps) or None,
            )
        _row(ws, columns, r, values)
        if items and status.flag != "green":
            fill, ink = FLAG_STYLES[status.flag]
            cell = ws.cell(row=r, column=col["x-owed"])
            cell.fill = PatternFill("solid", fgColor=fill)
            cell.font = Font(name=FONT, size=SIZE, color=ink)
        low = last.percent if last is not None else 0
        _validate_percent(ws, f"{get_column_letter(col['percent'])}{r}", low, lang)
    end = FIRST_ROW + max(len(found), 1) - 1
    _validate_status(ws, _range(col["status"], end), lang)
    # a report may be made in the quarter or after it, into January of the following year
    _validate_date(ws, _range(col["reported"], end), quarter.start, date(year + 1, 12, 31), lang)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=col["x-goal"])


def _last(status: ClaimStatus, quarter: Quarter, today: date) -> Progress | None:
    """The latest entry as of T of a quarter before ``quarter``: the percent not to go below."""
    earlier = [e for e in status.claim.progress if e.quarter < quarter.label]
    best = None
    for e in earlier:
        if e.reported <= today and (best is None or e.quarter > best.quarter):
            best = e
    return best


def _last_text(entry: Progress | None, lang: str) -> str:
    if entry is None:
        return t("none", lang)
    return t(
        "form.last",
        lang,
        quarter=entry.quarter,
        status=word("status", entry.status, lang),
        percent=_number(entry.percent),
    )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# -- the milestones sheet ------------------------------------------------------------------------


def _milestone_sheet(ws: Any, found: list[ClaimStatus], today: date, lang: str, year: int) -> None:
    columns = COLUMNS[MILESTONES]
    _head(ws, columns, lang)
    col = {c.key: i + 1 for i, c in enumerate(columns)}
    r = FIRST_ROW
    for status in found:
        project = status.project
        for m, state in status.milestones:
            if state == "done":
                continue
            if state == "overdue":
                days = (today - m.due).days
                text = t("form.state_overdue", lang, days=days)
            else:
                text = word("state", state, lang)
            values: dict[str, object] = {
                "unit": status.unit.id,
                "project": status.claim.project,
                "x-title": project.title if project is not None else status.claim.project,
                "milestone": m.id,
                "title": m.title,
                "due": m.due,
                "x-state": text,
                "done": m.done,
                "evidence": m.evidence,
            }
            _row(ws, columns, r, values)
            if state in ("overdue", "due_soon"):
                fill, ink = FLAG_STYLES["red" if state == "overdue" else "yellow"]
                cell = ws.cell(row=r, column=col["x-state"])
                cell.fill = PatternFill("solid", fgColor=fill)
                cell.font = Font(name=FONT, size=SIZE, color=ink)
            r += 1
    end = max(r - 1, FIRST_ROW)
    _validate_date(ws, _range(col["done"], end), date(year, 1, 1), date(year + 1, 12, 31), lang)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=col["milestone"])


# -- the findings sheet --------------------------------------------------------------------------


def _findings_sheet(ws: Any, pending: list[FindingAsOf], today: date, lang: str, year: int) -> None:
    columns = COLUMNS[FINDINGS]
    _head(ws, columns, lang)
    col = {c.key: i + 1 for i, c in enumerate(columns)}
    for r, f in enumerate(pending, start=FIRST_ROW):
        visit, finding = f.visit, f.finding
        if f.state == "overdue":
            state = t("form.state_overdue", lang, days=f.days)
        elif f.state == "due_soon":
            state = t("form.state_due_in", lang, days=f.days)
        else:
            state = word("state", f.state, lang)
        values: dict[str, object] = {
            "inspection": visit.id,
            "x-visit": f"{visit.title}\n{day_text(visit.date, today, lang)}",
            "finding": finding.id,
            "x-project": finding.project or t("none", lang),
            "problem": finding.problem,
            "requirement": finding.requirement,
            "due": finding.due,
            "x-state": state,
            "rectified": finding.rectified,  # on file, dated after T
            "evidence": finding.evidence,
        }
        _row(ws, columns, r, values)
        if f.state in ("overdue", "due_soon"):
            fill, ink = FLAG_STYLES["red" if f.state == "overdue" else "yellow"]
            cell = ws.cell(row=r, column=col["x-state"])
            cell.fill = PatternFill("solid", fgColor=fill)
            cell.font = Font(name=FONT, size=SIZE, color=ink)
        # rectified on or after the visit, by the end of the following year (contract section 10)
        cell = f"{get_column_letter(col['rectified'])}{r}"
        _validate_date(ws, cell, visit.date, date(year + 1, 12, 31), lang)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=col["problem"])


# -- cells ---------------------------------------------------------------------------------------


def _head(ws: Any, columns: tuple[Column, ...], lang: str) -> None:
    """Row 1 the machine keys (hidden), row 2 the headers."""
    lines = 1
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = column.width
        if column.hidden:
            ws.column_dimensions[letter].hidden = True
        key = ws.cell(row=KEY_ROW, column=i, value=column.key)
        key.font = Font(name=FONT, size=SIZE, color="808080")
        key.protection = _LOCKED
        label = _broken(t(column.header, lang), column.width)
        cell = ws.cell(row=HEADER_ROW, column=i, value=label)
        cell.font = Font(name=FONT, size=SIZE, bold=True)
        fill = INPUT_HEADER_FILL if column.kind == "input" else HEADER_FILL
        cell.fill = PatternFill("solid", fgColor=fill)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        cell.protection = _LOCKED
        if not column.hidden:
            lines = max(lines, paper.lines(label, column.width))
    ws.row_dimensions[KEY_ROW].hidden = True
    ws.row_dimensions[HEADER_ROW].height = paper.height(max(lines, 2))


def _broken(label: str, width: float) -> str:
    """A header too wide for its column broken before its bracket: "状态" / "（下拉选择）", never
    "状态（下拉选择" / "）" or "完成百分比（" / "0–100）" as applications break it."""
    for bracket in ("（", " ("):
        at = label.find(bracket)
        if at > 0 and paper.lines(label, width) > 1:
            return label[:at] + "\n" + label[at:].lstrip(" ")
    return label


def _row(ws: Any, columns: tuple[Column, ...], r: int, values: dict[str, object]) -> None:
    lines = 2  # room to write in
    for i, column in enumerate(columns, start=1):
        value = values.get(column.key)
        cell = ws.cell(row=r, column=i)
        if isinstance(value, date):
            cell.value = value
            cell.number_format = DATE_FORMAT
        elif isinstance(value, str):
            # what the form shows and import ignores keeps its dates and phone numbers whole
            text = unbroken(value) if column.key.startswith("x-") else value
            # an input cell's text fits (``uncarried``); what import ignores is cut to fit
            cell.value = held(text) if column.kind == "input" else held(text)[:CELL_LIMIT]
            cell.data_type = "s"  # text, never a formula
            if not column.hidden:
                lines = max(lines, paper.lines(text, column.width))
        elif value is not None:
            cell.value = value
        if column.key in ("reported", "done", "rectified"):
            cell.number_format = DATE_FORMAT
        if column.key == "percent":
            cell.number_format = "0.##"
        cell.font = Font(name=FONT, size=SIZE)
        centred = column.key in ("reported", "done", "due", "rectified", "percent", "status")
        # a date is never wrapped ("2027-01-" / "10"); its column is wide enough for it
        dated = column.key in ("reported", "done", "due", "rectified")
        cell.alignment = Alignment(
            horizontal="center" if centred else None, vertical="top", wrap_text=not dated
        )
        cell.border = _BORDER
        if column.kind == "input":
            cell.protection = _OPEN
        else:
            cell.protection = _LOCKED
            cell.fill = PatternFill(
                "solid", fgColor=KEY_FILL if column.kind == "key" else READ_FILL
            )
    ws.row_dimensions[r].height = paper.height(lines)


def _range(column: int, end: int) -> str:
    letter = get_column_letter(column)
    return f"{letter}{FIRST_ROW}:{letter}{end}"


# -- data validation -----------------------------------------------------------------------------


def _validate_status(ws: Any, cells: str, lang: str) -> None:
    words = [t(f"status.{s}", lang) for s in ("on_track", "at_risk", "behind", "done")]
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(words) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",  # the English or Chinese words are read too
        errorTitle=t("form.dv_title", lang),
        error=t("form.dv_status", lang, words="、".join(words)),
    )
    ws.add_data_validation(dv)
    dv.add(cells)


def _validate_percent(ws: Any, cell: str, low: float, lang: str) -> None:
    dv = DataValidation(
        type="decimal",
        operator="between",
        formula1=_number(low),
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle=t("form.dv_title", lang),
        error=t("form.dv_percent", lang, low=_number(low)),
        promptTitle=t("form.col.percent", lang),
        prompt=t("form.dv_percent", lang, low=_number(low)),
    )
    ws.add_data_validation(dv)
    dv.add(cell)


def _validate_date(ws: Any, cells: str, first: date, last: date, lang: str) -> None:
    dv = DataValidation(
        type="date",
        operator="between",
        formula1=f"DATE({first.year},{first.month},{first.day})",
        formula2=f"DATE({last.year},{last.month},{last.day})",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=t("form.dv_title", lang),
        error=t("form.dv_date", lang, first=first.isoformat(), last=last.isoformat()),
    )
    ws.add_data_validation(dv)
    dv.add(cells)


def day_text(day: date, today: date, lang: str) -> str:
    """A date in a sentence: ``1月10日`` (with the year when it is not T's) in Chinese, ISO in
    English."""
    if lang != "zh":
        return day.isoformat()
    if day.year == today.year:
        return f"{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


# -- the heading, printing, protection -----------------------------------------------------------


def _quarter_words(quarter: Quarter, lang: str) -> str:
    return t(f"form.quarter{quarter.q}", lang, year=quarter.year)


def _heading(
    ledger: Ledger,
    unit: Unit,
    found: list[ClaimStatus],
    quarter: Quarter,
    today: date,
    lang: str,
) -> list[str]:
    """Who fills the form in, for which quarter, by when, whom to call, what the unit owes."""
    due = quarter.report_due(ledger.config.reporting.report_due_days)
    lines = [
        t("form.title", lang, unit=unit.name, quarter=_quarter_words(quarter, lang)),
        t(
            "form.due",
            lang,
            quarter=quarter.label,
            due=day_text(due, today, lang),
            contact=unit.contact or t("none", lang),
        ),
    ]
    items = []
    for status in found:
        title = status.project.title if status.project is not None else status.claim.project
        label = f"{status.claim.project} {title}"
        items += [
            t("form.owed_item", lang, project=label, text=owed_text(o, lang))
            for o in owed(status, quarter, ledger)
        ]
        items += [
            t("form.owed_item", lang, project=label, text=t(f"form.reason_{r.status}", lang))
            for r in status.reasons
            if r.kind == "status" and r.status is not None
        ]
    if items:
        lines.append(t("form.owes", lang, date=today.isoformat(), n=len(items)))
        lines += [f"{i}. {text}" for i, text in enumerate(items, start=1)]
    else:
        lines.append(t("form.owes_nothing", lang, date=today.isoformat()))
    return lines


def _notes(ws: Any, sheet: str, lines: list[str]) -> None:
    """The heading under the rows, in cells that are blank to the reader (no keys), across the
    first printed page but not its repeated columns (a later page would print a piece of it)."""
    first = max(ws.max_row, HEADER_ROW) + 2
    columns = COLUMNS[sheet]
    span = [i for i in pages(sheet)[0] if columns[i - 1].key not in REPEATED[sheet]]
    start, end = span[0], span[-1]
    width = sum(columns[i - 1].width for i in span)
    for n, text in enumerate(lines):
        r = first + n
        ws.merge_cells(start_row=r, start_column=start, end_row=r, end_column=end)
        size = SIZE + (2 if n == 0 else 0)
        count = paper.lines(text, width, size)
        if count > 1:  # a date or a phone number stays on one line
            text = unbroken(text)
        cell = ws.cell(row=r, column=start, value=held(text))
        cell.data_type = "s"
        cell.font = Font(name=FONT, size=size, bold=n == 0)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        ws.row_dimensions[r].height = paper.height(count, size)


def _print(
    ws: Any, unit: Unit, quarter: Quarter, ledger: Ledger, today: date, lang: str, sheet: str
) -> None:
    ws.sheet_properties.tabColor = _TABS[sheet]
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    titles = _across(ws, sheet)
    ws.page_margins.left = ws.page_margins.right = paper.MARGIN
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.horizontalCentered = True
    # the header row at the top of every page and the repeated columns at its left, in Excel's
    # order, columns first: saved from LibreOffice, a name in the other order is kept twice
    rows = f"${HEADER_ROW}:${HEADER_ROW}"
    area = ",".join(f"{quote_sheetname(ws.title)}!{part}" for part in (*titles, rows))
    ws.defined_names[_TITLES] = DefinedName(_TITLES, attr_text=area)
    title = t("form.title", lang, unit=unit.name, quarter=_quarter_words(quarter, lang))
    part = t(f"form.sheet_{sheet}", lang)
    ws.oddHeader.center.text = _header(f"{title} — {part}")
    ws.oddHeader.center.size = 11
    ws.oddFooter.left.text = _header(ledger.config.ledger.title)
    ws.oddFooter.center.text = "&P / &N"
    ws.oddFooter.right.text = _header(t("form.made", lang, date=today.isoformat()))
    # locked cells stay as they are; rows and columns may still be resized
    protection = ws.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.formatCells = False


_TABS = {PROGRESS: "4472C4", MILESTONES: "70AD47", FINDINGS: "ED7D31"}


def _across(ws: Any, sheet: str) -> list[str]:
    """Pages across as ``layout.pages`` has them, each with type of 8 pt or more; the columns
    printed at the left of every page (``$B:$C``), if any."""
    columns = COLUMNS[sheet]
    across = pages(sheet)
    if len(across) == 1:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        return []
    # a fixed scale, which keeps the page breaks (fitting to the page drops them), for the widest
    widest = max(sum(columns[i - 1].width for i in page) for page in across)
    ws.page_setup.scale = paper.scale(widest, landscape=True)
    ws.page_setup.pageOrder = "overThenDown"  # the pages of the same rows one after another
    repeated = [i for i in across[0] if columns[i - 1].key in REPEATED[sheet]]
    for page in across[1:]:
        own = page[len(repeated)]
        # left of the page's first own column, numbered from 0; across all rows
        ws.col_breaks.append(Break(id=own - 1, max=1048575, man=True))
    if not repeated:
        return []
    return [f"${get_column_letter(repeated[0])}:${get_column_letter(repeated[-1])}"]


def _header(text: str) -> str:
    return held(text).replace("\n", " ").replace("&", "&&")[:200]

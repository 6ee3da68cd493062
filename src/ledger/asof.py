"""The meanings of the contract (section 5): pure functions of a ledger and a day T.

Nothing here reads the clock: T is always passed in. Anything dated after T has not happened as
of T: a ``done`` after T is not done, an entry reported after T does not exist yet, and a claim
claimed after T is left out (``claims_as_of``).

The records made for every claim or every item of a report (``Milestone``, ``Reason``,
``ClaimStatus``, ``Counted``, ``Owed``) are named tuples: as immutable as a frozen dataclass, and
made in a fraction of its time (a frozen dataclass sets each field through
``object.__setattr__``; a report on 2,000 units makes about 50,000 of them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from functools import cache, cached_property, lru_cache
from typing import Literal, NamedTuple

from ledger.model import QUARTER, Claim, Ledger, Progress, Project, Unit

MilestoneState = Literal["done", "overdue", "due_soon", "open"]
ReportState = Literal["on_time", "late", "missing", "not_due", "not_required"]
Flag = Literal["red", "yellow", "green"]


# -- quarters ------------------------------------------------------------------------------------


class Quarter(NamedTuple):
    """A quarter of a year. A named tuple, not a dataclass: quarters key every claim's report
    states and are compared by the rules for every progress entry, and a tuple's hash and order
    are C code (a dataclass's are Python functions, called about 100,000 times on 2,000 units).
    Two quarters compare as (year, q)."""

    year: int
    q: int  # 1..4

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter:
        return _parse_quarter(text)

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.q}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def end(self) -> date:
        return date(self.year, 3 * self.q, _LAST_DAY[self.q])

    def report_due(self, report_due_days: int) -> date:
        return _report_due(self.year, self.q, report_due_days)


_LAST_DAY = {1: 31, 2: 30, 3: 30, 4: 31}


@cache
def _parse_quarter(text: str) -> Quarter:
    """``Quarter.parse``, once per text: the rules parse the quarter of every progress entry, and
    a ledger holds a handful of distinct ones. The cache stays small: the pattern admits at most
    40,000 texts, and one it refuses raises and is not kept."""
    m = QUARTER.fullmatch(text)
    if m is None:
        raise ValueError(text)
    return Quarter(int(m[1]), int(m[2]))


@lru_cache(maxsize=64)
def _report_due(year: int, q: int, report_due_days: int) -> date:
    """``Quarter.report_due``, once per quarter: the reports ask it for every claim."""
    return plus_days(Quarter(year, q).end, report_due_days)


def plus_days(day: date, days: int) -> date:
    """``day`` plus ``days``, held at the last or first day Python can count (9999-12-31,
    0001-01-01): T may be any ISO date, and a due date past the end of time is simply late."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


@lru_cache(maxsize=16)
def year_quarters(year: int) -> tuple[Quarter, ...]:
    return tuple(Quarter(year, q) for q in range(1, 5))


@dataclass(frozen=True, slots=True)
class _QuarterDays:
    quarter: Quarter
    label: str
    end: date
    due: date


@lru_cache(maxsize=16)
def _calendar(year: int, report_due_days: int) -> tuple[_QuarterDays, ...]:
    """The ledger year's quarters with their last days and report due dates, computed once."""
    return tuple(
        _QuarterDays(q, q.label, q.end, q.report_due(report_due_days)) for q in year_quarters(year)
    )


def reporting_quarter(year: int, today: date, report_due_days: int) -> Quarter:
    """R(T), the quarter whose reports are being collected on day T (contract section 5): the
    quarter of the ledger year that has ended and whose report is due on or after T, else T's
    quarter, or Q1 / Q4 when T lies before / after the ledger year. Bare ``--quarter`` means it.

    When ``report_due_days`` is so long that two quarters are being collected at once, the later
    one is meant: the earlier one's collection is nearly over."""
    for days in reversed(_calendar(year, report_due_days)):
        if days.end < today <= days.due:
            return days.quarter
    if today.year < year:
        return Quarter(year, 1)
    if today.year > year:
        return Quarter(year, 4)
    return Quarter.of(today)


def reporting_half(year: int, today: date, report_due_days: int) -> str:
    """Bare ``--half``: the half that holds R(T), ``H1`` or ``H2``."""
    return "H1" if reporting_quarter(year, today, report_due_days).q <= 2 else "H2"


# -- a claim's milestones ------------------------------------------------------------------------


class Milestone(NamedTuple):
    """A milestone as it applies to one claim."""

    id: str
    title: str
    due: date
    done: date | None  # as written; it may lie after T
    evidence: str | None
    own: bool  # the unit's own, not the book's

    def state(self, today: date, warn_days: int) -> MilestoneState:
        return _milestone_state(self, today, plus_days(today, warn_days))

    def done_late(self, today: date) -> bool:
        return self.done is not None and self.done <= today and self.done > self.due

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days


def _milestone_state(m: Milestone, today: date, soon: date) -> MilestoneState:
    """``Milestone.state`` with T + warn_days (``soon``) computed once for all milestones."""
    if m.done is not None and m.done <= today:
        return "done"
    if m.due < today:
        return "overdue"
    if m.due <= soon:
        return "due_soon"
    return "open"


def claimed_on(claim: Claim, year: int) -> date:
    return claim.claimed or date(year, 1, 1)


def claim_milestones(claim: Claim, project: Project | None, year: int) -> list[Milestone]:
    """The project's milestones (with this claim's earlier ``due`` and its ``done``), then the
    claim's own. A project milestone due before the claim was made does not apply to it. None of
    this depends on T: a claim's flags on two days share it (``flag_on``)."""
    records = {m.id: m for m in claim.milestones}
    book = project.milestones if project is not None else []
    since = claimed_on(claim, year)
    out = []
    for pm in book:
        record = records.get(pm.id)
        if record is None:
            if pm.due >= since:
                out.append(Milestone(pm.id, pm.title, pm.due, None, None, False))
            continue
        due = record.due if record.due is not None else pm.due
        if due >= since:
            out.append(Milestone(pm.id, pm.title, due, record.done, record.evidence, False))
    if records:
        book_ids = {pm.id for pm in book}
        out += [
            Milestone(m.id, m.title or m.id, m.due, m.done, m.evidence, True)
            for m in claim.milestones
            if m.id not in book_ids and m.due is not None
        ]
    return out


# -- progress and reports ------------------------------------------------------------------------


def latest_entry(claim: Claim, day: date) -> Progress | None:
    """Among the entries reported on or before ``day``, the one of the latest quarter."""
    best: Progress | None = None
    for entry in claim.progress:
        if entry.reported <= day and (best is None or entry.quarter > best.quarter):
            best = entry
    return best


def _report_states(
    claim: Claim, today: date, year: int, report_due_days: int
) -> dict[Quarter, ReportState]:
    """The report state of each of the four quarters (contract section 5) in one pass over the
    entries, as tests/reference.py states them one quarter at a time: this runs for every claim
    of every report."""
    return _reports(claim, today, claimed_on(claim, year), _calendar(year, report_due_days))


def _reports(
    claim: Claim, today: date, since: date, calendar: tuple[_QuarterDays, ...]
) -> dict[Quarter, ReportState]:
    """``_report_states`` with the claim's first day and the year's calendar given; the states
    are in calendar order."""
    first_done: str | None = None  # the earliest quarter reported done
    by_quarter: dict[str, Progress] = {}  # the first entry of each quarter
    for e in claim.progress:
        if e.reported <= today:
            by_quarter.setdefault(e.quarter, e)
            if e.status == "done" and (first_done is None or e.quarter < first_done):
                first_done = e.quarter
    states: dict[Quarter, ReportState] = {}
    for days in calendar:
        if days.end < since or (first_done is not None and first_done < days.label):
            states[days.quarter] = "not_required"
            continue
        entry = by_quarter.get(days.label)
        if entry is not None:
            states[days.quarter] = "on_time" if entry.reported <= days.due else "late"
        else:
            states[days.quarter] = "missing" if today > days.due else "not_due"
    return states


# -- one claim as of T ---------------------------------------------------------------------------


ReasonKind = Literal["overdue", "past_deadline", "missing_report", "due_soon", "status"]


class Reason(NamedTuple):
    """One fact that gives a claim's flag its colour (contract section 5)."""

    kind: ReasonKind
    due: date | None = None
    # overdue and missing_report: days late; due_soon: days left; None for a status
    days: int | None = None
    milestone: Milestone | None = None  # overdue, due_soon
    quarter: Quarter | None = None  # missing_report
    status: str | None = None  # status: at_risk or behind

    @property
    def red(self) -> bool:
        return self.kind in RED_REASONS


RED_REASONS = frozenset({"overdue", "past_deadline", "missing_report"})
YELLOW_STATUSES = ("at_risk", "behind")


class ClaimStatus(NamedTuple):
    """Everything the reports say about one claim as of T."""

    unit: Unit
    claim: Claim
    project: Project | None
    milestones: list[tuple[Milestone, MilestoneState]]
    latest: Progress | None
    complete: bool
    past_deadline: bool
    reports: dict[Quarter, ReportState]  # the four quarters of the ledger year
    flag: Flag
    reasons: tuple[Reason, ...]  # why the flag has its colour; none for green
    today: date

    @property
    def overdue(self) -> list[Milestone]:
        return [m for m, state in self.milestones if state == "overdue"]


@dataclass(frozen=True, slots=True)
class Day:
    """What the statuses of every claim on one day need from the settings: computed once for the
    day, not once per claim (a report computes thousands of statuses on one or two days)."""

    today: date
    new_year: date  # the first day of a claim without a ``claimed`` day
    soon: date  # T + warn_days: a milestone due by then is due soon
    calendar: tuple[_QuarterDays, ...]


@lru_cache(maxsize=16)
def _day(today: date, year: int, warn_days: int, report_due_days: int) -> Day:
    return Day(
        today, date(year, 1, 1), plus_days(today, warn_days), _calendar(year, report_due_days)
    )


def day_of(ledger: Ledger, today: date) -> Day:
    config = ledger.config
    reporting = config.reporting
    return _day(today, config.ledger.year, reporting.warn_days, reporting.report_due_days)


def claim_status(ledger: Ledger, unit: Unit, claim: Claim, today: date) -> ClaimStatus:
    project = ledger.projects.get(claim.project)
    found = claim_milestones(claim, project, ledger.year)
    return _status(unit, claim, project, found, day_of(ledger, today))


def _status(
    unit: Unit, claim: Claim, project: Project | None, found: list[Milestone], day: Day
) -> ClaimStatus:
    today, soon = day.today, day.soon
    milestones = [(m, _milestone_state(m, today, soon)) for m in found]
    latest = latest_entry(claim, today)
    complete = latest is not None and latest.status == "done"
    late = not complete and claim.deadline < today
    reports = _reports(claim, today, claim.claimed or day.new_year, day.calendar)
    reasons: tuple[Reason, ...] = ()
    flag: Flag = "green"
    if not complete:
        red = [
            Reason("overdue", m.due, (today - m.due).days, m)
            for m, st in milestones
            if st == "overdue"
        ]
        if late:
            red.append(Reason("past_deadline", claim.deadline, (today - claim.deadline).days))
        # the states are in calendar order
        for days, state in zip(day.calendar, reports.values(), strict=True):
            if state == "missing":
                red.append(
                    Reason(
                        "missing_report", days.due, (today - days.due).days, quarter=days.quarter
                    )
                )
        if red:
            flag, reasons = "red", tuple(red)
        else:
            yellow = [
                Reason("due_soon", m.due, (m.due - today).days, m)
                for m, st in milestones
                if st == "due_soon"
            ]
            if latest is not None and latest.status in YELLOW_STATUSES:
                yellow.append(Reason("status", status=latest.status))
            if yellow:
                flag, reasons = "yellow", tuple(yellow)
    return ClaimStatus(
        unit, claim, project, milestones, latest, complete, late, reports, flag, reasons, today
    )


def flag_on(ledger: Ledger, status: ClaimStatus, day: date, on: Day | None = None) -> Flag:
    """The flag of ``status``'s claim on another day (the checklist's flag at the previous
    quarter's end): ``claim_status(ledger, status.unit, status.claim, day).flag``, from the
    milestones ``status`` found (which milestones apply to a claim does not depend on the day),
    and without the reasons: only whether there is a red one, else a yellow one
    (tests/test_asof_properties.py holds it to ``claim_status``). ``on``: ``day``'s settings,
    when a report asks for every claim on the same day."""
    claim = status.claim
    latest = latest_entry(claim, day)
    if latest is not None and latest.status == "done":
        return "green"
    if claim.deadline < day:
        return "red"
    if on is None:
        on = day_of(ledger, day)
    yellow = latest is not None and latest.status in YELLOW_STATUSES
    for m, _ in status.milestones:
        state = _milestone_state(m, day, on.soon)
        if state == "overdue":
            return "red"
        yellow = yellow or state == "due_soon"
    if "missing" in _reports(claim, day, claim.claimed or on.new_year, on.calendar).values():
        return "red"
    return "yellow" if yellow else "green"


def previous_end(quarter: Quarter, today: date) -> date | None:
    """The last day of the quarter before ``quarter``, where the checklist of ``quarter`` takes
    its previous flags; None when ``quarter`` is Q1 or that day is not before T (contract
    section 5). A report finds it once for all its claims (``previous_day``)."""
    if quarter.q == 1:
        return None
    day = Quarter(quarter.year, quarter.q - 1).end
    return day if day < today else None


def previous_day(last_end: date | None, claim: Claim, year: int) -> date | None:
    """The day a claim's previous flag is taken: ``last_end`` (``previous_end``), unless the
    claim was claimed after it (or there is none)."""
    if last_end is None or claimed_on(claim, year) > last_end:
        return None
    return last_end


def claims_as_of(unit: Unit, today: date, year: int) -> list[Claim]:
    """The unit's claims made on or before T, in file order."""
    return [c for c in unit.claims if claimed_on(c, year) <= today]


def statuses(ledger: Ledger, today: date, units: list[Unit] | None = None) -> Iterator[ClaimStatus]:
    """Every claim of the given units (default: all, by id) as of T, in file order: each one's
    ``claim_status``."""
    year = ledger.year
    day = day_of(ledger, today)
    projects = ledger.projects
    for unit in units if units is not None else ledger.units.values():
        for claim in claims_as_of(unit, today, year):
            project = projects.get(claim.project)
            found = claim_milestones(claim, project, year)
            yield _status(unit, claim, project, found, day)


# -- the unit hierarchy --------------------------------------------------------------------------


def units_under(ledger: Ledger, unit_id: str) -> list[Unit]:
    """The unit and every unit below it, by id."""
    children: dict[str, list[str]] = {}
    for unit in ledger.units.values():
        if unit.parent is not None:
            children.setdefault(unit.parent, []).append(unit.id)
    keep = {unit_id}
    stack = [unit_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in keep:
                keep.add(child)
                stack.append(child)
    return [u for uid, u in ledger.units.items() if uid in keep]


def depth(ledger: Ledger, unit: Unit) -> int:
    """How many parents stand above the unit (0 for a top unit)."""
    n = 0
    seen = {unit.id}
    parent = unit.parent
    while parent is not None and parent in ledger.units and parent not in seen:
        seen.add(parent)
        n += 1
        parent = ledger.units[parent].parent
    return n


# -- year-end evaluation -------------------------------------------------------------------------


Part = Literal["milestones", "reports", "completion"]


class Counted(NamedTuple):
    """One thing the year-end score counts, and whether it counts for the unit (``hit``)."""

    part: Part
    hit: bool
    project: str
    state: str  # milestones: on_time, late, missed; reports: on_time, late, missing;
    #             completion: complete, incomplete
    due: date
    milestone: Milestone | None = None
    quarter: Quarter | None = None
    done: date | None = None


@dataclass(frozen=True)
class Score:
    milestones: Fraction
    reports: Fraction
    completion: Fraction
    score: Fraction  # exact, 0..100
    counted: tuple[Counted, ...] = ()  # what the shares were counted from

    @cached_property
    def rounded(self) -> Fraction:
        return half_up(self.score)

    def tally(self, part: Part) -> tuple[int, int]:
        """(hits, all) of one part."""
        items = [c for c in self.counted if c.part == part]
        return sum(c.hit for c in items), len(items)


def half_up(value: Fraction, places: int = 1) -> Fraction:
    """Rounded to ``places`` decimals half up (四舍五入), exactly: 86.25 -> 86.3 (binary floating
    point and Python's ``round`` would give 86.2). For the non-negative values of the reports."""
    scale = 10**places
    # int(value * scale + 1/2) in integers: (2 n scale + d) / 2d, truncated toward zero as int()
    # does (tests/reference.py has the plain form)
    num = 2 * value.numerator * scale + value.denominator
    den = 2 * value.denominator
    return Fraction(num // den if num >= 0 else -(-num // den), scale)


def counted(ledger: Ledger, found: list[ClaimStatus], today: date) -> list[Counted]:
    """Everything one unit's year-end score counts as of T (contract section 5), in claim order:
    its milestones due before T, its required reports due before T, its claims complete or past
    their deadline."""
    due_days = ledger.config.reporting.report_due_days
    out: list[Counted] = []
    for status in found:
        project = status.claim.project
        for m, _ in status.milestones:
            if m.due < today:
                on_time = m.done is not None and m.done <= m.due
                late = m.done is not None and m.due < m.done <= today
                state = "on_time" if on_time else "late" if late else "missed"
                done = m.done if m.done is not None and m.done <= today else None
                out.append(Counted("milestones", on_time, project, state, m.due, m, done=done))
        for quarter, state in status.reports.items():
            if state == "not_required":
                continue
            due = quarter.report_due(due_days)
            if due < today:
                out.append(
                    Counted("reports", state == "on_time", project, state, due, quarter=quarter)
                )
        if status.complete or status.claim.deadline < today:
            state = "complete" if status.complete else "incomplete"
            out.append(
                Counted("completion", status.complete, project, state, status.claim.deadline)
            )
    return out


def unit_score(ledger: Ledger, found: list[ClaimStatus], today: date) -> Score:
    """The year-end score of one unit from its claims' statuses as of T: each part's share of
    hits (a part with nothing to count scores in full), weighted."""
    items = counted(ledger, found, today)
    tally = {"milestones": [0, 0], "reports": [0, 0], "completion": [0, 0]}  # hits, all
    for c in items:
        part = tally[c.part]
        part[0] += c.hit
        part[1] += 1
    (hm, nm), (hr, nr), (hc, nc) = ((h, n) if n else (1, 1) for h, n in tally.values())
    w = ledger.config.evaluation
    # the weighted sum as one fraction over the product of the counts: the same number as
    # w.milestones * hm/nm + w.reports * hr/nr + w.completion * hc/nc, with one fraction made
    # instead of eight (tests/reference.py has the plain form)
    score = Fraction(
        w.milestones * hm * nr * nc + w.reports * hr * nm * nc + w.completion * hc * nm * nr,
        nm * nr * nc,
    )
    return Score(Fraction(hm, nm), Fraction(hr, nr), Fraction(hc, nc), score, tuple(items))


def competition_ranks(scores: list[Fraction]) -> list[int]:
    """Ranks of scores already sorted high to low: equal scores share a rank (1, 1, 3)."""
    ranks: list[int] = []
    for i, s in enumerate(scores):
        ranks.append(ranks[-1] if i and s == scores[i - 1] else i + 1)
    return ranks


# -- what a unit owes (ledger remind, the forms' heading) -----------------------------------------

OwedKind = Literal["overdue", "past_deadline", "missing_report", "report_due", "due_soon"]


class Owed(NamedTuple):
    """One thing a claim owes as of T (contract section 5, "what a unit owes")."""

    kind: OwedKind
    due: date
    days: int  # days late; for report_due and due_soon, days left
    milestone: Milestone | None = None  # overdue, due_soon
    quarter: Quarter | None = None  # missing_report, report_due


def owed(status: ClaimStatus, quarter: Quarter, ledger: Ledger) -> list[Owed]:
    """What one claim owes as of its day T, for the collection of ``quarter``: each overdue
    milestone, past deadline, each missing report, ``quarter``'s report when it is not due yet
    but due within warn_days, each milestone due soon. A complete claim owes nothing."""
    if status.complete:
        return []
    today = status.today
    reporting = ledger.config.reporting
    out = [
        Owed("overdue", m.due, (today - m.due).days, m)
        for m, state in status.milestones
        if state == "overdue"
    ]
    if status.past_deadline:
        deadline = status.claim.deadline
        out.append(Owed("past_deadline", deadline, (today - deadline).days))
    for q, state in status.reports.items():
        if state == "missing":
            due = q.report_due(reporting.report_due_days)
            out.append(Owed("missing_report", due, (today - due).days, quarter=q))
    if status.reports.get(quarter) == "not_due":
        due = quarter.report_due(reporting.report_due_days)
        if (due - today).days <= reporting.warn_days:
            out.append(Owed("report_due", due, (due - today).days, quarter=quarter))
    out += [
        Owed("due_soon", m.due, (m.due - today).days, m)
        for m, state in status.milestones
        if state == "due_soon"
    ]
    return out

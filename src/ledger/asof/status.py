"""A claim as of T (contract section 5): its milestones and their states, its report state for
each quarter, its flag and the reasons for it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal, NamedTuple

from ledger.asof.findings import FindingAsOf, VisitFinding, as_of, index
from ledger.calendar import Quarter, QuarterDays, plus_days, year_calendar
from ledger.model import Claim, Ledger, Progress, Project, Unit

MilestoneState = Literal["done", "overdue", "due_soon", "open"]
ReportState = Literal["on_time", "late", "missing", "not_due", "not_required"]
Flag = Literal["red", "yellow", "green"]


class Milestone(NamedTuple):
    """A milestone as it applies to one claim."""

    id: str
    title: str
    due: date
    done: date | None  # as written; it may lie after T
    evidence: str | None
    own: bool  # the unit's own, not the book's

    def state(self, today: date, warn_days: int) -> MilestoneState:
        return milestone_state(self, today, plus_days(today, warn_days))

    def done_late(self, today: date) -> bool:
        return self.done is not None and self.done <= today and self.done > self.due

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days


def milestone_state(m: Milestone, today: date, soon: date) -> MilestoneState:
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


def report_states(
    claim: Claim, today: date, year: int, report_due_days: int
) -> dict[Quarter, ReportState]:
    """The report state of each of the four quarters (contract section 5) in one pass over the
    entries, as tests/reference.py states them one quarter at a time: this runs for every claim
    of every report."""
    return reports_of(claim, today, claimed_on(claim, year), year_calendar(year, report_due_days))


def reports_of(
    claim: Claim, today: date, since: date, calendar: tuple[QuarterDays, ...]
) -> dict[Quarter, ReportState]:
    """``report_states`` with the claim's first day and the year's calendar given; the states
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


ReasonKind = Literal[
    "overdue",
    "past_deadline",
    "missing_report",
    "finding_overdue",
    "due_soon",
    "status",
    "finding_due_soon",
]


class Reason(NamedTuple):
    """One fact that gives a claim's flag its colour (contract section 5)."""

    kind: ReasonKind
    due: date | None = None
    # overdue and missing_report: days late; due_soon: days left; None for a status
    days: int | None = None
    milestone: Milestone | None = None  # overdue, due_soon
    quarter: Quarter | None = None  # missing_report
    status: str | None = None  # status: at_risk or behind
    finding: FindingAsOf | None = None  # finding_overdue, finding_due_soon

    @property
    def red(self) -> bool:
        return self.kind in RED_REASONS


RED_REASONS = frozenset({"overdue", "past_deadline", "missing_report", "finding_overdue"})
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
    # the claim's findings (its unit's, with its project) of the visits dated on or before T
    findings: tuple[FindingAsOf, ...] = ()
    # all the claim's findings whatever T: its flag on another day (``flag_on``) needs them
    visit_findings: tuple[VisitFinding, ...] = ()

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
    calendar: tuple[QuarterDays, ...]


@lru_cache(maxsize=16)
def _day(today: date, year: int, warn_days: int, report_due_days: int) -> Day:
    return Day(
        today, date(year, 1, 1), plus_days(today, warn_days), year_calendar(year, report_due_days)
    )


def day_of(ledger: Ledger, today: date) -> Day:
    config = ledger.config
    reporting = config.reporting
    return _day(today, config.ledger.year, reporting.warn_days, reporting.report_due_days)


def claim_status(ledger: Ledger, unit: Unit, claim: Claim, today: date) -> ClaimStatus:
    project = ledger.projects.get(claim.project)
    found = claim_milestones(claim, project, ledger.year)
    pairs = index(ledger).of_claim(unit.id, claim.project)
    return status_of(unit, claim, project, found, day_of(ledger, today), pairs)


def status_of(
    unit: Unit,
    claim: Claim,
    project: Project | None,
    found: list[Milestone],
    day: Day,
    pairs: list[VisitFinding] | tuple[VisitFinding, ...] = (),
) -> ClaimStatus:
    today, soon = day.today, day.soon
    milestones = [(m, milestone_state(m, today, soon)) for m in found]
    findings = tuple(as_of(p, today, soon) for p in pairs if p.visit.date <= today)
    latest = latest_entry(claim, today)
    complete = latest is not None and latest.status == "done"
    late = not complete and claim.deadline < today
    reports = reports_of(claim, today, claim.claimed or day.new_year, day.calendar)
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
        red += [
            Reason("finding_overdue", f.due, f.days, finding=f)
            for f in findings
            if f.state == "overdue"
        ]
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
            yellow += [
                Reason("finding_due_soon", f.due, f.days, finding=f)
                for f in findings
                if f.state == "due_soon"
            ]
            if yellow:
                flag, reasons = "yellow", tuple(yellow)
    return ClaimStatus(
        unit,
        claim,
        project,
        milestones,
        latest,
        complete,
        late,
        reports,
        flag,
        reasons,
        today,
        findings,
        tuple(pairs),
    )


def flag_on(ledger: Ledger, status: ClaimStatus, day: date, on: Day | None = None) -> Flag:
    """The flag of ``status``'s claim on another day (the checklist's flag at the previous
    quarter's end): ``claim_status(ledger, status.unit, status.claim, day).flag``, from the
    milestones ``status`` found (which milestones apply to a claim does not depend on the day),
    and without the reasons: only whether there is a red one, else a yellow one
    (tests/asof/test_properties.py holds it to ``claim_status``). ``on``: ``day``'s settings,
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
        state = milestone_state(m, day, on.soon)
        if state == "overdue":
            return "red"
        yellow = yellow or state == "due_soon"
    if "missing" in reports_of(claim, day, claim.claimed or on.new_year, on.calendar).values():
        return "red"
    for pair in status.visit_findings:
        if pair.visit.date <= day:
            now = as_of(pair, day, on.soon).state
            if now == "overdue":
                return "red"
            yellow = yellow or now == "due_soon"
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
    found_by = index(ledger)
    for unit in units if units is not None else ledger.units.values():
        for claim in claims_as_of(unit, today, year):
            project = projects.get(claim.project)
            found = claim_milestones(claim, project, year)
            pairs = found_by.of_claim(unit.id, claim.project)
            yield status_of(unit, claim, project, found, day, pairs)

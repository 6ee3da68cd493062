"""Properties of the meanings over many random claims (Hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.asof.findings import findings_as_of
from ledger.asof.score import competition_ranks, half_up, unit_score
from ledger.asof.status import claim_milestones, claim_status, flag_on, report_states
from ledger.calendar import Quarter, year_quarters
from ledger.load import load
from ledger.model import Claim, EvaluationSection, Ledger, Visit
from tests.conftest import BOOK, CITY, CONFIG
from tests.reference import flag as plain_flag
from tests.reference import half_up as plain_half_up
from tests.reference import rectification as plain_rectification
from tests.reference import report_state
from tests.reference import score as plain_score

YEAR_START = date(2026, 1, 1)


def days(lo: int = 0, hi: int = 364) -> st.SearchStrategy[date]:
    return st.integers(lo, hi).map(lambda n: YEAR_START + timedelta(days=n))


@st.composite
def claims(draw: st.DrawFn) -> Claim:
    n = draw(st.integers(0, 4))
    quarters = sorted(draw(st.sets(st.integers(1, 4), max_size=n)))
    percent = 0
    progress = []
    for q in quarters:
        percent = draw(st.integers(percent, 100))
        done = percent == 100
        start = date(2026, 3 * q - 2, 1)
        progress.append(
            {
                "quarter": f"2026Q{q}",
                "status": "done"
                if done
                else draw(st.sampled_from(["on_track", "at_risk", "behind"])),
                "percent": percent,
                "summary": "s",
                "reported": start + timedelta(days=draw(st.integers(0, 120))),
            }
        )
        if done:
            break
    milestones = [
        {"id": "survey", "done": draw(st.none() | days())},
        {"id": "own", "title": "自定", "due": draw(days()), "done": draw(st.none() | days())},
    ]
    return Claim.model_validate(
        {
            "project": "K1",
            "leader": "甲",
            "measures": ["m"],
            "deadline": draw(days()),
            "claimed": draw(st.none() | days(0, 200)),
            "milestones": milestones,
            "progress": progress,
        }
    )


@st.composite
def visits(draw: st.DrawFn) -> dict[str, Visit]:
    """Up to three visits to ``city``, each with up to three findings of K1 (the claims'
    project), of B1 or of no project, in any state."""
    out = {}
    for n in range(draw(st.integers(0, 3))):
        findings = []
        for k in range(draw(st.integers(0, 3))):
            rectified = draw(st.none() | days())
            closed = draw(st.none() | days()) if rectified is not None else None
            findings.append(
                {
                    "id": f"f{k}",
                    "unit": "city",
                    "project": draw(st.sampled_from(["K1", "K1", "B1", None])),
                    "problem": "p",
                    "requirement": "r",
                    "due": draw(days()),
                    "rectified": rectified,
                    "closed": closed,
                }
            )
        visit = {"id": f"v{n}", "title": "t", "date": draw(days()), "units": ["city"]}
        out[f"v{n}"] = Visit.model_validate({**visit, "findings": findings})
    return out


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    root: Path = tmp_path_factory.mktemp("props")
    (root / "data" / "units").mkdir(parents=True)
    (root / "ledger.toml").write_text(CONFIG, encoding="utf-8")
    (root / "data" / "projects.yaml").write_text(BOOK, encoding="utf-8")
    (root / "data" / "units" / "city.yaml").write_text(CITY, encoding="utf-8")
    return load(root).ledger()


SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(c=claims(), today=days(-30, 420))
def test_done_milestone_is_never_overdue_and_complete_is_green(
    ledger: Ledger, c: Claim, today: date
) -> None:
    s = claim_status(ledger, ledger.units["city"], c, today)
    for m, state in s.milestones:
        if m.done is not None and m.done <= today:
            assert state == "done"
        if state == "overdue":
            assert m.due < today
    if s.complete:
        assert s.flag == "green"
    if s.flag == "green" and not s.complete:
        assert not s.overdue and not s.past_deadline
        assert "missing" not in s.reports.values()


@SETTINGS
@given(
    cs=st.lists(claims(), min_size=1, max_size=4),
    found=visits(),
    today=days(-30, 420),
    weights=st.sampled_from([(50, 30, 20, 0), (40, 30, 20, 10), (0, 0, 0, 100), (25, 25, 25, 25)]),
)
def test_score_stays_within_0_and_100(
    ledger: Ledger,
    cs: list[Claim],
    found: dict[str, Visit],
    today: date,
    weights: tuple[int, int, int, int],
) -> None:
    m, r, c, f = weights
    evaluation = EvaluationSection(milestones=m, reports=r, completion=c, rectification=f)
    led = replace(
        ledger,
        visits=found,
        config=ledger.config.model_copy(update={"evaluation": evaluation}),
    )
    statuses_ = [claim_status(led, led.units["city"], c, today) for c in cs]
    findings = findings_as_of(led, today)
    score = unit_score(led, statuses_, today, findings)
    for part in (score.milestones, score.reports, score.completion, score.rectification):
        assert 0 <= part <= 1
    assert 0 <= score.score <= 100
    assert 0 <= score.rounded <= 100
    assert abs(score.rounded - score.score) <= 0.05
    assert score.score == plain_score(evaluation, list(score.counted))
    # section 10's part, counted plainly from the visits
    every = [(v.date, x) for v in found.values() for x in v.findings]
    assert score.rectification == plain_rectification(every, today)
    # weighted 0, the findings change nothing: a ledger's v2 score
    if f == 0:
        assert score.score == unit_score(led, statuses_, today).score


@given(st.lists(st.integers(0, 1000), max_size=30))
def test_ranks_start_at_one_share_ties_and_never_exceed_the_count(values: list[int]) -> None:
    scores = sorted((Fraction(v, 10) for v in values), reverse=True)
    ranks = competition_ranks(scores)
    assert len(ranks) == len(scores)
    for i, (r, s) in enumerate(zip(ranks, scores, strict=True)):
        assert r == 1 + sum(1 for other in scores if other > s)
        assert 1 <= r <= i + 1


@SETTINGS
@given(c=claims(), today=days(-30, 420))
def test_report_states_at_once_agree_with_the_rule_one_quarter_at_a_time(
    c: Claim, today: date
) -> None:
    at_once = report_states(c, today, 2026, 10)
    for q in year_quarters(2026):
        assert at_once[q] == report_state(c, q, today, 2026, 10)


@SETTINGS
@given(c=claims(), found=visits(), today=days(-30, 420), day=days(-30, 420))
def test_flag_on_another_day_is_the_flag_of_the_status_on_that_day(
    ledger: Ledger, c: Claim, found: dict[str, Visit], today: date, day: date
) -> None:
    led = replace(ledger, visits=found)
    unit = led.units["city"]
    s = claim_status(led, unit, c, today)
    assert flag_on(led, s, day) == claim_status(led, unit, c, day).flag


@SETTINGS
@given(c=claims(), found=visits(), today=days(-30, 420))
def test_flag_and_reasons_agree_with_the_rules_written_plainly(
    ledger: Ledger, c: Claim, found: dict[str, Visit], today: date
) -> None:
    """Sections 5 and 10: the flag of ``claim_status`` and the kinds of its reasons, in their
    order, are those of tests/reference.py; the findings of B1 and of no project give K1 no
    colour."""
    led = replace(ledger, visits=found)
    s = claim_status(led, led.units["city"], c, today)
    milestones = [(m.due, m.done) for m in claim_milestones(c, led.projects["K1"], 2026)]
    mine = sorted(
        ((v.date, v.id, i, f) for v in found.values() for i, f in enumerate(v.findings)),
        key=lambda x: x[:3],
    )
    findings = [(day, f) for day, _, _, f in mine if f.project == "K1"]
    order = [(vid, f.id) for _, vid, _, f in mine if f.project == "K1"]
    settings = led.config.reporting
    expected = plain_flag(
        c, milestones, findings, today, 2026, settings.report_due_days, settings.warn_days
    )
    assert (s.flag, [r.kind for r in s.reasons]) == expected
    # the finding reasons name their findings in the order of section 10
    named = [(r.finding.inspection, r.finding.finding.id) for r in s.reasons if r.finding]
    assert named == [k for k in order if k in named]


QUARTER_ENDS = [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)]
NEAR_ENDS = [d + timedelta(days=k) for d in QUARTER_ENDS for k in (-1, 0, 1)]


@SETTINGS
@given(
    cs=st.lists(claims(), min_size=1, max_size=3),
    claimed=st.lists(st.none() | st.sampled_from(NEAR_ENDS), min_size=3, max_size=3),
    today=days(-30, 420) | st.sampled_from(NEAR_ENDS),
    q=st.integers(1, 4),
)
def test_the_checklists_previous_flag_is_the_flag_at_the_previous_quarters_end(
    ledger: Ledger, cs: list[Claim], claimed: list[date | None], today: date, q: int
) -> None:
    """Contract section 5: the flag on the last day of the quarter before, when that day is
    before T and the claim was claimed by then; None otherwise (and always in Q1)."""
    from dataclasses import replace

    from ledger.reports import quarterly

    # claimed on, or a day either side of, a quarter's end (where a flag starts or not)
    cs = [
        c.model_copy(update={"claimed": d}) if d else c for c, d in zip(cs, claimed, strict=False)
    ]
    unit = ledger.units["city"].model_copy(update={"claims": cs})
    one = replace(ledger, units={"city": unit})
    lines = [c for u in quarterly.build(one, Quarter(2026, q), today).units for c in u.claims]
    made = [c for c in cs if (c.claimed or YEAR_START) <= today]
    assert len(lines) == len(made)
    last_end = Quarter(2026, q - 1).end if q > 1 else None
    for line, c in zip(lines, made, strict=True):
        if last_end is None or last_end >= today or (c.claimed or YEAR_START) > last_end:
            assert line.previous_flag is None
        else:
            assert line.previous_flag == claim_status(one, unit, c, last_end).flag


@given(st.fractions(min_value=-1000, max_value=1000, max_denominator=10_000), st.integers(0, 3))
def test_half_up_in_integers_is_the_plain_rounding_in_fractions(
    value: Fraction, places: int
) -> None:
    assert half_up(value, places) == plain_half_up(value, places)

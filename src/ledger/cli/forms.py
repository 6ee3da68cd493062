"""``ledger form`` and ``ledger import``: the quarterly forms sent to the units and read back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ledger.cli.options import (
    LangOpt,
    NoCacheOpt,
    RootOpt,
    TodayOpt,
    UnitOpt,
    command,
    fail,
    language_of,
    read,
    refused,
    shared,
)

QuarterOpt = Annotated[
    str | None,
    typer.Option(
        "--quarter",
        "-q",
        show_default=False,
    ),
]


@command("form")
def form(
    output: Annotated[Path, typer.Option("--output", "-o")],
    quarter: QuarterOpt = None,
    unit: UnitOpt = None,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger form`` (its help: ``help.form`` in ``ledger.i18n``)."""
    from ledger import typed
    from ledger.calendar import reporting_quarter
    from ledger.cli.reports import open_ledger, unit_scope
    from ledger.edit.write import atomic_write
    from ledger.forms.write import Uncarried, forms
    from ledger.i18n import t
    from ledger.reports.common import scoped, tree_order

    env = shared(root, today, lang, no_cache)
    ledger, language = open_ledger(env)
    scope = unit_scope(ledger, unit, language)
    q = (
        read(typed.quarter, quarter, ledger.year, lang=language)
        if quarter
        else reporting_quarter(ledger.year, env.today, ledger.config.reporting.report_due_days)
    )
    data = (ledger.root / "data").resolve()
    if output.resolve() == data or output.resolve().is_relative_to(data):
        fail("output_in_ledger", language, path=output)
    keep = {u.id for u in scoped(ledger, scope)}
    units = [u for u, _ in tree_order(ledger, keep)]
    try:
        made = forms(ledger, q, env.today, language, units)
    except Uncarried as exc:  # the ledger's data, not the command: exit 1, nothing written
        for u in exc.unfit:
            why = t(u.why, language, length=u.length)
            field = t(f"form.col.{u.key}", language).split("\n")[0]
            where = {"unit": u.unit, "project": u.project, "entry": u.entry}
            key = "form_unfit_finding" if u.finding else "form_unfit"
            message = t(key, language, key=u.key, field=field, why=why, **where)
            typer.echo(f"ledger: {message}", err=True)
        raise typer.Exit(1) from None
    if not made:
        typer.echo(t("form_none", language, quarter=q.label), err=True)
        return
    try:
        output.mkdir(parents=True, exist_ok=True)
        for f in made:
            atomic_write(output / f.name, f.data)
            typer.echo(t("written", language, path=output / f.name))
    except OSError as exc:
        fail("cannot_write", language, path=output, reason=exc.strerror or str(exc))
    if not _left_out_of_git(ledger.root, output / made[0].name):
        typer.echo(t("form_in_ledger", language, path=output), err=True)
    typer.echo(t("form_next", language, n=len(made), quarter=q.label), err=True)


def _left_out_of_git(root: Path, written: Path) -> bool:
    """Whether a form written at ``written`` stays out of the ledger's commits: outside the
    ledger's folder, or ignored by git there (a new ledger's .gitignore ignores /forms/). A
    folder of forms inside the ledger that git would offer to add is committed by accident."""
    import shutil
    import subprocess

    where = written.resolve()
    if not where.is_relative_to(root.resolve()):
        return True
    git = shutil.which("git")
    if git is None:
        return False
    ignored = subprocess.run(
        [git, "-C", str(root), "check-ignore", "-q", str(where)], capture_output=True, check=False
    )
    return ignored.returncode == 0


@command("import")
def import_forms(
    files: Annotated[list[Path], typer.Argument()],
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n")] = False,
    replace: Annotated[
        bool,
        typer.Option("--replace"),
    ] = False,
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            "-q",
            show_default=False,
        ),
    ] = None,
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger import`` (its help: ``help.import`` in ``ledger.i18n``)."""
    from ledger import typed
    from ledger.calendar import reporting_quarter
    from ledger.edit.ops import EditError
    from ledger.forms.apply import Refused, run
    from ledger.forms.read import FormProblem
    from ledger.i18n import t
    from ledger.load.config import load_config
    from ledger.render.problems import text as problems_text

    env = shared(root, today, lang, no_cache)
    language = language_of(env)
    wanted = None
    if quarter is not None:
        config, _ = load_config(env.root)
        if config is None:
            fail("settings_broken", language)
        wanted = (
            read(typed.quarter, quarter, config.ledger.year, lang=language)
            if quarter
            else reporting_quarter(config.ledger.year, env.today, config.reporting.report_due_days)
        ).label
    pairs = [(path, str(path)) for path in files]
    try:
        outcome = run(
            env.root,
            env.today,
            pairs,
            replace=replace,
            dry_run=dry_run,
            quarter=wanted,
            cache=env.cache,
        )
    except Refused as exc:
        for p in exc.problems:
            if isinstance(p, FormProblem):
                typer.echo(p.text(language), err=True)
            else:
                typer.echo(problems_text([p], language, 0).split("\n")[0], err=True)
        typer.echo(t("import_refused", language, n=len(exc.problems)), err=True)
        raise typer.Exit(1) from None
    except EditError as exc:
        refused(exc, language)

    for name in dict.fromkeys(name for _, name in pairs):
        steps = [s for s in outcome.steps if s.file == name]
        typer.echo(t("import_file", language, file=name, n=len(steps)))
        for step in steps:
            typer.echo("  " + t(step.what, language, **step.args))
            for key, args in step.remarks:
                typer.echo("    " + t(f"remark.{key}", language, **args))
    if outcome.notes:
        typer.echo(t("note.elsewhere", language, n=len(outcome.notes)), err=True)
        typer.echo(problems_text(outcome.notes, language, 1).rsplit("\n", 2)[0], err=True)
    changed = sum(1 for s in outcome.steps if s.changed)
    same = len(outcome.steps) - changed
    typer.echo(t("import_summary", language, files=len(pairs), changed=changed, same=same))
    if dry_run:
        for edit in outcome.changed:
            typer.echo(edit.diff(), nl=False)
        typer.echo(t("dry_run", language), err=True)
        return
    if outcome.changed:
        paths = " ".join(e.rel for e in outcome.changed)
        message = t("import_commit", language, files=len(pairs))
        typer.echo(t("next_steps", language, path=paths, message=message))

"""``ledger validate`` (alias ``ledger check``)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ledger.cli.options import (
    LANGUAGE,
    LangOpt,
    NoCacheOpt,
    RootOpt,
    TodayOpt,
    command,
    shared,
    use_color,
)

if TYPE_CHECKING:
    from ledger.problems import Problem


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


FormatOpt = Annotated[
    ProblemFormat,
    typer.Option(
        "--format",
        "-f",
    ),
]
StrictOpt = Annotated[bool, typer.Option("--strict")]


def validate(
    root: RootOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
    format: FormatOpt = ProblemFormat.text,
    strict: StrictOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """``ledger validate`` (its help: ``help.validate`` in ``ledger.i18n``): exit 0 no errors,
    1 errors, 2 usage or settings problems."""
    from ledger.problems import count
    from ledger.problems import strict as make_strict
    from ledger.render.problems import PROBLEM_FORMATS
    from ledger.validate import validate as run

    env = shared(root, today, lang, no_cache)
    result = run(env.root, env.today, cache=env.cache)
    config = result.loaded.config
    language = env.lang or (config.ledger.language if config is not None else LANGUAGE[0])
    problems = make_strict(result.problems) if strict else result.problems
    files = result.files
    if format is ProblemFormat.github:
        problems = _from_top(problems, env.root, "GITHUB_WORKSPACE", Path.cwd())
    elif format is ProblemFormat.gitlab:
        problems = _from_top(problems, env.root, "CI_PROJECT_DIR", env.root)
    color = use_color() and format is ProblemFormat.text
    typer.echo(PROBLEM_FORMATS[format.value](problems, language, files, color), nl=False)
    if result.settings_failed:
        raise typer.Exit(2)
    errors, _ = count(problems)
    raise typer.Exit(1 if errors else 0)


def repository_top(root: Path, variable: str, fallback: Path) -> Path:
    """The top of the git repository that holds the ledger: the nearest folder at or above it
    with a ``.git`` (a folder, or a file in a worktree or submodule); else the folder the CI
    names in ``variable`` (``GITHUB_WORKSPACE``, ``CI_PROJECT_DIR``); else ``fallback``."""
    import os

    here = root.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    named = os.environ.get(variable)
    return Path(named) if named else fallback


def _from_top(problems: list[Problem], root: Path, variable: str, fallback: Path) -> list[Problem]:
    """GitHub and GitLab place a problem by its path from the repository's top: a ledger kept in
    a subfolder needs that folder in front of each path."""
    from dataclasses import replace

    top = repository_top(root, variable, fallback)
    try:
        prefix = root.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return problems
    if prefix == ".":
        return problems
    return [replace(p, path=f"{prefix}/{p.path}") for p in problems]


command("validate")(validate)
command("check")(validate)

"""What ``ledger.cli.usage`` relies on in Typer's bundled Click, checked against the installed
Typer: when a release moves it, these fail with a message that says what moved, before a clerk
meets an English (or no) message."""

from __future__ import annotations

import importlib
import re
from importlib.metadata import version
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer
import typer.main

from tests.conftest import REPO

MOVED = (
    "Typer {typer} moved what ledger/cli/usage.py relies on ({what}): adapt that module (the one "
    "place that reads Typer's bundled Click), then widen the pin of typer in pyproject.toml"
)


def _moved(what: str) -> str:
    return MOVED.format(typer=version("typer"), what=what)


def test_typer_is_within_the_pinned_minor_range() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    pin = re.search(r'"typer>=(\d+)\.(\d+)[^,"]*,<(\d+)\.(\d+)"', pyproject)
    assert pin is not None, "pyproject.toml pins typer as typer>=X.Y,<X.Y+1"
    low, high = (int(pin[1]), int(pin[2])), (int(pin[3]), int(pin[4]))
    assert high == (low[0], low[1] + 1), "the pin spans one minor release of Typer"
    installed = tuple(int(x) for x in version("typer").split(".")[:2])
    assert low <= installed < high, _moved(f"version outside {low}..{high}")


def test_the_bundled_click_errors_are_where_usage_reads_them() -> None:
    try:
        errors = importlib.import_module("typer._click.exceptions")
    except ImportError:  # pragma: no cover - only on a Typer that moved them
        pytest.fail(_moved("the module typer._click.exceptions"))
    for name in (
        "UsageError",
        "ClickException",
        "NoSuchOption",
        "BadOptionUsage",
        "BadParameter",
        "MissingParameter",
        "NoArgsIsHelpError",
    ):
        assert isinstance(getattr(errors, name, None), type), _moved(f"exceptions.{name}")
    assert issubclass(errors.NoSuchOption, errors.UsageError), _moved("NoSuchOption's base")
    assert typer.BadParameter is errors.BadParameter, _moved("typer.BadParameter")
    assert isinstance(typer.Context.formatter_class, type), _moved("typer.Context.formatter_class")


def _app() -> typer.Typer:
    app = typer.Typer(rich_markup_mode=None)

    @app.command("claim")
    def claim(
        unit: Annotated[str, typer.Argument()],
        measure: Annotated[str, typer.Option("--measure")],
        sample: Annotated[int, typer.Option("--sample")] = 1,
        wide: Annotated[bool, typer.Option("--wide")] = False,
    ) -> None:
        """A command."""

    @app.command("other")
    def other() -> None:
        """A second command, so that the app is a group."""

    return app


def _errors() -> Any:
    """The exceptions ``ledger.cli.usage`` catches (the module it imports them from)."""
    return importlib.import_module("typer._click.exceptions")


def _refusal(*args: str) -> Any:
    """The exception the parser raises for ``args``, as ``usage.run`` catches it."""
    errors = _errors()
    command = typer.main.get_command(_app())
    with pytest.raises(errors.UsageError) as caught:
        command.main(list(args), prog_name="ledger", standalone_mode=False)
    return caught.value


@pytest.mark.parametrize(
    ("args", "kind", "attributes"),
    [
        (["claim", "a"], "MissingParameter", {"param", "param_type", "ctx"}),
        (["claim", "a", "--measure", "x", "--wid"], "NoSuchOption", {"option_name", "ctx"}),
        (["claim", "a", "--measure"], "BadOptionUsage", {"option_name", "message"}),
        (["claim", "a", "--measure", "x", "--sample", "abc"], "BadParameter", {"param"}),
        (["reprot"], "UsageError", {"message", "ctx"}),
    ],
)
def test_each_mistake_raises_what_usage_words(
    args: list[str], kind: str, attributes: set[str]
) -> None:
    errors = _errors()
    refusal = _refusal(*args)
    assert isinstance(refusal, getattr(errors, kind)), _moved(f"{args} raises {type(refusal)}")
    for name in attributes:
        assert hasattr(refusal, name), _moved(f"{kind}.{name}")
    if kind == "NoSuchOption":
        assert "--wide" in (refusal.possibilities or []), _moved("NoSuchOption.possibilities")
    if kind == "BadOptionUsage":
        assert "requires an argument" in refusal.message, _moved("BadOptionUsage's message")
    if kind == "BadParameter":
        assert re.search(r"valid (integer|int)", refusal.message), _moved("BadParameter's message")
    if kind == "UsageError":
        assert re.match(r"No such command 'reprot'", refusal.message), _moved("No such command")


def test_extra_arguments_are_named_in_the_message() -> None:
    refusal = _refusal("other", "extra")
    assert re.match(r"Got unexpected extra argument", refusal.message), _moved("extra arguments")


def test_usage_words_them_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ledger.cli import usage

    assert usage.run(_app(), ["claim", "a"], "zh") == 2
    err = capsys.readouterr().err
    assert err.startswith("ledger: 缺少选项 --measure\n")
    assert usage.run(_app(), ["claim", "--help"], "zh") == 0

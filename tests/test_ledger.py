"""ledger/__init__.py: the package's one version source."""

from __future__ import annotations

from tests.conftest import REPO


def test_one_version_source() -> None:
    import tomllib
    from importlib.metadata import version

    from ledger import __version__

    settings = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in settings["project"] and settings["project"]["dynamic"] == ["version"]
    assert settings["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "ledger.__version__"}
    assert __version__ == version("ledger")

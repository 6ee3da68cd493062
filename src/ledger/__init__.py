"""ledger: a command-line task ledger kept as YAML in a git repository.

The package is layered; arrows point one way, from the CLI down to the models:

    cli -> validate / reports -> rules, asof -> load -> model, codes, problems

Nothing below ``ledger.cli`` prints, reads the clock or exits.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ledger")  # the one source: pyproject.toml, as installed
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

"""ledger: a command-line task ledger kept as YAML in a git repository.

The package is layered; arrows point one way, from the CLI down to the models:

    cli -> validate / reports -> rules, asof -> load -> model, codes, problems

Nothing below ``ledger.cli`` prints, reads the clock or exits.
"""

# The one source of the version: pyproject.toml reads it from here (setuptools' ``attr``), so
# that start-up need not import importlib.metadata (a sixth of a warm validate's imports).
__version__ = "0.1.0"

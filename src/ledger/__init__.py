"""ledger: a command-line task ledger kept as YAML in a git repository.

The package is layered; arrows point one way, from the CLI down to the models:

    cli -> validate / reports -> rules, asof -> load -> model, codes, problems

Nothing below ``ledger.cli`` prints, reads the clock or exits.
"""

__version__ = "0.1.0"

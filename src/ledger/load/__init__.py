"""Reading files into the models, with every problem found and its position; nothing else (no
checks: ``ledger.rules`` reads what this package gives, never the other way).

- ``file``: one file's reading (bytes → text → YAML → model + problems with positions);
- ``rows``: the row codec of the cache (a file's reading as plain JSON data, and back);
- ``construct``: the one place pydantic's private attributes are set;
- ``ledger``: the loop over a ledger's files, ``load(root)``, the entry point;
- ``cache``: the pack of entries by file; ``config``, ``text``, ``yamlparse``, ``schema``.
"""

from ledger.load.file import INSPECTIONS, PROJECTS, UNITS
from ledger.load.ledger import CONFIG, Loaded, UnitFile, VisitFile, load

__all__ = ["CONFIG", "INSPECTIONS", "PROJECTS", "UNITS", "Loaded", "UnitFile", "VisitFile", "load"]

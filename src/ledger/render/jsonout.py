"""JSON for scripts: one line, UTF-8 text as is.

Compact on purpose: with ``indent``, Python's json module falls back to its pure-Python encoder,
which on a province-sized report costs more than building the report (pipe it through
``python -m json.tool`` or ``jq`` to read it). A report's data is a tree made for the occasion,
never a cycle: the encoder need not keep every list and dict it enters to look for one.
"""

from __future__ import annotations

import json


def dumps(doc: object) -> str:
    return json.dumps(doc, ensure_ascii=False, check_circular=False) + "\n"

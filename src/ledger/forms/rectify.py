"""A finding's rectification written into its visit file (contract section 10): ``rectified``
and ``evidence`` set on the finding, the file's comments and layout kept, the new text checked to
read as exactly the old data with the change. The import builds on it (several findings of one
visit one after another, through ``base``); ``edit.ops.apply_all`` validates and writes."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from ledger.edit.ops import Edit, EditError
from ledger.edit.write import Snapshot
from ledger.edit.yamltext import SpliceError, YamlText
from ledger.load import INSPECTIONS, Loaded
from ledger.load.yamlparse import parse

FINDING_KEYS = ["id", "unit", "project", "problem", "requirement", "due", "rectified", "evidence"]


def record_rectified(
    loaded: Loaded,
    inspection: str,
    finding: str,
    on: date,
    evidence: str | None = None,
    base: Edit | None = None,
) -> Edit:
    """The edit that records ``finding`` of visit ``inspection`` as rectified on ``on`` (with
    ``evidence``, if given), on the file as read or as ``base`` leaves it."""
    rel = f"{INSPECTIONS}/{inspection}.yaml"
    path = loaded.root / rel
    if base is not None and base.rel == rel:
        snapshot, text = base.old, base.new_text
    else:
        raw = loaded.sources.get(rel)
        if raw is None:
            raise EditError("file_broken", path=rel)
        snapshot = Snapshot(path, raw)
        try:
            text = snapshot.text
        except UnicodeDecodeError:
            raise EditError("file_broken", path=rel) from None
    parsed = parse(text, rel)
    data = parsed.data
    if parsed.problems or not isinstance(data, dict) or "\r" in text.replace("\r\n", ""):
        raise EditError("file_broken", path=rel)
    findings = data.get("findings") or []
    j = next(
        (k for k, f in enumerate(findings) if isinstance(f, dict) and f.get("id") == finding),
        None,
    )
    if j is None:
        raise EditError("file_broken", path=rel)
    changes: dict[str, Any] = {"rectified": on}
    if evidence is not None:
        changes["evidence"] = evidence
    args: dict[str, object] = {"finding": finding, "date": on.isoformat(), "path": rel}
    if all(findings[j].get(k) == v for k, v in changes.items()):
        return Edit(path, rel, snapshot, text, "unchanged_rectified", args)
    new = text
    for key, value in changes.items():
        try:
            new = YamlText(new).set_key(("findings", j), key, value, FINDING_KEYS).apply(new)
        except (SpliceError, yaml.YAMLError) as exc:
            raise EditError("cannot_splice", path=rel, reason=str(exc)) from None
    expected = {**data, "findings": [*findings[:j], {**findings[j], **changes}, *findings[j + 1 :]]}
    reparsed = parse(new, rel)
    if reparsed.problems or reparsed.data != expected:
        raise EditError("cannot_splice", path=rel, reason="the result reads differently")
    return Edit(path, rel, snapshot, new, "form.did_rectified", args)

"""Re-run the report examples in docs/*/guide.md on the sample ledger and put in their output.

A ```console block whose first line is `$ ledger overdue|report|inspect …` and that holds no
other command is re-run as of 2026-11-25 at 100 columns; a block that was trimmed (a last line
`…`) keeps as many lines as before, then `…`. Run it after changing a report, then read the diff.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```console\n(\$ ledger (?:overdue|report|inspect)[^\n]*)\n(.*?)```", re.S)


def run(command: str, lang: str) -> str:
    args = shlex.split(command[2:])[1:]
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "LEDGER_TODAY": "2026-11-25"}
    if "--lang" not in args:
        args += ["--lang", lang]
    out = subprocess.run(
        [sys.executable, "-m", "ledger", *args, "-C", str(REPO)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    return out.stdout + out.stderr


def refresh(path: Path, lang: str) -> None:
    text = path.read_text(encoding="utf-8")

    def one(m: re.Match[str]) -> str:
        command, old = m[1], m[2]
        if "\n$ " in old:
            return m[0]
        lines = run(command, lang).rstrip("\n").split("\n")
        trimmed = old.rstrip("\n").endswith("…")
        if trimmed:
            keep = max(len(old.rstrip("\n").split("\n")) - 1, 22)
            lines = [*lines[:keep], "…"]
        lines = [line.rstrip() for line in lines]
        return "```console\n" + command + "\n" + "\n".join(lines) + "\n```"

    path.write_text(BLOCK.sub(one, text), encoding="utf-8")


if __name__ == "__main__":
    refresh(REPO / "docs" / "zh" / "guide.md", "zh")
    refresh(REPO / "docs" / "en" / "guide.md", "en")

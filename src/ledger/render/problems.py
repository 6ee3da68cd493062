"""Problems as text (``PATH:LINE:COL: error[CODE]: message``), JSON, GitHub annotations or a
GitLab Code Quality report."""

from __future__ import annotations

from collections.abc import Callable

from ledger.i18n import t
from ledger.problems import Problem, count
from ledger.render.jsonout import dumps


def _where(p: Problem) -> str:
    if p.line is None:
        return p.path
    return f"{p.path}:{p.line}:{p.column or 1}"


_COLORS = {"error": "1;31", "warning": "1;33"}


def text(problems: list[Problem], lang: str, files: int, color: bool = False) -> str:
    lines = []
    for p in problems:
        level: str = p.level
        if color:
            level = f"\x1b[{_COLORS[level]}m{level}\x1b[0m"
        lines.append(f"{_where(p)}: {level}[{p.code}]: {p.message(lang)}")
    errors, warnings = count(problems)
    if errors or warnings:
        lines.append(t("summary", lang, files=files, errors=errors, warnings=warnings))
    else:
        lines.append(t("summary_ok", lang, files=files))
    return "\n".join(lines) + "\n"


def as_json(problems: list[Problem], lang: str, files: int, color: bool = False) -> str:
    errors, warnings = count(problems)
    doc = {
        "errors": errors,
        "warnings": warnings,
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "severity": p.level,
                "code": p.code,
                "message": p.message(lang),
            }
            for p in problems
        ],
    }
    return dumps(doc)


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(problems: list[Problem], lang: str, files: int, color: bool = False) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    lines = []
    for p in problems:
        props = [f"file={_escape(p.path, True)}"]
        if p.line is not None:
            props += [f"line={p.line}", f"col={p.column or 1}"]
        props.append(f"title={_escape(f'ledger {p.code}', True)}")
        lines.append(f"::{p.level} {','.join(props)}::{_escape(p.message(lang))}")
    errors, warnings = count(problems)
    lines.append(t("summary", lang, files=files, errors=errors, warnings=warnings))
    return "\n".join(lines) + "\n"


def fingerprints(problems: list[Problem]) -> list[str]:
    """One fingerprint per problem, for GitLab to tell a new problem from one it has seen.

    The sha256 of the path, the code, the message's arguments (in English, without ``first``,
    a line number) and an occurrence counter among the problems that share all three. Neither
    the line nor the column is in it, so an edit above a problem does not make it "new"; the
    counter keeps two identical problems in one file apart, and does not depend on the language.
    """
    from hashlib import sha256

    from ledger.i18n import word

    seen: dict[str, int] = {}
    out = []
    for p in problems:
        args = "\x1f".join(
            f"{k}={word(v, 'en')}" for k, v in sorted(p.args.items()) if k != "first"
        )
        base = "\x00".join((p.path, p.code, args))
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append(sha256(f"{base}\x00{n}".encode()).hexdigest())
    return out


def gitlab(problems: list[Problem], lang: str, files: int, color: bool = False) -> str:
    """A GitLab Code Quality report: a JSON array that a merge request shows on each line."""
    return dumps(
        [
            {
                "description": p.message(lang),
                "check_name": p.code,
                "fingerprint": fingerprint,
                "severity": "major" if p.level == "error" else "minor",
                "location": {"path": p.path, "lines": {"begin": p.line or 1}},
            }
            for p, fingerprint in zip(problems, fingerprints(problems), strict=True)
        ]
    )


PROBLEM_FORMATS: dict[str, Callable[[list[Problem], str, int, bool], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
    "gitlab": gitlab,
}

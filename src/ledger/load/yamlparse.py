"""YAML text to plain data, safely, and the node tree for positions when a file has problems.

``parse`` is the one function the rest of the tool calls to read YAML: keep it that way, so a
faster parser can take the happy path later. It builds the data straight from the events of
PyYAML's C parser (no node graph, no generic constructor: several times faster than
``yaml.load``), resolving plain scalars by YAML 1.1's rules exactly as PyYAML does, and on the way:

- reports a key written twice in one mapping (PyYAML silently keeps the last),
- drops ``x-`` keys (the user's own, ignored everywhere) without building their values,
- reports merge keys (``<<``), anchors, aliases and tags: an alias bomb is never expanded and
  ``!!python/...`` never constructed,
- keeps a date that is not a real ISO date as text, so the schema can say what is wrong with it
  (PyYAML raises a bare ``ValueError`` without a position).

- reports a control character that a double-quoted escape (``"\\e"``, ``"\\x07"``) puts in a
  text (S013; raw ones are found before parsing, in ``ledger.load.text``),
- reports a number field written as YAML 1.1 reads an octal (``062`` is 50) or a sexagesimal
  number (``1:30`` is 90) (S014): nobody means those.

Positions are not kept for the data: ``compose`` and ``find`` give them for the files that have
problems. Lines are counted by LF only, as git counts them: PyYAML also breaks lines at a lone CR,
U+0085, U+2028 and U+2029, so its marks are corrected from their index when the text holds one
(``position``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from ledger.i18n import words
from ledger.load import fastyaml
from ledger.load.text import line_column
from ledger.problems import Problem
from ledger.visible import CONTROL


@dataclass
class Parsed:
    data: Any = None
    problems: list[Problem] = field(default_factory=list)


_STR = "tag:yaml.org,2002:str"
_RESOLVERS = Resolver.yaml_implicit_resolvers


class _Scalars(SafeConstructor):
    """PyYAML's own constructors for the few plain scalars that are not text (numbers,
    yes/no, null), so values read exactly as PyYAML reads them."""

    def timestamp(self, node: ScalarNode) -> Any:
        text = node.value
        if len(text) == 10:
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
        return text  # not a real ISO date: the schema says what is wrong with it

    def integer(self, node: ScalarNode) -> Any:
        try:
            return self.construct_yaml_int(node)
        except ValueError:  # `0x_` looks like a number to the resolver but is none: text
            return node.value


_SCALARS = _Scalars()
_CONSTRUCT = {
    "tag:yaml.org,2002:bool": _SCALARS.construct_yaml_bool,
    "tag:yaml.org,2002:int": _SCALARS.integer,
    "tag:yaml.org,2002:float": _SCALARS.construct_yaml_float,
    "tag:yaml.org,2002:null": _SCALARS.construct_yaml_null,
    "tag:yaml.org,2002:timestamp": _SCALARS.timestamp,
}


def _plain(value: str) -> Any:
    """A plain scalar's value, resolved by YAML 1.1's rules as PyYAML does."""
    for tag, regexp in _RESOLVERS.get(value[:1], ()):
        if regexp.match(value):
            construct = _CONSTRUCT.get(tag)
            if construct is None:  # `<<` (merge) and `=` (value): plain text here
                return value
            return construct(ScalarNode(tag, value))
    return value


_NO_KEY: Any = object()

# PyYAML starts a line at these where git does not (a CR alone, NEL, LS, PS)
_OTHER_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
# The number fields of a ledger, and YAML 1.1's number forms that nobody means in them
_NUMBER_KEYS = frozenset({"percent", "order"})
_OCTAL = re.compile(r"[-+]?0[0-7_]+")


@lru_cache(maxsize=4)
def _exact(text: str) -> bool:
    """Whether PyYAML's lines are git's in this text: looked at once per text, not once for
    each of its problems."""
    return _OTHER_BREAKS.search(text) is None


def position(text: str, mark: Any, exact: bool | None = None) -> tuple[int, int]:
    """The 1-based line and column of a PyYAML mark, lines counted by LF only. ``exact``: whether
    the text is known to hold no other line break (then the mark's own line is right)."""
    if exact is None:
        exact = _exact(text)
    if exact:
        return mark.line + 1, mark.column + 1
    return line_column(text, mark.index)


def _surprise(raw: str, value: Any) -> dict[str, object] | None:
    """Why a plain number reads as something other than it looks, or None."""
    if ":" in raw:
        return {"why": words("why.base60")}
    if _OCTAL.fullmatch(raw) and value != 0:
        return {"why": words("why.octal")}
    return None


def parse(text: str, path: str) -> Parsed:
    """Parse one YAML document into plain data; every problem found is returned, never raised.

    The data is built straight from the C parser's events: this skips PyYAML's node graph and
    generic constructor, which is what costs most in ``yaml.load``. Anchors, aliases and tags
    are problems found on the way, so nothing they could expand or run is ever built. The loop
    is written flat, with the open mapping's state in local variables: it runs for every value
    of every file.

    Most ledger files are plain block YAML: ``fastyaml.read`` reads those line by line, about
    twice as fast, and leaves every file it cannot decide on its own to the loop below.
    """
    fast = fastyaml.read(text, _plain)
    if fast is not None:
        return Parsed(fast, [])
    return parse_events(text, path)


def parse_events(text: str, path: str) -> Parsed:
    """``parse`` by PyYAML's events alone (the fast path's reference in the tests)."""
    problems: list[Problem] = []
    exact = _exact(text)

    def report(code: str, mark: Any, args: dict[str, object]) -> None:
        line, column = position(text, mark, exact)
        problems.append(Problem(path, code, args, line=line, column=column))

    # the innermost open collection: container, is it a mapping, its pending key, whether that
    # key's value is dropped (x- keys), the line of each key, the mark of the pending key
    stack: list[tuple[Any, bool, Any, bool, dict[Any, int], Any]] = []
    container: Any = None
    is_map = False
    key: Any = _NO_KEY
    skip = False
    first_line: dict[Any, int] = {}
    key_mark: Any = None
    root: Any = None
    skipping = 0  # depth inside a dropped value
    documents = 0

    parser = CParser(text)
    get_event: Any = parser.get_event  # typed loosely: each event kind has its own fields
    event: Any
    try:
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    _check_node_event(event, report)
                if skipping:
                    continue
                value: Any = event.value
                if event.style == '"' and (bad := CONTROL.search(value)) is not None:
                    report("S013", event.start_mark, {"char": f"U+{ord(bad.group()):04X}"})
                if is_map and key is _NO_KEY:
                    # every key of a ledger is text: `yes:` is the key "yes", `1:` the key "1"
                    key_mark = event.start_mark
                    seen = first_line.get(value)
                    if seen is not None:
                        report("Y003", key_mark, {"key": value, "first": seen})
                    first_line[value] = position(text, key_mark, exact)[0]
                    key = value
                    skip = value.startswith("x-")
                    if value == "<<" and event.implicit[0]:
                        report("Y006", key_mark, {})
                        skip = True  # reported once; its value is not read
                    continue
                if event.implicit[0]:
                    value = _plain(value) if value else None  # `key:` alone is null
                    if (
                        type(value) in (int, float)
                        and is_map
                        and key in _NUMBER_KEYS
                        and (why := _surprise(event.value, value)) is not None
                    ):
                        args = {"raw": event.value, "value": value, **why}
                        report("S014", event.start_mark, args)
                if container is None:
                    root = value
                elif is_map:
                    if not skip:
                        container[key] = value
                    key = _NO_KEY
                else:
                    container.append(value)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    _check_node_event(event, report)
                if skipping or (is_map and skip and key is not _NO_KEY):
                    skipping += 1
                    continue
                if is_map and key is _NO_KEY:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        None,
                        "found a key that is not text",
                        event.start_mark,
                    )
                stack.append((container, is_map, key, skip, first_line, key_mark))
                is_map = kind is MappingStartEvent
                container = {} if is_map else []
                key, skip, first_line = _NO_KEY, False, {}
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                if skipping:
                    skipping -= 1
                    if skipping == 0:
                        key = _NO_KEY
                    continue
                done = container
                container, is_map, key, skip, first_line, key_mark = stack.pop()
                if container is None:
                    root = done
                elif is_map:
                    if not skip:
                        container[key] = done
                    key = _NO_KEY
                else:
                    container.append(done)
            elif kind is AliasEvent:
                report("Y004", event.start_mark, {"name": event.anchor})
                if skipping:
                    continue
                if container is None:
                    root = None
                elif is_map:
                    key = _NO_KEY
                else:
                    container.append(None)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    second = _one_document(text, event.start_mark, path)
                    return Parsed(None, [*problems, second])
    except yaml.MarkedYAMLError as exc:
        return Parsed(None, [*problems, syntax_problem(exc, text, path)])
    except yaml.YAMLError as exc:
        return Parsed(None, [*problems, Problem(path, "Y001", {"problem": str(exc)})])
    finally:
        parser.dispose()
    if any(p.code in ("Y004", "Y005") for p in problems):
        return Parsed(None, _first_of_each_anchor(problems))
    return Parsed(root, problems)


def _check_node_event(event: Any, report: Any) -> None:
    if event.anchor is not None:
        report("Y004", event.start_mark, {"name": event.anchor})
    if event.tag is not None:
        report("Y005", event.start_mark, {"tag": event.tag.replace("tag:yaml.org,2002:", "!!")})


def _first_of_each_anchor(problems: list[Problem]) -> list[Problem]:
    """An alias bomb names a few anchors a thousand times: report each name once."""
    seen: set[object] = set()
    out = []
    for p in problems:
        if p.code == "Y004":
            if p.args["name"] in seen:
                continue
            seen.add(p.args["name"])
        out.append(p)
    return out


def _one_document(text: str, mark: Any, path: str) -> Problem:
    args = _problem_args("a second document (---): a ledger file holds one")
    line, column = position(text, mark)
    return Problem(path, "Y001", args, line=line, column=column)


# The parser's messages, in Chinese for the clerk; the English stays for the rest.
# PyYAML's common explanations, worded by the i18n tables (yaml.<key>); others stay as they are
_PROBLEMS = {
    "mapping values are not allowed in this context": "mapping_values",
    "could not find expected ':'": "expected_colon",
    "found character that cannot start any token": "cannot_start",
    "did not find expected key": "expected_key",
    "did not find expected '-' indicator": "expected_dash",
    "found unexpected end of stream": "end_of_stream",
    "found unknown escape character": "unknown_escape",
    "did not find expected ',' or ']'": "open_bracket",
    "did not find expected ',' or '}'": "open_brace",
    "block sequence entries are not allowed in this context": "dash_here",
    "found a key that is not text": "key_not_text",
    "found an unhashable key": "unhashable_key",
    "a second document (---): a ledger file holds one": "second_document",
}


def _problem_args(problem: str) -> dict[str, object]:
    key = _PROBLEMS.get(problem)
    if key is not None:
        return {"problem": words(f"yaml.{key}")}
    if problem.startswith("expected <block end>, but found "):
        token = problem.removeprefix("expected <block end>, but found ")
        return {"problem": words("yaml.block_end", token=token)}
    return {"problem": words("yaml.raw", text=problem)}


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if mark is None:
        return Problem(path, "Y001", _problem_args(problem))
    line, column = position(text, mark)
    at = text[mark.index : mark.index + 1]
    if at == "\t" or "tab" in problem:
        return Problem(path, "Y002", {}, line=line, column=column)
    found = _culprit(exc, text, line - 1)
    if found is not None:
        where, col, what = found
        args = {"problem": words(f"yaml.{what}")}
        return Problem(path, "Y001", args, line=where + 1, column=col + 1)
    return Problem(path, "Y001", _problem_args(problem), line=line, column=column)


# The usual culprits of a syntax error in a file typed on a Chinese keyboard (worded by the i18n
# tables, yaml.<culprit>); PyYAML reports the error where it gave up, often a line later.
_FULLWIDTH_COLON = re.compile(r"^[ \u3000]*(?:-[ \u3000]+)?[A-Za-z0-9_\-]+[ \u3000]*(：)")
_FULLWIDTH_SPACE = re.compile(r"^[ -]*(\u3000)")
_COLON_NO_SPACE = re.compile(r"^\s*(?:-\s+)?[A-Za-z0-9_\-]+(:)(?=[^\s/:])")
_DASH_NO_SPACE = re.compile(r"^\s*(-)(?=[^\s\-])")


def _culprit(exc: yaml.MarkedYAMLError, text: str, line: int) -> tuple[int, int, str] | None:
    """(line, column, culprit) of the likely cause of a syntax error, 0-based, lines counted by
    LF; None if none."""
    lines = text.split("\n")
    context = exc.context_mark
    if context is not None:
        at_line, at_column = position(text, context)
        at_line, at_column = at_line - 1, at_column - 1
    if exc.context and "quoted scalar" in exc.context and context is not None:
        return at_line, at_column, "quote"
    candidates = [n for n in (line, line - 1, line - 2) if 0 <= n < len(lines)]
    if context is not None and at_line not in candidates and at_line < len(lines):
        candidates.append(at_line)
    for n in candidates:
        text = lines[n]
        m = _FULLWIDTH_COLON.match(text)
        if m is not None:
            return n, m.start(1), "fullwidth_colon"
        m = _FULLWIDTH_SPACE.match(text)
        if m is not None:
            return n, m.start(1), "fullwidth_space"
        m = _COLON_NO_SPACE.match(text)
        if m is not None:
            return n, m.start(1), "colon_space"
        m = _DASH_NO_SPACE.match(text)
        if m is not None:
            return n, m.start(1), "dash_space"
    return None


def compose(text: str) -> Node | None:
    """The node tree with positions; only called for a file that has problems."""
    try:
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None


def find(
    tree: Node | None, loc: tuple[str | int, ...], at: str = "value", exact: bool = False
) -> Node | None:
    """The node at a key path: the key's node when ``at`` is "key", else its value's.

    A path that leaves the tree (a missing key) ends at the deepest mapping on the way, which is
    where a clerk would add the key; with ``exact`` it gives None instead (what an edit needs).
    The one walker of key paths: positions of problems and the edits' splices both use it.
    """
    node = tree
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, MappingNode) and not (exact and isinstance(part, int)):
            match = None
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                    match = (key_node, value_node)  # the last of equal keys, as PyYAML keeps
            if match is None:
                return None if exact else node
            node = match[0] if (last and at == "key") else match[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return None if exact else node
    return node

"""YAML text to plain data, safely, and the node tree for positions when a file has problems.

``parse`` is the one function the rest of the tool calls to read YAML: keep it that way, so a
faster parser can take the happy path later. The happy path is PyYAML's C parser with a
constructor that also:

- reports a key written twice in one mapping (PyYAML silently keeps the last),
- drops ``x-`` keys (the user's own, ignored everywhere) without constructing their values,
- reports merge keys (``<<``),
- keeps a date that is not a real ISO date as text, so the schema can say what is wrong with it
  (PyYAML raises a bare ``ValueError`` without a position).

Anchors, aliases and tags are rejected before anything constructs the data: a text that holds
none of ``& * ! <<`` cannot contain them, so only such texts pay for the event scan. An alias bomb
is therefore never expanded, and ``!!python/...`` is never executed (the safe loader would refuse
it anyway).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from ledger.problems import Problem

_MERGE = "tag:yaml.org,2002:merge"


@dataclass
class Parsed:
    data: Any = None
    problems: list[Problem] = field(default_factory=list)


class _Constructor(SafeConstructor):
    path: str
    problems: list[Problem]

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):
            raise ConstructorError(
                None, None, f"expected a mapping node, but found {node.id}", node.start_mark
            )
        mapping: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._problem("Y006", key_node, {})
                continue
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str) and isinstance(key_node, ScalarNode):
                key = key_node.value  # every key of a ledger is text: `yes:` is the key "yes"
            try:
                seen = first_line.get(key)
            except TypeError:
                raise ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "found an unhashable key",
                    key_node.start_mark,
                ) from None
            if seen is not None:
                self._problem("Y003", key_node, {"key": key, "first": seen})
            first_line[key] = key_node.start_mark.line + 1
            if isinstance(key, str) and key.startswith("x-"):
                continue
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_timestamp(self, node: ScalarNode, values: Any = None) -> Any:
        text = node.value
        if len(text) == 10:
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
        return text  # the schema explains why this is not a date

    def _problem(self, code: str, node: Node, args: dict[str, object]) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.path, code, args, line=mark.line + 1, column=mark.column + 1)
        )

    def construct_yaml_int(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # `0x_` looks like a number to the resolver but is none: text
            return node.value


_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:int", _Constructor.construct_yaml_int
)
_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp
)


class _Loader(CParser, _Constructor, Resolver):
    def __init__(self, text: str, path: str) -> None:
        CParser.__init__(self, text)
        _Constructor.__init__(self)
        Resolver.__init__(self)
        self.path = path
        self.problems = []


def parse(text: str, path: str) -> Parsed:
    """Parse one YAML document; every problem found is returned, never raised."""
    if "&" in text or "*" in text or "!" in text or "<<" in text:
        unsafe = _scan_events(text, path)
        if unsafe:
            return Parsed(None, unsafe)
    loader = _Loader(text, path)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        return Parsed(None, [*loader.problems, syntax_problem(exc, text, path)])
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as exc:
        return Parsed(None, [*loader.problems, Problem(path, "Y001", {"problem": str(exc)})])
    finally:
        loader.dispose()
    return Parsed(data, loader.problems)


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if mark is None:
        return Problem(path, "Y001", {"problem": problem})
    line, column = mark.line, mark.column
    lines = text.splitlines()
    at = lines[line][column : column + 1] if line < len(lines) else ""
    if at == "\t" or "tab" in problem:
        return Problem(path, "Y002", {}, line=line + 1, column=column + 1)
    return Problem(path, "Y001", {"problem": problem}, line=line + 1, column=column + 1)


def _scan_events(text: str, path: str) -> list[Problem]:
    """Anchors, aliases and tags, each reported once, found without building anything."""
    problems: list[Problem] = []
    anchors: set[str] = set()
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
            anchor = getattr(event, "anchor", None)
            if anchor is not None and anchor not in anchors:
                anchors.add(anchor)
                problems.append(Problem(path, "Y004", {"name": anchor}, line=line, column=column))
            tag = getattr(event, "tag", None)
            if tag is not None:
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                problems.append(Problem(path, "Y005", {"tag": shown}, line=line, column=column))
    except yaml.YAMLError:
        pass  # the full parse reports syntax errors with their position
    return problems


def compose(text: str) -> Node | None:
    """The node tree with positions; only called for a file that has problems."""
    try:
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None


def find(tree: Node | None, loc: tuple[str | int, ...], at: str = "value") -> Node | None:
    """The node at a key path: the key's node when ``at`` is "key", else its value's.

    A path that leaves the tree (a missing key) ends at the deepest mapping on the way, which is
    where a clerk would add the key.
    """
    node = tree
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, MappingNode):
            match = None
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                    match = (key_node, value_node)  # the last of equal keys, as PyYAML keeps
            if match is None:
                return node
            node = match[0] if (last and at == "key") else match[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node

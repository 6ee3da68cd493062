"""The fast path of ``yamlparse.parse``: the block YAML a clerk writes, read line by line.

Ledger files are block mappings and sequences of one-line scalars, with comments, and the odd
one-line flow sequence of plain scalars (a visit's ``units: [huade, jining]``). This reader
handles exactly that subset and nothing else: it returns the data when every line of the file is
of a form it knows, and ``None`` ("not decided here") as soon as one is not, so that PyYAML reads
the file instead. It never reports a problem: anything that could be one (a tab, a duplicate key,
any other flow collection, a block or multi-line scalar, an anchor, alias or tag, a document
marker, a quoted scalar with escapes, odd indentation, a control character, a line break YAML
knows but Python does not split on) is left to PyYAML, which gives every problem its line and
column.

Plain scalars are resolved by the same function as PyYAML's path (``yamlparse._plain``, YAML 1.1:
``no`` is false, ``0012`` is 10), so both paths give the same data; ``tests/load/test_fastyaml.py``
checks that on generated ledgers, on random YAML and on damaged files.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

from yaml.resolver import Resolver

# A file holding anything but these characters is read by PyYAML: tabs, carriage returns not
# followed by a line feed, NEL/LS/PS (line breaks to YAML 1.1), byte-order marks, control
# characters, surrogates.
_UNUSUAL = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# `key: value`, `key:` (the value on the next lines), `key: # comment`; keys are written plain
_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_-]*|x-[^\s:#'\"\[\]{},&*!|>%@`]+):(?: +(.*))?$")
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: +#.*| *)$")
_DOUBLE = re.compile(r'"([^"\\]*)"(?: +#.*| *)$')
_EMPTY = re.compile(r"(?:\[\]|\{\})(?: +#.*| *)$")
# a one-line flow sequence whose items can only be plain scalars: no nested collection, no
# quotes, no comment mark and no other indicator inside the brackets
_FLOW = re.compile(r"\[([^\[\]{}'\"#&*!|>%@`?:]*)\](?: +#.*| *)$")
# first characters of a value this reader leaves to PyYAML: flow collections, block scalars,
# anchors, aliases, tags, reserved and other indicators
_INDICATORS = frozenset("[]{}|>&*!%@`,?:-#")

_UNDECIDED = object()
_intern = sys.intern
_OCTAL_STARTS = frozenset(f"0{c}" for c in "0123456789_")
_NUMBER_KEYS = frozenset({"percent", "order"})


def _surprising(rest: str) -> bool:
    """Whether a number may be one of YAML 1.1's octal or base-60 forms (a superset of
    ``yamlparse._surprise``'s, which decides): ``062``, ``+0_62``, ``1:30``. The sign counts for
    nothing: ``+060`` is octal 48 as ``060`` is."""
    if rest[0] in "+-":
        rest = rest[1:]
    return ":" in rest or rest[:2] in _OCTAL_STARTS


# the first characters of plain scalars YAML 1.1 may read as something other than text
_RESOLVED = frozenset(Resolver.yaml_implicit_resolvers)
# plain scalars already resolved (dates, numbers, yes/no recur across files): immutable values,
# for each resolving function
_MEMOS: dict[Callable[[str], Any], dict[str, Any]] = {}


class _Undecided(Exception):
    pass


def read(text: str, plain: Callable[[str], Any]) -> dict[str, Any] | None:
    """The file's top-level mapping, or None when PyYAML must decide."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _UNUSUAL.search(text) is not None:
        return None
    try:
        return _read(text.split("\n"), plain)
    except _Undecided:
        return None


def _scalar(rest: str, plain: Callable[[str], Any], memo: dict[str, Any]) -> Any:
    """The value written after `key: ` or `- ` (no leading spaces), or _UNDECIDED for none
    (the value is on the following lines)."""
    first = rest[0]
    if first == "'":
        m = _SINGLE.match(rest)
        if m is None:
            raise _Undecided
        return m[1].replace("''", "'")
    if first == '"':
        m = _DOUBLE.match(rest)
        if m is None:
            raise _Undecided
        return m[1]
    if first == "#":
        return _UNDECIDED
    if first in _INDICATORS:
        if first in "[{" and _EMPTY.match(rest):
            return [] if first == "[" else {}
        if first == "[":
            return _flow(rest, plain, memo)
        raise _Undecided
    cut = rest.find(" #")
    if cut >= 0:
        rest = rest[:cut]
    rest = rest.rstrip(" ")
    if ": " in rest or rest.endswith(":"):
        raise _Undecided
    if rest[0] not in _RESOLVED:
        # text: no implicit type starts with this character; short texts recur (names,
        # measures, summaries copied from unit to unit): one copy of each is kept
        return _intern(rest) if len(rest) <= 24 else rest
    value = memo.get(rest, _UNDECIDED)
    if value is _UNDECIDED:
        if len(memo) > 4096:
            memo.clear()
        value = memo[rest] = plain(rest)
    return value


def _flow(rest: str, plain: Callable[[str], Any], memo: dict[str, Any]) -> list[Any]:
    """``[a, b, c]`` on one line: its items, each a plain scalar read as in a block sequence.
    Anything else in brackets (an empty item, a trailing comma, an item that starts with an
    indicator) is PyYAML's to read."""
    m = _FLOW.match(rest)
    if m is None:
        raise _Undecided
    items: list[Any] = []
    for item in m[1].split(","):
        item = item.strip(" ")
        if not item or item[0] in _INDICATORS:
            raise _Undecided
        items.append(_scalar(item, plain, memo))
    return items


def _read(lines: list[str], plain: Callable[[str], Any]) -> dict[str, Any] | None:
    memo = _MEMOS.get(plain)
    if memo is None:
        memo = _MEMOS[plain] = {}
    root: dict[str, Any] = {}
    # open collections, innermost last: (indent, container, is it a mapping)
    stack: list[tuple[int, Any, bool]] = []
    # a key written without a value on its line: (its mapping, the key, the key's indent)
    pending: tuple[dict[str, Any], str, int] | None = None
    x_keys: dict[int, set[str]] = {}  # the x- keys of each mapping (their values are dropped)
    key_match = _KEY.match
    for line in lines:
        content = line.lstrip(" ")
        if not content or content[0] == "#":
            continue
        indent = len(line) - len(content)
        if pending is not None:
            owner, key, at = pending
            pending = None
            dash = content[:2] == "- "
            if indent > at or (indent == at and dash):
                new: Any = [] if dash else {}
                if key[:2] != "x-":
                    owner[key] = new
                stack.append((indent, new, not dash))
            else:
                if key[:2] != "x-":
                    owner[key] = None
        elif not stack:
            if indent != 0:
                raise _Undecided
            stack.append((0, root, True))
        elif indent > stack[-1][0]:
            raise _Undecided  # a plain scalar continued on the next line, or worse
        while indent < stack[-1][0]:
            stack.pop()
            if not stack:
                raise _Undecided
        top_indent, container, is_map = stack[-1]
        if indent != top_indent:
            raise _Undecided
        if not is_map:
            if content[:2] != "- ":
                if len(stack) > 1 and stack[-2][0] == top_indent and stack[-2][2]:
                    stack.pop()  # a sequence written at its key's indent has ended
                    top_indent, container, is_map = stack[-1]
                else:
                    raise _Undecided
            else:
                rest = content[2:].lstrip(" ")
                if not rest:
                    raise _Undecided
                m = key_match(rest)
                if m is None:
                    value = _scalar(rest, plain, memo)
                    if value is _UNDECIDED:
                        raise _Undecided
                    container.append(value)
                    continue
                mapping: dict[str, Any] = {}
                container.append(mapping)
                indent = top_indent + len(content) - len(rest)
                stack.append((indent, mapping, True))
                container = mapping
                content = rest
        m = key_match(content)
        if m is None:
            raise _Undecided
        key = m[1]
        user = key[:2] == "x-"
        if user:
            seen = x_keys.setdefault(id(container), set())
            if key in seen:
                raise _Undecided
            seen.add(key)
        elif key in container:
            raise _Undecided  # a key written twice: PyYAML says where
        rest = m[2]
        value = _UNDECIDED if not rest else _scalar(rest, plain, memo)
        if value is _UNDECIDED:
            pending = (container, key, indent)
        elif not user:
            if key in _NUMBER_KEYS and type(value) in (int, float) and _surprising(rest):
                raise _Undecided  # YAML 1.1 octal or base 60: the events' path says so (S014)
            container[key] = value
    if pending is not None:
        owner, key, _ = pending
        if key[:2] != "x-":
            owner[key] = None
    if not stack:
        return None  # nothing but comments: PyYAML says the file is empty
    return root

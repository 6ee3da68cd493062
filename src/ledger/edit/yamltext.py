"""Small text splices into a YAML file, at the positions its node tree gives.

Why not a round trip through ruamel.yaml: by default it drops the byte-order mark, mixes line
endings, re-wraps long lines, normalises indentation and quoting and can move comments (see
docs/en/architecture.md). Here every edit is a splice: the new lines are written in the file's
own indentation and line ending, and every byte the edit does not touch stays as it was. The
caller re-parses the result and checks that it holds exactly the data intended.

The unit of work is a ``Splice`` (replace ``text[start:end]`` with ``new``); a ``YamlText``
answers where to put one.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ledger.load.yamlparse import find
from ledger.problems import Loc

_NULL = "tag:yaml.org,2002:null"


class SpliceError(Exception):
    """The file's layout is one these splices do not handle (the message says which)."""


@dataclass(frozen=True)
class Splice:
    start: int
    end: int
    new: str

    def apply(self, text: str) -> str:
        return text[: self.start] + self.new + text[self.end :]


# Characters a YAML stream may not hold raw (YAML 1.1 "printable"), and line breaks YAML knows
# beyond \n and \r: written as escapes inside double quotes.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def scalar(value: object, flow: bool = False) -> str:
    """A scalar as YAML text: plain where YAML reads it back as the same value, else quoted.

    ``flow``: the scalar goes inside ``{...}`` or ``[...]``, where ``,`` and brackets end it.
    """
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        raise TypeError(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if not math.isfinite(value):
            raise ValueError(value)
        mantissa, e, exponent = text.partition("e")
        if e and "." not in mantissa:  # YAML 1.1 reads 1e-05 as text, 1.0e-05 as a number
            text = f"{mantissa}.0e{exponent}"
        return text
    text = str(value)
    if (
        text
        and text == text.strip()
        and "\n" not in text
        and "\t" not in text
        and not _UNPRINTABLE.search(text)
    ):
        probe = f"{{k: {text}}}" if flow else f"k: {text}"
        try:
            if yaml.load(probe, Loader=yaml.CSafeLoader) == {"k": text}:
                return text
        except (yaml.YAMLError, ValueError):  # ValueError: a date-like text (2026-13-01)
            pass
    # a JSON string is a YAML double-quoted scalar; escape what JSON leaves raw but YAML refuses
    return _UNPRINTABLE.sub(_escape, json.dumps(text, ensure_ascii=False))


class YamlText:
    def __init__(self, text: str) -> None:
        self.text = text
        self.newline = "\r\n" if "\r\n" in text else "\n"
        tree = yaml.compose(text, Loader=yaml.CSafeLoader)
        if not isinstance(tree, MappingNode):
            raise SpliceError("the file does not hold a mapping")
        self.tree: MappingNode = tree
        self.seq_offset = self._sequence_offset()

    # -- finding nodes -----------------------------------------------------------------------------

    def get(self, loc: Loc) -> Node | None:
        """The value's node at a key path, or None when the path leaves the tree."""
        return find(self.tree, loc, exact=True)

    @staticmethod
    def key_of(mapping: MappingNode, key: str) -> Node | None:
        found = None
        for k, _ in mapping.value:
            if isinstance(k, ScalarNode) and k.value == key:
                found = k
        return found

    @staticmethod
    def value_of(mapping: MappingNode, key: str) -> Node | None:
        found = None
        for k, v in mapping.value:
            if isinstance(k, ScalarNode) and k.value == key:
                found = v
        return found

    # -- positions --------------------------------------------------------------------------------

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def after_line(self, index: int) -> int:
        """The index just after the line break of the line holding ``index``."""
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end + 1

    def last_index(self, node: Node) -> int:
        """The index of the last character that belongs to the node's own text."""
        while isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
            last = node.value[-1]
            node = last[1] if isinstance(node, MappingNode) else last
        end: int = node.end_mark.index
        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            end -= 1  # a block scalar ends after its line break
        return max(end - 1, node.start_mark.index)

    def dash_column(self, item: Node) -> int:
        """The column of the ``-`` that starts a block sequence item."""
        start = item.start_mark.index
        dash = self.text.rfind("-", self.line_start(start), start)
        if dash < 0:  # the item's node starts on a line after its dash
            dash = self.text.rfind("-", 0, start)
        return dash - self.line_start(dash)

    def _sequence_offset(self) -> int:
        """How far this file indents a block sequence under its key (0 for ``key:\\n- a``)."""
        stack: list[Node] = [self.tree]
        while stack:
            node = stack.pop()
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if isinstance(v, SequenceNode) and not v.flow_style and v.value:
                        offset: int = self.dash_column(v.value[0]) - k.start_mark.column
                        return max(offset, 0)
                    stack.append(v)
            elif isinstance(node, SequenceNode):
                stack.extend(node.value)
        return 2

    # -- emitting ---------------------------------------------------------------------------------

    def mapping_lines(self, data: dict[str, Any], indent: int) -> list[str]:
        pad = " " * indent
        lines: list[str] = []
        for key, value in data.items():
            if isinstance(value, list):
                if value:
                    lines.append(f"{pad}{key}:")
                    lines += self.sequence_lines(value, indent + self.seq_offset)
                else:
                    lines.append(f"{pad}{key}: []")
            else:
                lines.append(f"{pad}{key}: {scalar(value)}")
        return lines

    def sequence_lines(self, items: list[Any], indent: int) -> list[str]:
        pad = " " * indent
        lines: list[str] = []
        for item in items:
            if isinstance(item, dict):
                inner = self.mapping_lines(item, indent + 2)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines += inner[1:]
            else:
                lines.append(f"{pad}- {scalar(item)}")
        return lines

    def block(self, lines: list[str]) -> str:
        return "".join(line + self.newline for line in lines)

    def _insert_at_line(self, index: int) -> tuple[int, str]:
        """Where new lines go after the line holding ``index``; a file without a final line
        break gets one first."""
        at = self.after_line(index)
        prefix = self.newline if at == len(self.text) and not self.text.endswith("\n") else ""
        return at, prefix

    # -- edits ------------------------------------------------------------------------------------

    def append_item(
        self,
        seq_loc: Loc,
        item: dict[str, Any],
        before: int | None = None,
        order: list[str] | None = None,
    ) -> Splice:
        """Add a mapping to the list at ``seq_loc`` (a key of a mapping: the list may be
        missing, empty or null), at the end or before entry ``before``."""
        owner = self.get(seq_loc[:-1])
        key = seq_loc[-1]
        if not isinstance(owner, MappingNode) or not isinstance(key, str):
            raise SpliceError(f"no mapping at {seq_loc[:-1]}")
        seq = self.value_of(owner, key)
        if isinstance(seq, SequenceNode) and seq.value:
            if seq.flow_style:
                raise SpliceError(f"`{key}` is a flow list ([...]): write it as a block list")
            dash = self.dash_column(seq.value[0])
            lines = self.sequence_lines([item], dash)
            if before is None or before >= len(seq.value):
                at, prefix = self._insert_at_line(self.last_index(seq.value[-1]))
            elif before == 0:
                at, prefix = self.line_start(seq.value[0].start_mark.index), ""
            else:
                at, prefix = self._insert_at_line(self.last_index(seq.value[before - 1]))
            return Splice(at, at, prefix + self.block(lines))
        return self.set_key(seq_loc[:-1], key, [item], order=order)

    def replace_item(self, seq_loc: Loc, index: int, item: dict[str, Any]) -> Splice:
        seq = self.get(seq_loc)
        if not isinstance(seq, SequenceNode) or seq.flow_style or index >= len(seq.value):
            raise SpliceError(f"no block list entry at {(*seq_loc, index)}")
        node = seq.value[index]
        dash = self.dash_column(node)
        start = self.line_start(node.start_mark.index)
        end = self.after_line(self.last_index(node))
        text = self.block(self.sequence_lines([item], dash))
        if end == len(self.text) and not self.text.endswith("\n"):
            text = text[: -len(self.newline)]
        return Splice(start, end, text)

    def set_key(self, map_loc: Loc, key: str, value: Any, order: list[str] | None = None) -> Splice:
        """Set ``key`` in the mapping at ``map_loc`` to a scalar or a list: its value is
        replaced if it is there, else the key is added before the first key that ``order``
        puts after it (or at the end)."""
        mapping = self.get(map_loc)
        if not isinstance(mapping, MappingNode):
            raise SpliceError(f"no mapping at {map_loc}")
        key_node = self.key_of(mapping, key)
        old = self.value_of(mapping, key)
        if mapping.flow_style:
            if key_node is not None or isinstance(value, list):
                raise SpliceError(f"`{key}` is in a flow mapping ({{...}}): write it as a block")
            close = self.text.rfind("}", 0, mapping.end_mark.index)
            sep = ", " if mapping.value else ""
            return Splice(close, close, f"{sep}{key}: {scalar(value, flow=True)}")
        if key_node is not None and old is not None:
            if not isinstance(value, list):
                if not isinstance(old, ScalarNode) or old.style in ("|", ">"):
                    raise SpliceError(f"`{key}` holds more than one value")
                if old.start_mark.index == old.end_mark.index:  # `key:` with nothing
                    return Splice(old.start_mark.index, old.end_mark.index, f" {scalar(value)}")
                return Splice(old.start_mark.index, old.end_mark.index, scalar(value))
            empty = (isinstance(old, SequenceNode) and not old.value) or old.tag == _NULL
            if not empty:
                raise SpliceError(f"`{key}` already holds entries")
            column = key_node.start_mark.column
            lines = self.block(self.sequence_lines(value, column + self.seq_offset))
            colon = self.text.index(":", key_node.end_mark.index)
            # `key: []`, `key: ~` or `key:`: keep the line and any comment on it, drop the value
            line_end = self.after_line(max(old.end_mark.index - 1, colon))
            rest = self.text[max(old.end_mark.index, colon + 1) : line_end]
            if not rest.endswith("\n"):
                rest += self.newline
            return Splice(colon + 1, line_end, rest + lines)
        column = mapping.value[0][0].start_mark.column if mapping.value else 0
        new_lines = self.mapping_lines({key: value}, column)
        later = [k for k, _ in mapping.value if order and _after(order, key, k.value)]
        if later and later[0] is not mapping.value[0][0]:
            at, prefix = self.line_start(later[0].start_mark.index), ""
        else:
            at, prefix = self._insert_at_line(self.last_index(mapping))
        return Splice(at, at, prefix + self.block(new_lines))


def _after(order: list[str], key: str, other: object) -> bool:
    """Whether ``other`` comes after ``key`` in the canonical key order."""
    if not isinstance(other, str) or other not in order or key not in order:
        return False
    return order.index(other) > order.index(key)

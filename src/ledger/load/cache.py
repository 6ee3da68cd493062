"""The per-file cache in ``<ledger>/.ledger-cache/``: what reading one file gave, by its bytes.

An entry holds what ``ledger.load.ledger.read_part`` made of one file — its models and its own
problems (encoding, YAML, schema), which depend on nothing but the file's path and bytes. Checks
that depend on the day T, the settings or other files run every time on the cached pieces, so a
cached answer is always the answer.

- **Key**: sha256 of the tool's fingerprint (its version, this format and the source of every
  module that decides what a file reads as), the kind of file, its path and its bytes. Never the
  modification time: a change of the same size with the old time restored is a new key.
- **Entry**: one file ``<key>.json``: a header line ``ledger-cache <format> <key> <sha256 of the
  body>`` and the body, JSON of plain data (dates and other values tagged, never pickled: the
  folder may be writable by others, and reading an entry can run no code). An entry that does
  not read back exactly (truncated, corrupted, foreign, of another version) is ignored and made
  again; a body that fails the models' validation is ignored too.
- **Writing**: a temporary file in the folder, then ``os.replace``: two commands at once each
  see a whole entry or none.
- **No cache**: when the folder cannot be made or written (a read-only ledger, ``.ledger-cache``
  being a file), the commands run without one, silently.

The folder ignores itself in git with a ``.gitignore`` holding ``*`` (as ruff's cache does).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

FOLDER = ".ledger-cache"
FORMAT = "1"
_MAGIC = b"ledger-cache"
# the modules whose code decides what one file reads as (problems, models, messages' arguments)
_SOURCES = (
    "__init__.py",
    "model.py",
    "codes.py",
    "problems.py",
    "hints.py",
    "visible.py",
    "load/cache.py",
    "load/fastyaml.py",
    "load/ledger.py",
    "load/schema.py",
    "load/text.py",
    "load/yamlparse.py",
    "visible.py",
)
_fingerprint: bytes | None = None


def fingerprint() -> bytes:
    """The tool's version, the cache format and a hash of the code behind a file's reading: an
    edited checkout or a new release never reads an older tool's entries."""
    global _fingerprint
    if _fingerprint is None:
        from ledger import __version__

        h = hashlib.sha256(f"ledger {__version__} cache {FORMAT}\n".encode())
        package = Path(__file__).resolve().parent.parent
        for name in _SOURCES:
            try:
                h.update((package / name).read_bytes())
            except OSError:
                h.update(b"?" + name.encode())
        _fingerprint = h.digest()
    return _fingerprint


def folder(root: Path, create: bool) -> Path | None:
    """``<root>/.ledger-cache``, made with its ``.gitignore`` when ``create``; None when it is
    not a folder (cannot be made, or is something else)."""
    where = root / FOLDER
    if where.is_symlink():  # a link would make the tool write outside the ledger
        return None
    if where.is_dir():
        return where
    if not create or where.exists():
        return None
    try:
        where.mkdir()
    except FileExistsError:
        return where if where.is_dir() else None  # another command made it meanwhile
    except OSError:
        return None
    with contextlib.suppress(OSError):
        (where / ".gitignore").write_text("*\n", encoding="utf-8")
    return where


@dataclass
class Cache:
    """Entries of one ledger's cache; ``enabled=False`` (``--no-cache``) reads and writes none."""

    root: Path
    enabled: bool = True
    _where: Path | None = None
    _opened: bool = False
    used: set[str] = field(default_factory=set)
    written: int = 0

    def key(self, kind: str, rel: str, raw: bytes) -> str:
        h = hashlib.sha256(fingerprint())
        h.update(f"\0{kind}\0{rel}\0".encode())
        h.update(raw)
        return h.hexdigest()

    def _folder(self, create: bool) -> Path | None:
        if not self.enabled:
            return None
        if self._where is None and (create or not self._opened):
            self._where = folder(self.root, create)
            self._opened = self._where is not None or create
        return self._where

    def get(self, key: str) -> Any:
        """The body stored under ``key``, or None."""
        where = self._folder(create=False)
        if where is None:
            return None
        self.used.add(key)
        try:
            with open(where / f"{key}.json", "rb") as f:
                data = f.read()
        except OSError:
            return None
        return _unpack(data, key)

    def put(self, key: str, body: Any) -> None:
        where = self._folder(create=True)
        if where is None:
            return
        self.used.add(key)
        data = _pack(body, key)
        if data is None:
            return
        try:
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=where)
        except OSError:
            self.enabled = False  # a folder we cannot write to: carry on without
            return
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, where / f"{key}.json")
            self.written += 1
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def prune(self) -> None:
        """After reading a whole ledger: when the folder holds many more entries than the ledger
        has files (old versions of edited files), remove the entries this run did not use."""
        where = self._where
        if where is None or not self.written:
            return
        try:
            names = os.listdir(where)
        except OSError:
            return
        if len(names) <= 2 * len(self.used) + 64:
            return
        for name in names:
            if name.endswith(".json") and name[:-5] not in self.used:
                with contextlib.suppress(OSError):
                    os.unlink(where / name)


def _pack(body: Any, key: str) -> bytes | None:
    try:
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=True)
    except (TypeError, ValueError):
        return None
    payload = text.encode("utf-8")
    digest = hashlib.sha256(payload).hexdigest()
    return b"%s %s %s %s\n" % (_MAGIC, FORMAT.encode(), key.encode(), digest.encode()) + payload


def _unpack(data: bytes, key: str) -> Any:
    head, _, payload = data.partition(b"\n")
    parts = head.split(b" ")
    if len(parts) != 4 or parts[0] != _MAGIC or parts[1] != FORMAT.encode():
        return None
    if parts[2] != key.encode() or parts[3] != hashlib.sha256(payload).hexdigest().encode():
        return None
    try:
        return json.loads(payload)
    except ValueError:
        return None


# -- plain values in JSON: everything a problem's arguments may hold, told apart exactly ---------


def encode(value: object) -> Any:
    """``value`` as JSON data; a list, tuple, dict or date is tagged (a one-key object)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, list):
        return {"l": [encode(v) for v in value]}
    if isinstance(value, tuple):
        return {"t": [encode(v) for v in value]}
    if isinstance(value, dict):
        return {"m": [[encode(k), encode(v)] for k, v in value.items()]}
    if type(value) is date:
        return {"d": value.isoformat()}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def decode(data: Any) -> Any:
    if not isinstance(data, dict):
        if data is None or isinstance(data, str | bool | int | float):
            return data
        raise ValueError("not a cached value")
    ((tag, inner),) = data.items()
    if tag == "l":
        return [decode(v) for v in inner]
    if tag == "t":
        return tuple(decode(v) for v in inner)
    if tag == "m":
        return {decode(k): decode(v) for k, v in inner}
    if tag == "d":
        return date.fromisoformat(inner)
    raise ValueError(f"unknown tag {tag!r}")

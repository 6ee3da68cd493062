"""The cache in ``<ledger>/.ledger-cache/``: what reading each file gave, by its bytes.

For each file it holds what ``ledger.load.file.read_part`` made of it — its models and its own
problems (encoding, YAML, schema), which depend on nothing but the file's path and bytes, and
(``checked``, opaque here: ``ledger.checked``) what the checks of the file alone found, with the
book, year and days it holds for. Checks across files run every time on the cached pieces, so a
cached answer is always the answer.

- **Key** of a file's entry: sha256 of the tool's fingerprint (its version, this format and the
  source of every module of the package), the kind of file, its path and its bytes. Never
  the modification time: a change of the same size with the old time restored is a new key.
- **The pack**: one file, ``pack``, holds the entries of a whole ledger: a header line
  ``ledger-pack <format> <sha256 of the rest>`` and a line per file — its path (JSON), its key
  and its body, JSON of plain data (dates and other values tagged, never pickled: the folder may
  be writable by others, and reading the pack can run no code). A command reads that one file
  and takes a file's body from it only when the key of the file's bytes, hashed now, is the one
  the pack holds for that path; any other file is read from its bytes. A pack that does not read
  back exactly (truncated, corrupted, foreign, of another version) is ignored, and a body that is
  not what this tool writes is read again from its file.
- **Each entry is tied to its file**: its line ends with the sha256 of its path, its key and its
  body, checked when it is taken; an entry moved to another path or key (two entries' bodies
  swapped, even with the pack's checksum made again) is a miss, read again from its file.
- **Anything wrong is a miss, never an error**: the pack is read only when it is a regular file
  (never through a link: a named pipe would hang every command, ``/dev/zero`` never end), of at
  most ``LIMIT`` bytes; a body that cannot be decoded, nested too deep (``RecursionError``), too
  large (``MemoryError``) or of the wrong shape is read again from its file. Nothing in the
  folder is a secret: it protects against damage and mix-ups, and whoever can write it can write
  the ledger's own files too.
- **Writing**: after a reading that did not take every file from the pack, the pack is written
  again, to a temporary file in the folder and then ``os.replace``d: two commands at once each
  see a whole pack, and the one written last counts (the other's files are simply read again).
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
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ledger.regular import read_regular

FOLDER = ".ledger-cache"
FORMAT = "4"
_MAGIC = b"ledger-pack"
PACK = "pack"
LIMIT = 256 * 1024 * 1024  # a larger pack is not read (a 2,000-unit ledger's is about 10 MB)
# What reading a doctored or damaged entry may raise: each makes it a miss.
BROKEN = (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, MemoryError)
_fingerprint: bytes | None = None


def fingerprint() -> bytes:
    """The tool's version, the cache format and a hash of the package's own code: an edited
    checkout or a new release never reads an older tool's entries. Every module counts, not a
    list of those that decide what a file reads as (a list no test could keep true); reading
    them costs about 2 ms, once per process."""
    global _fingerprint
    if _fingerprint is None:
        _fingerprint = code_hash(Path(__file__).resolve().parent.parent)
    return _fingerprint


def code_hash(package: Path) -> bytes:
    """The version, the cache format, and the path and bytes of every ``.py`` file under
    ``package``."""
    from ledger import __version__

    h = hashlib.sha256(f"ledger {__version__} cache {FORMAT}\n".encode())
    for path in sorted(package.rglob("*.py")):
        h.update(b"\0%s\0" % path.relative_to(package).as_posix().encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"?")
    return h.digest()


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


@dataclass(frozen=True, slots=True)
class Entry:
    """One file's line in the pack, each part JSON text: ``summary``, what the checks across
    files need (its problems, ids, where its claims stand); ``checked``, what the checks of the
    file alone found, with the context they ran in (the book and the year), or ``null``;
    ``model``, its models as rows, read only when a command needs them."""

    key: str
    summary: bytes
    checked: bytes
    model: bytes
    seal: bytes = b""  # as read from the pack: the sha256 of its path, key and body (``seal``)


def seal(rel: str, entry: Entry) -> bytes:
    """What ties an entry's body to its path and key (the key: its file's bytes)."""
    h = hashlib.sha256(json.dumps(rel).encode())  # ASCII, whatever the path holds
    for part in (entry.key.encode(), entry.summary, entry.checked, entry.model):
        h.update(b"\0%d\0" % len(part))
        h.update(part)
    return h.hexdigest().encode()


@dataclass
class Cache:
    """One ledger's cache; ``enabled=False`` (``--no-cache``) reads and writes nothing."""

    root: Path
    enabled: bool = True
    _where: Path | None = None
    _opened: bool = False

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

    def read_pack(self) -> dict[str, Entry]:
        """The pack's entries by path; empty if there is none, or it is not one this tool
        wrote whole."""
        where = self._folder(create=False)
        if where is None:
            return {}
        try:
            data = read_regular(where / PACK, LIMIT)
        except OSError:  # none, not a regular file (NotRegular), too large
            return {}
        try:
            return _entries(data)
        except BROKEN:
            return {}

    def write_pack(self, entries: dict[str, Entry]) -> None:
        """The pack of these entries, in place of the one there was."""
        lines = [
            b"\t".join(
                (
                    json.dumps(rel).encode(),
                    e.key.encode(),
                    e.summary,
                    e.checked,
                    e.model,
                    seal(rel, e),
                )
            )
            + b"\n"
            for rel, e in entries.items()
        ]
        body = b"".join(lines)
        head = b"%s %s %s\n" % (_MAGIC, FORMAT.encode(), _sha(body))
        where = self._folder(create=True)
        if where is None:
            return
        try:
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=where)
        except OSError:
            self.enabled = False  # a folder we cannot write to: carry on without
            return
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(head + body)
            os.replace(tmp, where / PACK)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            return
        _remove_old_entries(where)


@dataclass
class Pack:
    """One reading's side of the cache: the key of each file's bytes, the pack as read, and the
    entries of this reading for the next pack (``save``)."""

    cache: Cache
    keys: dict[str, str] = field(default_factory=dict)
    read: dict[str, Entry] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    changed: bool = False  # the entries differ from the pack read

    @property
    def enabled(self) -> bool:
        return self.cache.enabled

    def key(self, kind: str, rel: str, raw: bytes) -> str | None:
        """The key of these bytes of ``rel``; None without a cache (``--no-cache`` hashes
        nothing: 6 MB at 2,000 units)."""
        if not self.enabled:
            return None
        key = self.keys[rel] = self.cache.key(kind, rel, raw)
        return key

    def take(self, rel: str, key: str | None) -> Entry | None:
        """The pack's entry for these bytes of ``rel``, if it holds them."""
        entry = self.read.get(rel) if key is not None else None
        if entry is None or entry.key != key or entry.seal != seal(rel, entry):
            return None
        return entry

    def keep(self, rel: str, entry: Entry, fresh: bool) -> None:
        """``entry`` goes into the next pack (``fresh``: not as the pack read holds it)."""
        self.entries[rel] = entry
        self.changed |= fresh

    def note(self, rel: str, checked: bytes) -> None:
        """Keep ``checked`` (what the checks of the file found, as an entry holds it) with the
        file's entry for the next pack."""
        entry = self.entries.get(rel)
        if entry is not None and self.enabled and entry.checked != checked:
            self.keep(rel, replace(entry, checked=checked), True)

    def save(self) -> None:
        """Write the pack again when this reading did not take every file from it as it was."""
        if self.enabled and (self.changed or len(self.read) != len(self.entries)):
            self.cache.write_pack(self.entries)
        self.read, self.changed = {}, False

    def copy(self) -> Pack:
        return replace(self, keys=dict(self.keys), entries=dict(self.entries))


def _entries(data: bytes) -> dict[str, Entry]:
    """The entries of a pack's bytes, by path; empty when they are not a whole pack of this
    format. Raises one of ``BROKEN`` for a body no tool wrote."""
    head, _, body = data.partition(b"\n")
    if head != b"%s %s %s" % (_MAGIC, FORMAT.encode(), _sha(body)):
        return {}
    entries: dict[str, Entry] = {}
    for line in body.split(b"\n")[:-1]:
        rel, key, summary, checked, model, sealed = line.split(b"\t")
        path = json.loads(rel)
        if not isinstance(path, str):
            return {}
        entries[path] = Entry(key.decode("ascii"), summary, checked, model, sealed)
    return entries


def _remove_old_entries(where: Path) -> None:
    """Entries of the cache's first format (one ``<key>.json`` per file), which no version of
    the tool that writes a pack reads."""
    with contextlib.suppress(OSError), os.scandir(where) as names:
        for entry in names:
            if entry.name.endswith(".json") and len(entry.name) == 69:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def dump(body: Any) -> bytes | None:
    """A body as the JSON text an entry holds (one line: JSON escapes every line break)."""
    try:
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=True)
    except (TypeError, ValueError):
        return None
    return text.encode("utf-8")


def load_body(payload: bytes) -> Any:
    """The body of an entry's JSON text, or None."""
    try:
        return json.loads(payload)
    except BROKEN:  # not JSON, not UTF-8, nested too deep, too large
        return None


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).hexdigest().encode()


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

"""Writing the site into ``--output DIR`` (contract section 12): only into a folder that is new,
empty, or marked as one this tool wrote (the file ``.ledger-site``), and then exactly: pages no
longer written are gone.

Refused, with nothing touched: a file, a symbolic link (to a folder too: the folder would be
replaced behind it), a folder holding anything else, or a place inside the ledger's own files
(``data/``, ``.git/``, ``.ledger-cache/``, ``ledger.toml``).

The new site is written whole into a temporary folder beside DIR, then put in DIR's place by
two renames (the old site moved aside, the new one moved in, the old one removed): a failure
while writing leaves the old site as it was, and a reader never sees half of each.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ledger.output import OutputError, check_output

MARKER = ".ledger-site"


class SiteRefused(OutputError):
    """Why DIR was not written: ``key`` names the message in ``ledger.i18n``."""


def check_folder(folder: Path, root: Path) -> None:
    """Raise ``SiteRefused`` unless ``folder`` may become the site (see the module's rules)."""
    try:
        check_output(folder, root)
    except OutputError as exc:
        if exc.key == "output_in_ledger":
            raise SiteRefused("site.refused.own", path=folder) from None
        raise SiteRefused(exc.key, **exc.args_) from None
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SiteRefused("cannot_write", path=folder, reason=exc.strerror or str(exc)) from None
    if stat.S_ISLNK(mode):
        raise SiteRefused("site.refused.link", path=folder)
    if not stat.S_ISDIR(mode):
        raise SiteRefused("site.refused.file", path=folder)
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        raise SiteRefused("cannot_write", path=folder, reason=exc.strerror or str(exc)) from None
    if names and not _marked(folder):
        raise SiteRefused("site.refused.foreign", path=folder, example=names[0])


def _marked(folder: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(folder / MARKER).st_mode)
    except OSError:
        return False


def write_site(folder: Path, files: Mapping[str, bytes], root: Path, marker: str) -> None:
    """Make ``folder`` exactly the site ``files`` (paths inside it, ``/`` separated) with the
    marker holding ``marker``; ``SiteRefused`` when the folder may not be written."""
    check_folder(folder, root)
    folder = Path(os.path.abspath(folder))
    parent = folder.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".new", dir=parent))
    except OSError as exc:
        raise SiteRefused("cannot_write", path=folder, reason=_reason(exc)) from None
    try:
        _fill(staged, files, marker)
        _swap(staged, folder)
    except OSError as exc:
        shutil.rmtree(staged, ignore_errors=True)
        raise SiteRefused("cannot_write", path=folder, reason=_reason(exc)) from None


def _fill(staged: Path, files: Mapping[str, bytes], marker: str) -> None:
    # mkdtemp makes a private folder; a site is for others to read, as any folder made here
    os.chmod(staged, 0o777 & ~_umask())
    (staged / MARKER).write_text(marker, encoding="utf-8")
    for name, data in files.items():
        path = staged / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _swap(staged: Path, folder: Path) -> None:
    """Put ``staged`` in ``folder``'s place: the old site aside, the new one in, the old gone."""
    if not os.path.lexists(folder):
        os.rename(staged, folder)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=folder.parent))
    os.rmdir(aside)
    try:
        os.rename(folder, aside)
    except OSError:
        # a folder that cannot be moved (a mount point, the current folder on some systems):
        # its entries are replaced instead
        _replace_inside(staged, folder)
        return
    try:
        os.rename(staged, folder)
    except OSError:
        os.rename(aside, folder)  # the old site back, as it was
        raise
    shutil.rmtree(aside, ignore_errors=True)


def _replace_inside(staged: Path, folder: Path) -> None:
    for name in os.listdir(folder):
        path = folder / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    for name in os.listdir(staged):
        os.rename(staged / name, folder / name)
    with contextlib.suppress(OSError):
        os.rmdir(staged)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)

"""What a short process keeps until it ends, for the operating system to take back at once.

A reading of the ledger is about a million small objects (35 MB on 2,000 units). When a command
is done with them, Python frees them one at a time (about 25 ms on 2,000 units, a twentieth of
a warm validate), just before the process ends and its memory goes back to the system in one go
anyway. The command-line process (``ledger.cli.main``, which ends with ``os._exit``) asks for
the latest reading to be kept; a program that imports the library never does, and its objects
are freed as usual.
"""

from __future__ import annotations

# one slot, not a list: a command that reads the ledger twice (an edit refused, checked against
# the ledger before it) frees the first reading as it always did, and never holds more at once
_kept: list[object] | None = None


def keep_until_exit() -> None:
    """From now on, ``keep`` keeps: only for a process that ends without freeing its objects."""
    global _kept
    if _kept is None:
        _kept = [None]


def keep(value: object) -> None:
    """Hold ``value`` (in place of the last one) until the process ends, when
    ``keep_until_exit`` was asked for."""
    if _kept is not None:
        _kept[0] = value

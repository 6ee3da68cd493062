"""regular.py: a file the tool reads that is not a ledger file is opened only when regular, never
through a link, and read only up to a bound."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ledger.regular import NotRegular, TooLarge, read_regular


def test_a_regular_file_is_read_up_to_its_bound(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"12345")
    assert read_regular(path, 5) == b"12345"
    with pytest.raises(TooLarge):
        read_regular(path, 4)


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda p: os.mkfifo(p), "pipe"),
        (lambda p: p.symlink_to("/dev/zero"), "link"),
        (lambda p: p.mkdir(), "folder"),
    ],
)
def test_anything_but_a_regular_file_is_refused_unread(
    tmp_path: Path, make: object, kind: str
) -> None:
    path = tmp_path / "f"
    make(path)  # type: ignore[operator]
    with pytest.raises(NotRegular) as found:
        read_regular(path, 10)  # a pipe would block, /dev/zero never end
    assert found.value.kind == kind


def test_a_link_to_a_regular_file_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "real").write_bytes(b"x")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(NotRegular):
        read_regular(tmp_path / "link", 10)


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_a_device_is_refused() -> None:
    with pytest.raises(NotRegular) as found:
        read_regular(Path("/dev/null"), 10)
    assert found.value.kind == "device"


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "none", 10)


def test_a_socket_is_refused_as_a_socket(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(NotRegular) as found:
            read_regular(path, 10)
    assert found.value.kind == "socket"

"""rules/names.py: short names shared by siblings (W003)."""

from __future__ import annotations

from pathlib import Path

from tests.support import at, check, found


def test_short_name_shared_by_siblings_is_a_warning(tmp_path: Path) -> None:
    units = {
        "a": "id: a\nname: 甲\nshort_name: 同名\nparent: city\n",
        "c": "id: c\nname: 丙\nshort_name: 同名\n",  # another parent: fine
    }
    check(
        tmp_path,
        """
        id: b
        name: 乙
        short_name: 同名
        parent: city
        """,
        [(3, 13, "W003")],
        file="b",
        units=units,
    )
    assert at(found(tmp_path / "ledger")) == [("data/units/b.yaml", "W003", 3, 13)]

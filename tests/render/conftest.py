"""What the tests of render/ share: a small report Document with every kind of cell."""

from __future__ import annotations

from datetime import date

from ledger.reports.document import Bar, Chart, Column, Document, Row, Table


def sample_document(lang: str = "zh") -> Document:
    columns = [
        Column("unit", "单位", width=18),
        Column("percent", "进度(%)", "number", width=8),
        Column("flag", "标识", "flag", width=8),
        Column("due", "完成时限", "date", width=12),
        Column("notes", "本季度时间节点", width=30),
    ]
    rows = [
        Row(["市委组织部", 80, "红灯", date(2026, 11, 30), "第一行\n第二行"], flag="red"),
        Row(["<b>察右后旗</b>", 45.5, "黄灯", date(2026, 12, 31), "=1+1"], flag="yellow", depth=1),
        Row(["财政局", None, "绿灯", None, None], flag="green", depth=2),
    ]
    return Document(
        title="2026Q4 季度工作清单",
        meta=["台账：测试台账", "统计截至 2026-11-25"],
        tables=[
            Table("checklist", "认领项目", columns, rows, "没有认领"),
            Table(
                "unclaimed",
                "无人认领的项目",
                [Column("project", "项目", width=8), Column("title", "项目名称", width=36)],
                [],
                "全部项目均已认领",
            ),
        ],
        charts=[
            Chart(
                "各项目红黄绿灯",
                [("红灯", "#d9534f"), ("黄灯", "#f0ad4e"), ("绿灯", "#5cb85c")],
                [
                    Bar("K1", {"红灯": 2, "黄灯": 1, "绿灯": 2}),
                    Bar("K2 <&>", {"红灯": 0, "黄灯": 3, "绿灯": 0}),
                ],
            )
        ],
        lang=lang,
    )

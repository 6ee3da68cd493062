"""The pictures of docs/*/ci.md: what a reviewer sees in a pull request's job summary, made from
``ledger diff --format markdown`` on the representative push of tests/diff/sample_push.py.

    python scripts/diff_picture.py    # docs/diff-summary.zh.png, docs/diff-summary.en.png

The Markdown is turned into HTML with markdown-it (rich's own dependency) inside a page styled
like a job summary, and photographed by headless Chromium.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.diff.sample_push import sample_push  # noqa: E402

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><style>
body {{ margin: 0; background: #f6f8fa; font: 14px/1.5 -apple-system, "Noto Sans CJK SC",
  "Segoe UI", sans-serif; color: #1f2328; }}
.box {{ margin: 16px; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; }}
.head {{ padding: 10px 16px; border-bottom: 1px solid #d0d7de; font-weight: 600; }}
.body {{ padding: 4px 24px 12px; }}
h4 {{ margin: 16px 0 4px; font-size: 14px; }}
ul {{ margin: 0; padding-left: 22px; }}
li {{ margin: 2px 0; }}
</style></head><body><div class="box"><div class="head">{title}</div>
<div class="body">{body}</div></div></body></html>
"""
TITLES = {"zh": "validate 摘要", "en": "validate summary"}


def main() -> None:
    from markdown_it import MarkdownIt

    with tempfile.TemporaryDirectory() as tmp:
        root = sample_push(Path(tmp) / "repo").root
        for lang in ("zh", "en"):
            env = {**os.environ, "LEDGER_TODAY": "2026-11-25"}
            args = ["diff", "HEAD~1", "HEAD", "-f", "markdown", "--lang", lang, "-C", str(root)]
            markdown = subprocess.run(
                [sys.executable, "-m", "ledger", *args],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            ).stdout
            page = Path(tmp) / f"{lang}.html"
            body = MarkdownIt().render(markdown)
            page.write_text(
                PAGE.format(lang=lang, title=escape(TITLES[lang]), body=body), encoding="utf-8"
            )
            out = REPO / "docs" / f"diff-summary.{lang}.png"
            subprocess.run(
                [
                    "chromium",
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--hide-scrollbars",
                    "--window-size=900,474",
                    f"--screenshot={out}",
                    page.as_uri(),
                ],
                check=True,
                capture_output=True,
            )
            print(out)


if __name__ == "__main__":
    main()

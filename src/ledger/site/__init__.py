"""``ledger site``: the ledger as of T as a static web site for leaders (contract section 12).

``pages`` builds what each page shows from the report builders and the meanings as of T (the
same figures as every other format), ``findings`` the supervision findings as of T, ``render``
puts them through the Jinja2 templates in ``templates/`` (with the stylesheet and the filter
box's script), and ``write`` makes the output folder exactly that site, or refuses it. No
command line here: ``ledger.cli.site`` is the command.
"""

from __future__ import annotations

from datetime import date

from ledger.model import Ledger


def make(ledger: Ledger, today: date, lang: str, scope: str | None = None) -> dict[str, bytes]:
    """Every file of the site of ``ledger`` as of ``today`` by its path inside the folder."""
    from ledger.site.pages import build
    from ledger.site.render import render

    return render(build(ledger, today, lang, scope))

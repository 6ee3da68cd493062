"""Report builders: a ledger and a day T in, one plain data class out.

Each report has a builder (pure, language-neutral) and a ``document`` function that lays it out
as titled tables in the report language (``ledger.reports.document``), which every text renderer
(terminal, markdown, csv, html, xlsx) reads. JSON is written from the data class itself, so its
keys follow the contract (section 8) and not the layout.
"""

"""Renderers: pure functions from a result (problems, report data) to text or bytes.

Each format is a name in a registry, so the CLI only picks one by the user's ``--format``.
"""

"""The write path shared by ``claim``, ``progress``, ``done`` and ``init``: locate, splice,
verify, validate, then write atomically under a lock."""

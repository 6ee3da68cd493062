"""The meanings of the contract (sections 5 and 10): pure functions of a ledger and a day T.

Nothing here reads the clock: T is always passed in. Anything dated after T has not happened as
of T: a ``done`` after T is not done, an entry reported after T does not exist yet, and a claim
claimed after T is left out (``status.claims_as_of``).

- ``status``: a claim's milestones, report states, flag and reasons as of T (``statuses``);
- ``score``: the year-end score of a unit;
- ``owed``: what a claim owes (``ledger remind``, the forms' heading).

The calendar (quarters, R(T)) is ``ledger.calendar``; the unit tree is ``ledger.hierarchy``.

The records made for every claim or every item of a report (``Milestone``, ``Reason``,
``ClaimStatus``, ``Counted``, ``Owed``) are named tuples: as immutable as a frozen dataclass, and
made in a fraction of its time (a frozen dataclass sets each field through
``object.__setattr__``; a report on 2,000 units makes about 50,000 of them).
"""

"""The quarterly forms (contract section 9): one workbook per unit, read back into edits.

- ``layout``: the sheets, their key row and columns, the workbook properties naming the form;
- ``write``: the workbook of one unit for a quarter, as of T;
- ``read``: a filled workbook as typed rows, each value with its cell;
- ``apply``: the rows of many workbooks as edits of the ledger, checked together, written by the
  one write path of ``ledger.edit.ops``.
"""

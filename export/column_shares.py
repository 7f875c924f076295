"""How the page width is shared among a table's columns in the PDF and the web page.

Label columns get fixed shares, wide enough for the official row labels; data columns split the
rest evenly, as in the official Word template.
"""

from __future__ import annotations

from model.grid import GridLayout

LABEL_SHARE = {0: [], 1: [0.34], 2: [0.16, 0.30], 3: [0.07, 0.11, 0.27]}


def column_shares(layout: GridLayout) -> list[float]:
    """Each grid column's share of the table width; the shares add up to 1."""
    labels = LABEL_SHARE[layout.label_columns]
    data_count = layout.columns - layout.label_columns
    return labels + [(1 - sum(labels)) / data_count] * data_count

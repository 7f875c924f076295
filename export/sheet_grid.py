"""How a table's grid maps onto the physical columns of an exported sheet.

All tables share one sheet of :data:`SHEET_COLUMNS` narrow columns, the way the official Word
template shares one page width: label columns take several physical columns, data columns share
what is left. The Excel writer and reader both use this mapping.
"""

from __future__ import annotations

from model.grid import GridLayout

SHEET_COLUMNS = 18
LABEL_SPANS = {0: [], 1: [6], 2: [4, 7], 3: [2, 3, 6]}


def physical_widths(layout: GridLayout) -> list[int]:
    """Physical columns taken by each grid column of a table."""
    labels = LABEL_SPANS[layout.label_columns]
    data_columns = layout.columns - layout.label_columns
    each = max(1, (SHEET_COLUMNS - sum(labels)) // max(1, data_columns))
    return labels + [each] * data_columns


def physical_starts(layout: GridLayout) -> list[int]:
    """First physical column (0-based) of each grid column."""
    starts, position = [], 0
    for width in physical_widths(layout):
        starts.append(position)
        position += width
    return starts

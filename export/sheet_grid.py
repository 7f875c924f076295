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
    free = SHEET_COLUMNS - sum(labels)
    if data_columns <= 0 or data_columns >= free:
        return labels + [1] * data_columns
    # Columns left over go to evenly spaced data columns (the 总计 of each group in table 四), so every
    # table spans the full width like the official form.
    return labels + [(free * (i + 1)) // data_columns - (free * i) // data_columns for i in range(data_columns)]


def physical_starts(layout: GridLayout) -> list[int]:
    """First physical column (0-based) of each grid column."""
    starts, position = [], 0
    for width in physical_widths(layout):
        starts.append(position)
        position += width
    return starts

"""How messages name a table, a row or column, and a cell: one wording for the import log and the checks.

The names follow the printed headers, so a user finds the cell in the official table by reading them.
"""

from __future__ import annotations

from model.cellref import CellRef
from model.template import Leaf, Table, Template


def table_name(table: Table) -> str:
    """表三, 表四, 表二（第二十条第（一）项）: how a message names a table."""
    numeral = table.title.split("、", 1)[0]
    return f"表{numeral}" + (f"（{table.heading}）" if table.heading else "")


def leaf_label(leaf: Leaf, leaves: tuple[Leaf, ...]) -> str:
    """A row's or column's headers joined with ·, without an outer header every leaf shares."""
    # An outer header over every leaf (申请人情况) names nothing in particular.
    path = list(leaf.path)
    while len(path) > 1 and all(len(other.path) > 1 and other.path[0] == path[0] for other in leaves):
        path = path[1:]
        leaves = tuple(Leaf(o.id, o.path[1:], o.kind) for o in leaves)
    return "·".join(path)


def cell_name(template: Template, ref: CellRef) -> str:
    """A cell named by its table, its row and its whole column group, e.g.
    表四·行政诉讼·复议后起诉·总计 or 表三·（三）不予公开·1.属于国家秘密·法人或其他组织·商业企业."""
    table = template.table(ref.table)
    row = table.row(ref.row).path[-2:]
    column = leaf_label(table.column(ref.column), table.column_leaves)
    return "·".join([table_name(table), *row, *([column] if column else [])])

"""The recompute engine: totals as a dependency graph built from the template's sum formulas.

An edit recomputes only the totals downstream of the edited cells, in topological order, so the
cost of an edit is the cost of its dependents, not of the table. :func:`compute_all` is the plain
full recompute that the incremental path must always agree with.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from model.cellref import CellRef
from model.values import Value


def sum_values(values: Iterable[Value]) -> Value:
    """Sum of the parts; blank when every part is blank (blank is not 0), blanks count 0 otherwise."""
    total: Value = None
    for value in values:
        if value is not None:
            total = value if total is None else total + value
    return total


@dataclass(frozen=True)
class DependencyGraph:
    """Formulas, their reverse edges and a topological rank for every computed cell."""

    formulas: Mapping[CellRef, tuple[CellRef, ...]]
    dependents: Mapping[CellRef, tuple[CellRef, ...]]
    rank: Mapping[CellRef, int]

    @classmethod
    def build(cls, formulas: Mapping[CellRef, tuple[CellRef, ...]]) -> DependencyGraph:
        dependents: dict[CellRef, list[CellRef]] = {}
        for target, parts in formulas.items():
            for part in parts:
                dependents.setdefault(part, []).append(target)
        rank: dict[CellRef, int] = {}

        def depth(ref: CellRef) -> int:
            # Templates are checked acyclic at load; memoised depth gives a valid topological order.
            if ref not in formulas:
                return 0
            if ref not in rank:
                rank[ref] = 1 + max(depth(p) for p in formulas[ref])
            return rank[ref]

        for target in formulas:
            depth(target)
        return cls(formulas, {k: tuple(v) for k, v in dependents.items()}, rank)

    def affected(self, changed: Iterable[CellRef]) -> list[CellRef]:
        """Computed cells downstream of ``changed``, in an order where parts come first."""
        seen: set[CellRef] = set()
        stack = list(changed)
        while stack:
            ref = stack.pop()
            for dependent in self.dependents.get(ref, ()):
                if dependent not in seen:
                    seen.add(dependent)
                    stack.append(dependent)
        return sorted(seen, key=self.rank.__getitem__)

    def recompute(
        self,
        values: dict[CellRef, Value],
        filled: dict[CellRef, int],
        changed: Iterable[tuple[CellRef, Value, Value]],
    ) -> dict[CellRef, Value]:
        """Update totals after inputs changed ``(ref, old, new)``; return the totals that moved.

        Sums are linear, so each dependent moves by the part's difference: an edit costs the number
        of totals downstream of it, not the size of their formulas. ``filled`` counts each total's
        non-blank parts, which says when a total becomes blank again.
        """
        moved: dict[CellRef, Value] = {}
        # First in, first out: each part's changes reach its totals in the order they happened.
        pending = deque(changed)
        while pending:
            ref, old, new = pending.popleft()
            for target in self.dependents.get(ref, ()):
                before = values.get(target)
                count = filled.get(target, 0) + (new is not None) - (old is not None)
                filled[target] = count
                after = ((before or 0) - (old or 0) + (new or 0)) if count else None
                if after is None:
                    values.pop(target, None)
                else:
                    values[target] = after
                if after != before or (after is None) != (before is None):
                    moved[target] = after
                    pending.append((target, before, after))
        return moved


def filled_counts(graph: DependencyGraph, values: Mapping[CellRef, Value]) -> dict[CellRef, int]:
    """How many parts of each total hold a value (for :meth:`DependencyGraph.recompute`)."""
    return {target: sum(values.get(p) is not None for p in parts) for target, parts in graph.formulas.items()}


def compute_all(graph: DependencyGraph, inputs: Mapping[CellRef, Value]) -> dict[CellRef, Value]:
    """Every total from scratch (the reference the incremental path is tested against)."""
    values: dict[CellRef, Value] = {k: v for k, v in inputs.items() if v is not None}
    for target in sorted(graph.formulas, key=graph.rank.__getitem__):
        total = sum_values(values.get(p) for p in graph.formulas[target])
        if total is not None:
            values[target] = total
    return {k: values[k] for k in graph.formulas if k in values}

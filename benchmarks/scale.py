"""Synthetic templates 1×, 10×, 100× the official table 三, to show that one edit costs what its
dependents cost, not what the table costs."""

from __future__ import annotations

import json
import statistics
import time

from model.cellref import CellRef
from model.document import Document
from model.template import TEMPLATE_DIR, template_from_dict


def synthetic(factor: int) -> dict:
    """The 2021 template with table 三's outcome rows repeated ``factor`` times (and summed in （七）)."""
    data = json.loads((TEMPLATE_DIR / "2021.json").read_text(encoding="utf-8"))
    data["id"] = f"synthetic-{factor}"
    table = next(t for s in data["sections"] for t in s.get("tables", []) if t["id"] == "3")
    results = next(r for r in table["rows"] if r.get("children") and r["label"].startswith("三"))
    outcome_rows = [{"id": f"x{i}_{j}", "label": f"{i}.{j}"} for i in range(factor) for j in range(21)]
    results["children"] = [*outcome_rows, {"id": "total7", "label": "（七）总计"}]
    table["totals"][1]["sum_of"] = [r["id"] for r in outcome_rows]
    data["rules"] = [r for r in data["rules"] if r["kind"] not in ("blank",)]  # one rule over the whole table
    return data


def edit_cost(factor: int, edits: int = 3000) -> float:
    template = template_from_dict(synthetic(factor))
    document = Document(template, "基准测试局", 2025)
    rows = [leaf.id for leaf in template.table("3").row_leaves if leaf.id.startswith("x")]
    times = []
    for i in range(edits):
        ref = CellRef("3", rows[(i * 7919) % len(rows)], "natural")
        start = time.perf_counter()
        document.enter(ref, str(i % 9))
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


if __name__ == "__main__":
    for factor in (1, 10, 100):
        print(f"{factor:>4}×  {edit_cost(factor):6.0f} µs per edit")

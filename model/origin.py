"""Where a report's figures came from, as far as its checks need to know.

A report summed from units' reports (汇总) remembers the units and, for every cell that some units
left blank, which ones: the total's check names them. A report imported from a published file
remembers the section headings as they were printed, so the check can say when they were
misnumbered or out of order. Both are saved in the ``.nianbao`` file with the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from model.cellref import CellRef
from model.errors import InvalidValue


@dataclass(frozen=True)
class Origin:
    """Provenance of a report; the empty origin is a report typed in by hand."""

    units: tuple[str, ...] = ()  # the units whose reports were summed into this one, in input order
    gaps: Mapping[CellRef, tuple[str, ...]] = field(default_factory=dict, hash=False)  # cell → units blank there
    headings: tuple[str, ...] = ()  # the section headings as the imported source printed them, in order

    def __bool__(self) -> bool:
        return bool(self.units or self.gaps or self.headings)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: gaps name their units by index into ``units`` plus ``more`` (nested units)."""
        names = list(self.units)
        index = {name: i for i, name in enumerate(names)}
        gaps: dict[str, list[int]] = {}
        for ref, units in sorted(self.gaps.items()):
            positions = []
            for unit in units:
                if unit not in index:
                    index[unit] = len(names)
                    names.append(unit)
                positions.append(index[unit])
            gaps[ref.key()] = positions
        data: dict[str, Any] = {}
        if self.units:
            data["units"] = list(self.units)
        if len(names) > len(self.units):
            data["more"] = names[len(self.units) :]
        if gaps:
            data["gaps"] = gaps
        if self.headings:
            data["headings"] = list(self.headings)
        return data

    @classmethod
    def from_dict(cls, data: object) -> Origin:
        """Read the JSON form back; :class:`InvalidValue` when it does not fit."""
        if not isinstance(data, dict):
            raise InvalidValue("“origin”应为对象")
        units = _strings(data.get("units", []), "units")
        names = units + _strings(data.get("more", []), "more")
        raw_gaps = data.get("gaps", {})
        if not isinstance(raw_gaps, dict):
            raise InvalidValue("“origin.gaps”应为对象")
        gaps: dict[CellRef, tuple[str, ...]] = {}
        for key, positions in raw_gaps.items():
            try:
                ref = CellRef.from_key(key)
                gaps[ref] = tuple(names[p] for p in positions)
            except (ValueError, TypeError, IndexError) as exc:
                raise InvalidValue(f"“origin.gaps”中的“{str(key)[:40]}”无效") from exc
        return cls(tuple(units), gaps, tuple(_strings(data.get("headings", []), "headings")))


def _strings(raw: object, name: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise InvalidValue(f"“origin.{name}”应为文字列表")
    return list(raw)

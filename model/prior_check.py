"""Whether a report may be linked as another's last year: it must be the year before, and not itself."""

from __future__ import annotations

from model.document import Document
from model.errors import InvalidValue


def check_prior_link(year: int, agency: str, last: Document, *, same_file: bool = False) -> list[str]:
    """Notes for linking ``last`` to a report of ``year`` by ``agency``; :class:`InvalidValue` if it is not last year.

    Linking any other year would make every cross-year check (上年结转, large swings) compare against
    the wrong figures, silently; a different agency name is only noted (agencies are renamed).
    """
    if same_file:
        raise InvalidValue("不能把报告自身关联为上年报告，请选择上一年度的报告")
    if last.year != year - 1:
        raise InvalidValue(
            f"所选报告是{last.year}年度的，而本报告是{year}年度，上年报告应为{year - 1}年度，请选择{year - 1}年度的报告"
        )
    if last.agency.strip() != agency.strip():
        return [f"上年报告的机关是“{last.agency}”，与本报告的“{agency}”不同，请确认选对了报告"]
    return []

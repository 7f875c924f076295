"""The report title: 某某机关2024年政府信息公开工作年度报告 gives the agency and the year."""

from __future__ import annotations

import re

TITLE = re.compile(
    r"(?P<agency>[\u4e00-\u9fff（）()·]{2,60}?)(?P<year>(?:19|20)\d{2})年(?:度)?政府信息公开(?:工作)?年度报告"
)


def find_title(texts: list[str]) -> tuple[str | None, int | None]:
    """Agency and year from the first text holding a report title (spaces inside ignored)."""
    for text in texts:
        match = TITLE.search("".join(str(text).split()))
        if match:
            return match.group("agency"), int(match.group("year"))
    return None, None

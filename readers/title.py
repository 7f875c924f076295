"""The report title gives the agency and the year, in every form in use:

* 某某局2023年政府信息公开工作年度报告 (the official form), 某某局2023年度政府信息公开工作年度报告;
* 2019年某某办公厅政府信息公开工作年度报告 (year first);
* 某某局2025年度政府信息公开工作报告表, 某某局政府信息公开工作2023年度报告;
* any of these split over two or three lines, or introduced by 关于.
"""

from __future__ import annotations

import re

_AGENCY = r"[\u4e00-\u9fffA-Za-zＡ-Ｚａ-ｚ（）()·〔〕]{2,60}?"  # Latin letters: templates say XX局
_YEAR = r"(?P<year>(?:19|20)\d{2})年(?:度)?"
_SUFFIX = r"政府信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告表|报告|情况报告)"
# The official form first: agency, year, then the rest.
TITLE = re.compile(rf"(?P<agency>{_AGENCY}){_YEAR}{_SUFFIX}")
_FORMS = (
    TITLE,
    re.compile(rf"^(?:关于)?{_YEAR}(?P<agency>{_AGENCY}){_SUFFIX}"),
    re.compile(rf"(?P<agency>{_AGENCY})政府信息公开(?:工作)?{_YEAR}(?:年度)?(?:工作)?报告"),
)
_SENTENCE = re.compile(r"[。，；：！？]")  # running text that mentions the report is no title
MAX_TITLE_LINE = 60  # longer lines are running text that mentions a report
_TITLE_PIECE = re.compile(r"^[\u4e00-\u9fffA-Za-zＡ-Ｚａ-ｚ（）()·〔〕\d]{1,40}$")


def match_title(text: str) -> tuple[str, int] | None:
    """Agency and year of one title text (spaces inside ignored), or None."""
    joined = "".join(str(text).split())
    for form in _FORMS:
        match = form.search(joined)
        if match:
            agency = re.sub(r"^关于|关于$|^《|》$", "", match.group("agency"))
            if len(agency) >= 2:
                return agency, int(match.group("year"))
    return None


def locate_title(texts: list[str], limit: int = 40) -> tuple[str | None, int | None, int | None]:
    """Agency, year and index of the title's last line among the first ``limit`` texts. A title split
    over lines is joined with the one or two lines above it, when the line alone names no agency."""
    for index, text in enumerate(texts[:limit]):
        folded = "".join(str(text).split())
        if "报告" not in folded or len(folded) > MAX_TITLE_LINE or _SENTENCE.search(folded):
            continue
        found = match_title(folded)
        if found:
            return found[0], found[1], index
        joined = folded
        for above in range(index - 1, max(-1, index - 3), -1):
            piece = "".join(str(texts[above]).split())
            if not _TITLE_PIECE.match(piece):
                break
            joined = piece + joined
            found = match_title(joined)
            if found:
                return found[0], found[1], index
    return None, None, None


def find_title(texts: list[str]) -> tuple[str | None, int | None]:
    """Agency and year from the first title among ``texts`` (cells of a sheet, lines of a page)."""
    agency, year, _ = locate_title([str(t) for t in texts], limit=len(texts))
    return agency, year

"""审核: many reports, each opened and checked on its own; one that cannot be read is listed, not fatal."""

from __future__ import annotations

from dataclasses import dataclass

from model.aggregate import Unit

CLEAN, WARNINGS, ERRORS, UNREADABLE = "clean", "warnings", "errors", "unreadable"
SUMMARY_MARK = "NianbaoSummary"  # custom document property of the 汇总 and 审核 workbooks: output, not input
NOTES_SHOWN = 3
STATUS_NAMES = {CLEAN: "无问题", WARNINGS: "有提示", ERRORS: "有错误", UNREADABLE: "无法读取"}


@dataclass(frozen=True)
class Reviewed:
    """One report of a batch: what was checked, or why it could not be read."""

    file: str
    kind: str  # the kind of file (nianbao, xlsx, html, …)
    unit: Unit | None  # None when the file could not be read
    message: str = ""  # why it could not be read
    notes: tuple[str, ...] = ()  # the import's own warnings

    @property
    def status(self) -> str:
        if self.unit is None:
            return UNREADABLE
        if self.unit.errors:
            return ERRORS
        return WARNINGS if self.unit.warnings else CLEAN

    @property
    def status_name(self) -> str:
        """The status as a reviewer reads it."""
        return STATUS_NAMES[self.status]

    def summary(self) -> str:
        """One line: the reason it is unreadable, or how many problems it has and what import doubted."""
        if self.unit is None:
            return self.message
        if not (self.unit.errors or self.unit.warnings):
            line = "未发现问题"
        else:
            line = f"{len(self.unit.errors)}个错误，{len(self.unit.warnings)}个提示"
        if self.notes:
            shown = "；".join(self.notes[:NOTES_SHOWN])
            more = f"等{len(self.notes)}条" if len(self.notes) > NOTES_SHOWN else ""
            line += f"；导入时：{shown}{more}"
        return line


def unreadable(file: str, kind: str, reason: str) -> Reviewed:
    """A report that could not be opened, and why."""
    return Reviewed(file, kind, None, reason)

"""Refuse to start on a Qt binding that would crash the editor later.

PySide6-Essentials 6.12.0 on Python 3.11 drops one reference to ``True`` on every signal emitted
from Python; the editor emits one per changed cell, so after about a hundred values the interpreter
dies (``Fatal Python error: bool_dealloc``) and the work since the last autosave is lost.
``pyproject.toml`` keeps pip away from that pair; this check catches an install made another way.
The messages are written in Chinese here, not through ``tr()``: they must read right even before
(or without) the translations loading.
"""

from __future__ import annotations

import sys

# (binding version, first Python version on which it is fine)
KNOWN_BAD: tuple[tuple[str, tuple[int, int]], ...] = (("6.12.0", (3, 12)),)
PROBE_EMITS = 64
FIX = 'python -m pip install "PySide6-Essentials>=6.5,!=6.12.0"'


def known_bad(binding: str, python: tuple[int, int]) -> bool:
    """True when this binding version is listed as broken on this Python version."""
    return any(binding == version and python < fine_from for version, fine_from in KNOWN_BAD)


def refcount_leaks() -> bool:
    """Emit a signal from Python a few times and see whether ``True`` loses references.

    Cheap (well under a millisecond) and safe: ``True`` has hundreds of references at start, and
    on Python 3.12+ it is immortal, so the count never moves.
    """
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(PROBE_EMITS):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    return lost >= PROBE_EMITS // 2


def binding_problem() -> str | None:
    """A Chinese explanation (what is wrong, how to fix it) when the Qt binding is unusable, else None."""
    import PySide6

    binding = PySide6.__version__
    python = tuple(sys.version_info[:2])
    shown = f"{python[0]}.{python[1]}"
    if known_bad(binding, python):  # type: ignore[arg-type]
        found = f"已知缺陷：PySide6 {binding} 与 Python {shown} 搭配使用时，每发出一个界面信号都会损坏 Python 内部计数"
    elif refcount_leaks():
        found = f"检测到缺陷：PySide6 {binding} 在 Python {shown} 上发出界面信号时会损坏 Python 的内部计数"
    else:
        return None
    return (
        f"年报编辑器无法安全运行。\n\n{found}，"
        "填写约一百个数值后程序就会崩溃，未保存的内容将会丢失。\n\n"
        f"解决办法（任选其一）：\n1. 在本程序使用的 Python 环境中执行：\n   {FIX}\n"
        "2. 改用 Python 3.12 或更新的版本重新安装本程序。"
    )


def refuse_bad_binding(problem: str, *, show_box: bool) -> None:
    """Say why the editor does not start: on stderr, and in a message box when there is a screen."""
    print(f"nianbao: {problem}", file=sys.stderr)
    if show_box:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "年报编辑器无法启动", problem)

"""argparse in Chinese: help, usage lines and the errors a user's typing can cause.

argparse writes its own words ("usage:", "options", "the following arguments are required") in
English; the people who type ``nianbao`` read Chinese. Section titles and the help option are
set per parser, the usage prefix in the formatter, and argparse's error sentences are rewritten
by pattern (argparse offers no other hook short of replacing gettext for the whole process).
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from typing import Any, NoReturn

EXIT_USAGE = 2

_ERRORS = [
    (r"the following arguments are required: (.*)", r"缺少参数 \1"),
    (r"one of the arguments (.*) is required", r"参数 \1 必须给出其中一个"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"参数 \1 的值 \2 无效，可选 \3"),
    (r"argument (\S+): invalid int value: (.*)", r"参数 \1 应为整数，而不是 \2"),
    (r"argument (\S+): invalid float value: (.*)", r"参数 \1 应为数字，而不是 \2"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面缺少值"),
    (r"argument (\S+): expected at least one argument", r"参数 \1 后面至少要有一个值"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 不能与 \2 同时使用"),
    (r"argument (\S+): ignored explicit argument (.*)", r"参数 \1 不接受值 \2"),
    (r"ambiguous option: (\S+) could match (.*)", r"选项 \1 不明确，可能是 \2"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数 \1"),
]


def in_chinese(message: str) -> str:
    """argparse's English error sentence as the Chinese one (unknown sentences pass unchanged)."""
    for pattern, replacement in _ERRORS:
        if re.fullmatch(pattern, message, flags=re.DOTALL):
            return re.sub(pattern, replacement, message, flags=re.DOTALL)
    return message


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a Chinese character (or full-width mark) takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_display(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns; Chinese breaks between any characters, Latin words stay whole."""
    lines: list[str] = []
    line = ""
    for token in re.findall(r"[\x21-\x7e]+|\s+|.", " ".join(text.split())):
        if display_width(line + token) > width and line.strip():
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help laid out as argparse does, but headed “用法：” and aligned by display width.

    argparse counts characters; a Chinese metavar or help text is two columns per character, so
    its columns would drift. Descriptions and epilogs keep their line breaks: they hold examples.
    The list of commands is printed without argparse's extra “{new,show,...}” header line.
    """

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def add_argument(self, action: argparse.Action) -> None:
        if action.help is argparse.SUPPRESS:
            return
        invocations = [self._format_action_invocation(a) for a in self._listed(action)]
        length = max(display_width(i) for i in invocations) + self._current_indent
        self._action_max_length = max(self._action_max_length, length)
        self._add_item(self._format_action, [action])

    def _listed(self, action: argparse.Action) -> list[argparse.Action]:
        if isinstance(action, argparse._SubParsersAction):
            return list(action._get_subactions())
        return [action]

    def _format_action(self, action: argparse.Action) -> str:
        if isinstance(action, argparse._SubParsersAction):
            return "".join(self._format_one(sub) for sub in action._get_subactions())
        return self._format_one(action)

    def _format_one(self, action: argparse.Action) -> str:
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        header = self._format_action_invocation(action)
        lines = wrap_display(self._expand_help(action), help_width) if action.help else []
        fits = display_width(header) + self._current_indent + 2 <= help_position
        text = " " * self._current_indent + header
        if not lines:
            return text + "\n"
        if fits:
            text += " " * (help_position - self._current_indent - display_width(header)) + lines[0] + "\n"
            rest = lines[1:]
        else:
            text += "\n"
            rest = lines
        return text + "".join(" " * help_position + line + "\n" for line in rest)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap_display(text, width)


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose help, section titles and errors are Chinese; errors exit 2 in one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示此帮助并退出")

    def format_help(self) -> str:
        """argparse ends section titles with an ASCII colon; Chinese text takes the full-width one."""
        text = super().format_help()
        return re.sub(r"^(位置参数|选项|命令):$", r"\1：", text, flags=re.MULTILINE)

    def error(self, message: str) -> NoReturn:
        """One line on stderr, naming where to find the usage; exit 2."""
        self.exit(EXIT_USAGE, f"nianbao: 参数错误：{in_chinese(message)}（用法见 {self.prog} --help）\n")

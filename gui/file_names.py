"""Files named in a dialog: their names (or paths below the folder they share), the folder said once.

A message about several reports (two of a different year, one agency twice) listed each full path,
and five of them did not fit a dialog. The command line keeps full paths: they can be copied from there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import PurePath


def short_names(sources: Sequence[str]) -> tuple[Callable[[str], str], str | None]:
    """A function giving each source's short name, and the folder they all share (None when not one).

    Within one folder a file's name; in several folders, its path below the deepest folder they share,
    so two files of the same name in two folders stay apart.
    """
    parents = [str(PurePath(source).parent) for source in sources]
    try:
        common = os.path.commonpath(parents) if parents else ""
    except ValueError:  # relative and absolute paths mixed, or two Windows drives
        common = ""
    names: dict[str, str] = {}
    for source in sources:
        if common and common != ".":
            names[source] = os.path.relpath(source, common)
        else:
            names[source] = PurePath(source).name if len(set(parents)) == 1 else source
    folder = common if common and common != "." else None
    return (lambda source: names.get(source, PurePath(source).name)), folder

"""The version of Nianbao, for ``nianbao --version`` and the editor's 关于 box.

Kept here, not read from the installed package's metadata: a one-folder bundle has no metadata.
A test keeps it equal to pyproject.toml's.
"""

VERSION = "0.1.0"

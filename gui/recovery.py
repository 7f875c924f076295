"""Autosave files: unsaved edits written every few seconds, offered back after a crash.

Each window owns one recovery file, held with a ``QLockFile`` while the window lives; a file whose
lock is free (its process died) is an orphan from a crash.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

from model.atomic_file import write_file
from model.document import Document
from model.errors import NianbaoError
from model.fileformat import MAX_FILE_BYTES, document_from_dict, document_to_dict
from model.input_file import read_input

SUFFIX = ".nianbao-recovery"


@dataclass
class Recovered:
    """A document found in an orphaned recovery file, and the file it was being edited as."""

    file: Path
    document: Document
    original: Path | None


class RecoveryFile:
    """The recovery file of one window."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{uuid.uuid4().hex}{SUFFIX}"
        self._lock = QLockFile(str(self.path) + ".lock")
        self._lock.setStaleLockTime(0)
        self._lock.tryLock(0)

    def write(self, document: Document, original: Path | None) -> None:
        data = {"original": str(original) if original else None, "document": document_to_dict(document)}
        write_file(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def discard(self) -> None:
        """Nothing unsaved any more (saved, or closed without saving on purpose)."""
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        self.discard()
        self._lock.unlock()


def find_orphans(folder: Path) -> list[Recovered]:
    """Recovery files left by windows that did not close cleanly, newest first."""
    if not folder.is_dir():
        return []
    found = []
    for file in sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True):
        lock = QLockFile(str(file) + ".lock")
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # a running window owns it
        lock.unlock()
        try:
            data = json.loads(read_input(file, max_bytes=2 * MAX_FILE_BYTES).decode("utf-8"))
            document = document_from_dict(data["document"])
            original = Path(data["original"]) if data.get("original") else None
        except (OSError, ValueError, KeyError, TypeError, NianbaoError):
            file.unlink(missing_ok=True)  # unreadable leftovers help nobody
            continue
        found.append(Recovered(file, document, original))
    return found

"""Old Word (.doc) and WPS (.wps) files: converted to .docx by LibreOffice when it is installed, then
read as Word files; without LibreOffice the user is told how to save the file as .docx.

Files with these names are often something else: a .docx renamed, RTF, or a web page Word saved
as .doc; those are read for what they are.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from model.errors import ImportFailed
from readers.lines import Line

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A first conversion also creates LibreOffice's profile, which takes several seconds on a slow PC.
CONVERT_SECONDS = 120
_WINDOWS_PLACES = ("LibreOffice/program/soffice.exe", "LibreOffice 7/program/soffice.exe")


def find_soffice() -> str | None:
    """LibreOffice's ``soffice`` on PATH or where its installers put it, if it is installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    places: list[Path] = []
    if sys.platform == "win32":
        for root in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
            places.extend(Path(root) / p for p in _WINDOWS_PLACES if root)
    elif sys.platform == "darwin":
        places.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return next((str(p) for p in places if p.is_file()), None)


def how_to_save(path: Path) -> str:
    """What to tell the user when an old Word or WPS file cannot be converted here."""
    kind = "WPS文字文件（.wps）" if path.suffix.lower() == ".wps" else "旧版Word文件（.doc）"
    return (
        f"请在Word或WPS中打开“{path.name}”，点“文件 → 另存为”，保存类型选“Word文档（*.docx）”，"
        f"再导入保存的.docx文件（{kind}需先转换）"
    )


def convert_to_docx(path: Path, soffice: str, folder: Path, suffix: str) -> Path:
    """Convert with a private LibreOffice profile (so a running LibreOffice is not disturbed), no shell,
    and a time limit; the whole process group is ended if it is exceeded."""
    source = folder / f"document{suffix}"
    shutil.copyfile(path, source)
    outdir = folder / "out"
    profile = folder / "profile"
    command = [
        soffice,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "docx",
        "--outdir",
        str(outdir),
        str(source),
    ]
    options: dict = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "stdin": subprocess.DEVNULL}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NO_WINDOW  # type: ignore[attr-defined]
    else:
        options["start_new_session"] = True
    try:
        process = subprocess.Popen(command, **options)
    except OSError as exc:
        raise ImportFailed(f"无法启动LibreOffice转换“{path.name}”（{exc}）。{how_to_save(path)}") from exc
    try:
        process.wait(timeout=CONVERT_SECONDS)
    except subprocess.TimeoutExpired:
        _end(process)
        raise ImportFailed(f"LibreOffice转换“{path.name}”超时（{CONVERT_SECONDS}秒）。{how_to_save(path)}") from None
    converted = outdir / "document.docx"
    if process.returncode != 0 or not converted.is_file():
        raise ImportFailed(f"LibreOffice未能转换“{path.name}”（文件可能已损坏或加密）。{how_to_save(path)}")
    return converted


def _end(process: subprocess.Popen) -> None:
    if sys.platform == "win32":
        process.kill()
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            process.kill()
    process.wait()


def read_legacy_word(path: Path) -> list[Line]:
    """A .doc/.wps file's lines, through LibreOffice when it is a binary Word or WPS document."""
    with path.open("rb") as handle:
        head = handle.read(512)
    if head.startswith(b"PK"):
        return _read_as_docx(path, path)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        from readers.html import read_html

        return read_html(path)
    if head.startswith(OLE2_MAGIC):
        suffix = ".doc"  # WPS writes Word 97 files; LibreOffice picks its filter by the name
    elif head.startswith(b"{\\rtf"):
        suffix = ".rtf"
    else:
        raise ImportFailed(f"“{path.name}”不是有效的Word或WPS文件，可能已损坏。{how_to_save(path)}")
    soffice = find_soffice()
    if soffice is None:
        raise ImportFailed(f"本机未安装LibreOffice，无法自动转换“{path.name}”。{how_to_save(path)}")
    with tempfile.TemporaryDirectory(prefix="nianbao-") as folder:
        return _read_as_docx(convert_to_docx(path, soffice, Path(folder), suffix), path)


def _read_as_docx(docx: Path, original: Path) -> list[Line]:
    """The lines of a Word file; messages name the user's file, not a converted copy."""
    from readers.docx import read_docx

    try:
        return read_docx(docx)
    except ImportFailed as exc:
        if docx == original:
            raise
        raise ImportFailed(str(exc).replace(docx.name, original.name)) from exc

"""Which fonts the PDF uses, and the refusal of fonts it cannot use (missing, not a font, CFF, no Chinese)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from export.fonts import (
    BODY_FACES,
    HEADING_FACES,
    FontError,
    body_candidates,
    candidates,
    check_font,
    find_font,
    find_title_font,
    font_folders,
    installed_fonts,
)
from tests.conftest import EXAMPLE

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_wqy = pytest.mark.skipif(not WQY.is_file(), reason="fonts-wqy-zenhei is not installed")
needs_dejavu = pytest.mark.skipif(not DEJAVU.is_file(), reason="fonts-dejavu-core is not installed")


def _touch(path: Path, data: bytes = b"\x00\x01\x00\x00") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_tables_put_the_gbt9704_faces_first():
    assert [f.face for f in BODY_FACES[:1]] == ["仿宋"] and BODY_FACES[0].pattern == "simfang.ttf"
    assert HEADING_FACES[0].face == "黑体" and HEADING_FACES[0].pattern == "simhei.ttf"
    for prefix in ("CESI_FS_", "CESI_SS_", "CESI_KT_"):
        assert any(f.pattern.startswith(prefix) for f in BODY_FACES)
    assert any(f.pattern.startswith("CESI_HT_") for f in HEADING_FACES)
    body = [f.pattern for f in BODY_FACES]
    assert body.index("simfang.ttf") < body.index("simsun.ttc") < body.index("simkai.ttf") < body.index("uming.ttc")


def test_search_follows_the_table_order_whatever_the_case(tmp_path):
    fonts = tmp_path / "fonts"
    _touch(fonts / "truetype" / "wqy" / "wqy-zenhei.ttc")
    _touch(fonts / "truetype" / "arphic" / "uming.ttc")
    _touch(fonts / "truetype" / "cesi" / "CESI_SS_GB2312.TTF")
    _touch(fonts / "truetype" / "cesi" / "CESI_FS_GB2312.TTF")
    _touch(fonts / "truetype" / "cesi" / "CESI_HT_GB2312.TTF")
    _touch(fonts / "notes.txt")
    found = installed_fonts([fonts])
    body = [Path(p).name for p, _ in candidates(BODY_FACES, found)]
    assert body == ["CESI_FS_GB2312.TTF", "CESI_SS_GB2312.TTF", "uming.ttc", "wqy-zenhei.ttc"]
    heading = [Path(p).name for p, _ in candidates(HEADING_FACES, found)]
    assert heading == ["CESI_HT_GB2312.TTF", "wqy-zenhei.ttc"]


def test_windows_folders_include_the_per_user_fonts():
    env = {"WINDIR": "C:\\Windows", "LOCALAPPDATA": "C:\\Users\\张三\\AppData\\Local", "USERPROFILE": "C:\\Users\\张三"}
    folders = [str(f).replace("/", "\\") for f in font_folders(env, "win32")]
    assert folders[0] == "C:\\Windows\\Fonts"
    assert "C:\\Users\\张三\\AppData\\Local\\Microsoft\\Windows\\Fonts" in folders


def test_linux_folders_include_system_and_user_fonts():
    folders = font_folders({"HOME": "/home/u"}, "linux")
    assert Path("/usr/share/fonts") in folders and Path("/home/u/.local/share/fonts") in folders


@pytest.mark.parametrize(
    "content,words",
    [
        (None, "不存在"),
        (b"just some text, renamed\n", "不是字体文件"),
        (b"OTTO" + b"\x00" * 60, "OpenType/CFF"),
        (b"\x00\x01\x00\x00" + b"\xff" * 20, "已损坏"),
    ],
)
def test_unusable_font_files_are_refused_in_chinese(tmp_path, content, words):
    path = tmp_path / "字体.ttf"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(FontError, match=words):
        check_font(path)


def test_a_folder_is_not_a_font(tmp_path):
    with pytest.raises(FontError, match="不是文件"):
        check_font(tmp_path)


@needs_dejavu
def test_a_latin_only_font_is_refused():
    with pytest.raises(FontError, match="不含中文字形"):
        check_font(DEJAVU)


@pytest.mark.parametrize("path", [WQY, UMING], ids=["wqy-zenhei", "ar-pl-uming"])
def test_a_chinese_truetype_font_is_accepted(path):
    if not path.is_file():
        pytest.skip(f"{path.name} is not installed")
    font = check_font(path)
    assert font.embedded and font.source == str(path)


@needs_wqy
def test_machine_fonts_are_taken_in_table_order(tmp_path):
    fonts = tmp_path / "fonts"
    (fonts / "cesi").mkdir(parents=True)
    # A UOS machine: the 仿宋 and 黑体 files are what the search takes, before WenQuanYi.
    os.symlink(WQY, fonts / "cesi" / "CESI_FS_GB2312.TTF")
    os.symlink(WQY, fonts / "cesi" / "CESI_HT_GB2312.TTF")
    body = find_font(folders=[fonts])
    assert body.embedded and body.source.endswith("CESI_FS_GB2312.TTF")
    assert find_title_font(body, folders=[fonts]).source.endswith("CESI_HT_GB2312.TTF")


def test_damaged_machine_fonts_are_skipped_for_the_cid_fallback(tmp_path):
    fonts = tmp_path / "fonts"
    _touch(fonts / "simfang.ttf", b"not a font")
    _touch(fonts / "simhei.ttf", b"OTTO")
    body = find_font(folders=[fonts])
    assert not body.embedded
    assert find_title_font(body, folders=[fonts]) == body


def _export(tmp_path: Path, *args: str) -> tuple[int, str, Path]:
    import contextlib
    import io

    import main

    out = tmp_path / "r.pdf"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main.main(["export", str(EXAMPLE), "-o", str(out), *args])
    return code, err.getvalue(), out


@pytest.mark.parametrize("kind", ["missing", "text", "latin"])
def test_cli_refuses_a_wrong_font_and_writes_nothing(tmp_path, kind):
    if kind == "latin" and not DEJAVU.is_file():
        pytest.skip("fonts-dejavu-core is not installed")
    font = {"missing": tmp_path / "nope.ttf", "text": tmp_path / "fake.ttf", "latin": DEJAVU}[kind]
    if kind == "text":
        font.write_text("这不是字体", encoding="utf-8")
    code, err, out = _export(tmp_path, "--font", str(font))
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("nianbao: ") and "Traceback" not in err
    assert not out.exists()


@needs_wqy
def test_cli_font_is_embedded(tmp_path):
    from pypdf import PdfReader

    code, _, out = _export(tmp_path, "--font", str(WQY))
    assert code == 0
    names = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(out).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("WenQuanYi" in name or "wqy" in name.lower() for name in names), names


def test_gui_refuses_a_latin_font_with_the_reason(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from gui.context import AppContext
    from gui.main_window import MainWindow
    from model.fileformat import load_report
    from tests.gui.conftest import FakeMessages

    messages = FakeMessages()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(settings, tmp_path / "rec", messages, autosave_ms=60_000), load_report(EXAMPLE))
    qtbot.addWidget(window)
    fake = tmp_path / "fake.ttf"
    fake.write_text("text", encoding="utf-8")
    assert not window.set_pdf_font(str(fake))
    assert "不是字体文件" in messages.errors[-1]
    if DEJAVU.is_file():
        assert not window.set_pdf_font(str(DEJAVU))
        assert "不含中文字形" in messages.errors[-1]
    assert window.pdf_font() is None
    window.session.set_clean()
    window.close()


def test_linked_font_folders_are_searched(tmp_path):
    elsewhere = tmp_path / "opt" / "cesi"
    _touch(elsewhere / "CESI_KT_GB2312.TTF")
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    os.symlink(elsewhere, fonts / "cesi")
    os.symlink(fonts, fonts / "cesi-loop")  # a loop ends at the search depth
    found = candidates(BODY_FACES, installed_fonts([fonts]))
    assert [Path(p).name for p, _ in found][:1] == ["CESI_KT_GB2312.TTF"]


def _with_endless_cmap(source: str, index: int, target: Path) -> bool:
    """A copy of ``source`` whose format 12 character map claims a range of four billion characters."""
    import struct

    from export.font_bounds import _cmap_offset, _font_offset

    data = bytearray(Path(source).read_bytes())
    with open(source, "rb") as stream:
        cmap = _cmap_offset(stream, _font_offset(stream, index))
    if cmap is None:
        return False
    (subtables,) = struct.unpack_from(">H", data, cmap + 2)
    for number in range(subtables):
        (offset,) = struct.unpack_from(">I", data, cmap + 4 + 8 * number + 4)
        start = cmap + offset
        if struct.unpack_from(">H", data, start)[0] == 12:
            struct.pack_into(">II", data, start + 16, 0, 0xFFFFFFF0)  # first group: 0 … 2**32 - 16
            target.write_bytes(bytes(data))
            return True
    return False


def test_a_font_whose_character_map_never_ends_is_refused_quickly(tmp_path):
    """reportlab would build a dictionary of four billion entries: refused before, in a bounded child."""
    from tests.reliability.bounded import run_cli

    found = [(p, i) for p, i in body_candidates() if p.lower().endswith((".ttf", ".ttc"))]
    hostile = tmp_path / "endless.ttf"
    if not any(_with_endless_cmap(p, i, hostile) for p, i in found[:3]):
        pytest.skip("no font with a format 12 character map on this machine")
    result = run_cli(["export", EXAMPLE, "-o", tmp_path / "r.pdf", "--font", hostile], memory_mb=700, seconds=20)
    assert result.returncode == 2 and "已损坏" in result.stderr and "Traceback" not in result.stderr


def test_a_truncated_font_is_a_message_not_a_traceback(tmp_path):
    found = [p for p, _ in body_candidates()]
    if not found:
        pytest.skip("no TrueType CJK font on this machine")
    cut = tmp_path / "cut.ttc"
    cut.write_bytes(Path(found[0]).read_bytes()[:300_000])
    with pytest.raises(FontError):
        check_font(cut)


def test_a_font_file_of_gigabytes_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.ttf"
    with big.open("wb") as stream:
        stream.write(b"\x00\x01\x00\x00")
        stream.truncate(3 * 2**30)  # sparse: no disk used
    from tests.reliability.bounded import run_cli

    # In a child under a memory limit: a regression would read 3 GB.
    result = run_cli(["export", EXAMPLE, "-o", tmp_path / "r.pdf", "--font", big], memory_mb=700, seconds=20)
    assert result.returncode == 2 and "过大" in result.stderr

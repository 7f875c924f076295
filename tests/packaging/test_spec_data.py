"""Always run (fast): the spec bundles every file the code loads, every package, and only the pinned versions."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from tests.packaging.conftest import PACKAGING, ROOT, load_packaging

layout = load_packaging("bundle_layout")
SOURCE_SUFFIXES = set(layout.SOURCE_SUFFIXES)


def code_files() -> list[Path]:
    files = [ROOT / "main.py"]
    for package in layout.PACKAGES:
        files.extend(sorted((ROOT / package).rglob("*.py")))
    return files


def resource_paths_in_code() -> set[Path]:
    """Every path under resources/ the code builds: ``... / "resources" / "a" / "b.json"`` chains and literals."""
    found: set[Path] = set()
    for file in code_files():
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
                parts = []
                walker: ast.AST = node
                while isinstance(walker, ast.BinOp) and isinstance(walker.op, ast.Div):
                    if isinstance(walker.right, ast.Constant) and isinstance(walker.right.value, str):
                        parts.append(walker.right.value)
                    walker = walker.left
                parts.reverse()
                if "resources" in parts:
                    found.add(ROOT.joinpath(*parts[parts.index("resources") :]))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("resources/"):
                found.add(ROOT / node.value)
    return found


def folders_next_to_the_code() -> set[str]:
    """First names in ``Path(__file__)...parent / "NAME" / ...`` chains: folders the code reads beside itself."""
    found = set()
    for file in code_files():
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div)):
                continue
            left = node
            while isinstance(left, ast.BinOp) and isinstance(left.op, ast.Div):
                left = left.left
            if "__file__" in ast.unparse(left) and isinstance(node.right, ast.Constant):
                # the innermost division's right side is the first name after the code's own folder
                inner = node
                while isinstance(inner.left, ast.BinOp):
                    inner = inner.left
                if isinstance(inner.right, ast.Constant) and isinstance(inner.right.value, str):
                    found.add(inner.right.value)
    return found


def test_the_code_reads_data_only_from_resources() -> None:
    """A guide or template put beside the code in another folder would be missing from the bundle."""
    names = folders_next_to_the_code()
    assert "resources" in names
    top_level = {p.name for p in ROOT.iterdir() if p.is_dir()}
    outside = {name for name in names if name in top_level} - {"resources", *layout.PACKAGES}
    assert not outside, f"the code loads files from {sorted(outside)}/, which the bundle does not hold"


def bundled() -> set[Path]:
    return {Path(source) for source, _ in layout.data_files(ROOT)}


def test_code_loads_resources_and_the_scan_finds_them() -> None:
    paths = resource_paths_in_code()
    # The scan itself must see the loads we know of, or the test below proves nothing.
    assert ROOT / "resources" / "templates" in paths
    assert ROOT / "resources" / "translations" in paths
    assert ROOT / "resources" / "examples" / "qianjiang-cgj-2020.nianbao" in paths


def test_every_resource_the_code_names_is_bundled() -> None:
    files = bundled()
    for path in resource_paths_in_code():
        assert path.exists(), f"the code loads {path}, which does not exist"
        if path.is_file():
            assert path in files, f"{path} is loaded by the code but not bundled"
        else:
            loadable = {p for p in path.rglob("*") if p.is_file() and p.suffix not in SOURCE_SUFFIXES}
            loadable = {p for p in loadable if "__pycache__" not in p.parts}
            assert loadable, f"{path} holds nothing to load"
            assert loadable <= files, f"not bundled: {sorted(loadable - files)}"


def test_every_runtime_file_under_resources_is_bundled_at_its_own_path() -> None:
    runtime = {
        p
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and p.suffix not in SOURCE_SUFFIXES and "__pycache__" not in p.parts
    }
    assert runtime == bundled()
    for source, folder in layout.data_files(ROOT):
        # Code finds resources next to its package (Path(__file__).parent.parent / "resources"): same layout.
        assert Path(source).parent.relative_to(ROOT) == Path(folder)


def test_the_wheel_ships_the_same_resources_as_the_bundle() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    patterns = json.loads("[" + re.search(r"^resources = \[(.*)\]$", text, re.M).group(1) + "]")
    wheel = {p for pattern in patterns for p in (ROOT / "resources").glob(pattern) if p.is_file()}
    assert wheel == bundled()


def test_every_package_of_the_program_is_bundled_whole() -> None:
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "benchmarks", "resources", "scripts"}
    assert packages == set(layout.PACKAGES)
    spec = (PACKAGING / "nianbao.spec").read_text(encoding="utf-8")
    assert "collect_submodules(package)" in spec and "layout.PACKAGES" in spec
    assert "layout.data_files(ROOT)" in spec


def test_qt_payload_filter_keeps_what_an_office_pc_needs() -> None:
    keep = layout.keep_qt_file
    for dest in (
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
    ):
        assert keep(dest), dest
    for dest in (
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/qml/QtQuick/qmldir",
    ):
        assert not keep(dest), dest


def test_qt_payload_filter_keeps_every_file_of_ours() -> None:
    for source, folder in layout.data_files(ROOT):
        dest = f"{folder}/{Path(source).name}"
        assert layout.keep_qt_file(dest), dest


def test_pruning_drops_only_libraries_nothing_kept_links_to() -> None:
    binaries = [
        ("PySide6/QtGui.abi3.so", "/s/QtGui", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/s/libQt6Gui", "BINARY"),
        ("libfontconfig.so.1", "/s/fontconfig", "BINARY"),
        ("libgtk-3.so.0", "/s/gtk", "BINARY"),
        ("libpython3.11.so.1.0", "/s/python", "BINARY"),
        ("pypdfium2_raw/libpdfium.so", "/s/pdfium", "BINARY"),
        ("_rl_accel.abi3.so", "/s/rl_accel", "EXTENSION"),
    ]
    links = {"/s/QtGui": ["libQt6Gui.so.6"], "/s/libQt6Gui": ["libfontconfig.so.1", "libc.so.6"]}
    kept = {entry[0] for entry in layout.prune_unlinked(binaries, lambda source: links.get(source, []))}
    assert kept == {entry[0] for entry in binaries} - {"libgtk-3.so.0"}


def test_the_build_is_pinned_with_hashes() -> None:
    lock = load_packaging("lock_file")
    _, pins = lock.read_lock()
    by_name = {pin.name.lower().replace("_", "-"): pin for pin in pins}
    assert by_name["pyside6-essentials"].version == "6.11.3"  # 6.12.0 leaks a reference per signal on 3.11
    assert by_name["shiboken6"].version == "6.11.3"
    for pin in pins:
        assert pin.hashes, f"{pin.name} has no hash: run python scripts/update_build_lock.py"
        assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in pin.hashes)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    runtime = re.search(r"^dependencies = \[(.*?)^\]", pyproject, re.M | re.S).group(1)
    for name in re.findall(r'^\s*"([A-Za-z0-9_.-]+)', runtime, re.M):
        assert name.lower().replace("_", "-") in by_name, f"runtime dependency {name} is not in the build lock"
    build = re.search(r"^build = \[(.*?)^\]", pyproject, re.M | re.S).group(1)
    for name, version in re.findall(r'"([A-Za-z0-9_.-]+)==([^"]+)"', build):
        assert by_name[name.lower()].version == version, f"the build extra and the lock disagree on {name}"


def test_no_runtime_dependency_is_left_out_of_the_bundle() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    runtime = re.search(r"^dependencies = \[(.*?)^\]", pyproject, re.M | re.S).group(1)
    names = {name.lower().replace("-", "_") for name in re.findall(r'^\s*"([A-Za-z0-9_.-]+)', runtime, re.M)}
    excluded = {name.split(".")[0].lower() for name in layout.PYTHON_EXCLUDES}
    assert not names & excluded, f"excluded from the bundle but needed at run time: {names & excluded}"


def test_the_lock_round_trips(tmp_path: Path) -> None:
    lock = load_packaging("lock_file")
    header, pins = lock.read_lock()
    copy = tmp_path / "lock.txt"
    lock.write_lock(header, pins, copy)
    assert copy.read_text(encoding="utf-8") == lock.LOCK.read_text(encoding="utf-8")

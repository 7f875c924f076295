"""Mutated real files for every reader; shared by the CI tests and the long run in benchmarks/."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from model.errors import NianbaoError
from model.fileformat import load_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "qianjiang-cgj-2020.nianbao"


def seeds(folder: Path) -> dict[str, bytes]:
    """One real file per reader, built from the example report."""
    from export.xlsx import export_xlsx
    from tests.readers.test_published_import import build_docx, build_html

    export_xlsx(load_report(EXAMPLE), folder / "seed.xlsx")
    build_html(folder / "seed.html")
    build_docx(folder / "seed.docx")
    return {
        ".nianbao": EXAMPLE.read_bytes(),
        ".xlsx": (folder / "seed.xlsx").read_bytes(),
        ".txt": (FIXTURES / "seed-2020-qianjiang-cgj.txt").read_bytes(),
        ".html": (folder / "seed.html").read_bytes(),
        ".docx": (folder / "seed.docx").read_bytes(),
        # Made by LibreOffice (scripts/make_import_fixtures.py): BIFF records and PDF objects to mutate.
        ".xls": (FIXTURES / "xls" / "example-2020.xls").read_bytes(),
        ".pdf": (FIXTURES / "pdf" / "lo-blanks-2021.pdf").read_bytes(),
    }


@st.composite
def mutations(draw, data: bytes) -> bytes:  # type: ignore[no-untyped-def]
    """Flip, delete, insert, duplicate or truncate; inside a zip, mutate one member's text."""
    if data[:2] == b"PK" and draw(st.booleans()):
        source = zipfile.ZipFile(io.BytesIO(data))
        names = source.namelist()
        victim = draw(st.sampled_from(names))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in names:
                content = source.read(name)
                if name == victim:
                    content = draw(_mutate_bytes(content))
                target.writestr(name, content)
        return out.getvalue()
    return draw(_mutate_bytes(data))


@st.composite
def _mutate_bytes(draw, data: bytes) -> bytes:  # type: ignore[no-untyped-def]
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        if not buffer:
            break
        position = draw(st.integers(0, len(buffer) - 1))
        action = draw(st.sampled_from(["flip", "delete", "insert", "duplicate", "truncate", "digits"]))
        if action == "flip":
            buffer[position] ^= 1 << draw(st.integers(0, 7))
        elif action == "delete":
            del buffer[position : position + draw(st.integers(1, 64))]
        elif action == "insert":
            buffer[position:position] = draw(st.binary(min_size=1, max_size=32))
        elif action == "duplicate":
            chunk = bytes(buffer[position : position + draw(st.integers(1, 256))])
            buffer[position:position] = chunk * draw(st.integers(1, 8))
        elif action == "truncate":
            del buffer[position:]
        else:
            buffer[position:position] = str(draw(st.integers(-(10**30), 10**30))).encode()
    return bytes(buffer)


def read_any(path: Path) -> object:
    """Read a file as the CLI would: .nianbao with the file reader, the rest with importers."""
    if path.suffix == ".nianbao":
        return load_report(path)
    from readers.dispatch import read_report

    return read_report(path).document


@dataclass(frozen=True)
class Outcome:
    result: str  # "ok", or "refused" with the typed error
    seconds: float
    peak_mb: float  # the most memory Python held while reading


def outcome(path: Path) -> Outcome:
    """How reading ``path`` ended, how long it took and the memory it needed. Anything but a typed
    error propagates."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        read_any(path)
        result = "ok"
    except NianbaoError:
        result = "refused"
    finally:
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return Outcome(result, seconds, peak / 2**20)


def hostile_corpus() -> dict[str, tuple[str, bytes]]:
    """Issue 15's hostile shapes, by name: (suffix, content). Reading each must stay within the budget."""
    from tests.reliability import hostile

    corpus = {name: (".xlsx", build()) for name, build in hostile.WORKBOOKS.items()}
    for raw in hostile.HOSTILE_NUMBERS:
        corpus[f"report-number-{raw[:12]}"] = (".nianbao", hostile.report_with(raw).encode("utf-8"))
        corpus[f"prior-number-{raw[:12]}"] = (".nianbao", hostile.report_with(raw, where="prior").encode("utf-8"))
    corpus["report-agency-null"] = (
        ".nianbao",
        hostile.report_with("1").replace('"agency": "', '"agency": null, "x": "', 1).encode(),
    )
    corpus["html-head-bomb"] = (".html", b"<head" * 20_000)
    return corpus

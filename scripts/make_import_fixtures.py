"""Build the committed .xls and PDF import fixtures with LibreOffice (run once; tests do not need it).

    python scripts/make_import_fixtures.py

Nothing here writes .xls natively, and the PDF reader must not only fit our own PDF writer, so
LibreOffice converts our own exports (and hand-made workbooks) into files made by another program.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from export.docx import export_docx  # noqa: E402
from export.xlsx import export_xlsx  # noqa: E402
from model.cellref import CellRef  # noqa: E402
from model.fileformat import load_report  # noqa: E402
from tests.readers.report_builders import report_with_blanks, report_with_long_general_section  # noqa: E402

XLS = ROOT / "tests" / "fixtures" / "xls"
PDF = ROOT / "tests" / "fixtures" / "pdf"
WORD = ROOT / "tests" / "fixtures" / "doc"
EXAMPLE = ROOT / "resources" / "examples" / "qianjiang-cgj-2020.nianbao"


TEXT_FILTER = "--infilter=Text (encoded):UTF8,LF,WenQuanYi Zen Hei,zh-CN,"


def convert(source: Path, kind: str, folder: Path, profile: Path, *options: str) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed to build these fixtures")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            *options,
            "--convert-to",
            kind,
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    return folder / f"{source.stem}.{kind.split(':')[0]}"


def main() -> None:
    from tests.readers.report_builders import build_many_sheets
    from tests.readers.test_xlsx_import import build_one_sheet, sample_values

    XLS.mkdir(parents=True, exist_ok=True)
    PDF.mkdir(parents=True, exist_ok=True)
    WORD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        work, profile = Path(temp), Path(temp) / "profile"
        sources = {
            "example-2020": lambda p: export_xlsx(load_report(EXAMPLE), p),
            "blanks-2019": lambda p: export_xlsx(report_with_blanks("2019"), p),
            "blanks-2021": lambda p: export_xlsx(report_with_blanks("2021"), p),
            "handmade-one-sheet": lambda p: build_one_sheet(
                p, sample_values(), number_style="text", total_override={CellRef("3", "new", "total"): 99999}
            ),
            "handmade-many-sheets": lambda p: build_many_sheets(p, sample_values()),
        }
        for name, write in sources.items():
            xlsx = work / f"{name}.xlsx"
            write(xlsx)
            shutil.copy(convert(xlsx, "xls", work, profile), XLS / f"{name}.xls")
        docx = work / "lo-blanks-2021.docx"
        export_docx(report_with_blanks("2021"), docx)
        shutil.copy(convert(docx, "pdf", work, profile), PDF / "lo-blanks-2021.pdf")
        shutil.copy(convert(docx, "doc", work, profile), WORD / "blanks-2021.doc")
        docx_2019 = work / "lo-blanks-2019.docx"
        export_docx(report_with_blanks("2019"), docx_2019)
        shutil.copy(convert(docx_2019, "pdf", work, profile), PDF / "lo-blanks-2019.pdf")
        calc = work / "calc-blanks-2021.xlsx"  # offices also publish the workbook printed to PDF
        export_xlsx(report_with_blanks("2021"), calc)
        shutil.copy(convert(calc, "pdf", work, profile), PDF / "calc-blanks-2021.pdf")
        calc_example = work / "calc-example-2020.xlsx"  # long paragraphs set flush left, wrapped
        export_xlsx(load_report(EXAMPLE), calc_example)
        shutil.copy(convert(calc_example, "pdf", work, profile), PDF / "calc-example-2020.pdf")
        split = work / "lo-split-2021.docx"
        export_docx(report_with_long_general_section(), split)
        shutil.copy(convert(split, "pdf", work, profile), PDF / "lo-split-2021.pdf")
        # A real published report without table rules, typeset by LibreOffice from its pdftotext text.
        published = ROOT / "tests" / "fixtures" / "published" / "10_hongze-district-2023.txt"
        shutil.copy(convert(published, "pdf", work, profile, TEXT_FILTER), PDF / "hongze-2023-unruled.pdf")
    print("written:", *sorted(p.name for p in [*XLS.iterdir(), *PDF.iterdir(), *WORD.iterdir()]))


if __name__ == "__main__":
    main()

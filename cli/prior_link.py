"""``set --prior``: link last year's report, refusing one that is not last year's."""

from __future__ import annotations

import argparse
import os
import sys

from model.document import Document
from model.edits import SetPrior


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def prior_edit(args: argparse.Namespace, document: Document) -> SetPrior:
    """The edit linking ``args.prior`` to the report being set (its year as ``--year`` leaves it)."""
    from model.fileformat import load_report
    from model.prior_check import check_prior_link
    from model.rollforward import prior_of

    same = _same_file(args.prior, args.file)
    last = document if same else load_report(args.prior)
    year = args.year if args.year is not None else document.year
    agency = args.agency if args.agency is not None else document.agency
    for note in check_prior_link(year, agency, last, same_file=same):
        print(f"nianbao: 提示：{note}", file=sys.stderr)
    return SetPrior(prior_of(last))

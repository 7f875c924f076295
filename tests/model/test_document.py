from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.cellref import CellRef
from model.document import Document
from model.edits import SetCell, SetMeta, SetPrior, SetReview, SetText
from model.errors import InvalidValue, NotEditable
from model.prior import PriorYear
from model.template import load_template

NEW = "new"


def ref(row, column, table="3"):
    return CellRef(table, row, column)


def test_total_follows_an_input(blank):
    changes = blank.enter(ref("new", "natural"), "12")
    assert blank.value(ref("new", "total")) == 12
    assert changes.cells[ref("new", "total")] == 12
    blank.enter(ref("new", "business"), "3")
    assert blank.value(ref("new", "total")) == 15


def test_blank_is_not_zero(blank):
    assert blank.value(ref("open", "total")) is None
    blank.enter(ref("open", "natural"), "0")
    assert blank.value(ref("open", "total")) == 0
    assert blank.value(ref("total7", "natural")) == 0
    blank.enter(ref("open", "natural"), "")
    assert blank.value(ref("total7", "natural")) is None


def test_grand_total_is_consistent_both_ways(blank):
    blank.enter(ref("open", "natural"), "4")
    blank.enter(ref("deny_3", "legal"), "2")
    assert blank.value(ref("total7", "total")) == 6
    assert blank.value(ref("open", "total")) + blank.value(ref("deny_3", "total")) == 6


def test_r1_message_has_the_real_numbers(blank):
    blank.apply([SetCell(ref("new", "natural"), 10), SetCell(ref("carried", "natural"), 2)])
    blank.apply([SetCell(ref("open", "natural"), 11)])
    messages = [r.message for r in blank.errors() if r.rule == "R1"]
    assert "自然人：一＋二＝12，三（七）＋四＝11，相差1" in messages
    result = next(r for r in blank.errors() if r.key == "R1:3/natural")
    assert ref("total7", "natural") in result.cells
    blank.enter(ref("carryover", "natural"), "1")
    assert not [r for r in blank.errors() if r.rule == "R1"]


@pytest.mark.parametrize("column", ["natural", "business", "research", "welfare", "legal", "other_org", "total"])
def test_r1_holds_per_column(blank, column):
    source = "natural" if column == "total" else column
    blank.apply([SetCell(ref("new", source), 5)])
    assert any(r.key == f"R1:3/{column}" for r in blank.errors())
    blank.apply([SetCell(ref("partial", source), 3), SetCell(ref("carryover", source), 2)])
    assert not any(r.key == f"R1:3/{column}" for r in blank.errors())


def test_carryover_above_new_plus_carried_warns(blank):
    blank.apply([SetCell(ref("new", "natural"), 1), SetCell(ref("carryover", "natural"), 3)])
    assert any(r.rule == "W1" and "大于" in r.message for r in blank.warnings())


def test_table_four_totals(blank):
    blank.apply([SetCell(ref("cases", "rc_upheld", "4"), 2), SetCell(ref("cases", "rc_pending", "4"), 1)])
    assert blank.value(ref("cases", "rc_total", "4")) == 3
    assert blank.value(ref("cases", "la_total", "4")) is None


def test_totals_cannot_be_typed(blank):
    with pytest.raises(NotEditable, match="合计"):
        blank.enter(ref("total7", "natural"), "3")
    with pytest.raises(NotEditable):
        blank.apply([SetCell(ref("nope", "natural"), 1)])


def test_batch_is_all_or_nothing(blank):
    with pytest.raises(InvalidValue):
        blank.apply([SetCell(ref("new", "natural"), 5), SetCell(ref("open", "natural"), -1)])
    assert blank.value(ref("new", "natural")) is None


def test_undo_edits_restore_everything(blank):
    before = blank.state()
    changes = blank.apply([SetCell(ref("new", "natural"), 5), SetText("s1", "正文"), SetMeta("新机关", 2024)])
    blank.apply(changes.undo)
    assert blank.state() == before
    assert blank.text("s1") == "" and blank.agency == "测试市测试局"


def test_blank_cells_warning_counts_blanks(blank):
    result = next(r for r in blank.warnings() if r.key == "B1:4")
    assert "12个单元格未填写" in result.message
    blank.apply([SetCell(c, 0) for c in blank.template.input_cells() if c.table == "4"])
    assert not any(r.key == "B1:4" for r in blank.warnings())


def test_text_numbers_must_match_table():
    document = Document.new("2021", 2025, "测试局")
    document.apply([SetCell(ref("new", "natural"), 10), SetText("s1", "全年共收到政府信息公开申请12件。")])
    assert any(r.rule == "T1" and "12件" in r.message for r in document.warnings())
    document.apply([SetText("s1", "全年共收到政府信息公开申请10件。")])
    assert not any(r.rule == "T1" for r in document.warnings())


def test_fee_statement_required_in_2021_only():
    assert any(r.rule == "F1" for r in Document.new("2021", 2025, "局").warnings())
    assert not any(r.rule == "F1" for r in Document.new("2019", 2020, "局").warnings())
    document = Document.new("2021", 2025, "局")
    document.apply([SetText("s6", "本年度未收取信息处理费。")])
    assert not any(r.rule == "F1" for r in document.warnings())


def test_every_numbered_text_section_must_be_written(blank):
    missing = {r.section: r for r in blank.warnings() if r.rule == "B2"}
    assert set(missing) == {s.id for s in blank.template.text_sections()}
    assert missing["s5"].message == "五、存在的主要问题及改进情况尚未填写"
    blank.apply([SetText("s5", "  \n ")])
    assert any(r.rule == "B2" and r.section == "s5" for r in blank.warnings())  # blank space is not a text
    blank.apply([SetText("s5", "一是人员力量不足。")])
    assert not any(r.rule == "B2" and r.section == "s5" for r in blank.warnings())


def test_outdated_layout_warns():
    assert any(r.rule == "L1" for r in Document.new("2019", 2023, "局").warnings())
    assert not any(r.rule == "L1" for r in Document.new("2021", 2023, "局").warnings())


def test_prior_year_carry_rule():
    document = Document.new("2021", 2025, "局")
    prior = PriorYear("2021", 2024, "局", {ref("carryover", "natural"): 3, ref("carryover", "business"): 0})
    document.apply([SetPrior(prior), SetCell(ref("carried", "natural"), 2)])
    result = next(r for r in document.errors() if r.rule == "Y1")
    assert result.message == "自然人：二、上年结转＝2，上年四、结转下年度继续办理＝3，相差1"
    document.enter(ref("carried", "natural"), "3")
    assert not any(r.rule == "Y1" for r in document.errors())


def test_prior_year_valid_documents_rule():
    document = Document.new("2021", 2025, "局")
    prior = PriorYear("2021", 2024, "局", {ref("rules", "valid", "2_1"): 10})
    document.apply(
        [
            SetPrior(prior),
            SetCell(ref("rules", "issued", "2_1"), 2),
            SetCell(ref("rules", "abolished", "2_1"), 1),
            SetCell(ref("rules", "valid", "2_1"), 12),
        ]
    )
    result = next(r for r in document.warnings() if r.rule == "Y2")
    assert "现行有效件数＝12" in result.message and "＝11" in result.message


def test_prior_year_items_rule_2019():
    document = Document.new("2019", 2020, "局")
    prior = PriorYear("2019", 2019, "局", {ref("punish", "prev_items", "2_6"): 150, ref("punish", "delta", "2_6"): -4})
    document.apply([SetPrior(prior), SetCell(ref("punish", "prev_items", "2_6"), 146)])
    assert not any(r.rule == "Y3" for r in document.warnings())
    document.enter(ref("punish", "prev_items", "2_6"), "140")
    assert any(r.rule == "Y3" and "相差6" in r.message for r in document.warnings())


def test_amount_is_decimal():
    document = Document.new("2021", 2025, "局")
    document.enter(ref("fees", "fee_amount", "2_8"), "12.5")
    assert document.value(ref("fees", "fee_amount", "2_8")) == Decimal("12.50")
    with pytest.raises(InvalidValue):
        document.apply([SetCell(ref("fees", "fee_amount", "2_8"), 1.5)])


def test_example_report_checks_clean(example):
    assert example.errors() == []
    assert example.warnings() == []
    assert example.value(ref("punish", "delta", "2_6")) == -16


# --- incremental recompute equals full recompute, after any sequence of edits -----------------

TEMPLATES = {t: load_template(t) for t in ("2019", "2021")}


@st.composite
def edit_sequences(draw):
    template_id = draw(st.sampled_from(sorted(TEMPLATES)))
    cells = TEMPLATES[template_id].input_cells()
    texts = ["", "收到政府信息公开申请3件", "未收取信息处理费"]
    steps = []
    for _ in range(draw(st.integers(1, 25))):
        batch = []
        for _ in range(draw(st.integers(1, 4))):
            cell = draw(st.sampled_from(cells))
            kind = TEMPLATES[template_id].kind_of(cell).value
            if draw(st.booleans()) and draw(st.booleans()):
                value = None
            elif kind == "amount":
                value = Decimal(draw(st.integers(0, 10**6))) / 100
            elif kind == "signed":
                value = draw(st.integers(-50, 50))
            else:
                value = draw(st.integers(0, 50))
            batch.append(SetCell(cell, value))
        if draw(st.booleans()):
            batch.append(SetText(draw(st.sampled_from(["s1", "s6"])), draw(st.sampled_from(texts))))
        if draw(st.integers(0, 9)) == 0:
            batch.append(SetMeta(year=draw(st.integers(2019, 2026))))
        if draw(st.integers(0, 4)) == 0:
            batch.append(SetReview(draw(st.sampled_from(["s0", "s1", "s5"])), draw(st.booleans())))
        steps.append(batch)
    undo_some = draw(st.booleans())
    return template_id, steps, undo_some


@settings(max_examples=150, deadline=None)
@given(edit_sequences())
def test_incremental_equals_full_recompute(case):
    template_id, steps, undo_some = case
    document = Document.new(template_id, 2020, "局")
    prior = PriorYear(template_id, 2019, "局", {CellRef("3", "carryover", "natural"): 1})
    document.apply([SetPrior(prior)])
    undos = []
    for batch in steps:
        undos.append(document.apply(batch).undo)
        assert document.state() == document.full_recompute()
    if undo_some:
        for undo in reversed(undos):
            document.apply(undo)
            assert document.state() == document.full_recompute()


def test_fill_blanks_fills_only_blanks(blank):
    blank.apply([SetCell(ref("new", "natural"), 4)])
    edits = blank.fill_blanks()
    assert ref("new", "natural") not in {e.ref for e in edits}
    blank.apply(edits)
    assert blank.value(ref("new", "natural")) == 4
    assert not any(r.rule == "B1" for r in blank.warnings())
    assert blank.fill_blanks() == []

from model.cellref import CellRef
from model.document import Document
from model.edits import SetCell, SetText
from model.rollforward import roll_forward, shift_years


def test_example_rolls_into_2021_layout(example):
    result = roll_forward(example)
    document = result.document
    assert (document.template.id, document.year, document.agency) == ("2021", 2021, example.agency)
    for column in ("natural", "business", "research", "welfare", "legal", "other_org"):
        assert document.value(CellRef("3", "carried", column)) == example.value(CellRef("3", "carryover", column))
    assert document.value(CellRef("3", "new", "natural")) is None
    assert "2021年1月1日" in document.text("s0")
    assert document.review_pending == {"s0", "s1", "s5", "s6"}
    assert any("第二十条第（九）项" in note and "3829.46" in note for note in result.notes)
    assert not document.errors()


def test_carry_from_2021_and_cross_year_rules():
    last = Document.new("2021", 2024, "局")
    last.apply(
        [
            SetCell(CellRef("3", "carryover", "natural"), 4),
            SetCell(CellRef("2_1", "rules", "valid"), 10),
            SetText("s1", "2024年收到申请，较2023年增加。"),
        ]
    )
    document = roll_forward(last).document
    assert document.year == 2025
    assert document.value(CellRef("3", "carried", "natural")) == 4
    assert document.text("s1") == "2025年收到申请，较2024年增加。"
    document.apply([SetCell(CellRef("3", "carried", "natural"), 3)])
    assert any(r.rule == "Y1" for r in document.errors())
    document.apply([SetCell(CellRef("2_1", "rules", "issued"), 2), SetCell(CellRef("2_1", "rules", "valid"), 11)])
    assert any(r.rule == "Y2" and "相差1" in r.message for r in document.warnings())


def test_2019_items_roll_within_2019_layout():
    last = Document.new("2019", 2019, "局")
    last.apply([SetCell(CellRef("2_6", "punish", "prev_items"), 150), SetCell(CellRef("2_6", "punish", "delta"), -4)])
    document = roll_forward(last).document
    assert document.template.id == "2019"
    assert document.value(CellRef("2_6", "punish", "prev_items")) == 146


def test_shift_years_only_touches_years():
    assert shift_years("2020年共2020件，2019年度", 2020) == "2021年共2020件，2020年度"


def test_large_swing_is_a_warning():
    from model.edits import SetPrior
    from model.rollforward import prior_of

    last = Document.new("2021", 2024, "局")
    last.apply([SetCell(CellRef("3", "new", "natural"), 10), SetCell(CellRef("3", "new", "business"), 10)])
    document = Document.new("2021", 2025, "局")
    document.apply(
        [
            SetPrior(prior_of(last)),
            SetCell(CellRef("3", "new", "natural"), 50),
            SetCell(CellRef("3", "new", "business"), 12),
        ]
    )
    swings = [r.message for r in document.warnings() if r.rule == "Y9"]
    assert "一、本年新收政府信息公开申请数量·自然人：本年50，上年10，变化较大，请核对" in swings
    assert not any("商业企业" in m for m in swings)

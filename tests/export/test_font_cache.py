
import pytest

from export.fonts import body_candidates

FONT = next(iter(body_candidates()), None)


@pytest.mark.skipif(FONT is None, reason="no TrueType CJK font on this machine")
def test_cached_metrics_give_the_same_font(tmp_path):
    from export.font_cache import load_ttfont

    path, index = FONT
    parsed = load_ttfont("Parsed", path, index, tmp_path)
    assert list(tmp_path.glob("*.metrics")), "the first load writes the cache"
    cached = load_ttfont("Cached", path, index, tmp_path)
    assert type(cached.face).__name__ == "_CachedFace"
    assert cached.face.charToGlyph == parsed.face.charToGlyph
    assert cached.face.charWidths == parsed.face.charWidths
    glyphs = [parsed.face.charToGlyph[ord(c)] for c in "政府信息公开工作年度报告0123"]
    assert [cached.face.hmetrics[g] for g in glyphs] == [parsed.face.hmetrics[g] for g in glyphs]
    subset = [ord(c) for c in "政府信息公开年报"]
    assert cached.face.makeSubset(subset) == parsed.face.makeSubset(subset)
    assert cached.stringWidth("政府信息公开", 12) == parsed.stringWidth("政府信息公开", 12)


@pytest.mark.skipif(FONT is None, reason="no TrueType CJK font on this machine")
def test_damaged_cache_falls_back_to_parsing(tmp_path):
    from export.font_cache import load_ttfont

    path, index = FONT
    load_ttfont("First", path, index, tmp_path)
    for entry in tmp_path.glob("*.metrics"):
        entry.write_bytes(b"garbage")
    font = load_ttfont("Second", path, index, tmp_path)
    assert type(font.face).__name__ == "TTFontFace"
    assert font.stringWidth("政府", 12) > 0

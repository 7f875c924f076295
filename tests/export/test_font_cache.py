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


class _Planted:
    """What an attacker would put in a pickle: a call run when it is loaded."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        import os

        return (os.mkdir, (self.marker,))


@pytest.mark.skipif(FONT is None, reason="no TrueType CJK font on this machine")
@pytest.mark.parametrize("shape", ["code", "world-writable", "huge"])
def test_a_planted_cache_is_never_run_and_the_font_still_loads(tmp_path, shape):
    """The cache is data: a pickle that would run code, a cache anyone could have written and an
    oversized file are all ignored (parsed normally), and nothing in them is executed."""
    import os
    import pickle

    from export import font_cache

    path, index = FONT
    font_cache.load_ttfont("First", path, index, tmp_path)
    (entry,) = tmp_path.glob("*.metrics")
    marker = tmp_path / "pwned"
    if shape == "code":
        entry.write_bytes(pickle.dumps({"hmetrics": _Planted(str(marker))}))
    elif shape == "world-writable":
        state = pickle.loads(entry.read_bytes())
        state["hmetrics"] = _Planted(str(marker))
        entry.write_bytes(pickle.dumps(state))
        os.chmod(entry, 0o666)
    else:
        with entry.open("ab") as stream:
            stream.truncate(font_cache.MAX_CACHE_BYTES + 1)
    font = font_cache.load_ttfont("Second", path, index, tmp_path)
    assert not marker.exists()
    assert type(font.face).__name__ == "TTFontFace"
    assert font.stringWidth("政府", 12) > 0

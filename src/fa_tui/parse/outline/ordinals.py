"""Chinese and Arabic ordinals as printed in headings (``十三``, ``3``, ``（二）``)."""

from __future__ import annotations

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def ordinal_value(text: str) -> int | None:
    """The integer value of a Chinese (up to 九十九) or Arabic ordinal, ``None`` if not one."""
    text = text.strip().translate(_FULLWIDTH)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch not in _DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    value = (_DIGITS[tens] if tens else 1) * 10
    return value + (_DIGITS[units] if units else 0)

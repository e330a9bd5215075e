"""The frozen value classes (Span, Amount): keyword-only, frozen, comparable and hashable."""

from __future__ import annotations

import inspect
import pickle
from decimal import Decimal

import msgspec
import pytest

from fa_tui.model import Amount, Span


@pytest.mark.parametrize("cls", [Span, Amount])
def test_fields_are_keyword_only_with_their_defaults(cls: type[msgspec.Struct]) -> None:
    params = list(inspect.signature(cls).parameters.values())
    fields = msgspec.structs.fields(cls)
    assert [p.name for p in params] == [f.name for f in fields]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params)
    for p, f in zip(params, fields, strict=True):
        assert p.default is (inspect.Parameter.empty if f.required else f.default)


def test_values_are_frozen_hashable_and_copyable() -> None:
    span = Span(line=3, end_line=4, end_column=2)
    assert (
        span
        == Span(line=3, column=1, end_line=4, end_column=2)
        == Span.at(3, 1, 2).__class__(line=3, column=1, end_line=4, end_column=2)
    )
    assert span != Span(line=3, end_line=4, end_column=3)
    assert len({span, Span(line=3, end_line=4, end_column=2)}) == 1
    with pytest.raises(AttributeError):
        span.line = 9  # type: ignore[misc]
    amount = Amount(value=Decimal("1.50"), text="1.50", decimals=2, span=span)
    assert hash(amount) == hash(Amount(value=Decimal("1.50"), text="1.50", decimals=2, span=span))
    with pytest.raises(AttributeError):
        amount.value = None  # type: ignore[misc]
    assert msgspec.structs.replace(amount, decimals=1).decimals == 1 and amount.decimals == 2
    assert pickle.loads(pickle.dumps(amount)) == amount
    with pytest.raises(TypeError, match="end_column"):
        Span(line=1, end_line=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Span(line=1, end_line=1, end_column=2, width=3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Span(1, 1, 1, 2)  # type: ignore[misc]

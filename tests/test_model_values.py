"""The frozen value classes (Span, Amount): built fast, still frozen, same signature."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from decimal import Decimal

import pytest

from fa_tui.model import Amount, Span
from fa_tui.model.frozen import direct_init


@pytest.mark.parametrize("cls", [Span, Amount])
def test_init_has_the_dataclass_signature(cls: type) -> None:
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [p.name for p in params] == [f.name for f in dataclasses.fields(cls)]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params)
    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    for p in params:
        expected = defaults[p.name]
        assert p.default is (
            inspect.Parameter.empty if expected is dataclasses.MISSING else expected
        )


def test_values_are_frozen_hashable_and_copyable() -> None:
    span = Span(line=3, end_line=4, end_column=2)
    assert (
        span
        == Span(line=3, column=1, end_line=4, end_column=2)
        == Span.at(3, 1, 2).__class__(line=3, column=1, end_line=4, end_column=2)
    )
    assert len({span, Span(line=3, end_line=4, end_column=2)}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.line = 9  # type: ignore[misc]
    amount = Amount(value=Decimal("1.50"), text="1.50", decimals=2, span=span)
    assert dataclasses.replace(amount, decimals=1).decimals == 1 and amount.decimals == 2
    assert pickle.loads(pickle.dumps(amount)) == amount
    with pytest.raises(TypeError, match="end_column"):
        Span(line=1, end_line=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Span(line=1, end_line=1, end_column=2, width=3)  # type: ignore[call-arg]


def test_direct_init_refuses_what_it_cannot_build() -> None:
    @dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
    class WithFactory:
        items: list[int] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match=r"WithFactory\.items"):
        direct_init(WithFactory)

"""taizhang.depreciation.schedule: the same rules as tests/depreciation_test.cpp, from Python."""

import datetime
from decimal import Decimal

import numpy as np
import pytest

import taizhang
from taizhang import depreciation


def test_double_declining_textbook_example():
    df = depreciation.schedule("10000.00", method="double_declining", life_months=60,
                               start=datetime.date(2023, 12, 1))
    assert list(df.columns) == ["period_end", "depreciation_fen", "accumulated_fen",
                                "book_value_fen"]
    assert len(df) == 60
    assert str(df.period_end.iloc[0].date()) == "2024-01-31"
    assert [int(df.accumulated_fen.iloc[i]) for i in (11, 23, 35, 47, 59)] == \
        [400000, 640000, 784000, 867000, 950000]
    for column in ("depreciation_fen", "accumulated_fen", "book_value_fen"):
        assert df[column].dtype == np.int64
    assert int(df.depreciation_fen.sum()) == 950000


def test_rounding_rule_and_decimal_input():
    df = depreciation.schedule(Decimal("100.00"), method="straight_line", life_months=3,
                               start="2024-01-15")
    assert df.accumulated_fen.tolist() == [3167, 6333, 9500]
    assert df.depreciation_fen.tolist() == [3167, 3166, 3167]
    assert df.book_value_fen.iloc[-1] == 500


def test_government_regime_has_no_residual_and_counts_the_first_month():
    df = depreciation.schedule("1000.00", method="straight_line", life_months=12,
                               start="2024-03-10", regime="government")
    assert str(df.period_end.iloc[0].date()) == "2024-03-31"
    assert df.accumulated_fen.iloc[-1] == 100000 and df.book_value_fen.iloc[-1] == 0


def test_sum_of_years_and_units_of_production():
    syd = depreciation.schedule("16000.00", method="sum_of_years", life_months=60,
                                start="2023-06-30", residual_rate=Decimal("0.05"))
    assert syd.accumulated_fen.iloc[11] == 506667 and syd.accumulated_fen.iloc[23] == 912000
    uop = depreciation.schedule("5000.00", method="units_of_production", life_months=120,
                                start="2024-01-10", units_total=1000,
                                units=[100, 0, 250, 700, 5])
    assert uop.accumulated_fen.tolist() == [47500, 47500, 166250, 475000, 475000]


@pytest.mark.parametrize("kwargs, field", [
    (dict(original=1000.0), "original"),                        # a float is never money
    (dict(original="1000.001"), "original"),                    # finer than a fen
    (dict(original=Decimal("NaN")), "original"),
    (dict(method="linear"), "method"),
    (dict(regime="state"), "regime"),
    (dict(life_months=0), "life_months"),
    (dict(life_months=12.0), "life_months"),
    (dict(start="2024-02-30"), "start"),
    (dict(start=20240101), "start"),
    (dict(residual_rate=0.05), "residual_rate"),
    (dict(residual_rate="1.5"), "residual_rate"),
    (dict(residual_rate="1"), "residual_rate"),
    (dict(method="double_declining", life_months=30), "life_months"),
    (dict(method="double_declining", regime="government"), "method"),
    (dict(units=[1, 2]), "units"),
    (dict(method="units_of_production", units_total=0, units=[1]), "units_total"),
    (dict(method="units_of_production", units_total=10, units=[1, -1]), "units[1]"),
])
def test_invalid_arguments_name_the_argument(kwargs, field):
    args = dict(original="1000.00", method="straight_line", life_months=60, start="2024-01-01")
    args.update(kwargs)
    original = args.pop("original")
    with pytest.raises(taizhang.InvalidInput, match=r"^(InvalidInput: )?" + field.replace("[", r"\[")):
        depreciation.schedule(original, **args)

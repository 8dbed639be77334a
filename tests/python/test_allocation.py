"""taizhang.allocate: the rule of docs/rules.md §4 from Python, exact to the fen."""

import random
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import taizhang

PLAN = {
    "fixed": [{"line": "posts", "purpose": "public_welfare_posts", "amount": "3000.00"}],
    "guaranteed": [
        {"line": "dividend", "party": "A1村", "principal": "100000.00", "rate": "0.06"},
        {"line": "fixed-return", "party": "B1村", "amount": Decimal("1000.00")},
    ],
    "proportional": [
        {"line": "unable", "purpose": "support_unable_to_work", "fraction": "3/10"},
        {"line": "maintenance", "purpose": "operation_and_maintenance", "fraction": "0.2"},
        {"line": "incentives", "purpose": "production_incentives", "fraction": "1/2",
         "beneficiaries": [{"party": "户1", "weight": 1}, {"party": "户2", "weight": "1"},
                           {"party": "户3", "weight": Decimal("2")}]},
    ],
}


def test_worked_example():
    rows = taizhang.allocate("20000.00", PLAN)
    assert rows.line.tolist() == ["posts", "dividend", "fixed-return", "unable", "maintenance",
                                  "incentives", "incentives", "incentives"]
    assert rows.party.tolist() == [None, "A1村", "B1村", None, None, "户1", "户2", "户3"]
    assert rows.amount_fen.dtype == np.int64
    assert rows.amount_fen.tolist() == [300000, 600000, 100000, 300000, 200000, 125000, 125000,
                                        250000]
    assert rows.amount_fen.sum() == 2_000_000


def test_period_days_and_shortfall():
    plan = {"guaranteed": [{"line": "a", "party": 1, "principal": "10000.00", "rate": "0.05"},
                           {"line": "b", "party": 2, "principal": "30000.00", "rate": "0.05"}],
            "proportional": [{"line": "rest", "purpose": "collective_economy", "fraction": "1"}]}
    assert taizhang.allocate("1000.00", plan, period_days=90).amount_fen.tolist() == \
        [12329, 36986, 50685]
    assert taizhang.allocate("100.00", plan).amount_fen.tolist() == [2500, 7500, 0]


def test_months_entitled_scale_the_weights_exactly():
    # A half-year: 户1 on the list all six months, 户2 (weight 2) two months before moving away,
    # 户3 three months since joining, 户4 none. Weights 6/6 : 2 x 2/6 : 3/6 = 6 : 4 : 3 of
    # 11,900.00: 5,492.30769, 3,661.53846, 2,746.15384; the two fen left to the largest
    # remainders (.846 and .769).
    plan = {"proportional": [{"line": "incentives", "purpose": "production_incentives",
                              "fraction": "1", "beneficiaries": [
                                  {"party": "户1", "weight": 1, "months_entitled": 6},
                                  {"party": "户2", "weight": 2, "months_entitled": 2},
                                  {"party": "户3", "weight": 1, "months_entitled": 3},
                                  {"party": "户4", "weight": 1, "months_entitled": 0}]}]}
    rows = taizhang.allocate("11900.00", plan, period_days=181, period_months=6)
    assert rows.party.tolist() == ["户1", "户2", "户3"]
    assert rows.amount_fen.tolist() == [549231, 366154, 274615]
    with pytest.raises(taizhang.InvalidInput, match="period_months"):
        taizhang.allocate("11900.00", plan)
    with pytest.raises(taizhang.InvalidInput, match=r"beneficiaries\[0\].months_entitled"):
        bad = {"proportional": [dict(plan["proportional"][0], beneficiaries=[
            {"party": "户1", "weight": 1, "months_entitled": 7}])]}
        taizhang.allocate("1.00", bad, period_months=6)


def test_fixed_lines_are_paid_by_purpose_priority_when_short():
    plan = {"fixed": [{"line": "upkeep", "purpose": "operation_and_maintenance", "amount": "800.00"},
                      {"line": "posts", "purpose": "public_welfare_posts", "amount": "500.00"},
                      {"line": "support", "purpose": "support_unable_to_work",
                       "amount": "600.00"}],
            "proportional": [{"line": "rest", "purpose": "collective_economy", "fraction": "1"}]}
    assert taizhang.allocate("1500.00", plan).amount_fen.tolist() == [40000, 50000, 60000, 0]


@pytest.mark.parametrize("amount, plan, needle", [
    (1000.0, PLAN, "amount"),
    ("1.00", {"proportional": [{"line": "a", "purpose": "collective_economy", "fraction": "1/3"},
                               {"line": "b", "purpose": "collective_economy",
                                "fraction": "1/3"}]}, "fraction"),
    ("1.00", {"proportional": [{"line": "car", "purpose": "vehicles_and_phones",
                                "fraction": "1"}]}, 'line "car"'),
    ("1.00", {"proportional": [{"line": "a", "purpose": "collective_economy", "fraction": 1.0}]},
     "fraction"),
    ("1.00", {"proportional": [{"line": "a", "purpose": "collective_economy"}]}, "fraction"),
    ("1.00", {"proportional": [{"line": "a", "purpose": "collective_economy", "fraction": "1",
                                "beneficiaries": [{"party": "x", "weight": 0}]}]}, "weight"),
    ("2.00", {"fixed": [{"line": "a", "purpose": "public_welfare_posts", "amount": "1.00"}]},
     "proportional"),
    ("1.00", {"guaranteed": [{"line": "g", "party": "x", "amount": "1.00", "rate": "0.1"}],
              "proportional": [{"line": "a", "purpose": "collective_economy", "fraction": "1"}]},
     'line "g"'),
    ("1.00", {"fixed": [{"line": "a", "purpose": "public_welfare_posts", "amount": "1.001"}]},
     'line "a"'),
])
def test_invalid_plans_name_line_and_field(amount, plan, needle):
    with pytest.raises(taizhang.InvalidInput, match=needle):
        taizhang.allocate(amount, plan)


def test_random_plans_sum_exactly_and_stay_within_a_fen():
    rng = random.Random(11)
    purposes = ["support_unable_to_work", "public_welfare_posts", "collective_economy"]
    for _ in range(300):
        denominator = rng.randrange(1, 500)
        cuts, left = [], denominator
        while left > 0 and len(cuts) < 4:
            part = rng.randrange(1, left + 1)
            cuts.append(part)
            left -= part
        if left:
            cuts.append(left)
        proportional = []
        for i, cut in enumerate(cuts):
            line = {"line": f"p{i}", "purpose": rng.choice(purposes),
                    "fraction": f"{cut}/{denominator}"}
            if rng.random() < 0.3:
                line["beneficiaries"] = [{"party": f"h{k}", "weight": rng.randrange(1, 9)}
                                         for k in range(rng.randrange(1, 5))]
            proportional.append(line)
        fixed = [{"line": f"f{i}", "purpose": rng.choice(purposes),
                  "amount": f"{rng.randrange(1, 100000) / 100:.2f}"} for i in range(rng.randrange(3))]
        amount_fen = rng.randrange(0, 10**8)
        amount = f"{amount_fen // 100}.{amount_fen % 100:02d}"
        rows = taizhang.allocate(amount, {"fixed": fixed, "proportional": proportional})
        assert int(rows.amount_fen.sum()) == amount_fen
        rest = amount_fen - int(rows.amount_fen[rows.line.str.startswith("f")].sum())
        for line in proportional:
            paid = int(rows.amount_fen[rows.line == line["line"]].sum())
            assert abs(paid - Fraction(line["fraction"]) * rest) <= 1

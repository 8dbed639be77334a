"""The auditor's reads from Python: incomes, names beside ids, structured history and audit
findings, every entry of the log, and amounts in 元 as exact Decimals."""

import datetime
import os
import shutil
import subprocess
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import taizhang
from test_registry import VILLAGE_A1, VILLAGE_A2, _plan_procedure, county, greenhouse  # noqa: F401

CLI = os.environ.get("TAIZHANG_CLI") or shutil.which("taizhang")


def test_incomes_with_codes_names_payers_and_parts(county):
    reg, ids, _, _ = county
    station = greenhouse(reg, "XF-R1", [(ids["a1"], "3/5"), (ids["a2"], "2/5")])
    assert reg.incomes().empty and "amount_fen" in reg.incomes().columns
    first = reg.record_income(station, "10000.01", start="2026-01-01", end="2026-03-31",
                              payer="承包人李四", by=1, effective="2026-04-05")
    second = reg.record_income(station, "0.03", kind="other", start="2026-04-01",
                               end="2026-06-30", payer_party=ids["town"], by=1,
                               effective="2026-07-02")
    incomes = reg.incomes()
    assert incomes.income_id.tolist() == [first, second]
    assert incomes.asset_id.tolist() == [station, station]
    assert incomes.asset_code.tolist() == ["XF-R1", "XF-R1"]
    assert incomes.asset_name.tolist() == ["大棚 XF-R1", "大棚 XF-R1"]
    assert incomes.kind.tolist() == ["rent", "other"]
    assert incomes.amount_fen.tolist() == [1_000_001, 3]
    assert incomes.amount_fen.dtype == np.int64
    assert [str(d.date()) for d in incomes.start] == ["2026-01-01", "2026-04-01"]
    assert [str(d.date()) for d in incomes.end] == ["2026-03-31", "2026-06-30"]
    assert [str(d.date()) for d in incomes.effective] == ["2026-04-05", "2026-07-02"]
    assert incomes.payer.tolist() == ["承包人李四", ""]
    assert incomes.payer_party.tolist() == [0, ids["town"]]
    assert incomes.payer_name.tolist() == ["", "永靖镇政府"]
    assert incomes.actor.tolist() == [1, 1]
    assert str(incomes.recorded.dt.tz) == "UTC"
    # Each owner's part, by the largest remainder: the odd fen to the larger remainder.
    assert incomes.parts.iloc[0] == [
        {"owner": ids["a1"], "owner_name": "A1村合作社", "share": "3/5", "amount_fen": 600_001},
        {"owner": ids["a2"], "owner_name": "A2村合作社", "share": "2/5", "amount_fen": 400_000}]
    assert [sum(p["amount_fen"] for p in parts) for parts in incomes.parts] == [1_000_001, 3]
    # The payments name their owner and party beside the ids.
    plan = {"proportional": [{"line": "集体经济", "purpose": "collective_economy",
                              "fraction": "1"}]}
    resolution, notice = _plan_procedure(reg, ids["a1"], VILLAGE_A1)
    reg.clock.advance(days=11)
    reg.approve_plan(ids["a1"], "A1方案", plan, resolution=resolution, notice=notice, by=1,
                     effective="2026-06-20")
    reg.allocate_income([first], owner=ids["a1"], by=1, effective="2026-06-21")
    paid = reg.allocations(income=first)
    assert paid.owner_name.tolist() == ["A1村合作社"]
    assert paid.party.tolist() == [None] and paid.party_name.tolist() == [None]
    assert paid.amount_fen.tolist() == [600_001] and paid.amount_fen.dtype == np.int64


def test_history_has_kinds_fields_actor_names_and_chinese_labels(county):
    reg, ids, _, _ = county
    asset = greenhouse(reg, "XF-R2", [(ids["a1"], "1")])
    reg.change_status(asset, "idle", "no tenant", by=1, effective="2026-03-01")
    reg.correct_asset(asset, "wrong place", place="东头", by=1, effective="2026-04-01")
    reg.record_income(asset, "120.50", start="2026-01-01", end="2026-03-31", by=1,
                      effective="2026-04-05")
    history = reg.history(asset)
    assert list(history.columns) == ["sequence", "effective", "recorded", "actor", "actor_name",
                                     "kind", "kind_zh", "description", "description_zh",
                                     "fields"]
    assert history.kind.tolist() == ["asset_registered", "asset_status_changed",
                                     "asset_corrected", "income_recorded"]
    assert history.kind_zh.tolist() == ["资产登记", "资产状态变更", "资产信息更正", "收益登记"]
    assert [taizhang.labels_zh[k] for k in history.kind] == history.kind_zh.tolist()
    assert history.actor_name.tolist() == ["county registrar"] * 4
    assert "idle" in history.description.iloc[1]  # the text is kept
    assert "闲置" in history.description_zh.iloc[1] and "idle" not in history.description_zh.iloc[1]
    assert "120.50 元" in history.description_zh.iloc[3]
    registered = history.fields.iloc[0]
    assert registered["code"] == "XF-R2" and registered["asset_class"] == "operating"
    assert registered["description"]["original_fen"] == 12_000_000
    assert registered["description"]["completed"] == datetime.date(2021, 6, 30)
    assert registered["description"]["funding"] == [
        {"source": "central_fiscal", "amount_fen": 8_000_000},
        {"source": "county_fiscal", "amount_fen": 4_000_000}]
    assert registered["owners"] == [{"party": ids["a1"], "share": "1"}]
    assert history.fields.iloc[1] == {"asset": asset, "status": "idle", "reason": "no tenant"}
    assert history.fields.iloc[2]["description"]["place"] == "东头"
    assert history.fields.iloc[2]["corrects"] == history.sequence.iloc[0]
    income = history.fields.iloc[3]
    assert income["amount_fen"] == 12_050 and isinstance(income["amount_fen"], int)
    assert income["from"] == datetime.date(2026, 1, 1)
    assert income["until"] == datetime.date(2026, 3, 31)
    assert income["kind"] == "rent" and income["payer_party"] == 0
    # By code as well as by id.
    assert reg.history("XF-R2").sequence.tolist() == history.sequence.tolist()
    with pytest.raises(taizhang.NotFound, match="asset"):
        reg.history("XF-NONE")


def test_audit_evidence_in_columns_with_names(county):
    reg, ids, _, _ = county
    bare = greenhouse(reg, "XF-R3", [])
    shared = greenhouse(reg, "XF-R4", [(ids["a1"], "3/5"), (ids["a2"], "2/5")],
                        division=VILLAGE_A2)
    reg.record_income(shared, "10000.01", start="2026-01-01", end="2026-03-31", by=1,
                      effective="2026-04-05")
    findings = reg.audit(as_of="2026-12-01")
    assert list(findings.columns[:8]) == ["rule", "rule_zh", "asset_id", "asset_code",
                                          "asset_name", "division", "division_name", "evidence"]
    mine = findings[findings.asset_id == bare]
    assert set(mine.rule_zh) >= {"权属未确认", "管护责任未落实"}
    assert set(mine.asset_name) == {"大棚 XF-R3"} and set(mine.division_name) == {"A1村"}
    unallocated = findings[findings.rule == "income_not_allocated"].sort_values("owner")
    assert unallocated.owner.tolist() == [ids["a1"], ids["a2"]]
    assert unallocated.share.tolist() == ["3/5", "2/5"]
    assert unallocated.amount_fen.tolist() == [600_001, 400_000]
    assert str(findings.amount_fen.dtype) == "Int64"  # whole fen, missing where none: no floats
    assert [str(d.date()) for d in unallocated.until] == ["2026-03-31"] * 2
    assert set(unallocated.division_name) == {"A2村"}
    assert unallocated.evidence.str.contains("earned until 2026-03-31").all()
    # The evidence in Chinese beside it, written from the same values: 元, the day, 主体 N.
    assert findings.columns[8] == "evidence_zh"
    income = int(unallocated.income.iloc[0])
    assert unallocated.evidence_zh.tolist() == [
        f"产权主体（主体 {ids['a1']}）份额 3/5 应得收益 6000.01 元（收益 {income}，"
        "收益期至 2026-03-31）尚未分配",
        f"产权主体（主体 {ids['a2']}）份额 2/5 应得收益 4000.00 元（收益 {income}，"
        "收益期至 2026-03-31）尚未分配"]
    assert set(mine[mine.rule == "unconfirmed_ownership"].evidence_zh) == {"尚未确认任何产权主体"}
    idle = findings[(findings.rule == "operating_asset_idle") & (findings.asset_id == bare)]
    assert idle.asset_status.tolist() == ["in_use"] and idle.earned_until.isna().all()
    # Absent values are missing, not zero; every *_fen column is whole.
    assert mine.amount_fen.isna().all()
    for column in findings.columns:
        assert findings[column].dtype.kind != "f", column
    # The evidence columns are the same on a day with no findings of their rules.
    empty = reg.audit(as_of="2026-01-05")
    assert list(empty.columns) == list(findings.columns)
    # Findings merge with assets() without clashing names.
    merged = findings.merge(reg.assets(), on="asset_id", how="left")
    assert "original_fen" in merged.columns and "status" in merged.columns


def test_audit_not_stocktaken_dates(county):
    reg, ids, _, _ = county
    asset = greenhouse(reg, "XF-R5", [(ids["a1"], "1")])
    never = greenhouse(reg, "XF-R6", [(ids["a1"], "1")])
    reg.stocktake(asset, condition="good", by=1, effective="2026-06-01")
    findings = reg.audit(as_of="2028-02-01")
    rows = findings[findings.rule == "not_stocktaken"].set_index("asset_id")
    assert rows.year.tolist() == [2027, 2027]
    assert [str(d.date()) for d in rows.due] == ["2027-12-31"] * 2
    assert str(rows.last_inspected[asset].date()) == "2026-06-01"
    assert pd.isna(rows.last_inspected[never])
    assert set(rows.rule_zh) == {"未按期清查"}


def test_entry_of_every_kind(county):
    reg, ids, _, _ = county
    asset = greenhouse(reg, "XF-R6", [(ids["a1"], "1")])
    reg.change_status(asset, "idle", "no tenant", by=1, effective="2026-03-01")
    first = reg.entry(0)
    assert first["kind"] == "register_initialized"
    assert first["fields"]["county_code"] == "520122000000"
    assert first["county_name"] == "息烽县"  # the old top-level keys stay
    for sequence in range(reg.size):
        entry = reg.entry(sequence)
        assert entry["sequence"] == sequence
        assert entry["kind"] in taizhang.labels_zh
        assert isinstance(entry["fields"], dict)
    status = reg.entry(reg.size - 1)
    assert status["kind"] == "asset_status_changed"
    assert status["fields"] == {"asset": asset, "status": "idle", "reason": "no tenant"}
    assert reg.entry(asset)["fields"]["description"]["original_fen"] == 12_000_000
    party = reg.entry(ids["zhang"])["fields"]
    assert party["kind"] == "household" and party["poverty_alleviated"] is True
    assert len(party["person_hash"]) == 32  # the identity number only as its keyed hash
    with pytest.raises(taizhang.NotFound):
        reg.entry(reg.size)


@pytest.mark.skipif(CLI is None, reason="taizhang command not built")
def test_ledger_entry_reads_every_entry_of_the_demo(tmp_path):
    """The demo register holds most kinds of entry; Ledger.entry reads each (it raised
    `std::get: wrong index for variant` on every domain entry)."""
    demo = tmp_path / "demo"
    built = subprocess.run([CLI, "demo", "--dir", str(demo), "--townships", "1", "--villages",
                            "2", "--assets", "30"], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    ledger = taizhang.Ledger.open(str(demo / "register"), readonly=True)
    kinds = {}
    for sequence in range(ledger.size):
        entry = ledger.entry(sequence)
        kinds.setdefault(entry["kind"], entry)
    assert len(kinds) >= 15, sorted(kinds)
    assert {"disposal_requested", "disposal_step", "disposal_executed", "asset_handed_over",
            "plan_approved", "allocation_recorded"} <= set(kinds), sorted(kinds)
    assert set(kinds) <= set(taizhang.labels.entry_kinds_zh)
    for kind, entry in kinds.items():
        for name, value in entry["fields"].items():
            assert not isinstance(value, float), (kind, name)
    assert isinstance(kinds["asset_registered"]["fields"]["description"]["original_fen"], int)


def test_yuan_is_exact_decimal():
    assert taizhang.yuan(12_345_678) == Decimal("123456.78")
    assert str(taizhang.yuan(12_345_678)) == "123456.78"
    assert str(taizhang.yuan(5)) == "0.05" and str(taizhang.yuan(-5)) == "-0.05"
    assert str(taizhang.yuan(0)) == "0.00"
    assert str(taizhang.yuan(12_345_678, unit="万元")) == "12.345678"
    biggest = 2**63 - 1
    assert taizhang.yuan(biggest) * 100 == biggest  # no rounding at the edge of int64
    assert taizhang.yuan(np.int64(7)) == Decimal("0.07")
    series = pd.Series([100, 250_001], name="original_fen", dtype="int64")
    converted = taizhang.yuan(series)
    assert converted.tolist() == [Decimal("1.00"), Decimal("2500.01")]
    assert all(isinstance(v, Decimal) for v in converted)
    assert converted.name == "original_fen"
    assert series.tz.yuan(unit="万元").tolist() == [Decimal("0.000100"), Decimal("0.250001")]
    missing = pd.Series(pd.array([1, None], dtype="Int64"))
    assert missing.tz.yuan().tolist() == [Decimal("0.01"), None]
    frame = pd.DataFrame({"code": ["A", "B"], "original_fen": [100, 250_001],
                          "book_value_fen": [1, 2]})
    assert frame.tz.yuan("original_fen").tolist() == [Decimal("1.00"), Decimal("2500.01")]
    shown = frame.tz.in_yuan()
    assert list(shown.columns) == ["code", "original_yuan", "book_value_yuan"]
    assert shown.book_value_yuan.tolist() == [Decimal("0.01"), Decimal("0.02")]
    assert list(frame.tz.in_yuan("original_fen", unit="万元").columns) == [
        "code", "original_wan_yuan", "book_value_fen"]


@pytest.mark.parametrize("call, argument", [
    (lambda: taizhang.yuan(1.5), "fen"),
    (lambda: taizhang.yuan(True), "fen"),
    (lambda: taizhang.yuan("100"), "fen"),
    (lambda: taizhang.yuan(Decimal("1")), "fen"),
    (lambda: taizhang.yuan(100, unit="角"), "unit"),
    (lambda: taizhang.yuan(pd.Series([1.0, 2.0])), "fen"),
    (lambda: pd.Series([1.5], name="original_fen").tz.yuan(), "original_fen"),
    (lambda: pd.DataFrame({"a_fen": [1]}).tz.yuan("b_fen"), "column"),
    (lambda: pd.DataFrame({"a_fen": [0.5]}).tz.in_yuan(), "a_fen"),
])
def test_yuan_refuses_what_is_not_whole_fen(call, argument):
    with pytest.raises(taizhang.InvalidInput, match=argument):
        call()


def test_entry_fields_of_many_kinds(county):
    """Registry.entry reads each kind with its fields as values (the demo test covers the
    disposal steps, executions and handovers)."""
    reg, ids, _, _ = county
    asset = greenhouse(reg, "XF-R7", [])
    reg.confirm_ownership(asset, [(ids["a1"], "1")], certificate="确权〔2026〕7号", by=1,
                          effective="2026-01-06")
    reg.bind_right(asset, "supervision", ids["town"], valid_from="2026-01-01", by=1)
    reg.bind_maintenance(asset, ids["a1"], "张三", "village_collective", valid_from="2026-01-01",
                         by=1)
    reg.inspect(asset, "张三", "good", evidence=[b"\1" * 32], by=1, effective="2026-02-01")
    reg.change_value(asset, "impairment", "100.25", by=1, effective="2026-02-02")
    reg.plan_depreciation(asset, "units_of_production", 120, units_total=1000, by=1)
    reg.record_units(asset, "2026-01-20", 100, by=1)
    reg.contract_operation(asset, ids["a1"], "self_operated", start="2026-01-01",
                           end="2026-12-31", by=1)
    reg.record_income(asset, "10.00", start="2026-01-01", end="2026-01-31", by=1,
                      effective="2026-02-03")
    reg.add_beneficiary("A1岗位", ids["zhang"], 2, owner=ids["a1"], by=1, effective="2026-01-05")
    resolution = reg.adopt_resolution(ids["a1"], meeting="representatives_meeting",
                                      subject="other", title="议事", held="2026-05-30",
                                      eligible=30, present=24, in_favour=20, by=1)
    notice = reg.post_notice("project", asset, division=VILLAGE_A1, place="公示栏",
                             start="2026-06-01", end="2026-06-10", by=1)
    reg.record_objection(notice, "面积不符", upheld=False, by=1, effective="2026-06-02")
    reg.enrol_actor(40, "审计员", "auditor", "520122000000", taizhang.Signer.from_seed(
        "auditor", bytes(32)).verifier, by=1)
    reg.rotate_key(40, taizhang.Signer.from_seed("auditor2", bytes(32)).verifier, reason="换届",
                   by=1)
    reg.revoke_key(40, reason="离任", by=1)
    reg.define_policy(effective_from="2026-01-01", publicity_days=10, by=1)
    entries = [reg.entry(sequence) for sequence in range(reg.size)]
    by_kind = {}
    for entry in entries:
        by_kind.setdefault(entry["kind"], []).append(entry["fields"])
    expected = set(taizhang.labels.entry_kinds_zh) - {
        "asset_corrected", "asset_status_changed", "disposal_requested", "disposal_step",
        "disposal_withdrawn", "disposal_executed", "plan_approved", "allocation_recorded",
        "asset_handed_over"}
    assert expected <= set(by_kind), expected - set(by_kind)
    assert by_kind["ownership_confirmed"][0] == {
        "asset": asset, "owners": [{"party": ids["a1"], "share": "1"}],
        "certificate": "确权〔2026〕7号"}
    right = by_kind["right_bound"][0]
    assert right["right"] == "supervision" and right["from"] == datetime.date(2026, 1, 1)
    assert right["until"] is None  # an open end: no date, not 1970-01-01
    assert by_kind["inspected"][0]["evidence"] == [b"\1" * 32]
    assert by_kind["value_changed"][0]["amount_fen"] == 10_025
    assert by_kind["depreciation_planned"][0]["method"] == "units_of_production"
    assert by_kind["units_recorded"][0]["month"] == datetime.date(2026, 1, 20)
    contract = by_kind["operation_contracted"][0]
    assert contract["mode"] == "self_operated" and contract["rent_per_year_fen"] == 0
    assert contract["until"] == datetime.date(2026, 12, 31)
    assert by_kind["beneficiary_changed"][0]["weight_numerator"] == 2
    assert by_kind["resolution_adopted"][0]["day"] == datetime.date(2026, 5, 30)
    assert by_kind["resolution_adopted"][0]["in_favour"] == 20
    assert by_kind["notice_posted"][0]["subject_id"] == asset
    assert by_kind["objection_recorded"][0] == {"notice": notice, "upheld": False,
                                                "summary": "面积不符"}
    assert by_kind["actor_key_rotated"][0]["reason"] == "换届"
    assert by_kind["actor_key_revoked"][0] == {"actor": 40, "reason": "离任"}
    policy = by_kind["policy_defined"][-1]
    assert policy["publicity_days"] == 10 and policy["residual_rate"] == "1/20"
    assert policy["audit_days"]["income_unallocated"] == 90
    assert resolution in [e["sequence"] for e in entries]
    for entry in entries:  # money and counts are ints: no float anywhere in the fields
        stack = [entry["fields"]]
        while stack:
            value = stack.pop()
            assert not isinstance(value, float), entry
            if isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, (list, tuple)):
                stack.extend(value)

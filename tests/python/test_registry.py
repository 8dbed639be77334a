"""The register from Python: writes, refusals, DataFrames, history, valuation, replay."""

import re
import datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import taizhang
from signing import Clock, Signing
from signing import signer as _signer

COUNTY = "520122000000"
TOWN_A, VILLAGE_A1, VILLAGE_A2 = "520122101000", "520122101201", "520122101202"
TOWN_B, VILLAGE_B1 = "520122102000", "520122102201"
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(n):
    first17 = f"93520122{n:09d}"
    total = sum(ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return first17 + ALPHABET[(31 - total % 31) % 31]


def identity_number(n):
    first17 = f"52012219800101{n:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights)) % 11]


@pytest.fixture
def county(tmp_path):
    key = _signer("taizhang.test/520122", 1)
    registrar = _signer("registrar", 2)
    # The register's clock: 1 December 2026, 10:00 in the county; tests move it on.
    clock = Clock(datetime.datetime(2026, 12, 1, 10, tzinfo=Clock.CHINA))
    reg = Signing(taizhang.Registry.create(tmp_path / "reg", county_code=COUNTY,
                                           county_name="息烽县", origin="taizhang.test/520122",
                                           key=key, registrar=registrar.verifier, durable=False,
                                           clock=clock),
                  registrar)
    reg.clock = clock
    for code, name in [(COUNTY, "息烽县"), (TOWN_A, "永靖镇"), (VILLAGE_A1, "A1村"),
                       (VILLAGE_A2, "A2村"), (TOWN_B, "温泉镇"), (VILLAGE_B1, "B1村")]:
        reg.define_division(code, name, valid_from="2000-01-01", by=1)
    ids = {
        "a1": reg.register_party("village_collective", "A1村合作社", VILLAGE_A1,
                                 credit_code=credit_code(1), by=1),
        "a2": reg.register_party("village_collective", "A2村合作社", VILLAGE_A2,
                                 credit_code=credit_code(2), by=1),
        "town": reg.register_party("township", "永靖镇政府", TOWN_A,
                                   credit_code=credit_code(3), by=1),
    }
    identity = taizhang.IdentityKey.generate()
    ids["zhang"] = reg.register_party("household", "张三", VILLAGE_A1,
                                      identity_number=identity_number(1), identity_key=identity,
                                      poverty_alleviated=True, by=1)
    return reg, ids, key, tmp_path


def greenhouse(reg, code, owners, *, division=VILLAGE_A1, original="120000.00", **kw):
    return reg.register_asset(code, kw.pop("asset_class", "operating"), f"大棚 {code}", division,
                              original=original,
                              funding=[("central_fiscal", "80000.00"),
                                       ("county_fiscal", Decimal(original) - 80000)],
                              category="greenhouse", completed=datetime.date(2021, 6, 30),
                              owners=owners, quantity="2", unit="座", by=1,
                              effective="2026-01-05", **kw)


def test_register_and_read_as_dataframes(county):
    reg, ids, _, _ = county
    shared = greenhouse(reg, "XF-1", [(ids["a1"], "3/5"), (ids["a2"], Decimal("0.4"))])
    cow = reg.register_asset("XF-2", "household", "能繁母牛", VILLAGE_A1, original="8000.00",
                             funding=[("central_fiscal", "8000.00")], category="livestock",
                             form="biological", completed="2025-03-01",
                             owners=[(ids["zhang"], "1")], quantity=1, unit="头", by=1,
                             effective="2026-01-05")
    frame = reg.assets()
    assert list(frame.asset_id) == [shared, cow]
    assert frame.original_fen.dtype == np.int64 and frame.asset_id.dtype == np.uint64
    assert frame.original_fen.tolist() == [12_000_000, 800_000]
    assert frame.quantity_milli.tolist() == [2000, 1000]
    assert str(frame.completed.iloc[0].date()) == "2021-06-30"
    assert reg.asset("XF-1")["owners"] == [(ids["a1"], "3/5"), (ids["a2"], "2/5")]
    assert reg.asset(shared)["description"]["funding"] == [("central_fiscal", 8_000_000),
                                                          ("county_fiscal", 4_000_000)]
    assert list(reg.assets(division=VILLAGE_A2).asset_id) == []
    assert list(reg.assets(owner=ids["a2"]).asset_id) == [shared]
    assert list(reg.assets(asset_class="household").asset_id) == [cow]
    assert list(reg.assets(division=TOWN_A).asset_id) == [shared, cow]
    summary = reg.summary()
    assert summary.original_fen.sum() == 12_800_000 and summary.assets.sum() == 2
    parties = reg.parties()
    assert len(parties) == 4 and "张三" in parties.name.tolist()


def test_refusals_name_the_field_and_write_nothing(county):
    reg, ids, _, _ = county
    before = reg.size
    with pytest.raises(taizhang.RuleViolation, match="funding"):
        reg.register_asset("XF-9", "operating", "x", VILLAGE_A1, original="100.00",
                           funding=[("central_fiscal", "99.99")], completed="2021-01-01",
                           by=1, effective="2026-01-05")
    with pytest.raises(taizhang.RuleViolation, match="do not sum to exactly 1"):
        greenhouse(reg, "XF-9", [(ids["a1"], "1/3"), (ids["a2"], "1/3")])
    with pytest.raises(taizhang.RuleViolation, match="household"):
        greenhouse(reg, "XF-9", [(ids["a1"], "1/2"), (ids["zhang"], "1/2")],
                   asset_class="public_welfare")
    with pytest.raises(taizhang.InvalidInput, match="original"):
        greenhouse(reg, "XF-9", [], original=120000.0)
    with pytest.raises(taizhang.InvalidInput, match="completed"):
        reg.register_asset("XF-9", "operating", "x", VILLAGE_A1, original="1.00",
                           funding=[("other", "1.00")], completed="2021-02-29", by=1)
    with pytest.raises(taizhang.InvalidInput, match="division"):
        greenhouse(reg, "XF-9", [], division="5201221012")
    with pytest.raises(taizhang.InvalidInput, match="quantity"):
        reg.register_asset("XF-9", "operating", "x", VILLAGE_A1, original="1.00",
                           funding=[("other", "1.00")], completed="2021-01-01", quantity=1.5,
                           by=1)
    assert reg.size == before


def test_refusals_carry_their_chinese_message(county):
    reg, ids, _, _ = county
    asset = greenhouse(reg, "XF-Z1", [(ids["a1"], "1")])
    before = reg.size
    with pytest.raises(taizhang.RuleViolation, match="no lease contract in force") as raised:
        reg.change_status(asset, "leased", "租给合作社", by=1, effective="2026-01-06")
    assert "没有在期的出租合同" in raised.value.message_zh
    assert "XF-Z1" in raised.value.message_zh
    assert reg.size == before


def test_authorization_by_role_and_jurisdiction(county):
    reg, ids, _, _ = county
    reg.enrol_actor(2, "A1村委会", "village_committee", VILLAGE_A1, _signer("a", 3).verifier,
                    by=1)
    reg.enrol_actor(3, "审计", "auditor", COUNTY, _signer("b", 4).verifier, by=1)
    reg.register_asset("XF-10", "public_welfare", "水池", VILLAGE_A1, original="10.00",
                       funding=[("other", "10.00")], completed="2021-01-01", by=2,
                       effective="2026-01-05")
    with pytest.raises(taizhang.Unauthorized, match="outside its jurisdiction"):
        reg.register_asset("XF-11", "public_welfare", "水池", VILLAGE_B1, original="10.00",
                           funding=[("other", "10.00")], completed="2021-01-01", by=2,
                           effective="2026-01-05")
    with pytest.raises(taizhang.Unauthorized, match="auditor"):
        reg.register_asset("XF-12", "public_welfare", "水池", VILLAGE_A1, original="10.00",
                           funding=[("other", "10.00")], completed="2021-01-01", by=3,
                           effective="2026-01-05")


def test_history_as_of_correction_and_valuation(county):
    reg, ids, key, tmp_path = county
    asset = greenhouse(reg, "XF-20", [(ids["a1"], "1")])
    reg.change_status(asset, "idle", "no tenant", by=1, effective="2026-03-01")
    reg.correct_asset(asset, "wrong place", place="东头", quantity="2.5", by=1,
                      effective="2026-04-01")
    history = reg.history(asset)
    assert len(history) == 3
    assert history.actor.tolist() == [1, 1, 1]
    assert str(history.effective.iloc[1].date()) == "2026-03-01"
    assert "idle" in history.description.iloc[1]
    assert reg.asset(asset)["description"]["quantity_milli"] == 2500
    then = reg.assets(as_of="2026-02-01")
    assert then.status.tolist() == ["in_use"] and then.quantity_milli.tolist() == [2000]
    assert reg.assets(as_of="2026-01-04").empty
    value = reg.valuation(as_of="2026-01-31")
    assert value.book_value_fen.tolist() == [5_468_750]  # see the C++ valuation test
    assert value.accumulated_depreciation_fen.dtype == np.int64
    with pytest.raises(taizhang.RuleViolation, match="final|disposal"):
        reg.change_status(asset, "disposed", by=1)
    report = reg.verify(deep=True)
    assert report.ok and report.view_records_compared > 20
    reg.checkpoint(key)
    reopened = taizhang.Registry.open(tmp_path / "reg", readonly=True)
    assert reopened.asset("XF-20")["status"] == "idle"
    with pytest.raises(taizhang.Unauthorized):
        reopened.change_status(asset, "in_use", by=1)


def test_rights_operation_maintenance_inspection_value(county):
    reg, ids, _, _ = county
    shared = greenhouse(reg, "XF-30", [(ids["a1"], "1/2"), (ids["a2"], "1/2")])
    company = reg.register_party("enterprise", "农旅公司", COUNTY, credit_code=credit_code(9),
                                 by=1)
    reg.bind_right(shared, "supervision", ids["town"], valid_from="2026-01-01", by=1)
    rights = reg.rights(shared, on="2026-06-01")
    assert sorted(rights.right.unique()) == ["disposal", "ownership", "supervision"]
    terms = dict(start="2026-01-01", end="2030-12-31", rent="20000.00", principal="120000.00",
                 guarantee_rate="0.06", step_up=Decimal("0.05"))
    # Leasing the villages' greenhouse needs each village's resolution, published.
    with pytest.raises(taizhang.RuleViolation, match="needs the resolution of its owner party"):
        reg.contract_operation(shared, company, "leased", **terms, by=1)
    resolutions = []
    for village, code in [(ids["a1"], VILLAGE_A1), (ids["a2"], VILLAGE_A2)]:
        r = reg.adopt_resolution(village, subject="operation_contract", title="大棚出租决议",
                                 held="2025-12-01", eligible=100, present=80, in_favour=70, by=1,
                                 effective="2025-12-01")
        reg.post_notice("operation_contract", r, division=code, place="村务公开栏",
                        start="2025-12-02", end="2025-12-11", by=1)
        resolutions.append(r)
    with pytest.raises(taizhang.RuleViolation, match="is not published"):
        reg.contract_operation(shared, company, "leased", **terms, resolutions=resolutions, by=1)
    reg.clock.advance(days=11)
    reg.contract_operation(shared, company, "leased", **terms, resolutions=resolutions, by=1)
    assert reg.operation(shared)["guarantee_rate"] == "3/50"
    with pytest.raises(taizhang.RuleViolation, match="every owner"):
        reg.contract_operation(shared, company, "entrusted", start="2026-01-01",
                               end="2030-12-31", decided_by=[ids["a1"]], by=1)
    reg.bind_maintenance(shared, ids["a1"], "王五", "public_welfare_post",
                         funding="operating income", valid_from="2026-01-01", by=1)
    assert reg.maintenance(shared)["inspection_interval_days"] == 180
    reg.inspect(shared, "王五", "fair", note="roof", evidence=[bytes(32)], by=1,
                effective="2026-02-01")
    inspections = reg.inspections(shared)
    assert inspections.condition.tolist() == ["fair"]
    with pytest.raises(taizhang.InvalidInput, match="evidence"):
        reg.inspect(shared, "王五", "good", evidence=[b"short"], by=1)
    reg.change_value(shared, "impairment", "1000.00", by=1, effective="2026-01-20")
    value = reg.valuation(as_of="2026-01-31")
    assert value.impairment_fen.tolist() == [100000]
    assert value.book_value_fen.tolist() == [5_468_750 - 100_000]
    assert value.appraised_fen.isna().all()
    assert reg.verify(deep=True).ok


def test_division_table_from_csv_is_all_or_nothing(county, tmp_path):
    reg, _, _, _ = county
    path = tmp_path / "divisions.csv"
    path.write_text("code,name,valid_from,valid_until\n"
                    "520122103000,新镇,2016-01-01,\n"
                    "520122103201,新村,2016-01-01,2020-12-31\n", encoding="utf-8")
    assert reg.define_divisions_csv(str(path), by=1) == 2
    before = reg.size
    bad = "code,name,valid_from,valid_until\n520122104000,x,2016-01-01,\n5201221,y,2016-01-01,\n"
    with pytest.raises(taizhang.InvalidInput, match="row 3 column code"):
        reg.define_divisions_csv(bad, by=1)
    with pytest.raises(taizhang.Conflict):
        reg.define_divisions_csv(str(path), by=1)
    assert reg.size == before
    # A village whose code expired in 2020 takes no asset completed in 2021.
    with pytest.raises(taizhang.RuleViolation, match="520122103201"):
        reg.register_asset("XF-40", "public_welfare", "路", "520122103201", original="1.00",
                           funding=[("other", "1.00")], completed="2021-01-01", by=1)
    summary = reg.summary()
    assert "ownership_level" in summary.columns


def test_own_depreciation_plan_and_units(county):
    reg, ids, _, _ = county
    asset = reg.register_asset("XF-50", "operating", "加工设备", VILLAGE_A1, original="10000.00",
                               funding=[("central_fiscal", "10000.00")], completed="2023-12-15",
                               category="machinery", owners=[(ids["a1"], "1")], by=1,
                               effective="2026-01-05")
    reg.plan_depreciation(asset, "units_of_production", 120, units_total=1000, by=1)
    reg.record_units(asset, "2024-01-20", 100, by=1)
    reg.record_units(asset, datetime.date(2024, 3, 2), 250, by=1)
    value = reg.valuation(as_of="2024-03-31")
    assert value.accumulated_depreciation_fen.tolist() == [332_500]
    with pytest.raises(taizhang.Conflict):
        reg.record_units(asset, "2024-03-31", 1, by=1)
    with pytest.raises(taizhang.InvalidInput, match="method"):
        reg.plan_depreciation(asset, "linear", 120, by=1)


def test_policy_versions(county):
    reg, ids, _, _ = county
    assert reg.policy()["version"] == 1
    assert reg.policy()["lives"]["greenhouse"] == 96
    reg.define_policy(effective_from="2024-01-01", lives={"greenhouse": 120}, by=1)
    assert reg.policy()["version"] == 2 and reg.policy(1)["lives"]["greenhouse"] == 96
    with pytest.raises(taizhang.InvalidInput, match="lives"):
        reg.define_policy(effective_from="2025-01-01", lives={"greenhouse": 3000}, by=1)
    recent = reg.register_asset("XF-60", "operating", "大棚", VILLAGE_A1, original="1000.00",
                                funding=[("other", "1000.00")], completed="2024-06-30",
                                category="greenhouse", owners=[(ids["a1"], "1")], by=1,
                                effective="2026-01-05")
    value = reg.valuation(as_of="2026-01-31")
    assert value.loc[value.asset_id == recent, "life_months"].tolist() == [120]
    # The phone printed on every notice is policy data too, checked as a telephone number.
    assert reg.policy()["supervision_phone"] == ""
    reg.define_policy(effective_from="2026-01-05", supervision_phone="0855-8231234",
                      supervision_unit="县乡村振兴局", by=1)
    assert reg.policy()["supervision_phone"] == "0855-8231234"
    assert reg.policy()["supervision_unit"] == "县乡村振兴局" and reg.policy(2)["lives"]
    with pytest.raises(taizhang.InvalidInput, match="supervision_phone"):
        reg.define_policy(effective_from="2026-01-05", supervision_phone="call 12345", by=1)
    with pytest.raises(taizhang.InvalidInput, match="supervision_phone"):
        reg.define_policy(effective_from="2026-01-05", supervision_phone=8231234, by=1)


def test_audit_dataframe(county):
    reg, ids, _, _ = county
    asset = greenhouse(reg, "XF-70", [])
    findings = reg.audit(as_of="2026-02-01")
    assert list(findings.columns[:8]) == ["rule", "rule_zh", "asset_id", "asset_code",
                                          "asset_name", "division", "division_name", "evidence"]
    mine = findings[findings.asset_id == asset]
    assert sorted(mine.rule) == ["no_maintenance_binding", "operating_asset_idle",
                                 "unconfirmed_ownership"]
    assert "no income" in mine[mine.rule == "operating_asset_idle"].evidence.iloc[0]
    assert set(mine.asset_code) == {"XF-70"} and set(mine.division) == {VILLAGE_A1}


def test_audit_limits_are_policy_data(county):
    reg, ids, _, _ = county
    asset = greenhouse(reg, "XF-71", [(ids["a1"], "1")])
    assert reg.policy()["audit_days"] == {"income_unallocated": 90, "operating_without_income": 365,
                                          "contract_expiring": 90, "result_unpublished": 30}

    def idle(day):
        findings = reg.audit(as_of=day)
        return "operating_asset_idle" in set(findings[findings.asset_id == asset].rule)

    assert idle("2026-02-01")
    # From 2026-03-01 an operating asset counts as idle only after ten years without income.
    reg.define_policy(effective_from="2026-03-01", audit_days={"operating_without_income": 3650},
                      by=1)
    assert reg.policy()["audit_days"]["operating_without_income"] == 3650
    assert reg.policy()["audit_days"]["contract_expiring"] == 90  # the others carried over
    assert idle("2026-02-28") and not idle("2026-03-01")
    with pytest.raises(taizhang.InvalidInput, match="audit_days"):
        reg.define_policy(effective_from="2026-04-01", audit_days={"stocktaking": 365}, by=1)
    with pytest.raises(taizhang.InvalidInput, match="audit_days.contract_expiring"):
        reg.define_policy(effective_from="2026-04-01", audit_days={"contract_expiring": 0}, by=1)


def test_household_disposal_signed_by_its_committee(county):
    reg, ids, _, _ = county
    director, clerk = _signer("director", 30), _signer("clerk", 31)
    reg.enrol_actor(20, "A1 director", "village_committee", VILLAGE_A1, director.verifier, by=1)
    reg.enrol_actor(21, "A1 clerk", "village_committee", VILLAGE_A1, clerk.verifier, by=1)
    cow = reg.register_asset("XF-80", "household", "能繁母牛", VILLAGE_A1, original="8000.00",
                             funding=[("central_fiscal", "8000.00")], category="livestock",
                             form="biological", completed="2025-03-01",
                             owners=[(ids["zhang"], "1")], by=1, effective="2026-01-05")
    with pytest.raises(taizhang.InvalidInput, match="pledg"):
        reg.request_disposal(cow, "pledge", reasons="loan", by=20)
    request = reg.request_disposal(cow, "loss_report", trigger="disaster", reasons="died", by=20,
                                   effective="2026-02-01")
    assert reg.pending_approvals(21).disposal_id.tolist() == [request]
    with pytest.raises(taizhang.Unauthorized):  # signed with someone else's key
        reg.sign_step(request, 0, by=21, signer=director, effective="2026-02-02")
    reg.sign_step(request, 0, by=21, signer=clerk, effective="2026-02-02")
    reg.execute_disposal(request, "none", "0.00", by=20, effective="2026-02-03")
    frame = reg.disposals()
    assert frame.state.tolist() == ["executed"] and frame.steps.tolist() == [1]
    assert reg.asset(cow)["status"] == "disposed"
    assert reg.verify(deep=True).ok


def _plan_procedure(reg, owner, board, *, held="2026-05-30", start="2026-06-01"):
    """A village's meeting adopts a plan and its notice is posted; returns both ids."""
    resolution = reg.adopt_resolution(owner, meeting="representatives_meeting",
                                      subject="allocation_plan", title="方案", held=held,
                                      eligible=30, present=24, in_favour=20, by=1)
    notice = reg.post_notice("allocation_plan", resolution, division=board, place="公示栏",
                             start=start, end="2026-06-10", by=1)
    return resolution, notice


def test_income_plan_and_allocation(county):
    reg, ids, _, _ = county
    asset = greenhouse(reg, "XF-90", [(ids["a1"], "1")])
    income = reg.record_income(asset, "20000.00", start="2026-01-01", end="2026-06-30", by=1,
                               effective="2026-07-01")
    wang = reg.register_party("household", "王五", VILLAGE_A1, identity_number=identity_number(5),
                              identity_key=taizhang.IdentityKey.generate(), unable_to_work=True,
                              by=1)
    reg.add_beneficiary("A1岗位", ids["zhang"], 1, owner=ids["a1"], by=1, effective="2026-01-05")
    reg.add_beneficiary("A1弱劳", wang, 1, owner=ids["a1"], by=1, effective="2026-01-05")
    reg.add_beneficiary("A1奖补", ids["zhang"], 1, owner=ids["a1"], by=1, effective="2026-01-05")
    plan = {"fixed": [{"line": "posts", "purpose": "public_welfare_posts", "amount": "3000.00",
                       "payees": "A1岗位"}],
            "proportional": [
                {"line": "unable", "purpose": "support_unable_to_work", "fraction": "3/10",
                 "beneficiary_list": "A1弱劳"},
                {"line": "incentives", "purpose": "production_incentives", "fraction": "7/10",
                 "beneficiary_list": "A1奖补"}]}
    size = reg.size
    with pytest.raises(taizhang.RuleViolation, match="quorum"):
        reg.adopt_resolution(ids["a1"], subject="allocation_plan", title="方案", held="2026-05-30",
                             eligible=100, present=50, in_favour=40, by=1)
    with pytest.raises(taizhang.RuleViolation, match="majority"):
        reg.adopt_resolution(ids["a1"], meeting="representatives_meeting",
                             subject="allocation_plan", title="方案", held="2026-05-30",
                             eligible=30, present=20, in_favour=10, by=1)
    assert reg.size == size
    resolution = reg.adopt_resolution(ids["a1"], subject="allocation_plan", title="方案",
                                      held="2026-05-30", eligible=100, present=60, in_favour=40,
                                      by=1)
    with pytest.raises(taizhang.RuleViolation, match="shorter than the 10"):
        reg.post_notice("allocation_plan", resolution, division=VILLAGE_A1, place="公示栏",
                        start="2026-06-01", end="2026-06-09", by=1)
    notice = reg.post_notice("allocation_plan", resolution, division=VILLAGE_A1, place="公示栏",
                             start="2026-06-01", end="2026-06-10", by=1)
    with pytest.raises(taizhang.RuleViolation, match="runs until"):
        reg.approve_plan(ids["a1"], "方案", plan, resolution=resolution, notice=notice, by=1,
                         effective="2026-06-10")
    # Dated after the notice, but the register recorded the notice today: it runs ten days
    # from now by the register's clock (the clock= given to create), whatever its dates say.
    with pytest.raises(taizhang.RuleViolation, match="recorded on 2026-12-01"):
        reg.approve_plan(ids["a1"], "方案", plan, resolution=resolution, notice=notice, by=1,
                         effective="2026-06-20")
    reg.clock.advance(days=11)
    plan_id = reg.approve_plan(ids["a1"], "方案", plan, resolution=resolution, notice=notice,
                               by=1, effective="2026-06-20")
    notices = reg.notices(VILLAGE_A1)
    assert notices.notice_id.tolist() == [notice]
    assert str(notices.end.iloc[0].date()) == "2026-06-10"
    assert notices.objection_upheld.tolist() == [False]
    assert (reg.audit(as_of="2026-10-01").rule == "income_not_allocated").any()
    with pytest.raises(taizhang.InvalidInput, match="incomes"):
        reg.allocate_income(income, by=1, effective="2026-07-31")  # one id, not a list
    with pytest.raises(taizhang.InvalidInput, match="period"):  # a quarter, not the half-year
        reg.allocate_income([income], period=("2026-01-01", "2026-03-31"), by=1,
                            effective="2026-07-31")
    allocation = reg.allocate_income([income], period=("2026-01-01", "2026-06-30"), by=1,
                                     effective="2026-07-31")
    rows = reg.allocation(allocation)
    assert rows.line.tolist() == ["posts", "unable", "incentives"]
    assert rows.purpose.tolist() == ["public_welfare_posts", "support_unable_to_work",
                                     "production_incentives"]
    assert rows.party.tolist() == [ids["zhang"], wang, ids["zhang"]]
    assert rows.amount_fen.tolist() == [300000, 510000, 1190000]
    assert rows.amount_fen.dtype == np.int64
    assert rows.amount_fen.sum() == 2_000_000
    assert rows.plan.tolist() == [plan_id] * 3
    assert reg.allocations(income=income).equals(rows)
    with pytest.raises(taizhang.Conflict):
        reg.allocate_income([income], by=1, effective="2026-08-01")


def test_shared_income_reaches_every_owner_by_share(county):
    reg, ids, _, _ = county
    station = greenhouse(reg, "XF-91", [(ids["a1"], "3/5"), (ids["a2"], "2/5")])
    # 10,000.01 by 3/5 and 2/5: 6,000.006 and 4,000.004; the odd fen to the larger remainder.
    income = reg.record_income(station, "10000.01", start="2026-01-01", end="2026-03-31", by=1,
                               effective="2026-04-05")
    parts = reg.income_parts(income)
    assert parts.owner.tolist() == [ids["a1"], ids["a2"]]
    assert parts.share.tolist() == ["3/5", "2/5"]
    assert parts.amount_fen.tolist() == [600001, 400000]
    assert parts.disposition.tolist() == ["allocate", "allocate"]
    assert str(parts.end.iloc[0].date()) == "2026-03-31"
    plan = {"proportional": [{"line": "集体经济", "purpose": "collective_economy",
                              "fraction": "1"}]}
    a1 = _plan_procedure(reg, ids["a1"], VILLAGE_A1)
    a2 = _plan_procedure(reg, ids["a2"], VILLAGE_A2)
    reg.clock.advance(days=11)
    reg.approve_plan(ids["a1"], "A1方案", plan, resolution=a1[0], notice=a1[1], by=1,
                     effective="2026-06-20")
    reg.allocate_income([income], owner=ids["a1"], by=1, effective="2026-06-21")
    # A2 has no plan yet: its part waits, and the audit names it.
    with pytest.raises(taizhang.RuleViolation, match="has no approved plan"):
        reg.allocate_income([income], owner=ids["a2"], by=1, effective="2026-06-21")
    evidence = reg.audit(as_of="2026-12-01").query("rule == 'income_not_allocated'").evidence
    assert evidence.str.contains(f"owner {ids['a2']}'s part").tolist() == [True]
    reg.approve_plan(ids["a2"], "A2方案", plan, resolution=a2[0], notice=a2[1], by=1,
                     effective="2026-06-20")
    reg.allocate_income([income], owner=ids["a2"], by=1, effective="2026-06-21")
    paid = reg.allocations(income=income)
    assert paid.owner.tolist() == [ids["a1"], ids["a2"]]
    assert paid.owner_share.tolist() == ["3/5", "2/5"]
    assert paid.amount_fen.tolist() == [600001, 400000]
    assert reg.allocations(owner=ids["a2"]).amount_fen.tolist() == [400000]
    assert reg.income_parts(income).allocation.tolist() == paid.allocation.tolist()


def test_a_township_plan_is_its_decision_recorded_by_the_county_bureau(county):
    reg, ids, _, _ = county
    reg.enrol_actor(30, "县乡村振兴局", "county_rural_revitalization", COUNTY,
                    _signer("bureau", 50).verifier, by=1)
    workshop = greenhouse(reg, "XF-95", [(ids["town"], "1")], division=TOWN_A)
    # 联镇带村: the township's plan pays its villages A1 and A2 by 3 : 2.
    reg.add_beneficiary("联镇带村", ids["a1"], 3, owner=ids["town"], by=1, effective="2026-01-05")
    reg.add_beneficiary("联镇带村", ids["a2"], 2, owner=ids["town"], by=1, effective="2026-01-05")
    plan = {"proportional": [{"line": "带村分红", "purpose": "village_public_welfare",
                              "fraction": "1", "beneficiary_list": "联镇带村"}]}
    with pytest.raises(taizhang.Unauthorized, match="county rural-revitalisation bureau"):
        reg.approve_plan(ids["town"], "镇方案", plan, decision="镇党委会议纪要〔2026〕5号", by=1,
                         effective="2026-06-01")
    with pytest.raises(taizhang.InvalidInput, match="decision"):
        reg.approve_plan(ids["town"], "镇方案", plan, by=30, effective="2026-06-01")
    reg.approve_plan(ids["town"], "镇方案", plan, decision="镇党委会议纪要〔2026〕5号", by=30,
                     effective="2026-06-01")
    income = reg.record_income(workshop, "5000.00", start="2026-01-01", end="2026-06-30", by=1,
                               effective="2026-07-01")
    reg.allocate_income([income], by=1, effective="2026-07-02")
    paid = reg.allocations(owner=ids["town"])
    assert paid.party.tolist() == [ids["a1"], ids["a2"]]
    assert paid.amount_fen.tolist() == [300000, 200000]
    assert paid.amount_fen.dtype == np.int64


def test_village_disposal_with_resolution_notice_and_objection(county):
    reg, ids, _, _ = county
    keys = {n: _signer(n, 40 + i) for i, n in enumerate(
        ["director", "assembly", "clerk", "town", "revitalization", "finance"])}
    roles = {"director": ("village_committee", VILLAGE_A1),
             "assembly": ("village_assembly", VILLAGE_A1),
             "clerk": ("village_committee", VILLAGE_A1),
             "town": ("township_government", TOWN_A),
             "revitalization": ("county_rural_revitalization", COUNTY),
             "finance": ("county_finance", COUNTY)}
    actor = {}
    for i, (name, (role, where)) in enumerate(roles.items()):
        actor[name] = 30 + i
        reg.enrol_actor(actor[name], name, role, where, keys[name].verifier, by=1)
    asset = greenhouse(reg, "XF-95", [(ids["a1"], "1")])
    request = reg.request_disposal(asset, "change_of_use", reasons="idle", by=actor["director"],
                                   effective="2026-02-01")
    assert reg.disposals().steps.tolist() == [6]

    def sign(name, step, day, **kw):
        return reg.sign_step(request, step, by=actor[name], signer=keys[name], effective=day,
                             **kw)

    sign("director", 0, "2026-02-02")
    resolution = reg.adopt_resolution(ids["a1"], subject="disposal", disposal=request,
                                      title="同意转产", held="2026-02-03", eligible=80,
                                      present=50, in_favour=30, by=actor["assembly"])
    with pytest.raises(taizhang.RuleViolation, match="no resolution"):
        sign("assembly", 1, "2026-02-03")
    sign("assembly", 1, "2026-02-03", resolution=resolution)
    objected = reg.post_notice("disposal", request, division=VILLAGE_A1, place="公示栏",
                               start="2026-02-04", end="2026-02-13", by=actor["clerk"])
    reg.record_objection(objected, "估价过低", upheld=True, by=actor["town"],
                         effective="2026-02-05")
    assert reg.notices().objection_upheld.tolist() == [True]
    reg.clock.advance(days=11)  # the notice has run by the register's clock; its objection stands
    with pytest.raises(taizhang.RuleViolation, match="objection"):
        sign("clerk", 2, "2026-02-14", notice=objected)
    notice = reg.post_notice("disposal", request, division=VILLAGE_A1, place="公示栏",
                             start="2026-02-15", end="2026-02-24", by=actor["clerk"])
    with pytest.raises(taizhang.RuleViolation, match="by the register's clock"):
        sign("clerk", 2, "2026-02-25", notice=notice)
    reg.clock.advance(days=11)
    sign("clerk", 2, "2026-02-25", notice=notice)
    for step, name in enumerate(["town", "revitalization", "finance"], start=3):
        sign(name, step, "2026-02-26")
    reg.execute_disposal(request, "合作社", "1000.00", by=actor["director"],
                         effective="2026-03-01")
    assert reg.asset(asset)["status"] == "disposed"
    assert reg.verify(deep=True).ok


def test_policy_chains_are_data_and_requests_keep_theirs(county):
    reg, ids, _, _ = county
    chains = {c["owner"]: c for c in reg.policy()["chains"]}
    assert chains["state"]["above_threshold"] == ["government_approval"]
    assert chains["village_collective"]["per_owner"] == [
        "committee_proposal", "assembly_resolution", "publicity"]
    reg.enrol_actor(20, "A1 director", "village_committee", VILLAGE_A1,
                    _signer("director", 30).verifier, by=1)
    first = greenhouse(reg, "XF-96", [(ids["a1"], "1")])
    second = greenhouse(reg, "XF-97", [(ids["a1"], "1")])
    before = reg.request_disposal(first, "change_of_use", reasons="idle", by=20,
                                  effective="2026-02-01")
    with pytest.raises(taizhang.InvalidInput, match="publicity follows"):
        reg.define_policy(effective_from="2026-03-01", by=1, chains={"village_collective": {
            "per_owner": ["committee_proposal", "publicity"], "steps": ["township_approval"]}})
    with pytest.raises(taizhang.InvalidInput, match="chains"):
        reg.define_policy(effective_from="2026-03-01", by=1, chains={"village_collective": {
            "per_owner": ["committee_proposal", "township_approval"]}})
    # A county that also wants the county government's approval of every village disposal.
    reg.define_policy(effective_from="2026-03-01", by=1, chains={"village_collective": {
        "per_owner": ["committee_proposal", "assembly_resolution", "publicity"],
        "steps": ["township_approval", "rural_revitalization_consent", "finance_consent",
                  "government_approval"]}}, effective="2026-03-01")
    after = reg.request_disposal(second, "change_of_use", reasons="idle", by=20,
                                 effective="2026-03-02")
    frame = reg.disposals().set_index("disposal_id")
    assert frame.loc[before, "steps"] == 6  # in flight: keeps the chain it started with
    assert frame.loc[after, "steps"] == 7
    # Quorums and purposes are policy too, carried over unless given.
    current = reg.policy()
    # Support for people unable to work may take disposal proceeds too (consolidation); a
    # relocation site's running costs only from its shops' income.
    assert current["purposes"][0] == {"name": "support_unable_to_work", "restricted_ok": True,
                                      "categories": []}
    assert {"name": "relocation_site_running_costs", "restricted_ok": False,
            "categories": ["relocation_shop"]} in current["purposes"]
    assert {"owner": "state", "resolution": False, "publicity": False,
            "county_consent": True} in current["plan_rules"]
    assert (current["appraisal_valid_months"], current["state_threshold_basis"],
            current["state_threshold_inclusive"]) == (12, "original", True)
    assert {"meeting": "representatives_meeting", "fraction": "2/3", "strict": False} in \
        current["quorums"]
    reg.define_policy(effective_from="2026-04-01", by=1, effective="2026-04-01",
                      quorums={"representatives_meeting": {"fraction": "3/4"}},
                      purposes=[p["name"] for p in current["purposes"]] + ["village_roads"])
    latest = reg.policy()
    assert latest["purposes"][-1] == {"name": "village_roads", "restricted_ok": False,
                                      "categories": []}
    assert latest["purposes"][:-1] == current["purposes"]  # named only: kept as they were
    assert {"meeting": "representatives_meeting", "fraction": "3/4", "strict": False} in \
        latest["quorums"]
    assert latest["chains"] == current["chains"] and latest["majority"] == "1/2"
    assert latest["appraisal_valid_months"] == 12  # carried over
    with pytest.raises(taizhang.RuleViolation, match="under 3/4"):
        reg.adopt_resolution(ids["a1"], meeting="representatives_meeting",
                             subject="allocation_plan", title="方案", held="2026-04-02",
                             eligible=30, present=20, in_favour=20, by=1)
    assert reg.verify(deep=True).ok


def test_a_forked_child_reopens_the_register(county):
    import os

    reg, ids, _, _ = county
    asset = greenhouse(reg, "XF-98", [(ids["a1"], "1")])
    parent_core = id(reg._core)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reads and writes through its own environment
        try:
            os.close(read)
            # LMDB environments must not be used across fork: the child has its own.
            ok = id(reg._core) != parent_core and reg.asset(asset)["code"] == "XF-98"
            child_asset = greenhouse(reg, "XF-99", [(ids["a1"], "1")])
            os.write(write, str(child_asset if ok else -1).encode())
        finally:
            os._exit(0)
    os.close(write)
    answer = int(os.read(read, 64).decode() or "-1")
    os.waitpid(pid, 0)
    assert answer > 0
    assert reg.asset(answer)["code"] == "XF-99"  # the parent sees what the child wrote
    assert reg.verify(deep=True).ok


def test_every_write_is_described_once_and_checked_by_name(county):
    reg, ids, _, _ = county
    kinds = dict(taizhang._core.Registry.write_kinds())
    assert len(kinds) == 29 and "asset_registered" in kinds and "asset_handed_over" in kinds
    assert "amount_fen" in kinds["income_recorded"] and "from_days" in kinds["income_recorded"]
    asset = greenhouse(reg, "XF-80", [(ids["a1"], "1")])
    core = reg._core

    def refused(kind, fields, needle):
        with pytest.raises(taizhang.InvalidInput, match=needle):
            core.submit(1, 20_500, None, kind, fields, reg.key_of(1))

    refused("income_recorded", {"asset": asset, "amount_fen": 1.5}, "amount_fen: give an int")
    refused("income_recorded", {"asset": asset, "amount": 150}, "amount: not a field")
    refused("asset_status_changed", {"asset": asset, "status": "sold"}, "status")
    refused("asset_status_changed", {"asset": -1, "status": "idle"}, "asset: out of range")
    refused("asset_registered", {"code": "XF-81", "description": {"funding": [
        {"source": "other", "amount_fen": "100"}]}}, r"description\.funding\[0\]\.amount_fen")
    refused("disposal_sold", {}, "kind")
    assert reg.history(asset).shape[0] == 1  # nothing of the refusals was written


def test_quantities_are_read_by_one_parser(county):
    reg, ids, _, _ = county
    # Twelve whole digits are the limit for the sheet importer and for Python alike.
    asset = greenhouse(reg, "XF-90", [(ids["a1"], "1")])
    reg.correct_asset(asset, "数量录错", quantity="999999999999.125", by=1)
    assert reg.asset(asset)["description"]["quantity_milli"] == 999_999_999_999_125
    with pytest.raises(taizhang.InvalidInput, match="quantity"):
        reg.correct_asset(asset, "数量录错", quantity="1000000000000", by=1)
    assert taizhang._core.parse_quantity("2.5") == 2500


def test_every_kind_of_write_has_a_python_method():
    import inspect

    source = inspect.getsource(taizhang.registry.Registry)
    kinds = [kind for kind, _ in taizhang._core.Registry.write_kinds()]
    # Every write the library describes is reachable from the package, by its kind's name.
    missing = [kind for kind in kinds if f'"{kind}"' not in source]
    assert missing == []


def test_every_write_is_signed_by_its_actor(county):
    reg, ids, key, tmp_path = county
    reg.enrol_actor(20, "A1村委会", "village_committee", VILLAGE_A1, _signer("a1", 20).verifier,
                    by=1)
    size = reg.size
    # The attack: anyone who can call the API claims the registrar and enrols an "official"
    # of their own. Without the registrar's key it is refused, and so is a village's own key.
    mine = _signer("mine", 66)
    for by, signer in [(1, None), (1, mine), (20, _signer("a1", 20))]:
        with pytest.raises(taizhang.Unauthorized):
            reg.enrol_actor(40, "假主任", "county_government", COUNTY, mine.verifier, by=by,
                            signer=signer)
    # The county's own log key signs no ordinary write either.
    with pytest.raises(taizhang.Unauthorized):
        reg.define_division("520122101209", "假村", valid_from="2026-01-01", by=1, signer=key)
    assert reg.size == size
    # as_actor: the village writes with its key, without naming it each time.
    village = reg.as_actor(20, _signer("a1", 20))
    village.change_status(greenhouse(reg, "XF-70", [(ids["a1"], "1")]), "idle", "无人经营",
                          effective="2026-02-01")
    with pytest.raises(taizhang.InvalidInput, match="by"):
        village.change_status(1, "idle", by=1)
    # Rotation, then revocation: from then on the old key, then any key, signs nothing.
    new_key = _signer("a1-new", 21)
    reg.rotate_key(20, new_key.verifier, reason="换届", by=1)
    with pytest.raises(taizhang.Unauthorized, match="does not verify"):
        village.register_party("enterprise", "旧钥公司", VILLAGE_A1, credit_code=credit_code(70))
    reg.as_actor(20, new_key).register_party("enterprise", "新钥公司", VILLAGE_A1,
                                             credit_code=credit_code(71))
    reg.revoke_key(20, reason="离任", by=1)
    with pytest.raises(taizhang.Unauthorized, match="revoked"):
        reg.as_actor(20, new_key).register_party("enterprise", "离任后", VILLAGE_A1,
                                                 credit_code=credit_code(72))
    assert reg.verify(trusted=key.verifier).ok and reg.verify(deep=True).ok
    # No effective date after the register's today.
    with pytest.raises(taizhang.RuleViolation, match="register's clock"):
        reg.register_party("enterprise", "未来公司", VILLAGE_A1, credit_code=credit_code(73),
                           by=1, effective="2026-12-02")


def test_the_clock_is_the_callers_and_must_know_its_time_zone(tmp_path):
    key = _signer("taizhang.test/520122", 1)
    registrar = _signer("registrar", 2)

    def naive():
        return datetime.datetime(2026, 12, 1, 10)

    with pytest.raises(taizhang.InvalidInput, match="clock.*timezone-aware"):
        taizhang.Registry.create(tmp_path / "r", county_code=COUNTY, county_name="息烽县",
                                 origin="taizhang.test/520122", key=key,
                                 registrar=registrar.verifier, clock=naive)
    clock = Clock(datetime.datetime(2030, 1, 1, 0, 30, tzinfo=Clock.CHINA))
    reg = taizhang.Registry.create(tmp_path / "r2", county_code=COUNTY, county_name="息烽县",
                                   origin="taizhang.test/520122", key=key,
                                   registrar=registrar.verifier, clock=clock)
    assert reg._core.today_days() == (datetime.date(2030, 1, 1) - datetime.date(1970, 1, 1)).days
    clock.advance(days=3)
    assert reg._core.today_days() == (datetime.date(2030, 1, 4) - datetime.date(1970, 1, 1)).days


def test_rollback_is_caught_by_the_notes_the_county_published(county):
    import shutil

    reg, ids, key, tmp_path = county
    state = tmp_path / "county.key.signed"
    first = reg.checkpoint(key, state=state)
    shutil.copytree(tmp_path / "reg", tmp_path / "older")
    greenhouse(reg, "XF-60", [(ids["a1"], "1")])
    published = reg.checkpoint(key, state=state)
    assert reg.verify(trusted=key.verifier, since=[first, published]).ok
    older = taizhang.Registry.open(tmp_path / "older")
    assert older.verify(trusted=key.verifier).ok
    report = older.verify(trusted=key.verifier, since=[published])
    assert not report.ok and "older copy" in report.problem
    with pytest.raises(taizhang.IntegrityError, match="refusing to sign"):
        older.checkpoint(key, state=state)


def test_a_handover_is_signed_by_both_sides_and_the_bureau(county):
    reg, ids, _, _ = county
    bureau, village = _signer("bureau", 51), _signer("village", 52)
    reg.enrol_actor(31, "县乡村振兴局", "county_rural_revitalization", COUNTY, bureau.verifier,
                    by=1)
    reg.enrol_actor(32, "A1村委会", "village_committee", VILLAGE_A1, village.verifier, by=1)
    built = greenhouse(reg, "XF-96", [(ids["town"], "1")])
    with pytest.raises(taizhang.RuleViolation, match="change only by a handover"):
        reg.confirm_ownership(built, [(ids["a1"], "1")], by=1)
    with pytest.raises(taizhang.Unauthorized, match="receiving side"):
        reg.hand_over(built, [(ids["a1"], "1")], accepted="2025-03-01", book_value="90000.00",
                      approvals=[(31, bureau)], by=1, effective="2025-03-15")
    reg.hand_over(built, [(ids["a1"], "1")], accepted="2025-03-01", book_value="90000.00",
                  certificate="息烽县确权〔2025〕12号", approvals=[(32, village), (31, bureau)],
                  by=1, effective="2025-03-15")
    assert reg.asset(built)["owners"] == [(ids["a1"], "1")]
    assert "handed over after acceptance" in reg.history(built).description.iloc[-1]


@pytest.mark.parametrize("plan, needle", [
    ({"proportionnal": [{"line": "a", "purpose": "collective_economy", "fraction": "1"}]},
     'unknown list "proportionnal"'),
    ({"proportional": [{"line": "a", "purpose": "production_incentives", "fraction": "1",
                        "beneficiaries": "A1奖补"}]}, '.beneficiaries: unknown field'),
    ({"proportional": [{"line": "a", "purpose": "collective_economy"}]},
     '.fraction: missing'),
    ({"guaranteed": [{"line": "g", "party": 9}],
      "proportional": [{"line": "a", "purpose": "collective_economy", "fraction": "1"}]},
     'guaranteed[0].rate'),
    ({"guaranteed": [{"line": "g", "party": "abc", "amount": "1.00"}],
      "proportional": [{"line": "a", "purpose": "collective_economy", "fraction": "1"}]},
     "guaranteed[0].party"),
    ([{"line": "a"}], "plan: a dict"),
    (None, "plan: a dict"),
])
def test_a_malformed_plan_is_refused_by_field(county, plan, needle):
    reg, ids, _, _ = county
    size = reg.size
    with pytest.raises(taizhang.InvalidInput, match=re.escape(needle)):
        reg.approve_plan(ids["a1"], "方案", plan, resolution=1, notice=1, by=1)
    assert reg.size == size


def test_allocation_reads_refuse_what_is_not_an_id(county):
    reg, ids, _, _ = county
    for call, field in [(lambda: reg.allocate_income(["x"], by=1), "incomes"),
                        (lambda: reg.allocate_income([1], owner="a", by=1), "owner"),
                        (lambda: reg.allocate_income([1], period=("2026-01-01",), by=1), "period"),
                        (lambda: reg.allocations(income="x"), "income"),
                        (lambda: reg.allocations(owner=-1), "owner"),
                        (lambda: reg.income_parts(-1), "income"),
                        (lambda: reg.income_parts(10**30), "income")]:
        with pytest.raises(taizhang.InvalidInput, match=field):
            call()
    assert reg.allocations().amount_fen.dtype == np.int64  # empty, still whole fen


def test_an_ownership_correction_runs_the_chain_a_disposal_would_need(county):
    reg, ids, _, _ = county
    town, finance = _signer("town", 61), _signer("finance", 62)
    reg.enrol_actor(41, "永靖镇政府", "township_government", TOWN_A, town.verifier, by=1)
    reg.enrol_actor(42, "县财政局", "county_finance", COUNTY, finance.verifier, by=1)
    water = reg.register_party("county_department", "县水务局", COUNTY, credit_code=credit_code(7),
                               by=1)
    official = _signer("water", 63)
    reg.enrol_actor(43, "县水务局", "sector_department", COUNTY, official.verifier, party=water,
                    by=1)
    pipes = greenhouse(reg, "XF-97", [(ids["town"], "1")], asset_class="public_welfare")
    # Registered to the township in error: the water bureau's. Not by a plain confirmation, and
    # not requested by the bureau, which does not hold the asset's disposal right yet.
    with pytest.raises(taizhang.RuleViolation, match="change only by a handover"):
        reg.confirm_ownership(pipes, [(water, "1")], by=1)
    with pytest.raises(taizhang.Unauthorized, match="does not act for the holder"):
        reg.correct_ownership(pipes, [(water, "1")], reasons="登记错误", by=43,
                              effective="2026-02-01")
    request = reg.correct_ownership(pipes, [(water, "1")], reasons="登记错误：实为水务局资产",
                                    by=41, effective="2026-02-01")
    row = reg.disposals().set_index("disposal_id").loc[request]
    assert (row.method, row.steps, row.owners) == ("ownership_correction", 2, [(water, "1")])
    assert row.last_day == pd.Timestamp("2026-02-01") and pd.isna(row.executed)
    reg.sign_step(request, 0, by=41, signer=town, effective="2026-02-02")
    reg.sign_step(request, 1, by=42, signer=finance, effective="2026-02-03")
    assert reg.asset(pipes)["owners"] == [(ids["town"], "1")]  # until executed
    # The water bureau takes it knowingly: its official signs the execution.
    with pytest.raises(taizhang.Unauthorized, match="receives the asset"):
        reg.execute_disposal(request, "", "0", by=41, effective="2026-02-04")
    reg.execute_disposal(request, "", "0", approvals=[(43, official)], by=41,
                         effective="2026-02-04")
    assert reg.asset(pipes)["owners"] == [(water, "1")]
    assert reg.asset(pipes)["status"] == "in_use"
    # Now the bureau's official requests for it, and the township's no longer does.
    with pytest.raises(taizhang.Unauthorized):
        reg.request_disposal(pipes, "change_of_use", reasons="改线", by=41, effective="2026-02-05")


def test_a_low_price_needs_the_last_approver_again(county):
    reg, ids, _, _ = county
    town, finance = _signer("town", 64), _signer("finance", 65)
    reg.enrol_actor(44, "永靖镇政府", "township_government", TOWN_A, town.verifier, by=1)
    reg.enrol_actor(45, "县财政局", "county_finance", COUNTY, finance.verifier, by=1)
    hall = greenhouse(reg, "XF-98", [(ids["town"], "1")], asset_class="public_welfare")
    appraisal = reg.change_value(hall, "appraisal", "100000.00", report_hash=bytes(32),
                                 appraiser="评估所", by=1, effective="2026-01-20")
    request = reg.request_disposal(hall, "auction", reasons="闲置", appraisal=appraisal, by=44,
                                   effective="2026-02-01")
    reg.sign_step(request, 0, by=44, signer=town, effective="2026-02-02")
    reg.sign_step(request, 1, by=45, signer=finance, effective="2026-02-03")
    size = reg.size
    with pytest.raises(taizhang.RuleViolation, match=re.escape("below 9/10 of the appraised")):
        reg.execute_disposal(request, "拍得人", "89999.99", by=44, effective="2026-02-10")
    assert reg.size == size
    reg.execute_disposal(request, "拍得人", "89999.99", approvals=[(45, finance)], by=44,
                         effective="2026-02-10")
    row = reg.disposals().set_index("disposal_id").loc[request]
    assert row.appraised_fen == 10_000_000 and row.executed == pd.Timestamp("2026-02-10")
    reg.post_notice("disposal_result", request, division=TOWN_A, place="镇政务公开栏",
                    start="2026-02-11", end="2026-02-20", by=44)
    assert reg.disposals().set_index("disposal_id").loc[request].result_notice > 0


def test_stocktaking_certificates_and_project_numbers_show_in_assets(county):
    reg, ids, _, _ = county
    shop = greenhouse(reg, "XF-99", None, project_id="XF2021-017")
    reg.confirm_ownership(shop, [(ids["a1"], "1")], certificate="息烽确权〔2026〕9号", by=1)
    other = greenhouse(reg, "XF-100", [(ids["a1"], "1")])
    reg.stocktake(shop, condition="fair", note="年度清查", by=1, effective="2026-11-20")
    frame = reg.assets().set_index("code")
    assert frame.loc["XF-99", "certificate"] == "息烽确权〔2026〕9号"
    assert frame.loc["XF-99", "project_id"] == "XF2021-017"
    assert frame.loc["XF-99", "stocktaken_on"] == pd.Timestamp("2026-11-20")
    assert pd.isna(frame.loc["XF-100", "stocktaken_on"])
    # The policy's day moves the audit: stocktaking by 30 June each year.
    reg.define_policy(effective_from="2026-01-01", stocktaking_by="06-30", by=1)
    assert reg.policy()["stocktaking_by"] == 630

    def missing(day):
        found = reg.audit(day)
        return set(found[found.rule == "not_stocktaken"].asset_id)
    assert missing("2027-06-30") == set()  # 2026's: both registered that year
    assert missing("2027-07-01") == {shop, other}  # 2027's: neither checked in 2027
    assert reg.asset(other)["stocktaken_days"] == 0
    with pytest.raises(taizhang.InvalidInput, match="stocktaking_by"):
        reg.define_policy(effective_from="2026-02-01", stocktaking_by="6/30", by=1)


def test_divisions_and_parties_read_with_names(county):
    reg, ids, _, _ = county
    divisions = reg.divisions().set_index("code")
    assert divisions.loc[VILLAGE_A1, "name"] == "A1村"
    assert divisions.loc[VILLAGE_A1, "level"] == "village"
    assert divisions.loc[TOWN_A, "level"] == "township"
    assert divisions.loc[COUNTY, "level"] == "county"
    assert divisions.loc[TOWN_A, "valid_from"] == pd.Timestamp("2000-01-01")
    assert pd.isna(divisions.loc[TOWN_A, "valid_until"])
    parties = reg.parties().set_index("party_id")
    assert parties.loc[ids["a1"], "division_name"] == "A1村"
    assert parties.loc[ids["town"], "division_name"] == "永靖镇"
    assert bool(parties.loc[ids["zhang"], "poverty_alleviated"])
    assert not bool(parties.loc[ids["a1"], "poverty_alleviated"])

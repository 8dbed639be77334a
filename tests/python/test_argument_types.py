"""Every wrong type given to the package is a taizhang.InvalidInput that names the argument:
a str where an id is expected, a float where money is, None where a value is required, a
negative id, an object of the wrong class. Not a bare TypeError or RuntimeError from the
bindings, nor a ValueError from deep inside."""

import datetime
from decimal import Decimal

import pandas as pd
import pytest

import taizhang
from signing import signer as _signer
from test_registry import VILLAGE_A1, county, greenhouse  # noqa: F401

ORIGIN = "taizhang.test/520122"


@pytest.fixture
def world(county):  # noqa: F811
    reg, ids, key, tmp_path = county
    asset = greenhouse(reg, "XF-T1", [(ids["a1"], "1")])
    ledger = taizhang.Ledger.create(str(tmp_path / "bare"), "520122000000", "息烽县", ORIGIN,
                                    _signer(ORIGIN, 9), durable=False)
    return reg, ids, key, asset, ledger


# (what is called, the argument its message must name). `w` is the world above.
CASES = [
    # writes: the acting actor, its signer, the request id, the dates
    ("change_status by str", lambda w: w[0].change_status(w[3], "idle", by="1"), "by"),
    ("change_status by float", lambda w: w[0].change_status(w[3], "idle", by=1.0), "by"),
    ("change_status by None", lambda w: w[0].change_status(w[3], "idle", by=None), "by"),
    ("change_status by negative", lambda w: w[0].change_status(w[3], "idle", by=-1), "by"),
    ("change_status signer str",
     lambda w: w[0]._registry.change_status(w[3], "idle", by=1, signer="key"), "signer"),
    ("change_status request_id str",
     lambda w: w[0].change_status(w[3], "idle", by=1, request_id="abc"), "request_id"),
    ("change_status request_id int",
     lambda w: w[0].change_status(w[3], "idle", by=1, request_id=5), "request_id"),
    ("change_status effective int",
     lambda w: w[0].change_status(w[3], "idle", by=1, effective=20260101), "effective"),
    ("change_status asset str", lambda w: w[0].change_status("1", "idle", by=1), "asset"),
    ("change_status asset float", lambda w: w[0].change_status(1.5, "idle", by=1), "asset"),
    ("change_status status int", lambda w: w[0].change_status(w[3], 3, by=1), "status"),
    ("change_status reason None", lambda w: w[0].change_status(w[3], "idle", None, by=1),
     "reason"),
    ("define_division code int",
     lambda w: w[0].define_division(520122103000, "新镇", valid_from="2000-01-01", by=1), "code"),
    ("define_division valid_from float",
     lambda w: w[0].define_division("520122103000", "新镇", valid_from=2000.0, by=1),
     "valid_from"),
    ("register_party name None",
     lambda w: w[0].register_party("village_collective", None, VILLAGE_A1, by=1), "name"),
    ("register_party monitored str",
     lambda w: w[0].register_party("household", "李四", VILLAGE_A1, monitored="yes", by=1),
     "monitored"),
    ("register_party identity_key str",
     lambda w: w[0].register_party("household", "李四", VILLAGE_A1,
                                   identity_number="520122198001010011", identity_key="k", by=1),
     "identity_key"),
    ("register_asset original float",
     lambda w: w[0].register_asset("XF-T2", "operating", "大棚", VILLAGE_A1, original=1.5,
                                   funding=[("other", "1.50")], completed="2021-01-01", by=1),
     "original"),
    ("register_asset funding amount float",
     lambda w: w[0].register_asset("XF-T2", "operating", "大棚", VILLAGE_A1, original="1.50",
                                   funding=[("other", 1.5)], completed="2021-01-01", by=1),
     "funding[0].amount"),
    ("register_asset funding not pairs",
     lambda w: w[0].register_asset("XF-T2", "operating", "大棚", VILLAGE_A1, original="1.50",
                                   funding=["other"], completed="2021-01-01", by=1),
     "funding[0]"),
    ("register_asset funding None",
     lambda w: w[0].register_asset("XF-T2", "operating", "大棚", VILLAGE_A1, original="1.50",
                                   funding=None, completed="2021-01-01", by=1), "funding"),
    ("register_asset owners party str",
     lambda w: w[0].register_asset("XF-T2", "operating", "大棚", VILLAGE_A1, original="1.50",
                                   funding=[("other", "1.50")], completed="2021-01-01",
                                   owners=[("a1", "1")], by=1), "owners[0].party"),
    ("register_asset owners share float",
     lambda w: w[0].register_asset("XF-T2", "operating", "大棚", VILLAGE_A1, original="1.50",
                                   funding=[("other", "1.50")], completed="2021-01-01",
                                   owners=[(w[1]["a1"], 1.0)], by=1), "owners[0].share"),
    ("register_asset owners not pairs",
     lambda w: w[0].register_asset("XF-T2", "operating", "大棚", VILLAGE_A1, original="1.50",
                                   funding=[("other", "1.50")], completed="2021-01-01",
                                   owners=[w[1]["a1"]], by=1), "owners[0]"),
    ("register_asset quantity float",
     lambda w: w[0].register_asset("XF-T2", "operating", "大棚", VILLAGE_A1, original="1.50",
                                   funding=[("other", "1.50")], completed="2021-01-01",
                                   quantity=2.5, by=1), "quantity"),
    ("register_asset project_year str",
     lambda w: w[0].register_asset("XF-T2", "operating", "大棚", VILLAGE_A1, original="1.50",
                                   funding=[("other", "1.50")], completed="2021-01-01",
                                   project_year="2020年", by=1), "project_year"),
    ("register_asset completed datetime",
     lambda w: w[0].register_asset("XF-T2", "operating", "大棚", VILLAGE_A1, original="1.50",
                                   funding=[("other", "1.50")],
                                   completed=datetime.datetime(2021, 1, 1), by=1), "completed"),
    ("confirm_ownership owners None",
     lambda w: w[0].confirm_ownership(w[3], None, by=1), "owners"),
    ("correct_asset original float",
     lambda w: w[0].correct_asset(w[3], "fix", original=2.5, by=1), "original"),
    ("correct_asset asset str", lambda w: w[0].correct_asset("XF-T1", "fix", place="x", by=1),
     "asset"),
    ("bind_right party str",
     lambda w: w[0].bind_right(w[3], "operation", "a1", valid_from="2026-01-01", by=1), "party"),
    ("contract_operation rent float",
     lambda w: w[0].contract_operation(w[3], w[1]["a1"], "self_operated", start="2026-01-01",
                                       end="2026-12-31", rent=100.0, by=1), "rent"),
    ("contract_operation decided_by str",
     lambda w: w[0].contract_operation(w[3], w[1]["a1"], "self_operated", start="2026-01-01",
                                       end="2026-12-31", decided_by=["a1"], by=1),
     "decided_by[0]"),
    ("contract_operation resolutions float",
     lambda w: w[0].contract_operation(w[3], w[1]["a1"], "self_operated", start="2026-01-01",
                                       end="2026-12-31", resolutions=[1.5], by=1),
     "resolutions[0]"),
    ("bind_maintenance interval str",
     lambda w: w[0].bind_maintenance(w[3], w[1]["a1"], "张三", "village_collective",
                                     inspection_interval_days="180", valid_from="2026-01-01",
                                     by=1), "inspection_interval_days"),
    ("inspect evidence str",
     lambda w: w[0].inspect(w[3], "张三", "good", evidence=["photo"], by=1), "evidence[0]"),
    ("stocktake evidence not a list",
     lambda w: w[0].stocktake(w[3], condition="good", evidence=5, by=1), "evidence"),
    ("change_value amount float",
     lambda w: w[0].change_value(w[3], "impairment", 10.0, by=1), "amount"),
    ("change_value report_hash str",
     lambda w: w[0].change_value(w[3], "impairment", "10.00", report_hash="h", by=1),
     "report_hash"),
    ("plan_depreciation life_months str",
     lambda w: w[0].plan_depreciation(w[3], "straight_line", "96", by=1), "life_months"),
    ("plan_depreciation residual_rate float",
     lambda w: w[0].plan_depreciation(w[3], "straight_line", 96, residual_rate=0.05, by=1),
     "residual_rate"),
    ("record_units units float",
     lambda w: w[0].record_units(w[3], "2026-01-01", 1.5, by=1), "units"),
    ("define_policy publicity_days str",
     lambda w: w[0].define_policy(effective_from="2026-01-01", publicity_days="10", by=1),
     "publicity_days"),
    ("define_policy threshold float",
     lambda w: w[0].define_policy(effective_from="2026-01-01", state_approval_threshold=1e5,
                                  by=1), "state_approval_threshold"),
    ("define_policy lives months str",
     lambda w: w[0].define_policy(effective_from="2026-01-01", lives={"greenhouse": "96"}, by=1),
     "lives"),
    ("request_disposal appraisal str",
     lambda w: w[0].request_disposal(w[3], "scrapping", reasons="坏", appraisal="x", by=1),
     "appraisal"),
    ("sign_step step str",
     lambda w: w[0].sign_step(1, "first", by=1, signer=w[0].key_of(1)), "step"),
    ("sign_step signer None", lambda w: w[0].sign_step(1, 0, by=1, signer="key"), "signer"),
    ("withdraw_disposal disposal str", lambda w: w[0].withdraw_disposal("1", "x", by=1),
     "disposal"),
    ("execute_disposal disposal str",
     lambda w: w[0].execute_disposal("1", "买方", "10.00", by=1), "disposal"),
    ("execute_disposal proceeds float",
     lambda w: w[0].execute_disposal(1, "买方", 10.0, by=1), "proceeds"),
    ("hand_over approvals not pairs",
     lambda w: w[0].hand_over(w[3], [(w[1]["a1"], "1")], accepted="2026-01-01",
                              book_value="1.00", approvals=[1], by=1), "approvals[0]"),
    ("hand_over approvals actor str",
     lambda w: w[0].hand_over(w[3], [(w[1]["a1"], "1")], accepted="2026-01-01",
                              book_value="1.00", approvals=[("x", w[0].key_of(1))], by=1),
     "approvals[0]"),
    ("hand_over approvals signer str",
     lambda w: w[0].hand_over(w[3], [(w[1]["a1"], "1")], accepted="2026-01-01",
                              book_value="1.00", approvals=[(1, "key")], by=1), "approvals"),
    ("adopt_resolution eligible str",
     lambda w: w[0].adopt_resolution(w[1]["a1"], subject="other", title="t", held="2026-05-01",
                                     eligible="30", present=20, in_favour=15, by=1), "eligible"),
    ("post_notice subject_id str",
     lambda w: w[0].post_notice("project", "x", division=VILLAGE_A1, place="p",
                                start="2026-01-01", end="2026-01-10", by=1), "subject_id"),
    ("record_objection notice None",
     lambda w: w[0].record_objection(None, "x", upheld=False, by=1), "notice"),
    ("record_income amount float",
     lambda w: w[0].record_income(w[3], 100.0, start="2026-01-01", end="2026-03-31", by=1),
     "amount"),
    ("record_income payer_party str",
     lambda w: w[0].record_income(w[3], "1.00", start="2026-01-01", end="2026-03-31",
                                  payer_party="x", by=1), "payer_party"),
    ("add_beneficiary weight float",
     lambda w: w[0].add_beneficiary("l", w[1]["zhang"], 1.5, owner=w[1]["a1"], by=1), "weight"),
    ("add_beneficiary party str",
     lambda w: w[0].add_beneficiary("l", "张三", 1, owner=w[1]["a1"], by=1), "party"),
    ("approve_plan plan list", lambda w: w[0].approve_plan(w[1]["a1"], "p", [], by=1), "plan"),
    ("approve_plan fixed amount float",
     lambda w: w[0].approve_plan(w[1]["a1"], "p", {"fixed": [
         {"line": "a", "purpose": "public_welfare_posts", "amount": 1.0}]}, by=1),
     "fixed[0].amount"),
    ("allocate_income incomes str", lambda w: w[0].allocate_income("1", by=1), "incomes"),
    ("allocate_income period int",
     lambda w: w[0].allocate_income([1], period=5, by=1), "period"),
    ("allocate_income owner str",
     lambda w: w[0].allocate_income([1], owner="a1", by=1), "owner"),
    ("enrol_actor public_key str",
     lambda w: w[0].enrol_actor(40, "x", "auditor", "520122000000", "key", by=1), "public_key"),
    ("enrol_actor actor str",
     lambda w: w[0].enrol_actor("40", "x", "auditor", "520122000000",
                                _signer("t", 40).verifier, by=1), "actor"),
    ("rotate_key actor None",
     lambda w: w[0].rotate_key(None, _signer("t", 41).verifier, reason="x", by=1), "actor"),
    ("revoke_key reason int", lambda w: w[0].revoke_key(1, reason=5, by=1), "reason"),
    ("define_divisions_csv by str",
     lambda w: w[0].define_divisions_csv("code,name,valid_from\n", by="1"), "by"),
    ("import_sheet by str", lambda w: w[0].import_sheet([["资产编号"]], by="1"), "by"),
    ("import_sheet rows of ints", lambda w: w[0].import_sheet([[1, 2]], by=1), "rows"),
    ("as_actor writes by str",
     lambda w: w[0]._registry.as_actor("1", w[0].key_of(1)).change_status(w[3], "idle"), "by"),
    # reads
    ("asset float", lambda w: w[0].asset(1.5), "asset"),
    ("asset None", lambda w: w[0].asset(None), "asset"),
    ("history float", lambda w: w[0].history(1.5), "asset"),
    ("rights asset str", lambda w: w[0].rights("x"), "asset"),
    ("rights on int", lambda w: w[0].rights(w[3], on=5), "on"),
    ("operation asset str", lambda w: w[0].operation("x"), "asset"),
    ("maintenance asset None", lambda w: w[0].maintenance(None), "asset"),
    ("inspections asset str", lambda w: w[0].inspections("x"), "asset"),
    ("assets division int", lambda w: w[0].assets(division=520122), "division"),
    ("assets owner str", lambda w: w[0].assets(owner="a1"), "owner"),
    ("assets status None", lambda w: w[0].assets(status=None), "status"),
    ("assets as_of int", lambda w: w[0].assets(as_of=5), "as_of"),
    ("valuation as_of float", lambda w: w[0].valuation(as_of=1.5), "as_of"),
    ("audit as_of int", lambda w: w[0].audit(as_of=20260101), "as_of"),
    ("policy version str", lambda w: w[0].policy("1"), "version"),
    ("pending_approvals actor str", lambda w: w[0].pending_approvals("1"), "actor"),
    ("pending_approvals actor None", lambda w: w[0].pending_approvals(None), "actor"),
    ("notices division int", lambda w: w[0].notices(520122), "division"),
    ("allocation allocation str", lambda w: w[0].allocation("1"), "allocation"),
    ("income_parts income float", lambda w: w[0].income_parts(1.5), "income"),
    ("entry sequence str", lambda w: w[0].entry("0"), "sequence"),
    ("checkpoint key str", lambda w: w[0].checkpoint("key"), "key"),
    ("verify trusted str", lambda w: w[0].verify(trusted="key"), "trusted"),
    ("verify since not notes", lambda w: w[0].verify(since=[1]), "since"),
    ("open path None", lambda w: taizhang.Registry.open(None), "path"),
    ("open clock not callable", lambda w: taizhang.Registry.open(w[2] and "x", clock=5), "clock"),
    ("create key str",
     lambda w: taizhang.Registry.create("/nonexistent/x", county_code="520122000000",
                                        county_name="x", origin="o", key="key",
                                        registrar=b"\0" * 32), "key"),
    ("create county_code int",
     lambda w: taizhang.Registry.create("/nonexistent/x", county_code=520122000000,
                                        county_name="x", origin="o", key=w[2],
                                        registrar=b"\0" * 32), "county_code"),
    # the ledger and keys
    ("Ledger.entry sequence str", lambda w: w[4].entry("0"), "sequence"),
    ("Ledger.entry sequence negative", lambda w: w[4].entry(-1), "sequence"),
    ("Ledger.entry_bytes sequence float", lambda w: w[4].entry_bytes(0.5), "sequence"),
    ("Ledger.root_at size str", lambda w: w[4].root_at("1"), "size"),
    ("Ledger.inclusion_proof size str", lambda w: w[4].inclusion_proof(0, size="1"), "size"),
    ("Ledger.consistency_proof size1 None", lambda w: w[4].consistency_proof(None, 1), "size1"),
    ("Ledger.append body list", lambda w: w[4].append([]), "body"),
    ("Ledger.append actor str", lambda w: w[4].append({}, actor="1"), "actor"),
    ("Ledger.checkpoint key str", lambda w: w[4].checkpoint("key"), "key"),
    ("Ledger.verify_since notes str list", lambda w: w[4].verify_since([1]), "notes"),
    ("Ledger.open readonly str", lambda w: taizhang.Ledger.open("x", readonly="yes"),
     "readonly"),
    ("Signer.from_seed seed str", lambda w: taizhang.Signer.from_seed("n", "seed"), "seed"),
    ("Signer.sign message str", lambda w: w[2].sign("message"), "message"),
    ("Verifier.verify signature str",
     lambda w: w[2].verifier.verify(b"m", "signature"), "signature"),
    ("Verifier.parse text int", lambda w: taizhang.Verifier.parse(5), "text"),
    ("IdentityKey.hash number int",
     lambda w: taizhang.IdentityKey.generate().hash(520122198001010011), "identity_number"),
    ("sign_checkpoint size str",
     lambda w: taizhang.sign_checkpoint("o", "1", b"\0" * 32, w[2]), "size"),
    ("open_checkpoint verifier str", lambda w: taizhang.open_checkpoint("note", "v"),
     "verifier"),
    # pure Python helpers
    ("allocate amount float", lambda w: taizhang.allocate(100.0, {}), "amount"),
    ("allocate plan list", lambda w: taizhang.allocate("100.00", []), "plan"),
    ("depreciation original float",
     lambda w: taizhang.depreciation.schedule(100.0, method="straight_line", life_months=12,
                                              start="2026-01-01"), "original"),
    ("depreciation life_months str",
     lambda w: taizhang.depreciation.schedule("100.00", method="straight_line",
                                              life_months="12", start="2026-01-01"),
     "life_months"),
    ("merkle root entries str", lambda w: taizhang.merkle.root("abc"), "entries"),
    ("merkle inclusion_proof index str",
     lambda w: taizhang.merkle.inclusion_proof([b"a"], "0"), "index"),
    ("yuan float", lambda w: taizhang.yuan(1.5), "fen"),
    ("yuan column of floats", lambda w: pd.Series([1.5]).tz.yuan(), "fen"),
    ("yuan Decimal", lambda w: taizhang.yuan(Decimal("1.5")), "fen"),
]


@pytest.mark.parametrize("call, argument", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_wrong_type_is_invalid_input_naming_the_argument(world, call, argument):
    with pytest.raises(taizhang.InvalidInput) as raised:
        call(world)
    message = str(raised.value)
    assert message.split(":")[0] == argument or f"{argument}:" in message or \
        f"{argument}[" in message or f"{argument}." in message, message


@pytest.mark.parametrize("length", [26, 27, 28, 29, 30, 40, 200])
def test_long_chinese_values_give_a_whole_message(length):
    """A value echoed in a message is cut to 80 bytes at a character's start: a cut inside a
    3-byte character made the whole message empty."""
    with pytest.raises(taizhang.InvalidInput) as raised:
        taizhang._core.parse_date("二" * length, "held")
    message = str(raised.value)
    assert message.startswith("InvalidInput: held: not an ISO 8601 date"), message
    assert "二" * min(length, 26) in message
    assert message.endswith('...")') == (length * 3 > 80)


def test_long_chinese_value_through_a_write(county):  # noqa: F811
    reg, ids, _, _ = county
    with pytest.raises(taizhang.InvalidInput) as raised:
        reg.register_party("村集体" * 20, "名字", VILLAGE_A1, by=1)
    assert str(raised.value).startswith("InvalidInput: kind: "), str(raised.value)
    assert "村集体村集体" in str(raised.value)

"""Spreadsheets from Python: .xlsx and .csv 台账 in and out, exact, with every bad row named."""

import datetime

import pytest

import taizhang
from signing import Signing
from test_registry import COUNTY, TOWN_A, VILLAGE_A1, VILLAGE_A2, credit_code, _signer

openpyxl = pytest.importorskip("openpyxl")

HEADER = ["资产编号", "资产名称", "资产类别", "资产分类", "区划代码", "建成时间", "原值(万元)",
          "资金来源(万元)", "产权归属", "使用状态", "数量", "计量单位"]


def make_county(path):
    registrar = _signer("registrar", 2)
    reg = Signing(taizhang.Registry.create(path, county_code=COUNTY, county_name="息烽县",
                                           origin="taizhang.test/520122",
                                           key=_signer("taizhang.test/520122", 1),
                                           registrar=registrar.verifier, durable=False),
                  registrar)
    for code, name in [(COUNTY, "息烽县"), (TOWN_A, "永靖镇"), (VILLAGE_A1, "A1村"),
                       (VILLAGE_A2, "A2村")]:
        reg.define_division(code, name, valid_from="2000-01-01", by=1)
    reg.register_party("village_collective", "A1村合作社", VILLAGE_A1,
                       credit_code=credit_code(1), by=1)
    reg.register_party("village_collective", "A2村合作社", VILLAGE_A2,
                       credit_code=credit_code(2), by=1)
    return reg


def write_xlsx(path, rows, merge=None):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    if merge:
        book.active.merge_cells(merge)
    book.save(path)


def test_xlsx_with_numbers_and_dates_imports_exactly_and_round_trips(tmp_path):
    reg = make_county(tmp_path / "a")
    # Excel stores 12.5 and 0.123456 as numbers and the date as a date: converted exactly.
    write_xlsx(tmp_path / "in.xlsx", [
        HEADER,
        ["XF-1", "蔬菜大棚", "经营性", "温室大棚", VILLAGE_A1, datetime.date(2021, 6, 30), 12.5,
         "中央财政:8;县级财政:4.5", "A1村合作社:3/5;A2村合作社:2/5", "在用", 2, "座"],
        ["XF-2", "通组路", "公益性", "基础设施", VILLAGE_A2, "2020年9月1日", 0.123456,
         "中央财政:0.123456", "A2村合作社", "闲置", 1.5, "km"],
    ])
    report = reg.import_sheet(tmp_path / "in.xlsx", effective="2026-03-01")
    assert report["problems"].empty and report["written"]
    frame = reg.assets().set_index("code")
    assert frame.loc["XF-1", "original_fen"] == 12_500_000
    assert frame.loc["XF-2", "original_fen"] == 123_456
    assert frame.loc["XF-2", "quantity_milli"] == 1500
    # Out to .xlsx and .csv, into another register, out again: the same sheet.
    reg.export_sheet(tmp_path / "out.xlsx")
    reg.export_sheet(tmp_path / "out.csv")
    exported = reg.export_sheet()
    assert taizhang.sheets.read_rows(tmp_path / "out.xlsx") == [
        [cell for cell in row] for row in exported]
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert taizhang.sheets.read_rows(tmp_path / "out.csv") == exported
    other = make_county(tmp_path / "b")
    assert other.import_sheet(tmp_path / "out.xlsx", effective="2026-03-01")["written"]
    assert other.export_sheet() == exported


def test_bad_rows_are_named_and_nothing_is_written(tmp_path):
    reg = make_county(tmp_path / "a")
    size = reg.size
    write_xlsx(tmp_path / "bad.xlsx", [
        HEADER,
        ["XF-1", "好", "公益性", "基础设施", VILLAGE_A1, "2021-06-30", "1", "中央财政:1",
         "A1村合作社"],
        ["XF-2", "坏日期", "公益性", "基础设施", VILLAGE_A1, "2021-02-30", "1", "中央财政:1"],
        ["XF-3", "小数多", "公益性", "基础设施", VILLAGE_A1, "2021-06-30", "1.5000001",
         "中央财政:1.5000001"],
        ["XF-4", "坏区划", "公益性", "基础设施", "520122109999", "2021-06-30", "1", "中央财政:1"],
    ])
    report = reg.import_sheet(tmp_path / "bad.xlsx", effective="2026-03-01")
    assert not report["written"] and reg.size == size
    problems = report["problems"]
    assert problems.row.tolist() == [3, 4, 5]
    assert problems.column.tolist() == ["建成时间", "原值(万元)", "区划代码"]
    assert problems.value.tolist()[0] == "2021-02-30"
    kept = reg.import_sheet(tmp_path / "bad.xlsx", effective="2026-03-01", keep_good_rows=True)
    assert kept["written"] and len(kept["assets"]) == 1 and len(kept["problems"]) == 3


def test_merged_header_cells_are_refused(tmp_path):
    reg = make_county(tmp_path / "a")
    write_xlsx(tmp_path / "merged.xlsx", [HEADER + ["管护主体", ""], ["XF-1"]], merge="M1:N1")
    with pytest.raises(taizhang.InvalidInput, match="M1:N1"):
        reg.import_sheet(tmp_path / "merged.xlsx")


def test_a_gbk_csv_with_a_title_row_and_extra_columns_imports(tmp_path):
    reg = make_county(tmp_path / "reg")
    rows = [["息烽县扶贫项目资产台账"], ["序号"] + HEADER + ["备注"],
            ["1", "XF-G1", "蔬菜大棚", "经营性", "温室大棚", VILLAGE_A1, "2021-06-30", "12",
             "中央财政:12", "A1村合作社", "在用", "2", "座", "新建"]]
    path = tmp_path / "台账.csv"
    path.write_bytes("\r\n".join(",".join(r) for r in rows).encode("gb18030") + b"\r\n")
    report = reg.import_sheet(path, by=1, effective="2026-03-01")
    assert report["problems"].empty and report["written"]
    assert report["header_row"] == 2 and report["ignored_columns"] == ["序号", "备注"]
    assert reg.assets().name.tolist() == ["蔬菜大棚"]

"""A county clerk's day with the command line alone: from the county's own sheets (GBK CSV and
.xlsx, with title rows and extra columns) to a printed, true public notice, in Chinese."""

import datetime
import re

import pytest

from clerk_support import CLI, credit_code, ok, run

pytestmark = pytest.mark.skipif(CLI is None, reason="taizhang command not built")

COUNTY, TOWN, STONE, SOUTH = "522601000000", "522601101000", "522601101201", "522601101202"


def county_workbook(path, title, header, rows, *, percent_column=None, date_column=None):
    """An .xlsx as a clerk saves it from Excel: a merged title row, then the header, numbers as
    numbers, a date as a date, a share as a percentage-formatted number."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=3):
        for cell in cells:
            if percent_column is not None and cell.column == percent_column:
                cell.number_format = "0%"
            if date_column is not None and cell.column == date_column:
                cell.number_format = "yyyy\"年\"m\"月\"d\"日\""
    book.save(path)


def test_a_clerk_goes_from_the_countys_sheets_to_a_true_notice(tmp_path):
    import openpyxl

    d = str(tmp_path)
    # Keys: the county's, the registrar's, a village official's.
    ok(run("keygen", "--name", "凯里市扶贫资产台账", "--out", "county.key", cwd=d))
    ok(run("keygen", "--name", "登记员", "--out", "registrar.key", cwd=d))
    made = ok(run("keygen", "--name", "李华", "--out", "lihua.key", cwd=d))
    assert "私钥" in made.stdout
    created = ok(run("init", "reg", "--county-code", COUNTY, "--county-name", "凯里市",
                     "--origin", "凯里市扶贫资产台账", "--key", "county.key", "--registrar",
                     "registrar.key.pub", cwd=d))
    assert "人员 1 为县级登记员" in created.stdout

    # The templates open in a spreadsheet program with the headers the readers take.
    for kind, first in [("assets", "资产编号"), ("divisions", "区划代码"), ("parties", "名称"),
                        ("actors", "编号")]:
        ok(run("template", kind, "--out", f"{kind}.xlsx", cwd=d))
        rows = list(openpyxl.load_workbook(tmp_path / f"{kind}.xlsx").active.values)
        assert rows[0][0] == first and len(rows) == 2
        # Example dates follow the clock (an asset built five years ago), never a fixed day.
        built = str((datetime.datetime.now(datetime.timezone.utc)
                     + datetime.timedelta(hours=8)).year - 5)
        if kind in ("assets", "divisions"):
            example = dict(zip(rows[0], rows[1]))
            assert example["建成时间" if kind == "assets" else "起始日期"].startswith(built)

    # Divisions: Excel's Chinese CSV (GBK) with a title and a 序号 column.
    divisions = ("凯里市区划表\r\n序号,区划代码,名称,起始日期\r\n"
                 f"1,{COUNTY},凯里市,2000-01-01\r\n2,{TOWN},三棵树镇,2000/1/1\r\n"
                 f"3,{STONE},石桥村,2000年1月1日\r\n4,{SOUTH},南高村,2000-01-01\r\n")
    (tmp_path / "区划.csv").write_bytes(divisions.encode("gbk"))
    defined = ok(run("divisions", "reg", "--in", "区划.csv", "--key", "registrar.key", cwd=d))
    assert "已登记 4 个区划" in defined.stdout and "序号" in defined.stderr

    # Parties from .xlsx, villages named rather than coded, a 备注 column.
    stone, south = credit_code("N2522601MF0000001"), credit_code("N2522601MF0000002")
    county_workbook(tmp_path / "主体.xlsx", "凯里市扶贫资产主体名册",
                    ["序号", "名称", "主体类型", "区划代码", "统一社会信用代码", "备注"],
                    [[1, "石桥村股份经济合作社", "村集体经济组织", "石桥村", stone, ""],
                     [2, "南高村股份经济合作社", "村股份经济合作社", SOUTH, south, "新成立"]])
    parties = ok(run("parties", "reg", "--in", "主体.xlsx", "--key", "registrar.key", cwd=d))
    assert "已登记 2 个主体" in parties.stdout and "表头在第 2 行" in parties.stderr

    # An official with her key file named in the sheet.
    (tmp_path / "人员.csv").write_text("编号,姓名,角色,辖区代码,公钥\r\n,李华,村委会,石桥村,"
                                       "lihua.key.pub\r\n", encoding="utf-8-sig")
    enrolled = ok(run("actors", "reg", "--in", "人员.csv", "--key", "registrar.key", cwd=d))
    assert "人员 2  李华  村民委员会" in enrolled.stdout

    # The asset sheet: a shared road 60% / 40% (a percentage-formatted cell), a date cell,
    # amounts as numbers and as text with thousands separators, 乡镇 and 备注 ignored.
    header = ["序号", "乡镇", "资产编号", "资产名称", "资产类别", "资产分类", "区划代码", "建成时间",
              "原值(元)", "资金来源(元)", "产权归属", "管护主体", "管护责任人", "备注"]
    rows = [[1, "三棵树镇", "KL-2021-001", "石桥村光伏电站", "经营性", "光伏电站", STONE,
             datetime.date(2021, 6, 30), 1283600.5, "中央财政衔接资金", "石桥村股份经济合作社",
             "石桥村股份经济合作社", "王明", ""],
            [2, "三棵树镇", "KL-2021-002", "石桥至南高联村路", "公益性", "基础设施", STONE,
             datetime.date(2021, 9, 1), "12,000.00", "县级财政",
             f"石桥村股份经济合作社:60%;南高村股份经济合作社:40%", "石桥村股份经济合作社",
             "王明", "两村共有"]]
    county_workbook(tmp_path / "台账.xlsx", "凯里市扶贫项目资产台账（2026年）", header, rows,
                    date_column=8)
    imported = ok(run("import", "reg", "--in", "台账.xlsx", "--key", "registrar.key", cwd=d))
    assert "已导入 2 行" in imported.stdout
    assert "序号、乡镇、备注" in imported.stderr
    shown = ok(run("show", "reg", "--code", "KL-2021-002", cwd=d)).stdout
    assert "石桥村股份经济合作社 (#" in shown and "60%" in shown and "40%" in shown and "石桥村 522601101201" in shown
    solar = ok(run("show", "reg", "--code", "KL-2021-001", cwd=d)).stdout
    assert "1,283,600.50" in solar and "建成 2021-06-30" in solar
    history = ok(run("history", "reg", "--code", "KL-2021-001", cwd=d)).stdout
    assert "资产登记" in history and "管护责任落实" in history  # kinds in the library's words
    import taizhang
    assert taizhang.labels_zh["asset_registered"] == "资产登记"

    # The settings the notice prints, as a signed policy version.
    ok(run("policy", "reg", "--supervision-phone", "0855-8231234", "--supervision-unit",
           "凯里市乡村振兴局", "--key", "registrar.key", cwd=d))

    # Without the county's key the notice refuses to cite a checkpoint that covers nothing
    # of what it shows; with it, it signs a fresh one.
    stale = run("notice", "reg", "--village", "石桥村", "--out", "公示.html", cwd=d)
    assert stale.returncode == 13 and "--key" in stale.stderr
    assert not (tmp_path / "公示.html").exists()
    # Posted from tomorrow (the register's clock is China Standard Time) for the policy's 10 days.
    china_today = (datetime.datetime.now(datetime.timezone.utc)
                   + datetime.timedelta(hours=8)).date()
    first = china_today + datetime.timedelta(days=1)
    last = first + datetime.timedelta(days=9)
    printed = ok(run("notice", "reg", "--village", "石桥村", "--from", first.isoformat(),
                     "--place", "石桥村村务公开栏", "--key", "county.key", "--out", "公示.html",
                     cwd=d))
    assert "资产 2 项" in printed.stdout
    page = (tmp_path / "公示.html").read_text(encoding="utf-8")
    assert f"{first.isoformat()} 至 {last.isoformat()}（10 日）" in page
    assert "石桥村村务公开栏" in page and "0855-8231234" in page and "凯里市乡村振兴局" in page
    assert "60%" in page and "40%" in page
    assert "凯里市三棵树镇石桥村" in page and "盖章" in page
    size = len(ok(run("log", "reg", "--json", "--limit", "100000", cwd=d)).stdout.splitlines())
    note = re.search(r'id="checkpoint">(.*?)</pre>', page, re.S).group(1)
    assert note.splitlines()[1] == str(size)  # the checkpoint covers every entry
    checked = ok(run("verify", "reg", "--key", "county.key.pub", cwd=d))
    assert checked.stdout.startswith("完好")

    # The road's rent, recorded from a sheet, is split 60/40; 南高村's notice lists the road it
    # co-owns (standing in 石桥村) and its own 40% of the rent, waiting to be allocated.
    (tmp_path / "收益.csv").write_text(
        "资产编号,收益类型,期间起,期间止,金额(元),付款方\n"
        "KL-2021-002,租金,2026-01-01,2026-06-30,\"1,000.00\",某运输合作社\n", encoding="utf-8")
    recorded = ok(run("record", "reg", "incomes", "--in", "收益.csv", "--key", "registrar.key",
                      cwd=d))
    assert "已记录 1 条" in recorded.stdout
    # The same sheet given again (a clerk unsure it went in) records nothing twice.
    again = ok(run("record", "reg", "incomes", "--in", "收益.csv", "--key", "registrar.key",
                   cwd=d))
    assert "已记录 0 条" in again.stdout and "已跳过：第 2 行" in again.stdout
    # History names the registrar as its key does (keygen --name 登记员), in Chinese.
    road = ok(run("history", "reg", "--code", "KL-2021-002", cwd=d)).stdout
    assert "（登记员）" in road and "county registrar" not in road and "收益" in road
    # The public key given where the private one is wanted: named, with the file to give.
    public = run("record", "reg", "incomes", "--in", "收益.csv", "--key", "registrar.key.pub",
                 cwd=d)
    assert public.returncode == 11 and "这是公钥文件" in public.stderr
    assert "registrar.key（" in public.stderr
    ok(run("notice", "reg", "--village", "南高村", "--key", "county.key", "--out", "南高.html",
           cwd=d))
    south_page = (tmp_path / "南高.html").read_text(encoding="utf-8")
    assert "石桥至南高联村路" in south_page and "坐落石桥村，本村共有" in south_page
    earned = int(re.search(r'id="total-earned" data-fen="(\d+)"', south_page).group(1))
    assert earned == 40_000 and "待分配" in south_page
    # A notice whose period is over, or shorter than the policy's, is refused.
    over = run("notice", "reg", "--village", STONE, "--from", "2026-01-01", "--out", "x.html",
               cwd=d)
    assert over.returncode == 11 and "已经结束" in over.stderr
    # A key that is not the county's is named before anything is signed.
    wrong = run("notice", "reg", "--village", STONE, "--key", "registrar.key", "--out", "x.html",
                cwd=d)
    assert wrong.returncode == 14 and "不是本登记簿的县级私钥" in wrong.stderr
    short = run("notice", "reg", "--village", STONE, "--days", "5", "--out", "x.html", cwd=d)
    assert short.returncode == 11 and "10 日" in short.stderr


def test_sheets_with_mistakes_are_refused_whole_with_every_row_named_in_chinese(tmp_path):
    d = str(tmp_path)
    ok(run("keygen", "--name", "凯里市扶贫资产台账", "--out", "county.key", cwd=d))
    ok(run("keygen", "--name", "登记员", "--out", "registrar.key", cwd=d))
    ok(run("init", "reg", "--county-code", COUNTY, "--county-name", "凯里市", "--origin",
           "凯里市扶贫资产台账", "--key", "county.key", "--registrar", "registrar.key.pub", cwd=d))
    (tmp_path / "区划.csv").write_text(
        f"区划代码,名称,起始日期\n{COUNTY},凯里市,2000-01-01\n{STONE},石桥村,2000-01-01\n",
        encoding="utf-8")
    ok(run("divisions", "reg", "--in", "区划.csv", "--key", "registrar.key", cwd=d))
    size = len(ok(run("log", "reg", "--json", "--limit", "1000", cwd=d)).stdout.splitlines())
    (tmp_path / "主体.csv").write_text(
        "名称,主体类型,区划代码,统一社会信用代码\n"
        "甲,公司,石桥村,\n"                      # an unknown kind
        f"乙合作社,合作社,南高村,{credit_code('N2522601MF0000003')}\n"  # no such division
        "丙,企业,石桥村,N2522601MF00000000\n",  # a wrong check character
        encoding="utf-8")
    refused = run("parties", "reg", "--in", "主体.csv", "--key", "registrar.key", cwd=d)
    assert refused.returncode == 11
    assert "第 2 行 主体类型" in refused.stdout and "第 3 行 区划代码" in refused.stdout
    assert "第 4 行 统一社会信用代码" in refused.stdout and "未写入任何内容" in refused.stdout
    assert len(run("log", "reg", "--json", "--limit", "1000", cwd=d).stdout.splitlines()) == size
    # English on request, JSON keys always English.
    english = run("--lang", "en", "parties", "reg", "--in", "主体.csv", "--key", "registrar.key",
                  cwd=d)
    assert "row 2, 主体类型" in english.stdout and "nothing written" in english.stdout
    # A template of an unknown kind names the kinds.
    bad = run("template", "fish", "--out", "x.xlsx", cwd=d)
    assert bad.returncode == 11 and "assets" in bad.stderr

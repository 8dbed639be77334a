"""A village leases its greenhouse, with the command line alone: the villagers' representatives
resolve to lease it (决议 sheet), the resolution is posted (公告 sheet), the lease is recorded
(合同 sheet, naming the resolution by the record number the first sheet printed), and only then
may the asset be marked 出租 (状态 sheet). Each step out of order is refused, in Chinese. The
register's clock is the real one here, so the steps after the notice's ten days are tested in
C++ on a clock the test moves."""

import datetime
import re

import pytest

from clerk_support import CLI, credit_code, ok, run

pytestmark = pytest.mark.skipif(CLI is None, reason="taizhang command not built")

COUNTY, TOWN, STONE = "522601000000", "522601101000", "522601101201"


def sheet(path, text):
    path.write_text(text, encoding="utf-8")
    return path.name


def test_a_lease_by_sheets_resolution_notice_contract_then_status(tmp_path):
    d = str(tmp_path)
    today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()

    def day(offset):
        return (today + datetime.timedelta(days=offset)).isoformat()

    ok(run("keygen", "--name", "凯里市扶贫资产台账", "--out", "county.key", cwd=d))
    ok(run("keygen", "--name", "登记员", "--out", "registrar.key", cwd=d))
    ok(run("init", "reg", "--county-code", COUNTY, "--county-name", "凯里市", "--origin",
           "凯里市扶贫资产台账", "--key", "county.key", "--registrar", "registrar.key.pub", cwd=d))
    key = ["--key", "registrar.key"]
    ok(run("divisions", "reg", "--in", sheet(tmp_path / "区划.csv",
           f"区划代码,名称,起始日期\n{COUNTY},凯里市,2000-01-01\n{TOWN},三棵树镇,2000-01-01\n"
           f"{STONE},石桥村,2000-01-01\n"), *key, cwd=d))
    ok(run("parties", "reg", "--in", sheet(tmp_path / "主体.csv",
           "名称,主体类型,区划代码,统一社会信用代码\n"
           f"石桥村股份经济合作社,村集体经济组织,石桥村,{credit_code('N2522601MF0000001')}\n"
           f"凯里市绿源种植有限公司,企业,凯里市,{credit_code('91522601MA0000001')}\n"),
           *key, cwd=d))
    ok(run("import", "reg", "--in", sheet(tmp_path / "台账.csv",
           "资产编号,资产名称,资产类别,资产分类,区划代码,建成时间,原值(元),资金来源(元),产权归属\n"
           "KL-2022-007,石桥村蔬菜大棚,经营性,温室大棚,石桥村,2022-05-01,\"360,000.00\","
           "中央财政衔接资金,石桥村股份经济合作社\n"), *key, cwd=d))

    # 出租 before any lease: refused, naming the column and what to record first.
    status = sheet(tmp_path / "状态.csv", f"资产编号,状态,原因,日期\nKL-2022-007,出租,租给绿源公司,{day(0)}\n")
    early = run("record", "reg", "status", "--in", status, *key, cwd=d)
    assert early.returncode == 11, early.stdout + early.stderr
    assert "第 2 行 使用状态：" in early.stdout and "没有在期的出租合同" in early.stdout

    # The representatives' resolution: its record number is printed for the sheets after it.
    resolved = ok(run("record", "reg", "resolutions", "--in", sheet(tmp_path / "决议.csv",
                      "决议主体,会议,事项,决议名称,会议日期,应到人数,实到人数,同意人数\n"
                      f"石桥村股份经济合作社,村民代表会议,经营合同,同意出租蔬菜大棚,{day(-25)},45,38,35\n"),
                      *key, cwd=d))
    resolution = re.search(r"第 2 行 → 记录号 (\d+)", resolved.stdout).group(1)

    # The contract before the resolution was posted: refused by the rule, nothing written.
    contract = sheet(tmp_path / "合同.csv",
                     "资产编号,经营主体,经营方式,起始日期,终止日期,年租金(元),年保底金额(元),"
                     "年递增率,决议记录号\n"
                     f"KL-2022-007,凯里市绿源种植有限公司,出租,{day(-5)},{day(5 * 365)},"
                     f"\"36,000.00\",\"36,000.00\",5%,{resolution}\n")
    unposted = run("record", "reg", "contracts", "--in", contract, *key, cwd=d)
    assert unposted.returncode == 11, unposted.stdout + unposted.stderr
    assert "第 2 行" in unposted.stdout and "未写入任何内容" in unposted.stdout

    # Posted now (a notice recorded today runs from today, on the register's clock, whatever
    # start it claims): the contract is refused until the notice has run, and says when.
    ok(run("record", "reg", "notices", "--in", sheet(tmp_path / "公告.csv",
           "事项,记录号,公示栏,地点,开始日期,结束日期\n"
           f"经营合同,{resolution},石桥村,石桥村村务公开栏,{day(0)},{day(9)}\n"), *key, cwd=d))
    waiting = run("record", "reg", "contracts", "--in", contract, *key, cwd=d)
    assert waiting.returncode == 11, waiting.stdout + waiting.stderr
    assert f"决议 {resolution} 尚未完成公示" in waiting.stdout and day(9) in waiting.stdout
    # (The rest of the path, once the notice has run, is tests/spreadsheet_test.cpp's, on a
    # clock the test moves.)

    # The templates of the two new sheets carry the headers the reader takes.
    for kind, first in [("resolutions", "决议主体"), ("contracts", "资产编号")]:
        ok(run("template", kind, "--out", f"{kind}.csv", cwd=d))
        assert (tmp_path / f"{kind}.csv").read_text(encoding="utf-8-sig").startswith(first)

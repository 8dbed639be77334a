"""The village notice (公示) and the event sheets as a clerk meets them: a notice only for a
village, check commands on the page that run as printed, a summary page before the lists; event
sheets that record a notice posted from tomorrow, record a status again once it has changed,
and name every problem of every row in one pass."""

import datetime
import json
import re
import shlex

import pytest

from clerk_support import CLI, credit_code, ok, run
from test_clerk import COUNTY, STONE, TOWN

pytestmark = pytest.mark.skipif(CLI is None, reason="taizhang command not built")


def china_today():
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()


def log_size(d):
    return len(ok(run("log", "reg", "--json", "--limit", "100000", cwd=d)).stdout.splitlines())


@pytest.fixture
def county(tmp_path):
    """A register of 凯里市 with 三棵树镇 and its 石桥村, the village's collective, and two of its
    assets (光伏电站 in use, 机耕道 in use)."""
    d = str(tmp_path)
    ok(run("keygen", "--name", "凯里市扶贫资产台账", "--out", "county.key", cwd=d))
    ok(run("keygen", "--name", "登记员", "--out", "registrar.key", cwd=d))
    ok(run("init", "reg", "--county-code", COUNTY, "--county-name", "凯里市", "--origin",
           "凯里市扶贫资产台账", "--key", "county.key", "--registrar", "registrar.key.pub", cwd=d))
    (tmp_path / "区划.csv").write_text(
        f"区划代码,名称,起始日期\n{COUNTY},凯里市,2000-01-01\n{TOWN},三棵树镇,2000-01-01\n"
        f"{STONE},石桥村,2000-01-01\n", encoding="utf-8")
    ok(run("divisions", "reg", "--in", "区划.csv", "--key", "registrar.key", cwd=d))
    (tmp_path / "主体.csv").write_text(
        "名称,主体类型,区划代码,统一社会信用代码\n"
        f"石桥村股份经济合作社,村集体经济组织,石桥村,{credit_code('N2522601MF0000001')}\n",
        encoding="utf-8")
    ok(run("parties", "reg", "--in", "主体.csv", "--key", "registrar.key", cwd=d))
    (tmp_path / "台账.csv").write_text(
        "资产编号,资产名称,资产类别,资产分类,区划代码,建成时间,原值(元),资金来源(元),产权归属,"
        "使用状态,管护主体,管护责任人\n"
        "KL-2021-001,石桥村光伏电站,经营性,光伏电站,石桥村,2021-06-30,\"1,283,600.50\","
        "中央财政衔接资金,石桥村股份经济合作社,在用,石桥村股份经济合作社,王明\n"
        "KL-2021-002,石桥村机耕道,公益性,基础设施,石桥村,2021-09-01,12000,县级财政,"
        "石桥村股份经济合作社,在用,石桥村股份经济合作社,王明\n", encoding="utf-8")
    ok(run("import", "reg", "--in", "台账.csv", "--key", "registrar.key", cwd=d))
    ok(run("policy", "reg", "--supervision-phone", "0855-8231234", "--key", "registrar.key",
           cwd=d))
    return tmp_path


def asset_id(d, code):
    shown = ok(run("show", "reg", "--code", code, "--json", cwd=d)).stdout
    return json.loads(shown)["asset_id"]


def test_a_notice_is_for_a_village_never_a_township_or_the_county(county):
    d = str(county)
    for village, what in [("三棵树镇", "乡镇"), (TOWN, "乡镇"), ("凯里市", "县"), (COUNTY, "县")]:
        refused = run("notice", "reg", "--village", village, "--key", "county.key", "--out",
                      "x.html", cwd=d)
        assert refused.returncode == 11, refused.stderr
        assert "--village" in refused.stderr and village in refused.stderr
        assert f"这是{what}（" in refused.stderr and "不是村" in refused.stderr
        assert not (county / "x.html").exists()
    # The village itself, by name or by code, prints.
    ok(run("notice", "reg", "--village", STONE, "--key", "county.key", "--out", "x.html", cwd=d))
    page = (county / "x.html").read_text(encoding="utf-8")
    assert "凯里市三棵树镇石桥村 扶贫项目资产公示" in page
    assert "石桥村村民委员会（盖章）" in page


def test_the_check_commands_the_notice_prints_run_as_printed(county):
    d = str(county)
    ok(run("notice", "reg", "--village", "石桥村", "--key", "county.key", "--out", "公示.html",
           cwd=d))
    page = (county / "公示.html").read_text(encoding="utf-8")
    commands = re.findall(r'<code class="command">(.*?)</code>', page)
    assert [c.split()[1] for c in commands] == ["verify", "prove"]
    # The placeholders are named in words on the page, and each asset's 记录号 is in its row.
    for word in ["台账目录", "县公钥文件", "记录号"]:
        assert f"“{word}”换成" in page
    seq = asset_id(d, "KL-2021-001")
    assert f'<tr data-asset="{seq}">' in page
    for command in commands:
        words = shlex.split(command.replace("台账目录", "reg")
                            .replace("县公钥文件", "county.key.pub")
                            .replace("记录号", str(seq)))
        assert words[0] == "taizhang"
        checked = run(*words[1:], cwd=d)
        assert checked.returncode == 0, command + "\n" + checked.stdout + checked.stderr


def test_the_summary_is_a_page_of_its_own_before_the_list(county):
    d = str(county)
    ok(run("notice", "reg", "--village", "石桥村", "--key", "county.key", "--out", "公示.html",
           cwd=d))
    page = (county / "公示.html").read_text(encoding="utf-8")
    summary = page.index('id="summary"')
    seal = page.index("村务监督委员会（盖章）")
    brk = page.index('<div class="break"')
    listing = page.index("<h2>一、资产清单")
    assert summary < seal < brk < listing
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert re.search(r"\.break\s*{[^}]*page-break-after:\s*always", style)
    # Headers and date ranges do not wrap mid-word when printed.
    assert re.search(r"(^|\n)\s*th\s*{[^}]*white-space:\s*nowrap", style)
    assert re.search(r"td\.d[^{]*{[^}]*white-space:\s*nowrap", style)
    assert '<b>公示期</b><span class="d">' in page


def test_a_notices_sheet_records_a_notice_posted_from_tomorrow(county):
    d = str(county)
    seq = asset_id(d, "KL-2021-001")
    start = china_today() + datetime.timedelta(days=1)
    end = start + datetime.timedelta(days=9)
    (county / "公告.csv").write_text(
        "事项,记录号,公示栏,地点,开始日期,结束日期\n"
        f"项目,{seq},石桥村,村务公开栏,{start.isoformat()},{end.isoformat()}\n",
        encoding="utf-8")
    recorded = run("record", "reg", "notices", "--in", "公告.csv", "--key", "registrar.key",
                   cwd=d)
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    assert "已记录 1 条" in recorded.stdout
    # Given again, it is recorded already.
    again = ok(run("record", "reg", "notices", "--in", "公告.csv", "--key", "registrar.key",
                   cwd=d))
    assert "已记录 0 条" in again.stdout and "已跳过：第 2 行" in again.stdout
    # The notice is on the village's board.
    ok(run("notice", "reg", "--village", "石桥村", "--key", "county.key", "--out", "公示.html",
           cwd=d))
    page = (county / "公示.html").read_text(encoding="utf-8")
    assert f"{start.isoformat()} 至 {end.isoformat()}" in page


def test_a_status_sheet_given_again_after_the_status_changed_records_it_again(county):
    d = str(county)
    today = china_today()
    before = today - datetime.timedelta(days=2)
    (county / "闲置.csv").write_text(
        f"资产编号,状态,原因,日期\nKL-2021-001,闲置,承包期满，待重新发包,{before.isoformat()}\n",
        encoding="utf-8")
    (county / "在用.csv").write_text(
        f"资产编号,状态,原因,日期\nKL-2021-001,在用,重新发包,{today.isoformat()}\n",
        encoding="utf-8")
    ok(run("record", "reg", "status", "--in", "闲置.csv", "--key", "registrar.key", cwd=d))
    ok(run("record", "reg", "status", "--in", "在用.csv", "--key", "registrar.key", cwd=d))
    assert "状态 在用" in ok(run("show", "reg", "--code", "KL-2021-001", cwd=d)).stdout
    # The first sheet again: its fact is in the history, but the asset is 在用 now, so the row
    # is not skipped (it would say so and leave the asset 在用): it is recorded again.
    size = log_size(d)
    again = ok(run("record", "reg", "status", "--in", "闲置.csv", "--key", "registrar.key",
                   cwd=d))
    assert "已记录 1 条" in again.stdout and "已跳过" not in again.stdout
    assert "状态 闲置" in ok(run("show", "reg", "--code", "KL-2021-001", cwd=d)).stdout
    assert log_size(d) == size + 1
    # Now the asset is 闲置 as the sheet says: once more, the row is skipped.
    skipped = ok(run("record", "reg", "status", "--in", "闲置.csv", "--key", "registrar.key",
                     cwd=d))
    assert "已记录 0 条" in skipped.stdout and "已跳过：第 2 行" in skipped.stdout
    assert log_size(d) == size + 1


def test_an_event_sheet_names_every_bad_cell_and_every_refused_row_in_one_pass(county):
    d = str(county)
    size = log_size(d)
    # Row 2: an empty 原因 and a 13th month; row 3 well formed but refused by the register
    # (出租 with no lease contract in force); row 4 good.
    (county / "状态.csv").write_text(
        "资产编号,状态,原因,日期\n"
        "KL-2021-001,闲置,,2026-13-01\n"
        "KL-2021-002,出租,发包给合作社,\n"
        "KL-2021-002,闲置,待发包,\n", encoding="utf-8")
    refused = run("record", "reg", "status", "--in", "状态.csv", "--key", "registrar.key", cwd=d)
    assert refused.returncode == 11, refused.stdout + refused.stderr
    lines = refused.stdout.splitlines()
    assert any(line.startswith("第 2 行 原因") for line in lines), refused.stdout
    assert any(line.startswith("第 2 行 日期") and "2026-13-01" in line for line in lines)
    assert any(line.startswith("第 3 行") for line in lines), refused.stdout
    assert not any(line.startswith("第 4 行") for line in lines)
    assert "3 处有误，未写入任何内容" in refused.stdout
    assert log_size(d) == size
    # An income row with a bad amount and a bad 入账日期: both named.
    (county / "收益.csv").write_text(
        "资产编号,收益类型,期间起,期间止,金额(元),入账日期\n"
        "KL-2021-001,租金,2025-01-01,2025-12-31,12.345,2026/2/30\n", encoding="utf-8")
    income = run("record", "reg", "incomes", "--in", "收益.csv", "--key", "registrar.key", cwd=d)
    assert income.returncode == 11
    assert "第 2 行 金额(元)" in income.stdout and "第 2 行 入账日期" in income.stdout
    assert log_size(d) == size

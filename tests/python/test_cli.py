"""The taizhang command: demo, verify, exit codes, key files."""

import json
import os
import pathlib
import shutil
import subprocess

import pytest

CLI = os.environ.get("TAIZHANG_CLI") or shutil.which("taizhang")
pytestmark = pytest.mark.skipif(CLI is None, reason="taizhang command not built")


def run(*args, cwd=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, cwd=cwd)


def demo_register(tmp_path, villages, assets):
    """A small demo county (one township) in tmp_path/demo; returns its register directory."""
    demo = tmp_path / "demo"
    assert run("demo", "--dir", str(demo), "--townships", "1", "--villages", str(villages),
               "--assets", str(assets)).returncode == 0
    return str(demo / "register")


def test_demo_builds_and_verifies_a_register(tmp_path):
    args = ["demo", "--dir", str(tmp_path / "demo"), "--townships", "2", "--villages", "3",
            "--assets", "300"]
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert "verify --deep" in result.stdout and ": ok" in result.stdout
    # Running again replaces the earlier demo register, and the same seed gives the same county.
    again = run(*args)
    assert again.returncode == 0, again.stderr
    register = str(tmp_path / "demo" / "register")
    verify = run("verify", register, "--json", "--deep")
    report = json.loads(verify.stdout)
    assert verify.returncode == 0 and report["ok"] and report["view_records_compared"] > 300
    report = json.loads(run("report", register, "--json").stdout)
    rows = report["summary"]
    assert sum(row["assets"] for row in rows) == 300
    assert {row["asset_class"] for row in rows} <= {"operating", "public_welfare", "household"}
    # Income by owner: each owner's parts add up; what is allocated and what waits make the rest.
    owners = report["income_by_owner"]
    assert owners and all(o["allocated_fen"] + o["waiting_fen"] + o["own_fen"] + o["treasury_fen"]
                          == o["received_fen"] for o in owners)
    prove = run("prove", register, "--seq", "7")
    assert prove.returncode == 0 and "证明成立" in prove.stdout
    audit = run("audit", register, "--json")
    assert audit.returncode == 0
    rules = {json.loads(line)["rule"] for line in audit.stdout.splitlines()}
    # English keys and evidence, and the evidence in Chinese beside it.
    assert all(json.loads(line)["evidence_zh"] and " yuan" not in json.loads(line)["evidence_zh"]
               for line in audit.stdout.splitlines())
    # The text prints the Chinese evidence (the English with --lang en).
    chinese = run("audit", register).stdout.splitlines()
    english = run("--lang", "en", "audit", register).stdout.splitlines()
    assert len(chinese) == len(english) > 2
    assert not any("yuan" in line or "owner " in line for line in chinese)
    assert any("元" in line for line in chinese) == any("yuan" in line for line in english)
    assert rules and rules <= {"unconfirmed_ownership", "no_maintenance_binding",
                               "inspection_overdue", "operating_asset_idle", "contract_expiring",
                               "contract_expired", "funding_mismatch", "shares_not_one",
                               "income_not_allocated", "disposal_proceeds_not_reallocated",
                               "allocation_result_not_published", "guarantee_not_paid",
                               "beneficiary_paid_after_removal", "disposal_result_not_published",
                               "not_stocktaken"}


def test_show_and_history(tmp_path):
    register = demo_register(tmp_path, 2, 50)
    listing = run("log", register, "--json", "--limit", "1000").stdout.splitlines()
    asset = next(json.loads(line)["sequence"] for line in listing
                 if "asset registered" in json.loads(line)["body"])
    shown = run("history", register, "--asset", str(asset))
    # Chinese by default, with names beside codes; English with --lang en.
    assert shown.returncode == 0 and "原值" in shown.stdout and "记录：" in shown.stdout
    assert "类别 " in shown.stdout and "(#" in shown.stdout
    english = run("--lang", "en", "history", register, "--asset", str(asset))
    assert "original value" in english.stdout and "history:" in english.stdout
    record = json.loads(run("history", register, "--asset", str(asset), "--json").stdout)
    assert record["asset_id"] == asset and record["history"][0]["sequence"] == asset
    assert sum(f["amount_fen"] for f in record["funding"]) == record["original_fen"]
    assert run("show", register, "--code", "no-such-code").returncode == 12
    assert run("show", register).returncode == 11  # neither --asset nor --code


def test_history_in_chinese_and_a_closed_pipe_is_not_damage(tmp_path):
    register = demo_register(tmp_path, 2, 50)
    listing = run("log", register, "--json", "--limit", "1000").stdout.splitlines()
    asset = next(json.loads(line)["sequence"] for line in listing
                 if "asset registered" in json.loads(line)["body"])
    shown = run("history", register, "--asset", str(asset))
    assert shown.returncode == 0, shown.stderr
    # Each entry described in Chinese (资产登记：..., 原值 ... 元), not in English.
    assert "资产登记（" in shown.stdout and "asset registered" not in shown.stdout
    assert "：资产登记：" not in shown.stdout  # the kind is said once, before the actor
    # Funding lines padded by terminal columns: the amounts end in one column.
    funding = [line for line in shown.stdout.splitlines() if line.startswith("    ")
               and line.rstrip()[-3:-2] == "." and "  " in line.strip()]
    widths = {sum(2 if ord(c) > 0x2E7F else 1 for c in line.rstrip()) for line in funding}
    assert funding and len(widths) == 1, funding
    # The report's header and rows end in the same column (Chinese headings are two wide).
    report = run("report", register).stdout.splitlines()
    header, first = report[1], report[2]
    def columns(line):
        return sum(2 if ord(c) > 0x2E7F else 1 for c in line)
    assert columns(header) == columns(first), report[:2]
    # A reader that stops early (| head) ends the command as a pipe does, not as "damage".
    more = demo_register(tmp_path / "more", 2, 300)  # a log longer than a pipe holds
    listing = subprocess.Popen([CLI, "log", more, "--json", "--limit", "100000"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    listing.stdout.readline()
    listing.stdout.close()
    error = listing.stderr.read().decode()
    listing.wait()
    assert "损坏" not in error and listing.returncode == -13, (listing.returncode, error)


def test_demo_refuses_a_directory_it_did_not_make(tmp_path):
    (tmp_path / "precious").mkdir()
    result = run("demo", "--dir", str(tmp_path / "precious"))
    assert result.returncode == 13  # Conflict
    assert (tmp_path / "precious").exists()


def test_keygen_init_checkpoint_and_tamper_exit_code(tmp_path):
    key = tmp_path / "county.key"
    assert run("keygen", "--name", "x.test/1", "--out", str(key)).returncode == 0
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    reg = tmp_path / "reg"
    init = run("init", str(reg), "--county-code", "520122000000", "--county-name", "息烽县",
               "--origin", "x.test/1", "--key", str(key))
    assert init.returncode == 0, init.stderr
    assert run("checkpoint", str(reg), "--key", str(key)).returncode == 0
    log = run("log", str(reg), "--json")
    assert json.loads(log.stdout.splitlines()[0])["sequence"] == 0
    # Flip one byte of the county name inside the stored entry 0.
    data = reg / "data.mdb"
    raw = bytearray(data.read_bytes())
    at = raw.find("息烽县".encode())
    raw[at + 2] ^= 0x01
    data.write_bytes(bytes(raw))
    verify = run("verify", str(reg), "--json")
    assert verify.returncode == 1
    assert json.loads(verify.stdout)["first_bad_sequence"] == 0


def test_a_clerk_defines_the_division_table_from_a_gbk_sheet(tmp_path):
    county, registrar = tmp_path / "county.key", tmp_path / "registrar.key"
    assert run("keygen", "--name", "x.test/1", "--out", str(county)).returncode == 0
    assert run("keygen", "--name", "registrar", "--out", str(registrar)).returncode == 0
    reg = tmp_path / "reg"
    init = run("init", str(reg), "--county-code", "520122000000", "--county-name", "息烽县",
               "--origin", "x.test/1", "--key", str(county), "--registrar",
               str(registrar) + ".pub")
    assert init.returncode == 0, init.stderr
    # A bad row (a code of 11 digits) among good ones: every problem named, nothing written.
    sheet = tmp_path / "区划.csv"
    rows = ["息烽县行政区划表,,,", "区划代码,名称,起始日期,备注",
            "520122000000,息烽县,2000-01-01,", "520122101000,永靖镇,,镇",
            "520122101201,A1村,2000-01-01,", "52012210150,坏代码,,"]
    sheet.write_bytes(("\r\n".join(rows) + "\r\n").encode("gbk"))
    before = json.loads(run("verify", str(reg), "--json").stdout)["entries_checked"]
    bad = run("divisions", str(reg), "--in", str(sheet), "--key", str(registrar))
    assert bad.returncode == 11 and "第 6 行 区划代码" in bad.stdout, bad.stdout + bad.stderr
    assert json.loads(run("verify", str(reg), "--json").stdout)["entries_checked"] == before
    sheet.write_bytes(("\r\n".join(rows[:-1]) + "\r\n").encode("gbk"))
    good = run("divisions", str(reg), "--in", str(sheet), "--key", str(registrar),
               "--effective", "2026-01-02")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "已登记 3 个区划" in good.stdout and "备注" in good.stderr
    after = json.loads(run("verify", str(reg), "--json").stdout)["entries_checked"]
    assert after == before + 3  # one batch of three divisions
    log = run("log", str(reg), "--json").stdout
    assert "永靖镇" in log and "坏代码" not in log


def test_usage_and_error_exit_codes(tmp_path):
    assert run().returncode == 2
    assert run("verify").returncode == 2
    assert run("verify", str(tmp_path / "none")).returncode == 12  # NotFound
    bad = run("init", str(tmp_path / "r"), "--county-code", "52", "--county-name", "x",
              "--origin", "x", "--key", str(tmp_path / "missing.key"))
    assert bad.returncode == 12
    # keygen writes both files or neither: an old .pub in the way leaves no new private key.
    (tmp_path / "old.key.pub").write_text("someone+00000000+AAAA\n")
    clash = run("keygen", "--name", "x", "--out", str(tmp_path / "old.key"))
    assert clash.returncode == 13 and "已存在" in clash.stderr
    assert not (tmp_path / "old.key").exists()
    # Usage mistakes in Chinese, with CLI11's own words after: a typo names the nearest command.
    typo = run("improt", str(tmp_path / "r"))
    assert typo.returncode == 2 and "没有 “improt” 这个命令；是否想用 import？" in typo.stderr
    missing = run("verify")
    assert "缺少必填的参数" in missing.stderr and "--help" in missing.stderr
    stray = run("report", str(tmp_path / "r"), "--asof", "2026-01-01")
    assert stray.returncode == 2 and "无法识别的参数" in stray.stderr and "--asof" in stray.stderr
    english = run("--lang", "en", "improt")
    assert english.returncode == 2 and "did you mean import?" in english.stderr


def test_verify_with_the_published_key(tmp_path):
    demo = tmp_path / "demo"
    assert run("demo", "--dir", str(demo), "--townships", "1", "--villages", "1",
               "--assets", "20").returncode == 0
    good = run("verify", str(demo / "register"), "--key", str(demo / "county.pub"))
    assert good.returncode == 0, good.stdout + good.stderr
    other = tmp_path / "other.key"
    assert run("keygen", "--name", "taizhang.demo/520122", "--out", str(other)).returncode == 0
    bad = run("verify", str(demo / "register"), "--key", str(other) + ".pub", "--json")
    assert bad.returncode == 1
    assert "trusted key" in json.loads(bad.stdout)["problem"]
    # Said to a clerk as a wrong key, not as a damaged register.
    said = run("verify", str(demo / "register"), "--key", str(other) + ".pub")
    assert said.returncode == 1 and "不符" in said.stdout and "已损坏" not in said.stdout


SCHEMAS = pathlib.Path(__file__).resolve().parents[2] / "schemas" / "taizhang"


@pytest.mark.skipif(shutil.which("capnp") is None, reason="capnp tool not installed")
def test_export_is_read_by_capnp_and_import_builds_a_replica(tmp_path):
    register = demo_register(tmp_path, 2, 60)
    stream = tmp_path / "county.tzlog"
    exported = run("export", register, "--out", str(stream), "--json")
    assert exported.returncode == 0, exported.stderr
    summary = json.loads(exported.stdout)
    # The stock tool prints every record: the header, then each entry.
    with open(stream, "rb") as source:
        decoded = subprocess.run(["capnp", "decode", str(SCHEMAS / "interchange.capnp"),
                                  "Record"], stdin=source, capture_output=True, text=True)
    assert decoded.returncode == 0, decoded.stderr
    assert decoded.stdout.startswith("( header = (")
    assert decoded.stdout.count("( entry = (") == summary["to"]
    assert "assetRegistered = (" in decoded.stdout
    # A snapshot of today's state is read by the stock tool too.
    snapshot = tmp_path / "today.tzsnap"
    assert run("export", register, "--out", str(snapshot)).returncode == 0
    with open(snapshot, "rb") as source:
        state = subprocess.run(["capnp", "decode", str(SCHEMAS / "interchange.capnp"),
                                "SnapshotRecord"], stdin=source, capture_output=True, text=True)
    assert state.returncode == 0 and state.stdout.count("( asset = (") == 60
    # A replica from the stream, under the published key, answers the same reads.
    replica = str(tmp_path / "replica")
    key = str(tmp_path / "demo" / "county.pub")
    imported = run("import", replica, "--in", str(stream), "--key", key, "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["size"] == summary["to"]
    assert run("report", replica, "--json").stdout == run("report", register, "--json").stdout
    verify = json.loads(run("verify", replica, "--deep", "--json").stdout)
    assert verify["ok"] and verify["view_records_compared"] > 60
    # Again: nothing new. A damaged stream: refused with IntegrityError's exit code, no writes.
    again = run("import", replica, "--in", str(stream), "--json")
    assert json.loads(again.stdout)["added"] == 0
    data = bytearray(stream.read_bytes())
    del data[len(data) // 2:]
    stream.write_bytes(bytes(data))
    cut = run("import", str(tmp_path / "other"), "--in", str(stream))
    assert cut.returncode == 16 and "不完整" in cut.stderr
    assert not (tmp_path / "other" / "data.mdb").exists()


def test_csv_export_and_import_with_bad_rows(tmp_path):
    register = demo_register(tmp_path, 2, 40)
    sheet = tmp_path / "taizhang.csv"
    exported = run("export", register, "--out", str(sheet))
    assert exported.returncode == 0 and "已写出 40 项资产" in exported.stdout
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("资产编号,资产名称,资产类别")
    # The same assets under new codes import; one impossible date refuses the whole sheet.
    renamed = [lines[0]] + ["N-" + line for line in lines[1:11]]
    good = tmp_path / "good.csv"
    good.write_text("\n".join(renamed) + "\n", encoding="utf-8")
    bad_lines = list(renamed)
    bad_lines[3] = bad_lines[3].replace("N-", "M-", 1)
    cells = bad_lines[3].split(",")
    date_column = lines[0].split(",").index("建成时间")
    cells[date_column] = "2021-02-30"
    bad_lines[3] = ",".join(cells)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(bad_lines) + "\n", encoding="utf-8")
    before = json.loads(run("verify", register, "--json").stdout)["entries_checked"]
    registrar = str(tmp_path / "demo" / "registrar.key")  # actor 1's signer key
    unsigned = run("import", register, "--in", str(good), "--json")
    assert unsigned.returncode == 11 and "--key" in unsigned.stderr  # no signer: refused
    refused = run("import", register, "--in", str(bad), "--by", "1", "--key", registrar, "--json")
    assert refused.returncode == 11
    problem = json.loads(refused.stdout.splitlines()[0])
    assert problem["row"] == 4 and problem["column"] == "建成时间"
    assert json.loads(run("verify", register, "--json").stdout)["entries_checked"] == before
    imported = run("import", register, "--in", str(good), "--by", "1", "--key", registrar,
                   "--json")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert json.loads(imported.stdout.splitlines()[-1])["imported"] == 10
    # With --keep-good-rows the good rows land (exit 3) and the clerk reads how many did not.
    kept_lines = [line.replace("M-", "K-", 1).replace("N-", "K-", 1) for line in bad_lines]
    kept = tmp_path / "kept.csv"
    kept.write_text("\n".join(kept_lines) + "\n", encoding="utf-8")
    partial = run("import", register, "--in", str(kept), "--by", "1", "--key", registrar,
                  "--keep-good-rows")
    assert partial.returncode == 3, partial.stdout + partial.stderr
    assert "已导入 9 行" in partial.stdout and "另有 1 行有误未导入" in partial.stdout

    # The county's own sheet as Excel saves it on a Chinese Windows: GBK, a title row above the
    # header, and columns of its own (序号, 备注). It imports as it is, saying what it skipped.
    county_sheet = ["息烽县扶贫项目资产台账（2026年）" + "," * (len(lines[0].split(",")) + 1),
                    "序号," + lines[0] + ",备注"]
    county_sheet += [f"{n},G-{line},已核实" for n, line in enumerate(lines[11:16], start=1)]
    gbk = tmp_path / "台账.csv"
    gbk.write_bytes(("\r\n".join(county_sheet) + "\r\n").encode("gbk"))
    clerk = run("import", register, "--in", str(gbk), "--by", "1", "--key", registrar)
    assert clerk.returncode == 0, clerk.stdout + clerk.stderr
    assert "已导入 5 行" in clerk.stdout
    assert "表头在第 2 行" in clerk.stderr and "序号、备注" in clerk.stderr


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium not installed")
def test_public_notice_renders_and_matches_the_register(tmp_path):
    import re

    import taizhang
    from PIL import Image

    register = demo_register(tmp_path, 2, 300)
    reg = taizhang.Registry.open(register, readonly=True)
    assets = reg.assets()
    village = str(assets.division.value_counts().index[0])
    page = tmp_path / "notice.html"
    made = run("notice", register, "--village", village, "--as-of", "2026-11-28", "--out",
               str(page))
    assert made.returncode == 0, made.stderr
    chromium = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(chromium + ["--dump-dom", page.as_uri()], capture_output=True,
                         text=True, timeout=120).stdout
    # The figures on the rendered page are the register's.
    mine = assets[(assets.division == village) & (assets.status != "disposed")]
    original = int(re.search(r'id="total-original" data-fen="(\d+)"', dom).group(1))
    assert original == int(mine.original_fen.sum())
    values = reg.valuation(as_of="2026-11-28").set_index("asset_id")
    book = int(re.search(r'id="total-book" data-fen="(\d+)"', dom).group(1))
    assert book == int(values.loc[mine.asset_id, "book_value_fen"].sum())
    assert dom.count('<tr data-asset="') == len(mine)
    assert f"\n{reg.size}\n" in re.search(r'id="checkpoint">(.*?)</pre>', dom, re.S).group(1)
    # The screenshot and the printed A4 PDF are not empty.
    shot, pdf = tmp_path / "notice.png", tmp_path / "notice.pdf"
    subprocess.run(chromium + ["--screenshot=" + str(shot), "--window-size=1240,1754",
                               page.as_uri()], capture_output=True, timeout=120)
    subprocess.run(chromium + ["--print-to-pdf=" + str(pdf), page.as_uri()],
                   capture_output=True, timeout=120)
    image = Image.open(shot).convert("L")
    dark = sum(1 for value in image.getdata() if value < 128)
    assert image.size == (1240, 1754) and dark > 10_000
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 1 and len(data) > 20_000


@pytest.mark.skipif(shutil.which("capnp") is None, reason="capnp tool not installed")
def test_serve_answers_a_submission_written_by_the_stock_capnp_tool(tmp_path):
    import signal
    import socket
    register = demo_register(tmp_path, 1, 10)
    size = len(run("log", register, "--json", "--limit", "100000").stdout.splitlines())
    path = str(tmp_path / "commit.sock")
    server = subprocess.Popen([CLI, "serve", register, "--socket", path],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "接收写入" in server.stdout.readline()
        # A submission whose one entry is not an entry, encoded from text by the stock tool.
        submission = subprocess.run(
            ["capnp", "encode", str(SCHEMAS / "service.capnp"), "Submission"],
            input=b'(requestId = 0x"00112233445566778899aabbccddeeff", entries = [0x"0102"])',
            capture_output=True, check=True).stdout
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)
            client.sendall(submission)
            client.shutdown(socket.SHUT_WR)
            answer = b""
            while chunk := client.recv(4096):
                answer += chunk
        reply = subprocess.run(["capnp", "decode", str(SCHEMAS / "service.capnp"), "Reply"],
                               input=answer, capture_output=True, check=True).stdout.decode()
        assert "refused" in reply and "kind = 1" in reply and "entries[0]" in reply
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert "应答 1 次提交" in out
    assert not os.path.exists(path)
    assert len(run("log", register, "--json", "--limit", "100000").stdout.splitlines()) == size


def test_report_and_audit_default_to_the_registers_today_in_china_standard_time(tmp_path):
    import datetime

    def today():
        now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)
        return now.date().isoformat()

    register = demo_register(tmp_path, 2, 40)
    before = today()
    audit = run("audit", register)
    report = run("report", register)
    after = today()
    assert audit.returncode == 0 and report.returncode == 0, audit.stderr + report.stderr
    assert any(f"截至 {day}" in audit.stdout for day in {before, after}), audit.stdout
    assert any(f"截至 {day}" in report.stdout for day in {before, after}), report.stdout
    # A date given is used as given; a malformed one is refused naming the option.
    assert "截至 2025-06-30" in run("audit", register, "--as-of", "2025-06-30").stdout
    bad = run("audit", register, "--as-of", "2025-13-01")
    assert bad.returncode != 0 and "--as-of" in bad.stderr


def test_a_restored_older_copy_fails_verify_since_and_is_not_signed(tmp_path):
    demo = tmp_path / "demo"
    register = demo_register(tmp_path, 2, 30)
    key, pub = str(demo / "county.key"), str(demo / "county.pub")
    first = run("checkpoint", register, "--key", key)
    assert first.returncode == 0, first.stderr
    older = tmp_path / "older"
    shutil.copytree(register, older)
    # The registrar goes on (a sheet import), the county signs and publishes the new head.
    sheet = tmp_path / "sheet.csv"
    assert run("export", register, "--out", str(sheet)).returncode == 0
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    sheet.write_text("\n".join([lines[0]] + ["R-" + l for l in lines[1:3]]) + "\n",
                     encoding="utf-8")
    imported = run("import", register, "--in", str(sheet), "--by", "1", "--key",
                   str(demo / "registrar.key"))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    published = tmp_path / "published.note"
    signed = run("checkpoint", register, "--key", key)
    assert signed.returncode == 0, signed.stderr
    published.write_text(signed.stdout)
    ok = run("verify", register, "--key", pub, "--since", str(published))
    assert ok.returncode == 0, ok.stdout
    # The older copy, put back: it verifies alone, but not against what the county published.
    alone = run("verify", str(older), "--key", pub)
    assert alone.returncode == 0, alone.stdout
    restored = run("verify", str(older), "--key", pub, "--since", str(published))
    assert restored.returncode == 1 and "older copy" in restored.stdout
    # And the county's signer, which remembers what it signed, will not sign over it.
    refused = run("checkpoint", str(older), "--key", key)
    assert refused.returncode == 16 and "拒绝签署" in refused.stderr

// Spreadsheets: CSV, the Chinese column mapping, exact units, every bad row reported with
// nothing written, the register's own rules per row, and an exact round trip.
#include "taizhang/spreadsheet.h"

#include <iconv.h>

#include <catch2/catch.hpp>

#include "taizhang/codes.h"
#include "taizhang/error.h"
#include "taizhang/registry.h"
#include "test_support.h"

using namespace taizhang;
using namespace taizhang::test;

namespace {

struct County {
  ScratchDir dir;
  Registry reg;
  std::uint64_t a1 = 0, a2 = 0, household = 0;

  County()
      : reg(Registry::create(dir.path() + "/reg", kCounty, test_key(kCounty.origin, 1),
                             actor_key(1).verifier().public_key(), [] {
                               LedgerOptions o;
                               o.durable = false;
                               return o;
                             }())) {
    const char* names[] = {"息烽县", "永靖镇", "A1村", "A2村", "温泉镇", "B1村"};
    const char* codes[] = {
        kCounty.county_code.c_str(), kTownA, kVillageA1, kVillageA2, kTownB, kVillageB1};
    for (int i = 0; i < 6; ++i) {
      submit(DivisionDefined{codes[i], names[i], Date::parse("2000-01-01"), Date()});
    }
    a1 = party(PartyKind::kVillageCollective, "A1村股份经济合作社", kVillageA1, 1);
    a2 = party(PartyKind::kVillageCollective, "A2村股份经济合作社", kVillageA2, 2);
    PartyRegistered h;
    h.kind = PartyKind::kHousehold;
    h.name = "张三";
    h.division = kVillageA1;
    h.person_hash = Bytes(32, 5);
    household = submit(h);
  }
  std::uint64_t submit(RegistryWrite write) {
    return reg.submit({{1, Date::parse("2026-01-05"), {}, &actor_key(1)}, std::move(write)});
  }
  std::uint64_t party(PartyKind kind, const char* name, const char* division, int n) {
    PartyRegistered p;
    p.kind = kind;
    p.name = name;
    p.division = division;
    p.credit_code = credit_code(n);
    return submit(p);
  }
};

SheetImportOptions options(bool keep = false) {
  SheetImportOptions o;
  o.actor = 1;
  o.signer = &actor_key(1);
  o.effective = Date::parse("2026-03-01");
  o.keep_good_rows = keep;
  return o;
}

const char* kHeader =
    "资产编号,资产名称,资产类别,资产分类,区划代码,建成时间,原值（万元）,资金来源(万元),产权归属,"
    "使用状态,管护主体,管护责任人,管护方式,数量,计量单位\r\n";

}  // namespace

TEST_CASE("CSV: quotes, doubled quotes, line breaks in cells, a byte-order mark") {
  const Sheet sheet = parse_csv(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",\n");
  REQUIRE(sheet.size() == 3);
  CHECK(sheet[0] == std::vector<std::string>{"a", "b"});
  CHECK(sheet[1] == std::vector<std::string>{"x,1", "say \"hi\""});
  CHECK(sheet[2] == std::vector<std::string>{"two\nlines", ""});
  CHECK(parse_csv(write_csv(sheet)) == sheet);
  CHECK_THAT(error_of([] { parse_csv("a,b\n\"open,\n"); }).what(), Catch::Contains("line 2"));
}

TEST_CASE("a 台账 with Chinese headers imports with exact units") {
  County c;
  const std::string csv =
      std::string(kHeader) +
      "XF-001,蔬菜大棚,经营性,温室大棚,520122101201,2021年6月30日,12.5,中央财政:8；县级财政:4.5,"
      "A1村股份经济合作社:3/5;A2村股份经济合作社:2/"
      "5,在用,A1村股份经济合作社,王五,公益性岗位,2,座\r\n"
      "XF-002,通组路,公益性,基础设施,A2村,2020/9/1,0.123456,中央财政:0.123456," +
      credit_code(2) + ",,,,,1.5,km\r\n";
  const SheetImportReport report = import_asset_sheet(c.reg, parse_csv(csv), options());
  REQUIRE(report.problems.empty());
  REQUIRE(report.assets.size() == 2);
  CHECK(report.written);
  const Asset greenhouse = c.reg.get_asset(report.assets[0]);
  CHECK(greenhouse.description.original.fen() == 12'500'000);
  CHECK(greenhouse.description.funding[1].amount.fen() == 4'500'000);
  CHECK(greenhouse.owners.size() == 2);
  CHECK(greenhouse.owners[1].share == Share::of(2, 5));
  CHECK(greenhouse.description.completed == Date::parse("2021-06-30"));
  CHECK(greenhouse.description.quantity_milli == 2000);
  REQUIRE(c.reg.maintenance(greenhouse.id));
  CHECK(c.reg.maintenance(greenhouse.id)->person == "王五");
  const Asset road = c.reg.get_asset(report.assets[1]);
  CHECK(road.description.division == kVillageA2);     // by the division's name
  CHECK(road.description.original.fen() == 123'456);  // 0.123456 万元 = 1234.56 元
  CHECK(road.owners[0].party == c.a2);                // by credit code
  CHECK(road.description.quantity_milli == 1500);
}

TEST_CASE("every bad row is reported with its row and column, and nothing is written") {
  County c;
  const std::uint64_t size = c.reg.ledger().size();
  const std::string csv =
      std::string(kHeader) +
      "XF-1,好的,公益性,基础设施,520122101201,2021-06-30,1,中央财政:1,A1村股份经济合作社,,,,,,\n" +
      "XF-2,坏区划,公益性,基础设施,520122101299,2021-06-30,1,中央财政:1,,,,,,,\n" +
      "XF-3,坏日期,公益性,基础设施,520122101201,2021-02-30,1,中央财政:1,,,,,,,\n" +
      "XF-4,小数过多,公益性,基础设施,520122101201,2021-06-30,1.1234567,中央财政:1.1234567,,,,,,,"
      "\n" +
      "XF-5,资金不符,公益性,基础设施,520122101201,2021-06-30,1,中央财政:0.9,,,,,,,\n" +
      "XF-1,重复编号,公益性,基础设施,520122101201,2021-06-30,1,中央财政:1,,,,,,,\n" +
      "XF-7,无此人,公益性,基础设施,520122101201,2021-06-30,1,中央财政:1,李四村,,,,,,\n" +
      "XF-8,户有村产,到户类,牲畜,520122101201,2021-06-30,1,中央财政:1,A1村股份经济合作社,,,,,,\n" +
      "XF-9,好的,经营性,温室大棚,520122101201,2021-06-30,1,中央财政:1,#" +
      std::to_string(c.household) + ":1/2;A1村股份经济合作社:1/2,,,,,,\n";
  const SheetImportReport report = import_asset_sheet(c.reg, parse_csv(csv), options());
  CHECK_FALSE(report.written);
  CHECK(c.reg.ledger().size() == size);
  // Rows 3 to 9, in one pass: the values that do not read, and the register's own rule (a
  // household asset owned by a village) for the rows that do.
  REQUIRE(report.problems.size() == 7);
  CHECK(report.problems[0].row == 3);
  CHECK(report.problems[0].column == "区划代码");
  CHECK(report.problems[0].value == "520122101299");
  CHECK(report.problems[1].row == 4);
  CHECK(report.problems[1].column == "建成时间");
  CHECK(report.problems[2].column == "原值(万元)");
  CHECK_THAT(report.problems[3].reason, Catch::Contains("sum to"));
  CHECK_THAT(report.problems[4].reason, Catch::Contains("earlier row"));
  CHECK(report.problems[5].column == "产权归属");
  CHECK(report.problems[6].row == 9);
  CHECK_THAT(report.problems[6].reason, Catch::Contains("household"));

  // With keep_good_rows the good ones land; the register's own refusal (a household asset
  // owned by a village) is found among them and reported too.
  const SheetImportReport kept = import_asset_sheet(c.reg, parse_csv(csv), options(true));
  CHECK(kept.written);
  REQUIRE(kept.assets.size() == 2);
  CHECK(c.reg.get_asset(kept.assets[0]).code == "XF-1");
  CHECK(c.reg.get_asset(kept.assets[1]).code == "XF-9");
  REQUIRE(kept.problems.size() == 7);
  CHECK(kept.problems[6].row == 9);
  CHECK_THAT(kept.problems[6].reason, Catch::Contains("household"));
}

TEST_CASE("headers: empty (a merged cell), doubled, or both units are refused") {
  County c;
  auto refused = [&](const std::string& header) {
    return error_of([&] { import_asset_sheet(c.reg, parse_csv(header + "\n"), options()); });
  };
  CHECK_THAT(refused("资产编号,,资产名称").what(), Catch::Contains("merged"));
  CHECK_THAT(refused("资产编号,code").what(), Catch::Contains("twice"));
  CHECK_THAT(
      refused("资产编号,资产名称,资产类别,区划代码,建成时间,原值(元),原值(万元),资金来源(元)")
          .what(),
      Catch::Contains("exactly one"));
  CHECK_THAT(refused("资产编号,资产名称").what(), Catch::Contains("资产类别"));
}

TEST_CASE("export, import into another register, export again: the same sheet") {
  County source;
  const std::string csv =
      std::string(kHeader) +
      "XF-001,蔬菜大棚,经营性,温室大棚,520122101201,2021-06-30,12.5,中央财政:8;县级财政:4.5,"
      "A1村股份经济合作社:3/5;A2村股份经济合作社:2/5,闲置,A1村股份经济合作社,王五,公益性岗位,2,座\n"
      "XF-002,能繁母牛,到户类,牲畜,520122101201,2025-03-01,0.8,中央财政:0.8,#" +
      std::to_string(source.household) + ",,,,,1,头\n";
  REQUIRE(import_asset_sheet(source.reg, parse_csv(csv), options()).problems.empty());
  const Sheet exported = export_asset_sheet(source.reg);
  REQUIRE(exported.size() == 3);
  CHECK(exported[1][14] == "125000.00");  // 原值(元)
  CHECK(exported[1][17] == "闲置");
  County replica;  // the same divisions and parties, in the same order
  const SheetImportReport report =
      import_asset_sheet(replica.reg, parse_csv(write_csv(exported)), options());
  REQUIRE(report.problems.empty());
  CHECK(export_asset_sheet(replica.reg) == exported);
}

TEST_CASE("a county's own sheet: GBK from Excel, a title row, extra columns, all imported") {
  County c;
  // Excel on a Chinese Windows saves "CSV" in GBK; the county's sheet has a title and a date
  // above the header, and columns of its own (序号, 乡镇, 备注).
  const std::string utf8 =
      "息烽县扶贫项目资产台账,,,,,,,,,,,\r\n"
      "填报日期：2026年11月30日,,,,,,,,,,,\r\n"
      "序号,乡镇,资产编号,资产名称,资产类别,资产分类,区划代码,建成时间,原值(元),资金来源(元),"
      "产权归属,备注\r\n"
      "1,永靖镇,XF-101,蔬菜大棚,经营性,温室大棚,520122101201,2021-06-30,120000.00,"
      "中央财政:120000.00,A1村股份经济合作社,已验收\r\n";
  iconv_t to_gbk = iconv_open("GB18030", "UTF-8");
  REQUIRE(to_gbk != reinterpret_cast<iconv_t>(-1));
  std::string gbk(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = gbk.size();
  char* out = gbk.data();
  REQUIRE(iconv(to_gbk, &in, &in_left, &out, &out_left) != static_cast<std::size_t>(-1));
  iconv_close(to_gbk);
  gbk.resize(gbk.size() - out_left);
  REQUIRE_FALSE(is_valid_utf8(gbk));
  CHECK(decode_sheet_text(gbk) == utf8);
  const SheetImportReport report = import_asset_sheet(c.reg, parse_csv(gbk), options());
  REQUIRE(report.problems.empty());
  CHECK(report.written);
  CHECK(report.header_row == 3);
  CHECK(report.ignored_columns == std::vector<std::string>{"序号", "乡镇", "备注"});
  REQUIRE(report.assets.size() == 1);
  CHECK(c.reg.get_asset(report.assets[0]).description.name == "蔬菜大棚");
  // Bytes that are neither UTF-8 nor GB18030 are refused, naming where.
  CHECK_THAT(error_of([&] { decode_sheet_text(std::string("a,b\n\x80\xff\xfe", 7)); }).what(),
             Catch::Contains("neither UTF-8 nor GB18030"));
  // And no text that is not UTF-8 reaches the register by any other way.
  PartyRegistered broken;
  broken.kind = PartyKind::kEnterprise;
  broken.name = std::string("\xc4\xe3\xba\xc3", 4);  // 你好 in GBK
  broken.division = kVillageA1;
  broken.credit_code = credit_code(40);
  const std::uint64_t size = c.reg.ledger().size();
  CHECK_THAT(error_of([&] { c.submit(broken); }).what(), Catch::Contains("not valid UTF-8"));
  CHECK(c.reg.ledger().size() == size);
  CHECK(is_valid_utf8("息烽县"));
  CHECK_FALSE(is_valid_utf8(std::string("\xed\xa0\x80", 3)));  // a surrogate
  CHECK_FALSE(is_valid_utf8(std::string("\xc0\xaf", 2)));      // overlong
}

TEST_CASE("formula-like text is written with an apostrophe and read back exactly") {
  County c;
  AssetRegistered a;
  a.code = "XF-F1";
  a.asset_class = AssetClass::kPublicWelfare;
  a.description.name = "=HYPERLINK(\"http://x\",\"点击\")";
  a.description.place = "@村口";
  a.description.division = kVillageA1;
  a.description.completed = Date::parse("2021-06-30");
  a.description.original = Money::parse_yuan("1000.00");
  a.description.funding = {{FundingSource::kCentralFiscal, a.description.original}};
  a.owners = {{c.a1, Share::parse("1")}};
  c.submit(a);
  const Sheet sheet = export_asset_sheet(c.reg);
  REQUIRE(sheet.size() == 2);
  CHECK(sheet[1][1] == "'=HYPERLINK(\"http://x\",\"点击\")");
  // Into another register under a new code: the apostrophe comes off again.
  County other;
  Sheet moved = parse_csv(write_csv(sheet));
  const SheetImportReport report = import_asset_sheet(other.reg, moved, options());
  REQUIRE(report.problems.empty());
  CHECK(other.reg.get_asset(report.assets[0]).description.name == a.description.name);
  CHECK(other.reg.get_asset(report.assets[0]).description.place == "@村口");
  // Without the apostrophe, a formula is refused, naming the column.
  moved[1][1] = "=1+1";
  moved[1][0] = "XF-F2";
  const SheetImportReport refused = import_asset_sheet(other.reg, moved, options());
  REQUIRE(refused.problems.size() == 1);
  CHECK(refused.problems[0].column == "资产名称");
  CHECK_THAT(refused.problems[0].reason, Catch::Contains("formula"));
}

TEST_CASE("a sheet's assets and their maintenance bindings land in one transaction") {
  County c;
  const std::uint64_t size = c.reg.ledger().size();
  // Row 3: a household's cow with a maintenance binding, which the register refuses (a
  // household keeps its own asset): the whole sheet is refused, the good row's asset and
  // binding included.
  const std::string csv =
      std::string(kHeader) +
      "XF-M1,通组路,公益性,基础设施,520122101201,2021-06-30,1,中央财政:1,A1村股份经济合作社,在用,"
      "A1村股份经济合作社,王五,公益性岗位,1,km\r\n"
      "XF-M2,能繁母牛,到户类,牲畜,520122101201,2021-06-30,0.8,中央财政:0.8,#" +
      std::to_string(c.household) + ",在用,A1村股份经济合作社,王五,公益性岗位,1,头\r\n";
  const SheetImportReport report = import_asset_sheet(c.reg, parse_csv(csv), options());
  REQUIRE(report.problems.size() == 1);
  CHECK(report.problems[0].row == 3);
  CHECK_FALSE(report.written);
  CHECK(c.reg.ledger().size() == size);
  // Kept rows: the road and its binding land together.
  const SheetImportReport kept = import_asset_sheet(c.reg, parse_csv(csv), options(true));
  REQUIRE(kept.assets.size() == 1);
  REQUIRE(c.reg.maintenance(kept.assets[0]));
  CHECK(c.reg.maintenance(kept.assets[0])->asset == kept.assets[0]);
  CHECK(c.reg.maintenance(kept.assets[0])->person == "王五");
  CHECK(c.reg.ledger().size() == size + 2);
}

TEST_CASE("the spellings counties use: thousands separators, percentages, a lone fund's name") {
  County c;
  const std::string csv =
      "资产编号,资产名称,资产类别,资产分类,区划代码,建成时间,原值(元),资金来源(元),产权归属\r\n"
      "XF-S1,光伏电站,经营性,光伏电站,520122101201,2021-06-30,\"1,283,600.00\","
      "中央财政衔接资金,A1村股份经济合作社:60%;A2村股份经济合作社:40%\r\n"
      "XF-S2,产业路,公益性,基础设施,520122101201,2021-06-30,\"12,000.00\","
      "\"省级财政专项扶贫资金:2,000.00;县级财政:10000.00\",A1村股份经济合作社\r\n"
      "XF-S3,坏的分组,公益性,基础设施,520122101201,2021-06-30,\"1,28,600.00\","
      "中央财政,A1村股份经济合作社\r\n";
  const SheetImportReport report = import_asset_sheet(c.reg, parse_csv(csv), options(true));
  REQUIRE(report.assets.size() == 2);
  const Asset pv = c.reg.get_asset(report.assets[0]);
  CHECK(pv.description.original.fen() == 128'360'000);
  REQUIRE(pv.description.funding.size() == 1);  // the lone source takes the whole amount
  CHECK(pv.description.funding[0].source == FundingSource::kCentralFiscal);
  CHECK(pv.description.funding[0].amount == pv.description.original);
  CHECK(pv.owners[0].share == Share::of(3, 5));
  CHECK(pv.owners[1].share == Share::of(2, 5));
  const Asset road = c.reg.get_asset(report.assets[1]);
  CHECK(road.description.funding[0].source == FundingSource::kProvincialFiscal);
  CHECK(road.description.funding[0].amount.fen() == 200'000);
  // Separators out of place are not guessed at.
  REQUIRE(report.problems.size() == 1);
  CHECK(report.problems[0].row == 4);
  CHECK(report.problems[0].value == "1,28,600.00");
}

namespace {

// A stored zip archive of `parts`, written here independently of the library's writer, so the
// reader is tested on workbooks it did not make.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& parts) {
  auto crc32_of = [](const std::string& data) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const unsigned char byte : data) {
      crc ^= byte;
      for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
  };
  auto le = [](std::string& out, std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>(v >> (8 * i) & 0xFF));
  };
  std::string out, directory;
  for (const auto& [name, data] : parts) {
    const std::uint32_t offset = static_cast<std::uint32_t>(out.size());
    const std::uint32_t crc = crc32_of(data), size = static_cast<std::uint32_t>(data.size());
    le(out, 0x04034b50, 4), le(out, 20, 2), le(out, 0, 2), le(out, 0, 2), le(out, 0, 4);
    le(out, crc, 4), le(out, size, 4), le(out, size, 4), le(out, name.size(), 2), le(out, 0, 2);
    out += name + data;
    le(directory, 0x02014b50, 4), le(directory, 20, 2), le(directory, 20, 2);
    le(directory, 0, 2), le(directory, 0, 2), le(directory, 0, 4), le(directory, crc, 4);
    le(directory, size, 4), le(directory, size, 4), le(directory, name.size(), 2);
    le(directory, 0, 2), le(directory, 0, 2), le(directory, 0, 2), le(directory, 0, 2);
    le(directory, 0, 4), le(directory, offset, 4);
    directory += name;
  }
  const std::uint32_t start = static_cast<std::uint32_t>(out.size());
  out += directory;
  le(out, 0x06054b50, 4), le(out, 0, 4), le(out, parts.size(), 2), le(out, parts.size(), 2);
  le(out, directory.size(), 4), le(out, start, 4), le(out, 0, 2);
  return out;
}

// A workbook as Excel writes one: shared strings (one in rich-text runs with a phonetic guide),
// a style table whose second format is a custom date, numbers as binary doubles print them, a
// formula with its cached value, a boolean, a row Excel left out, a title row.
std::string excel_like_workbook() {
  const std::string ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
  const std::string workbook =
      "<?xml version=\"1.0\"?><workbook " + ns +
      " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
      "<sheets><sheet name=\"台账\" sheetId=\"3\" r:id=\"rId7\"/></sheets></workbook>";
  const std::string rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId7\" Type=\"x/worksheet\" Target=\"worksheets/data.xml\"/>"
      "</Relationships>";
  const std::string strings = "<sst " + ns +
                              "><si><t>区划代码</t></si><si><t>名称</t></si>"
                              "<si><r><t>石桥</t></r><r><rPr><b/></rPr><t>村</t></r>"
                              "<rPh sb=\"0\" eb=\"1\"><t>shi</t></rPh></si>"
                              "<si><t xml:space=\"preserve\">A&amp;B &lt;村&gt; &#x4E00;</t></si>"
                              "<si><t>起始日期</t></si></sst>";
  const std::string styles = "<styleSheet " + ns +
                             "><numFmts count=\"1\"><numFmt numFmtId=\"176\" "
                             "formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
                             "</numFmts><cellXfs count=\"3\"><xf numFmtId=\"0\"/>"
                             "<xf numFmtId=\"176\"/><xf numFmtId=\"10\"/></cellXfs></styleSheet>";
  const std::string sheet =
      "<worksheet " + ns +
      "><sheetData>"
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>凯里市区划表</t></is></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"B3\" t=\"s\"><v>1</v></c>"
      "<c r=\"D3\" t=\"s\"><v>4</v></c></row>"
      "<row r=\"4\"><c r=\"A4\"><v>522601101201</v></c><c r=\"B4\" t=\"s\"><v>2</v></c>"
      "<c r=\"C4\"><v>1283600.0000000002</v></c><c r=\"D4\" s=\"1\"><v>44377</v></c></row>"
      "<row r=\"5\"><c r=\"A5\"><f>A4+1</f><v>522601101202</v></c>"
      "<c r=\"B5\" t=\"s\"><v>3</v></c><c r=\"C5\" s=\"2\"><v>0.59999999999999998</v></c>"
      "<c r=\"D5\" t=\"b\"><v>1</v></c><c r=\"E5\"><v>1.5E-3</v></c></row>"
      "</sheetData></worksheet>";
  return zip_of({{"[Content_Types].xml", "<Types/>"},
                 {"xl/workbook.xml", workbook},
                 {"xl/_rels/workbook.xml.rels", rels},
                 {"xl/sharedStrings.xml", strings},
                 {"xl/styles.xml", styles},
                 {"xl/worksheets/data.xml", sheet}});
}

}  // namespace

TEST_CASE("an .xlsx as Excel writes it reads as the text Excel shows") {
  const Sheet sheet = read_xlsx(excel_like_workbook());
  REQUIRE(sheet.size() == 5);
  CHECK(sheet[0] == std::vector<std::string>{"凯里市区划表"});
  CHECK(sheet[1].empty());  // the row Excel left out keeps its place: row numbers stay true
  CHECK(sheet[2] == std::vector<std::string>{"区划代码", "名称", "", "起始日期"});
  // Rich text joined without its phonetic guide; a long code as digits; a double's noise
  // rounded to the 15 digits Excel shows; a date format's day number as the date.
  CHECK(sheet[3] == std::vector<std::string>{"522601101201", "石桥村", "1283600", "2021-06-30"});
  // A formula's cached value, entities, a percentage format's number, a boolean, an exponent.
  CHECK(sheet[4] ==
        std::vector<std::string>{"522601101202", "A&B <村> 一", "0.6", "TRUE", "0.0015"});
  // The same bytes through the sniffing reader, and a division table read from it.
  CHECK(read_sheet_bytes(excel_like_workbook()) == sheet);
  const DivisionSheet divisions = read_division_sheet(sheet, Date::parse("2000-01-01"));
  CHECK(divisions.header_row == 3);
  REQUIRE(divisions.problems.size() == 1);  // row 5's name is fine, its 起始日期 TRUE is not
  CHECK(divisions.problems[0].row == 5);
  CHECK(divisions.problems[0].column == "起始日期");
}

TEST_CASE("an .xlsx written by the library reads back exactly, and damaged ones are refused") {
  const Sheet sheet = {{"资产编号", "资产名称", "原值(元)"},
                       {"XF-1", "=HYPERLINK(\"http://x\")", "1,283,600.00"},
                       {"XF-2", "A&B <\"引号\">", ""},
                       {"", "", "0012"}};
  const std::string bytes = write_xlsx(sheet, "台账");
  CHECK(bytes.substr(0, 4) == std::string("PK\x03\x04", 4));
  // Empty cells at a row's end are not written: a row reads as far as its last value.
  CHECK(read_xlsx(bytes) == Sheet{sheet[0], sheet[1], {"XF-2", sheet[2][1]}, sheet[3]});
  CHECK(write_xlsx(sheet, "台账") == bytes);  // the same sheet, the same bytes
  // Cut short, the directory's end damaged, a byte of a part changed (its checksum fails), not
  // a zip at all: InvalidInput, never a crash.
  std::string flipped = bytes;
  flipped[flipped.find("XF-2")] = 'Y';
  for (const std::string& bad :
       {bytes.substr(0, bytes.size() / 2), bytes.substr(0, bytes.size() - 30) + "xx", flipped,
        std::string("PK\x03\x04 not a zip", 15)}) {
    const Error error = error_of([&] { read_xlsx(bad); });
    CHECK(error.kind() == ErrorKind::kInvalidInput);
    CHECK_THAT(error.what(), Catch::Contains("xlsx"));
  }
}

TEST_CASE("parties from a county's sheet: Chinese kinds, names of divisions, every bad row") {
  County c;
  const IdentityKey identity = IdentityKey::generate();
  const Sheet sheet = {
      {"主体名册"},
      {"序号", "名称", "主体类型", "区划代码", "统一社会信用代码", "身份证号", "脱贫户", "备注"},
      {"1", "A1村一组", "村民小组", "A1村", "", "", "", ""},
      {"2", "李四", "农户", kVillageA1, "", identity_number(7), "是", "户主"},
      {"3", "永靖镇人民政府", "乡镇人民政府", kTownA, credit_code(40), "", "", ""},
      {},
      {"4", "A2村监委会", "村务监督委员会", kVillageA2, credit_code(41), "", "否", ""}};
  PartySheet read = read_party_sheet(sheet, c.reg, &identity);
  REQUIRE(read.problems.empty());
  CHECK(read.header_row == 2);
  CHECK(read.ignored == std::vector<std::string>{"序号", "备注"});
  REQUIRE(read.parties.size() == 4);
  CHECK(read.rows == std::vector<std::size_t>{3, 4, 5, 7});
  CHECK(read.parties[0].kind == PartyKind::kVillagerGroup);
  CHECK(read.parties[0].division == kVillageA1);  // the village's name found its code
  CHECK(read.parties[1].kind == PartyKind::kHousehold);
  CHECK(read.parties[1].person_hash == identity.hash(identity_number(7)));
  CHECK(read.parties[1].poverty_alleviated);
  CHECK(read.parties[2].kind == PartyKind::kTownship);
  CHECK(read.parties[3].kind == PartyKind::kSupervisionCommittee);
  const std::uint64_t before = c.reg.ledger().size();
  const std::vector<RegistryWrite> writes(read.parties.begin(), read.parties.end());
  CHECK(submit_sheet_rows(c.reg, {1, Date::parse("2026-03-01"), {}, &actor_key(1), {}}, writes,
                          read.rows)
            .empty());
  CHECK(c.reg.ledger().size() == before + 4);
  CHECK(c.reg.parties().back().data.name == "A2村监委会");

  // Bad rows, all reported at once: an unknown kind (the known ones listed), a division that is
  // not in the table, a household without the identity key, a credit code twice, a formula.
  const Sheet bad = {{"名称", "主体类型", "区划代码", "统一社会信用代码", "身份证号"},
                     {"某公司", "公司", kVillageA1, credit_code(42), ""},
                     {"B9村股份经济合作社", "村集体经济组织", "B9村", credit_code(43), ""},
                     {"王五", "户", kVillageA1, "", identity_number(8)},
                     {"甲合作社", "合作社", kVillageA1, credit_code(44), ""},
                     {"乙合作社", "农民专业合作社", kVillageA1, credit_code(44), ""},
                     {"=cmd|' /C calc'!A0", "企业", kVillageA1, credit_code(45), ""}};
  read = read_party_sheet(bad, c.reg, nullptr);
  REQUIRE(read.problems.size() == 5);
  CHECK(read.parties.empty());
  CHECK(read.problems[0].row == 2);
  CHECK(read.problems[0].column == "主体类型");
  CHECK_THAT(read.problems[0].reason, Catch::Contains("村集体经济组织") && Catch::Contains("企业"));
  CHECK(read.problems[1].column == "区划代码");
  CHECK(read.problems[2].column == "身份证号");
  CHECK(read.problems[2].value == "(已隐去)");  // never the number itself
  CHECK(read.problems[3].row == 6);
  CHECK(read.problems[4].column == "名称");

  // The same sheet again: every party is registered as the sheet says, so nothing is new.
  read = read_party_sheet(sheet, c.reg, &identity);
  CHECK(read.problems.empty());
  CHECK(read.parties.empty());
  CHECK(read.unchanged == 4);
  // The same sheet with another identity key: 李四 would be registered a second time under
  // another digest; refused by row, naming the key as the likely cause.
  const IdentityKey other = IdentityKey::generate();
  read = read_party_sheet(sheet, c.reg, &other);
  REQUIRE(read.problems.size() == 1);
  CHECK(read.problems[0].row == 4);
  CHECK(read.problems[0].column == "身份证号");
  CHECK(read.problems[0].value == "(已隐去)");
  CHECK_THAT(read.problems[0].reason,
             Catch::Contains("本村已登记同名农户“李四”") && Catch::Contains("--identity-key"));
  CHECK(read.parties.empty());
  // A second family of the name, told apart by its name, registers.
  read = read_party_sheet({{"名称", "主体类型", "区划代码", "身份证号"},
                           {"李四（二组）", "农户", kVillageA1, identity_number(9)}},
                          c.reg, &identity);
  CHECK(read.problems.empty());
  CHECK(read.parties.size() == 1);
  // A credit code registered to another party is named when the sheet is read.
  read = read_party_sheet({{"名称", "主体类型", "区划代码", "统一社会信用代码"},
                           {"永靖镇政府", "乡镇", kTownA, credit_code(40)}},
                          c.reg, nullptr);
  REQUIRE(read.problems.size() == 1);
  CHECK(read.problems[0].column == "统一社会信用代码");
  CHECK_THAT(read.problems[0].reason, Catch::Contains("永靖镇人民政府"));

  // A rule of the register (an enterprise is registered with its credit code): that row is
  // named and nothing of the sheet is written.
  const Sheet again = {{"名称", "主体类型", "区划代码", "统一社会信用代码"},
                       {"丙企业", "企业", kVillageA1, credit_code(46)},
                       {"丁企业", "企业", kVillageA1, ""}};
  read = read_party_sheet(again, c.reg, nullptr);
  REQUIRE(read.problems.empty());
  const std::uint64_t size = c.reg.ledger().size();
  const std::vector<RegistryWrite> writes_again(read.parties.begin(), read.parties.end());
  const auto problems = submit_sheet_rows(
      c.reg, {1, Date::parse("2026-03-01"), {}, &actor_key(1), {}}, writes_again, read.rows);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].row == 3);
  CHECK_THAT(problems[0].reason, Catch::Contains("credit code"));
  CHECK(c.reg.ledger().size() == size);
}

TEST_CASE("officials from a sheet: the next free ids, keys as text or files, roles in Chinese") {
  County c;
  ScratchDir keys;
  write_file(keys.path() + "/lihua.pub", actor_key(21).verifier().text() + "\n");
  const std::uint64_t unit =
      c.party(PartyKind::kCountyDepartment, "县水务局", kCounty.county_code.c_str(), 50);
  (void)unit;
  const Sheet sheet = {{"编号", "姓名", "角色", "辖区代码", "公钥", "代表单位"},
                       {"", "李华", "村委会", "A1村", "lihua.pub", ""},
                       {"30", "王芳", "乡镇人民政府", kTownA, actor_key(22).verifier().text(), ""},
                       {"", "赵强", "行业主管部门", kCounty.county_code,
                        actor_key(23).verifier().text(), "县水务局"}};
  ActorSheet read = read_actor_sheet(sheet, c.reg, keys.path());
  REQUIRE(read.problems.empty());
  REQUIRE(read.actors.size() == 3);
  // Actor 1 is enrolled and the sheet gives 30: the rows without an id take 31 and 32.
  CHECK(read.actors[0].actor == 31);
  CHECK(read.actors[1].actor == 30);
  CHECK(read.actors[2].actor == 32);
  CHECK(read.actors[0].role == Role::kVillageCommittee);
  CHECK(read.actors[0].jurisdiction == kVillageA1);
  CHECK(read.actors[0].public_key == actor_key(21).verifier().public_key());
  CHECK(read.actors[2].party == unit);
  const std::vector<RegistryWrite> writes(read.actors.begin(), read.actors.end());
  REQUIRE(submit_sheet_rows(c.reg, {1, Date::parse("2026-03-01"), {}, &actor_key(1), {}}, writes,
                            read.rows)
              .empty());
  CHECK(c.reg.find_actor(31)->name == "李华");
  CHECK(c.reg.actor_ids() == std::vector<std::uint64_t>{1, 30, 31, 32});

  // The same sheet again: every official is enrolled with its key, so nothing is new; the key
  // of one official given to another is refused.
  read = read_actor_sheet(sheet, c.reg, keys.path());
  CHECK(read.problems.empty());
  CHECK(read.actors.empty());
  CHECK(read.unchanged == 3);
  read = read_actor_sheet(
      {{"姓名", "角色", "辖区代码", "公钥"}, {"赵丽", "村委会", "A1村", "lihua.pub"}}, c.reg,
      keys.path());
  REQUIRE(read.problems.size() == 1);
  CHECK(read.problems[0].column == "公钥");
  CHECK_THAT(read.problems[0].reason, Catch::Contains("李华"));

  const Sheet bad = {{"编号", "姓名", "角色", "辖区代码", "公钥"},
                     {"31", "重复", "审计", kCounty.county_code, actor_key(24).verifier().text()},
                     {"", "钱七", "村长", kVillageA1, actor_key(25).verifier().text()},
                     {"", "孙八", "审计", kVillageA1, "nosuch.pub"},
                     {"x", "周九", "审计", kVillageA1, actor_key(26).verifier().text()}};
  read = read_actor_sheet(bad, c.reg, keys.path());
  REQUIRE(read.problems.size() == 4);
  CHECK(read.problems[0].column == "编号");
  CHECK(read.problems[1].column == "角色");
  CHECK_THAT(read.problems[1].reason, Catch::Contains("村民委员会"));
  CHECK(read.problems[2].column == "公钥");
  CHECK(read.problems[3].column == "编号");
}

TEST_CASE("a county re-imports its yearly sheet: registered rows update their assets") {
  County c;
  const std::string first =
      std::string(kHeader) +
      "XF-U1,蔬菜大棚,经营性,温室大棚,520122101201,2021-06-30,12,中央财政:12,"
      "A1村股份经济合作社,在用,A1村股份经济合作社,王五,公益性岗位,2,座\r\n"
      "XF-U2,通组路,公益性,基础设施,A2村,2020/9/1,1,中央财政:1,,,,,,1.5,km\r\n";
  const SheetImportReport made = import_asset_sheet(c.reg, parse_csv(first), options());
  REQUIRE(made.problems.empty());
  REQUIRE(made.assets.size() == 2);
  const std::uint64_t greenhouse = made.assets[0], road = made.assets[1];

  // The next year's sheet: the greenhouse renamed, idle, its keeper changed (the maintainer
  // named by the village committee); the road's owners confirmed; a new asset.
  const std::string next =
      std::string(kHeader) +
      "XF-U1,蔬菜大棚（一期）,经营性,温室大棚,520122101201,2021-06-30,12,中央财政:12,"
      "A1村股份经济合作社,闲置,A1村村民委员会,赵六,公益性岗位,2,座\r\n"
      "XF-U2,通组路,公益性,基础设施,A2村,2020/9/1,1,中央财政:1,A2村股份经济合作社,,,,,1.5,km\r\n"
      "XF-U3,机耕道,公益性,基础设施,A1村,2022/3/1,2,县级财政:2,A1村股份经济合作社,,,,,3,km\r\n";
  const std::uint64_t before = c.reg.ledger().size();
  const SheetImportReport updated = import_asset_sheet(c.reg, parse_csv(next), options());
  REQUIRE(updated.problems.empty());
  CHECK(updated.written);
  REQUIRE(updated.assets.size() == 1);
  CHECK(updated.updated == std::vector<std::uint64_t>{greenhouse, road});
  CHECK(updated.unchanged == 0);
  // Each updated asset is listed with what changed, in words a clerk reads.
  CHECK(updated.changes ==
        std::vector<std::string>{"XF-U1：名称 蔬菜大棚→蔬菜大棚（一期）、状态 在用→闲置、管护",
                                 "XF-U2：确权"});
  // A correction, a status change, a binding for the greenhouse; a confirmation for the road;
  // the new asset: five entries, one transaction.
  CHECK(c.reg.ledger().size() == before + 5);
  const Asset house = c.reg.get_asset(greenhouse);
  CHECK(house.description.name == "蔬菜大棚（一期）");
  CHECK(house.description.quantity_milli == 2000);
  CHECK(house.status == AssetStatus::kIdle);
  CHECK(c.reg.maintenance(greenhouse)->person == "赵六");
  CHECK(c.reg.maintenance(greenhouse)->party == c.a1);  // the committee's village collective
  const std::vector<OwnerShare> owners = c.reg.get_asset(road).owners;
  REQUIRE(owners.size() == 1);
  CHECK(owners[0].party == c.a2);
  CHECK(owners[0].share == Share::of(1, 1));

  // The same sheet again changes nothing and writes nothing.
  const std::uint64_t size = c.reg.ledger().size();
  const SheetImportReport again = import_asset_sheet(c.reg, parse_csv(next), options());
  CHECK(again.problems.empty());
  CHECK(again.written);
  CHECK(again.unchanged == 3);
  CHECK(again.updated.empty());
  CHECK(c.reg.ledger().size() == size);

  // Owners it has and its class are not the sheet's to change: those rows are named and
  // nothing of the sheet is written.
  const std::string wrong =
      std::string(kHeader) +
      "XF-U1,蔬菜大棚（一期）,经营性,温室大棚,520122101201,2021-06-30,12,中央财政:12,"
      "A2村股份经济合作社,闲置,A1村股份经济合作社,赵六,公益性岗位,2,座\r\n"
      "XF-U2,通组路,经营性,基础设施,A2村,2020/9/1,1,中央财政:1,A2村股份经济合作社,,,,,1.5,km\r\n"
      "XF-U3,机耕道,公益性,基础设施,A1村,2022/3/1,2.5,县级财政:2.5,A1村股份经济合作社,,,,,3,km\r\n";
  const SheetImportReport refused = import_asset_sheet(c.reg, parse_csv(wrong), options());
  REQUIRE(refused.problems.size() == 2);
  CHECK(refused.problems[0].row == 2);
  CHECK(refused.problems[0].column == "产权归属");
  CHECK(refused.problems[1].row == 3);
  CHECK(refused.problems[1].column == "资产类别");
  CHECK_FALSE(refused.written);
  CHECK(c.reg.ledger().size() == size);
  CHECK(c.reg.get_asset(made.assets[0]).description.original.fen() == 12'000'000);

  // A code typed twice: a row of another asset (another name, another value) under the road's
  // code is refused, naming what the code is registered as; the road is untouched.
  const std::string reused =
      std::string(kHeader) +
      "XF-U2,文化广场,公益性,基础设施,A2村,2023/5/1,9,县级财政:9,A2村股份经济合作社,,,,,1,处\r\n";
  const SheetImportReport other = import_asset_sheet(c.reg, parse_csv(reused), options());
  REQUIRE(other.problems.size() == 1);
  CHECK(other.problems[0].column == "资产名称");
  CHECK_THAT(other.problems[0].reason, Catch::Contains("已登记为“通组路”（原值 10000.00 元）"));
  CHECK(c.reg.get_asset(road).description.name == "通组路");
  CHECK(c.reg.ledger().size() == size);
  // A value corrected alone is a correction, and says from what to what.
  const std::string corrected =
      std::string(kHeader) +
      "XF-U2,通组路,公益性,基础设施,A2村,2020/9/1,1.2,中央财政:1.2,A2村股份经济合作社,,,,,1.5,"
      "km\r\n";
  const SheetImportReport fixed = import_asset_sheet(c.reg, parse_csv(corrected), options());
  REQUIRE(fixed.problems.empty());
  CHECK(fixed.changes == std::vector<std::string>{"XF-U2：原值 10000.00→12000.00 元、资金来源"});
}

TEST_CASE("what happened to assets, from sheets: inspections, stocktaking, incomes, status") {
  County c;
  const std::string first = std::string(kHeader) +
                            "XF-E1,蔬菜大棚,经营性,温室大棚,520122101201,2021-06-30,12,中央财政:12,"
                            "A1村股份经济合作社,在用,A1村股份经济合作社,王五,公益性岗位,2,座\r\n";
  const SheetImportReport made = import_asset_sheet(c.reg, parse_csv(first), options());
  REQUIRE(made.assets.size() == 1);
  const std::uint64_t house = made.assets[0];
  const WriteContext context{1, Date::parse("2026-03-01"), {}, &actor_key(1), {}};
  auto record = [&](EventSheetKind kind, const Sheet& sheet) {
    const EventSheet read = read_event_sheet(sheet, c.reg, kind, Date::parse("2026-03-01"));
    REQUIRE(read.problems.empty());
    return submit_sheet_rows(c.reg, context, read.writes, read.rows, &read.days);
  };
  // A stocktaking with a 巡查人 column (the words counties use for both), dated by its row.
  CHECK(record(parse_event_sheet_kind("清查"),
               {{"资产编号", "清查日期", "状况", "巡查人"}, {"XF-E1", "2026/2/20", "一般", "王五"}})
            .empty());
  const auto inspections = c.reg.inspections(house);
  REQUIRE(inspections.size() == 1);
  CHECK(inspections[0].condition == Condition::kFair);
  CHECK(inspections[0].day == Date::parse("2026-02-20"));
  CHECK(c.reg.get_asset(house).inspected == Date::parse("2026-02-20"));
  // An income in 万元 from a payer in the register (by name) and one outside it.
  CHECK(record(EventSheetKind::kIncomes,
               {{"资产编号", "收益类型", "期间起", "期间止", "金额(万元)", "付款方"},
                {"XF-E1", "租金", "2025-01-01", "2025-12-31", "1.2", "A2村股份经济合作社"},
                {"XF-E1", "销售", "2025-01-01", "2025-12-31", "0.05", "个体户"}})
            .empty());
  const auto parts = c.reg.income_parts();
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].amount.fen() == 1'200'000);
  CHECK(parts[1].amount.fen() == 50'000);
  // A status change needs a reason; a change the register refuses is named by its row.
  CHECK(record(EventSheetKind::kStatus,
               {{"资产编号", "状态", "原因"}, {"XF-E1", "闲置", "承包期满，待重新发包"}})
            .empty());
  CHECK(c.reg.get_asset(house).status == AssetStatus::kIdle);
  const EventSheet bad =
      read_event_sheet({{"资产编号", "状态", "原因"},
                        {"XF-NONE", "闲置", "x"},
                        {"XF-E1", "已处置", "卖了"},
                        {"XF-E1", "在用", ""}},
                       c.reg, EventSheetKind::kStatus, Date::parse("2026-03-01"));
  REQUIRE(bad.problems.size() == 3);
  CHECK(bad.problems[0].column == "资产编号");
  CHECK(bad.problems[1].column == "状态");  // disposal only through its chain
  CHECK(bad.problems[2].column == "原因");
  CHECK(bad.writes.empty());
  const std::uint64_t size = c.reg.ledger().size();
  // A row the register refuses (a period that ends before it starts) is named by its row, and
  // the good row before it is not written either.
  const EventSheet backwards =
      read_event_sheet({{"资产编号", "收益类型", "期间起", "期间止", "金额(元)"},
                        {"XF-E1", "租金", "2026-01-01", "2026-01-31", "100"},
                        {"XF-E1", "租金", "2026-03-01", "2026-02-01", "100"}},
                       c.reg, EventSheetKind::kIncomes, Date::parse("2026-03-01"));
  REQUIRE(backwards.problems.empty());
  const auto refused =
      submit_sheet_rows(c.reg, context, backwards.writes, backwards.rows, &backwards.days);
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].row == 3);
  CHECK(c.reg.ledger().size() == size);
  CHECK_THAT(error_of([] { parse_event_sheet_kind("fish"); }).what(), Catch::Contains("巡查"));
  // The register's refusal reads in Chinese beside the English.
  CHECK_THAT(refused[0].reason_zh, Catch::Contains("终止日期早于起始日期"));
  CHECK(refused[0].column == "期间止");  // the rule's field as the column the clerk filled
}

TEST_CASE("a notice row with an empty 地点 is named by its row, not a refusal of the sheet") {
  County c;
  const EventSheet read =
      read_event_sheet({{"事项", "记录号", "公示栏", "地点", "开始日期", "结束日期"},
                        {"项目", "9", kVillageA1, "", "2026-03-01", "2026-03-10"}},
                       c.reg, EventSheetKind::kNotices, Date::parse("2026-03-01"));
  const auto problems =
      record_event_sheet(c.reg, {1, Date::parse("2026-03-01"), {}, &actor_key(1), {}}, read);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].row == 2);
  // A 公示栏 by a name the division table does not have: said so, not as a malformed code.
  const EventSheet unknown =
      read_event_sheet({{"事项", "记录号", "公示栏", "地点", "开始日期", "结束日期"},
                        {"项目", "9", "新寨村", "村口", "2026-03-01", "2026-03-10"}},
                       c.reg, EventSheetKind::kNotices, Date::parse("2026-03-01"));
  REQUIRE(unknown.problems.size() == 1);
  CHECK_THAT(unknown.problems[0].reason, Catch::Contains("区划表中没有这个名称的区划"));
}

TEST_CASE("a sheet of events given again records nothing twice, and says which rows it skipped") {
  County c;
  const std::string first = std::string(kHeader) +
                            "XF-E2,蔬菜大棚,经营性,温室大棚,520122101201,2021-06-30,12,中央财政:12,"
                            "A1村股份经济合作社,在用,A1村股份经济合作社,王五,公益性岗位,2,座\r\n";
  const SheetImportReport made = import_asset_sheet(c.reg, parse_csv(first), options());
  REQUIRE(made.assets.size() == 1);
  const std::uint64_t house = made.assets[0];
  const WriteContext context{1, Date::parse("2026-03-01"), {}, &actor_key(1), {}};
  const Sheet inspections = {{"资产编号", "巡查日期", "状况", "巡查人"},
                             {"XF-E2", "2026-02-20", "良好", "王五"},
                             {"XF-E2", "2026-02-27", "一般", "王五"},
                             {"XF-E2", "2026-02-20", "良好", "王五"}};  // row 2 copied again
  const EventSheet once =
      read_event_sheet(inspections, c.reg, EventSheetKind::kInspections, Date::parse("2026-03-01"));
  REQUIRE(once.problems.empty());
  CHECK(once.rows == std::vector<std::size_t>{2, 3});
  CHECK(once.skipped == std::vector<std::size_t>{4});
  REQUIRE(submit_sheet_rows(c.reg, context, once.writes, once.rows, &once.days).empty());
  CHECK(c.reg.inspections(house).size() == 2);
  // The same sheet again: every row is recorded already, nothing is written.
  const std::uint64_t size = c.reg.ledger().size();
  const EventSheet again =
      read_event_sheet(inspections, c.reg, EventSheetKind::kInspections, Date::parse("2026-03-01"));
  CHECK(again.writes.empty());
  CHECK(again.skipped == std::vector<std::size_t>{2, 3, 4});
  // A new row among them is recorded, and only it; another day or inspector is another fact.
  Sheet more = inspections;
  more.push_back({"XF-E2", "2026-03-01", "良好", "王五"});
  more.push_back({"XF-E2", "2026-02-20", "良好", "李六"});
  const EventSheet next =
      read_event_sheet(more, c.reg, EventSheetKind::kInspections, Date::parse("2026-03-01"));
  CHECK(next.rows == std::vector<std::size_t>{5, 6});
  REQUIRE(submit_sheet_rows(c.reg, context, next.writes, next.rows, &next.days).empty());
  CHECK(c.reg.inspections(house).size() == 4);
  CHECK(c.reg.ledger().size() == size + 2);
  // Incomes and status changes the same way: the second sheet skips, never records twice.
  const Sheet incomes = {{"资产编号", "收益类型", "期间起", "期间止", "金额(元)", "入账日期"},
                         {"XF-E2", "租金", "2025-01-01", "2025-12-31", "12000", "2026-01-10"}};
  for (int pass = 0; pass < 2; ++pass) {
    const EventSheet read =
        read_event_sheet(incomes, c.reg, EventSheetKind::kIncomes, Date::parse("2026-03-01"));
    CHECK(read.writes.size() == (pass == 0 ? 1u : 0u));
    REQUIRE(submit_sheet_rows(c.reg, context, read.writes, read.rows, &read.days).empty());
  }
  CHECK(c.reg.income_parts().size() == 1);
  const Sheet status = {{"资产编号", "状态", "原因", "日期"},
                        {"XF-E2", "闲置", "承包期满", "2026-03-01"}};
  for (int pass = 0; pass < 2; ++pass) {
    const EventSheet read =
        read_event_sheet(status, c.reg, EventSheetKind::kStatus, Date::parse("2026-03-01"));
    CHECK(read.skipped.size() == (pass == 0 ? 0u : 1u));
    REQUIRE(submit_sheet_rows(c.reg, context, read.writes, read.rows, &read.days).empty());
  }
  CHECK(c.reg.get_asset(house).status == AssetStatus::kIdle);
}

TEST_CASE("a status row is skipped only while the asset still has that status") {
  County c;
  const std::string first = std::string(kHeader) +
                            "XF-S1,蔬菜大棚,经营性,温室大棚,520122101201,2021-06-30,12,中央财政:12,"
                            "A1村股份经济合作社,在用,A1村股份经济合作社,王五,公益性岗位,2,座\r\n";
  const SheetImportReport made = import_asset_sheet(c.reg, parse_csv(first), options());
  REQUIRE(made.assets.size() == 1);
  const std::uint64_t house = made.assets[0];
  const WriteContext context{1, Date::parse("2026-03-01"), {}, &actor_key(1), {}};
  auto read = [&](const Sheet& sheet) {
    return read_event_sheet(sheet, c.reg, EventSheetKind::kStatus, Date::parse("2026-03-01"));
  };
  auto record = [&](const EventSheet& sheet) {
    return submit_sheet_rows(c.reg, context, sheet.writes, sheet.rows, &sheet.days);
  };
  const Sheet idle = {{"资产编号", "状态", "原因", "日期"},
                      {"XF-S1", "闲置", "承包期满", "2026-03-01"}};
  REQUIRE(record(read(idle)).empty());
  // In use again another way (another sheet, another day).
  REQUIRE(record(read({{"资产编号", "状态", "原因", "日期"},
                       {"XF-S1", "在用", "重新发包", "2026-03-02"}}))
              .empty());
  REQUIRE(c.reg.get_asset(house).status == AssetStatus::kInUse);
  // The first sheet again: its fact is in the history, but the asset is 在用 now, so the row
  // is kept and recorded, not skipped while the asset stays 在用.
  const EventSheet again = read(idle);
  CHECK(again.skipped.empty());
  CHECK(again.rows == std::vector<std::size_t>{2});
  REQUIRE(record(again).empty());
  CHECK(c.reg.get_asset(house).status == AssetStatus::kIdle);
  // Now it is 闲置, as the row says: skipped.
  CHECK(read(idle).skipped == std::vector<std::size_t>{2});
  // Within one sheet the same way: a row copied after the status changed back is kept.
  const EventSheet back = read({{"资产编号", "状态", "原因", "日期"},
                                {"XF-S1", "在用", "再次发包", "2026-03-03"},
                                {"XF-S1", "闲置", "承包期满", "2026-03-01"},
                                {"XF-S1", "闲置", "承包期满", "2026-03-01"}});
  CHECK(back.rows == std::vector<std::size_t>{2, 3});
  CHECK(back.skipped == std::vector<std::size_t>{4});
}

TEST_CASE("an event sheet names every bad cell and every refused row in one pass") {
  County c;
  const std::string first = std::string(kHeader) +
                            "XF-M1,蔬菜大棚,经营性,温室大棚,520122101201,2021-06-30,12,中央财政:12,"
                            "A1村股份经济合作社,在用,A1村股份经济合作社,王五,公益性岗位,2,座\r\n";
  REQUIRE(import_asset_sheet(c.reg, parse_csv(first), options()).assets.size() == 1);
  const WriteContext context{1, Date::parse("2026-03-01"), {}, &actor_key(1), {}};
  const std::uint64_t size = c.reg.ledger().size();
  auto columns_of_row = [](const std::vector<RowProblem>& problems, std::size_t row) {
    std::vector<std::string> columns;
    for (const RowProblem& p : problems) {
      if (p.row == row) columns.push_back(p.column);
    }
    return columns;
  };
  // Row 2: an empty 原因 and a 13th month, both named. Row 3: well formed, refused by the rules
  // (出租 with no lease). Row 4: good, and not written either.
  const EventSheet status =
      read_event_sheet({{"资产编号", "状态", "原因", "日期"},
                        {"XF-M1", "闲置", "", "2026-13-01"},
                        {"XF-M1", "出租", "发包", "2026-02-01"},
                        {"XF-M1", "闲置", "待发包", "2026-02-01"}},
                       c.reg, EventSheetKind::kStatus, Date::parse("2026-03-01"));
  CHECK(columns_of_row(status.problems, 2) == std::vector<std::string>{"原因", "日期"});
  CHECK(status.rows == std::vector<std::size_t>{3, 4});  // the well-formed rows, to check
  const std::vector<RowProblem> problems = record_event_sheet(c.reg, context, status);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].row == 2);
  CHECK(problems[1].row == 2);
  CHECK(problems[2].row == 3);
  CHECK_THAT(problems[2].reason_zh, Catch::Contains("出租合同"));
  CHECK(c.reg.ledger().size() == size);
  CHECK(c.reg.find_asset_by_code("XF-M1")->status == AssetStatus::kInUse);
  // An income row with a bad amount and a bad 入账日期: both named; a formula is named and not
  // read further.
  const EventSheet incomes =
      read_event_sheet({{"资产编号", "收益类型", "期间起", "期间止", "金额(元)", "入账日期"},
                        {"XF-M1", "租金", "2025-01-01", "2025-12-31", "12.345", "2026-02-30"},
                        {"XF-NONE", "房租", "2025-13-01", "2025-12-31", "=A1", ""}},
                       c.reg, EventSheetKind::kIncomes, Date::parse("2026-03-01"));
  CHECK(columns_of_row(incomes.problems, 2) == std::vector<std::string>{"金额(元)", "入账日期"});
  CHECK(columns_of_row(incomes.problems, 3) ==
        std::vector<std::string>{"资产编号", "收益类型", "期间起", "金额(元)"});
  CHECK(incomes.writes.empty());
  CHECK_FALSE(record_event_sheet(c.reg, context, incomes).empty());
  CHECK(c.reg.ledger().size() == size);
  // The good rows alone are written.
  const EventSheet good = read_event_sheet(
      {{"资产编号", "状态", "原因", "日期"}, {"XF-M1", "闲置", "待发包", "2026-02-01"}}, c.reg,
      EventSheetKind::kStatus, Date::parse("2026-03-01"));
  CHECK(record_event_sheet(c.reg, context, good).empty());
  CHECK(c.reg.ledger().size() == size + 1);
}

TEST_CASE(
    "a household's own asset with 农户自管 imports without a binding, another keeper is refused") {
  County c;
  const std::string household = "#" + std::to_string(c.household);
  const std::string csv = std::string(kHeader) +
                          "XF-H1,能繁母牛,到户类,牲畜,520122101201,2021-06-30,0.8,中央财政:0.8," +
                          household + ",在用," + household + ",,农户自管,1,头\r\n" +
                          "XF-H2,能繁母牛,到户类,牲畜,520122101201,2021-06-30,0.8,中央财政:0.8," +
                          household + ",在用,A1村股份经济合作社,王五,公益性岗位,1,头\r\n";
  const SheetImportReport report = import_asset_sheet(c.reg, parse_csv(csv), options(true));
  REQUIRE(report.problems.size() == 1);
  CHECK(report.problems[0].row == 3);
  CHECK(report.problems[0].column == "管护方式");
  CHECK_THAT(report.problems[0].reason, Catch::Contains("农户自管"));
  REQUIRE(report.assets.size() == 1);
  CHECK_FALSE(c.reg.maintenance(report.assets[0]).has_value());
}

TEST_CASE("every problem of a row is reported at once: date, amount, status, owner") {
  County c;
  const std::string csv =
      std::string(kHeader) +
      "XF-P1,蔬菜大棚,经营性,温室大棚,520122101201,2025年13月1日,\"1,28,600.00\",中央财政:1,"
      "无此合作社,在用中,,,,2,座\r\n";
  const SheetImportReport report = import_asset_sheet(c.reg, parse_csv(csv), options());
  REQUIRE(report.problems.size() == 4);
  std::vector<std::string> columns;
  for (const RowProblem& p : report.problems) {
    CHECK(p.row == 2);
    columns.push_back(p.column);
  }
  CHECK(columns == std::vector<std::string>{"建成时间", "原值(万元)", "产权归属", "使用状态"});
  CHECK_FALSE(report.written);
}

TEST_CASE("an equity asset by sheet names the company invested in and the stake held") {
  County c;
  const std::uint64_t company = c.party(PartyKind::kEnterprise, "息烽县某农业公司", kVillageA1, 61);
  const std::string header =
      std::string(kHeader).substr(0, std::string(kHeader).size() - 2) + ",被投资单位,持股比例\r\n";
  const std::string csv = header +
                          "XF-Q1,入股某农业公司,经营性,股权投资,520122101201,2022-01-01,50,"
                          "中央财政:50,A1村股份经济合作社,在用,,,,,,息烽县某农业公司,30%\r\n";
  const SheetImportReport report = import_asset_sheet(c.reg, parse_csv(csv), options());
  // No 资产形态 column: 股权投资 makes it equity.
  REQUIRE(report.problems.empty());
  REQUIRE(report.assets.size() == 1);
  const Asset stake = c.reg.get_asset(report.assets[0]);
  CHECK(stake.description.investee == company);
  CHECK(stake.description.stake == Share::of(3, 10));
  // Exported with the company's name (unique in the register) and the stake as a percentage,
  // as a clerk reads them, so the sheet round-trips.
  const Sheet exported = export_asset_sheet(c.reg);
  const auto& columns = exported[0];
  const auto at = std::find(columns.begin(), columns.end(), "被投资单位") - columns.begin();
  CHECK(exported.back()[static_cast<std::size_t>(at)] == "息烽县某农业公司");
  CHECK(exported.back()[static_cast<std::size_t>(at) + 1] == "30%");
}

TEST_CASE("an income's payer: a party of the register by name, words for others, never a guess") {
  County c;
  const std::string first = std::string(kHeader) +
                            "XF-Y1,蔬菜大棚,经营性,温室大棚,520122101201,2021-06-30,12,中央财政:12,"
                            "A1村股份经济合作社,在用,A1村股份经济合作社,王五,公益性岗位,2,座\r\n";
  REQUIRE(import_asset_sheet(c.reg, parse_csv(first), options()).assets.size() == 1);
  c.party(PartyKind::kEnterprise, "同名公司", kVillageA1, 70);
  c.party(PartyKind::kEnterprise, "同名公司", kVillageA2, 71);
  const Sheet sheet = {{"资产编号", "收益类型", "期间起", "期间止", "金额(元)", "付款方"},
                       {"XF-Y1", "租金", "2025-01-01", "2025-12-31", "100", "A2村股份经济合作社"},
                       {"XF-Y1", "租金", "2025-01-01", "2025-12-31", "100", "个体户张某"},
                       {"XF-Y1", "租金", "2025-01-01", "2025-12-31", "100", "同名公司"}};
  const EventSheet read =
      read_event_sheet(sheet, c.reg, EventSheetKind::kIncomes, Date::parse("2026-03-01"));
  // Two registered parties share the name: that row is refused, not recorded as unlinked.
  REQUIRE(read.problems.size() == 1);
  CHECK(read.problems[0].row == 4);
  CHECK(read.problems[0].column == "付款方");
  const EventSheet good = read_event_sheet({sheet[0], sheet[1], sheet[2]}, c.reg,
                                           EventSheetKind::kIncomes, Date::parse("2026-03-01"));
  REQUIRE(good.writes.size() == 2);
  CHECK(std::get<IncomeRecorded>(good.writes[0]).payer_party == c.a2);
  CHECK(std::get<IncomeRecorded>(good.writes[1]).payer_party == 0);
  CHECK(std::get<IncomeRecorded>(good.writes[1]).payer == "个体户张某");
}

// .xlsx workbooks (Office Open XML spreadsheets), read and written without a spreadsheet
// library: a workbook is a zip archive of XML parts. Reading takes the first worksheet's cells as
// the text Excel shows (shared and inline strings, numbers to 15 significant digits, dates in
// date formats as YYYY-MM-DD, a formula's cached value); writing makes the smallest workbook that
// Excel, LibreOffice and openpyxl open: one worksheet of inline strings, stored uncompressed.
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "interchange/sheet_support.h"
#include "taizhang/codes.h"
#include "taizhang/error.h"
#include "taizhang/spreadsheet.h"

namespace taizhang {
namespace {

constexpr std::size_t kPartMax = 256u << 20;  // no part of a county's sheet is larger
constexpr std::size_t kCellsMax = 10'000'000;
constexpr std::size_t kColumnsMax = 16'384;  // Excel's own limit (XFD)

[[noreturn]] void damaged(const std::string& why) {
  throw_invalid("xlsx", why, "不是可读的 .xlsx 工作簿 (not a readable .xlsx workbook)");
}

std::uint32_t le16(std::string_view b, std::size_t at) {
  if (at + 2 > b.size()) damaged("truncated zip record");
  return static_cast<std::uint8_t>(b[at]) | static_cast<std::uint8_t>(b[at + 1]) << 8;
}
std::uint32_t le32(std::string_view b, std::size_t at) {
  return le16(b, at) | le16(b, at + 2) << 16;
}

// --- the zip archive -----------------------------------------------------------------------

class ZipReader {
 public:
  explicit ZipReader(std::string_view bytes) : bytes_(bytes) {
    constexpr std::uint32_t kEnd = 0x06054b50, kCentral = 0x02014b50;
    if (bytes.size() < 22) damaged("too short for a zip archive");
    std::size_t end = std::string_view::npos;
    const std::size_t lowest = bytes.size() > 22 + 65535 ? bytes.size() - 22 - 65535 : 0;
    for (std::size_t at = bytes.size() - 22 + 1; at-- > lowest;) {
      if (le32(bytes, at) == kEnd) {
        end = at;
        break;
      }
    }
    if (end == std::string_view::npos) damaged("no end of central directory");
    const std::uint32_t count = le16(bytes, end + 10);
    std::size_t at = le32(bytes, end + 16);
    if (count == 0xFFFF || at == 0xFFFFFFFF) damaged("zip64 archives are not read");
    for (std::uint32_t i = 0; i < count; ++i) {
      if (le32(bytes, at) != kCentral) damaged("bad central directory record");
      Member m;
      m.method = le16(bytes, at + 10);
      m.crc = le32(bytes, at + 16);
      m.compressed = le32(bytes, at + 20);
      m.size = le32(bytes, at + 24);
      const std::size_t name_length = le16(bytes, at + 28);
      const std::size_t skip = le16(bytes, at + 30) + le16(bytes, at + 32);
      m.local = le32(bytes, at + 42);
      if (at + 46 + name_length > bytes.size()) damaged("truncated central directory");
      members_[std::string(bytes.substr(at + 46, name_length))] = m;
      at += 46 + name_length + skip;
    }
  }

  bool has(const std::string& name) const { return members_.count(name) != 0; }

  std::string read(const std::string& name) const {
    const auto it = members_.find(name);
    if (it == members_.end()) damaged("no part " + name);
    const Member& m = it->second;
    if (le32(bytes_, m.local) != 0x04034b50) damaged("bad local header of " + name);
    const std::size_t data = m.local + 30 + le16(bytes_, m.local + 26) + le16(bytes_, m.local + 28);
    if (data > bytes_.size() || m.compressed > bytes_.size() - data) damaged("truncated " + name);
    if (m.size > kPartMax) damaged(name + " is larger than 256 MiB");
    // Deflate packs at most about 1032 to 1: a larger claim is a damaged (or hostile) archive,
    // refused before any memory is set aside for it.
    if (m.size > std::uint64_t{m.compressed} * 1032 + 1024) damaged(name + " claims too much");
    const std::string_view packed = bytes_.substr(data, m.compressed);
    if (m.method != 0 && m.method != 8) damaged(name + " uses an unknown compression method");
    std::string out = m.method == 0 ? std::string(packed) : inflated(packed, m.size, name);
    const auto crc = static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size())));
    if (crc != m.crc) damaged(name + " fails its checksum");
    return out;
  }

 private:
  static std::string inflated(std::string_view packed, std::size_t size, const std::string& name) {
    std::string out(size, '\0');
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) damaged("inflate");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    z.avail_in = static_cast<uInt>(packed.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int status = inflate(&z, Z_FINISH);
    const std::size_t produced = z.total_out;
    inflateEnd(&z);
    if (status != Z_STREAM_END || produced != size) damaged(name + " does not inflate");
    return out;
  }

  struct Member {
    std::uint32_t method = 0, crc = 0, compressed = 0, size = 0, local = 0;
  };
  std::string_view bytes_;
  std::map<std::string, Member> members_;
};

// --- just enough XML -----------------------------------------------------------------------

// The text of character data with its entities replaced.
std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out.push_back(text[i]);
      continue;
    }
    const std::size_t semi = text.find(';', i);
    if (semi == std::string_view::npos) damaged("unterminated entity");
    const std::string_view name = text.substr(i + 1, semi - i - 1);
    if (name == "lt") {
      out.push_back('<');
    } else if (name == "gt") {
      out.push_back('>');
    } else if (name == "amp") {
      out.push_back('&');
    } else if (name == "quot") {
      out.push_back('"');
    } else if (name == "apos") {
      out.push_back('\'');
    } else if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const std::string digits(name.substr(hex ? 2 : 1));
      if (digits.empty() || digits.size() > 8 ||
          digits.find_first_not_of(hex ? "0123456789abcdefABCDEF" : "0123456789") !=
              std::string::npos) {
        damaged("bad character reference");
      }
      const unsigned long code = std::stoul(digits, nullptr, hex ? 16 : 10);
      if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        damaged("bad character reference");
      }
      if (code < 0x80) {
        out.push_back(static_cast<char>(code));
      } else if (code < 0x800) {
        out.push_back(static_cast<char>(0xC0 | code >> 6));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
      } else if (code < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | code >> 12));
        out.push_back(static_cast<char>(0x80 | (code >> 6 & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
      } else {
        out.push_back(static_cast<char>(0xF0 | code >> 18));
        out.push_back(static_cast<char>(0x80 | (code >> 12 & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code >> 6 & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
      }
    } else {
      damaged("unknown entity &" + std::string(name) + ";");
    }
    i = semi;
  }
  return out;
}

// One element's start tag found by XmlScan: its name, its attributes' text, whether it closes
// itself, and where its content begins.
struct Tag {
  std::string_view name;
  std::string_view attributes;
  bool empty = false;
  std::size_t content = 0;  // just past the '>'
};

// Scans the tags of a part in order, skipping declarations, comments and end tags.
class XmlScan {
 public:
  explicit XmlScan(std::string_view xml, std::size_t from = 0, std::size_t to = std::string::npos)
      : xml_(xml.substr(0, std::min(to, xml.size()))), at_(from) {}

  std::optional<Tag> next() {
    while (true) {
      const std::size_t open = xml_.find('<', at_);
      if (open == std::string_view::npos) return std::nullopt;
      if (xml_.compare(open, 4, "<!--") == 0) {
        const std::size_t close = xml_.find("-->", open);
        if (close == std::string_view::npos) damaged("unterminated comment");
        at_ = close + 3;
        continue;
      }
      const std::size_t close = xml_.find('>', open);
      if (close == std::string_view::npos) damaged("unterminated tag");
      at_ = close + 1;
      if (xml_[open + 1] == '/' || xml_[open + 1] == '?' || xml_[open + 1] == '!') continue;
      std::string_view inside = xml_.substr(open + 1, close - open - 1);
      Tag tag;
      tag.empty = !inside.empty() && inside.back() == '/';
      if (tag.empty) inside.remove_suffix(1);
      const std::size_t space = inside.find_first_of(" \t\r\n");
      tag.name = inside.substr(0, space);
      if (const std::size_t colon = tag.name.find(':'); colon != std::string_view::npos) {
        tag.name.remove_prefix(colon + 1);  // x:row in a prefixed workbook is row
      }
      tag.attributes = space == std::string_view::npos ? "" : inside.substr(space);
      tag.content = at_;
      return tag;
    }
  }

  // Where the element begun at `tag` ends (just past its end tag), for an element whose name
  // does not nest inside itself.
  std::size_t end_of(const Tag& tag) const {
    if (tag.empty) return tag.content;
    const std::string close = "</";
    for (std::size_t at = tag.content;;) {
      const std::size_t found = xml_.find(close, at);
      if (found == std::string_view::npos) damaged("unterminated <" + std::string(tag.name) + ">");
      const std::size_t gt = xml_.find('>', found);
      if (gt == std::string_view::npos) damaged("unterminated end tag");
      std::string_view name = xml_.substr(found + 2, gt - found - 2);
      if (const std::size_t colon = name.find(':'); colon != std::string_view::npos) {
        name.remove_prefix(colon + 1);
      }
      if (name == tag.name) return gt + 1;
      at = gt + 1;
    }
  }

  void skip_to(std::size_t at) { at_ = at; }
  std::string_view text() const { return xml_; }

 private:
  std::string_view xml_;
  std::size_t at_ = 0;
};

std::optional<std::string> attribute(std::string_view attributes, std::string_view name) {
  for (std::size_t at = 0; (at = attributes.find(name, at)) != std::string_view::npos;
       at += name.size()) {
    const bool starts = at == 0 || attributes[at - 1] == ' ' || attributes[at - 1] == ':' ||
                        attributes[at - 1] == '\t' || attributes[at - 1] == '\n';
    std::size_t eq = at + name.size();
    if (!starts || eq >= attributes.size() || attributes[eq] != '=') continue;
    const char quote = eq + 1 < attributes.size() ? attributes[eq + 1] : '\0';
    if (quote != '"' && quote != '\'') continue;
    const std::size_t end = attributes.find(quote, eq + 2);
    if (end == std::string_view::npos) damaged("unterminated attribute");
    return unescape(attributes.substr(eq + 2, end - eq - 2));
  }
  return std::nullopt;
}

// The text of the <t> elements within [from, to): a shared string's runs, an inline string,
// without the phonetic guides (<rPh>) Japanese Excel adds.
std::string text_runs(std::string_view xml, std::size_t from, std::size_t to) {
  std::string out;
  XmlScan scan(xml, from, to);
  while (const auto tag = scan.next()) {
    if (tag->name == "rPh") {
      scan.skip_to(scan.end_of(*tag));
    } else if (tag->name == "t" && !tag->empty) {
      const std::size_t end = scan.end_of(*tag);
      const std::size_t close = xml.rfind("</", end - 1);
      out += unescape(xml.substr(tag->content, close - tag->content));
      scan.skip_to(end);
    }
  }
  return out;
}

// The content of a simple element (<v>…</v>), unescaped.
std::string element_text(std::string_view xml, const Tag& tag, const XmlScan& scan) {
  if (tag.empty) return "";
  const std::size_t end = scan.end_of(tag);
  const std::size_t close = xml.rfind("</", end - 1);
  return unescape(xml.substr(tag.content, close - tag.content));
}

// --- cells ---------------------------------------------------------------------------------

// A number as Excel stores it ("1283600", "0.6", "1.5E-2", "1283600.0000000002") as the decimal
// Excel shows: at most 15 significant digits, no exponent, no trailing zeros.
std::string number_text(const std::string& stored) {
  std::string text = stored;
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.erase(0, 1);
  }
  int exponent = 0;
  if (const std::size_t e = text.find_first_of("eE"); e != std::string::npos) {
    const std::string power = text.substr(e + 1);
    if (power.empty() || power.size() > 4 ||
        power.find_first_not_of("+-0123456789") != std::string::npos) {
      return stored;
    }
    exponent = std::stoi(power);
    text.erase(e);
  }
  std::string digits;
  int point = -1;
  for (const char c : text) {
    if (c == '.') {
      if (point >= 0) return stored;
      point = static_cast<int>(digits.size());
    } else if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else {
      return stored;  // not a number: left for the column's parser to name
    }
  }
  if (digits.empty()) return stored;
  if (point < 0) point = static_cast<int>(digits.size());
  point += exponent;
  // Leading zeros out, then round to 15 significant digits.
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return "0";
  digits.erase(0, first);
  point -= static_cast<int>(first);
  if (digits.size() > 15) {
    const bool up = digits[15] >= '5';
    digits.resize(15);
    for (std::size_t i = digits.size(); up && i-- > 0;) {
      if (digits[i] == '9') {
        digits[i] = '0';
        if (i == 0) {
          digits.insert(digits.begin(), '1');
          ++point;
        }
      } else {
        ++digits[i];
        break;
      }
    }
  }
  std::string whole, fraction;
  if (point <= 0) {
    whole = "0";
    fraction = std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (static_cast<std::size_t>(point) >= digits.size()) {
    whole = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
  } else {
    whole = digits.substr(0, static_cast<std::size_t>(point));
    fraction = digits.substr(static_cast<std::size_t>(point));
  }
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return (negative ? "-" : "") + whole + (fraction.empty() ? "" : "." + fraction);
}

// A date format: one of Excel's built-in date formats, or a format code with a year, month or
// day outside quoted text and brackets.
bool is_date_format(std::uint32_t id, const std::string& code) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) {
    return true;
  }
  bool quoted = false, bracket = false;
  for (const char c : code) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '[') bracket = true;
    if (c == ']') bracket = false;
    if (bracket) continue;
    if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') return true;
  }
  return false;
}

// The styles whose number format is a date, by index in cellXfs.
std::set<std::uint32_t> date_styles(std::string_view xml) {
  std::map<std::uint32_t, std::string> codes;
  std::set<std::uint32_t> out;
  XmlScan scan(xml);
  bool in_cell_formats = false;
  std::uint32_t index = 0;
  while (const auto tag = scan.next()) {
    if (tag->name == "numFmt") {
      const auto id = attribute(tag->attributes, "numFmtId");
      const auto code = attribute(tag->attributes, "formatCode");
      if (id && code && id->size() < 6 && id->find_first_not_of("0123456789") == std::string::npos)
        codes[static_cast<std::uint32_t>(std::stoul(*id))] = *code;
    } else if (tag->name == "cellXfs") {
      in_cell_formats = true;
      index = 0;
    } else if (tag->name == "cellStyleXfs" || tag->name == "dxfs" || tag->name == "cellStyles") {
      in_cell_formats = false;
    } else if (tag->name == "xf" && in_cell_formats) {
      const auto id = attribute(tag->attributes, "numFmtId").value_or("0");
      if (id.size() < 6 && id.find_first_not_of("0123456789") == std::string::npos) {
        const auto number = static_cast<std::uint32_t>(std::stoul(id));
        if (is_date_format(number, codes.count(number) ? codes[number] : "")) out.insert(index);
      }
      ++index;
    }
  }
  return out;
}

// Excel's day number (1900 date system; days after 1899-12-30 from 1900-03-01 on) as a date.
std::string serial_date(const std::string& stored) {
  const std::string number = number_text(stored);
  const std::string whole = number.substr(0, number.find('.'));
  if (whole.empty() || whole.size() > 7 ||
      whole.find_first_not_of("0123456789") != std::string::npos)
    return number;
  const long serial = std::stol(whole);
  if (serial < 61) return number;  // before March 1900: not a date of this register
  const Date march_1900 = Date::from_civil(1900, 3, 1);  // day 61
  return Date::from_days(march_1900.days() + static_cast<std::int32_t>(serial - 61)).to_string();
}

// The column number (0-based) of a reference such as "AB12".
std::optional<std::size_t> column_of(std::string_view reference) {
  std::size_t column = 0, letters = 0;
  for (const char c : reference) {
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (++letters > 3) return std::nullopt;
  }
  if (letters == 0 || column > kColumnsMax) return std::nullopt;
  return column - 1;
}

std::string first_sheet_part(const ZipReader& zip) {
  const std::string workbook = zip.read("xl/workbook.xml");
  XmlScan scan(workbook);
  std::optional<std::string> id;
  while (const auto tag = scan.next()) {
    if (tag->name == "sheet") {
      id = attribute(tag->attributes, "id");
      break;
    }
  }
  if (id && zip.has("xl/_rels/workbook.xml.rels")) {
    const std::string rels = zip.read("xl/_rels/workbook.xml.rels");
    XmlScan links(rels);
    while (const auto tag = links.next()) {
      if (tag->name != "Relationship" || attribute(tag->attributes, "Id") != id) continue;
      std::string target = attribute(tag->attributes, "Target").value_or("");
      if (!target.empty() && target[0] == '/') return target.substr(1);
      return "xl/" + target;
    }
  }
  return "xl/worksheets/sheet1.xml";
}

}  // namespace

Sheet read_xlsx(std::string_view bytes) {
  const ZipReader zip(bytes);
  std::vector<std::string> shared;
  if (zip.has("xl/sharedStrings.xml")) {
    const std::string xml = zip.read("xl/sharedStrings.xml");
    XmlScan scan(xml);
    while (const auto tag = scan.next()) {
      if (tag->name != "si") continue;
      const std::size_t end = scan.end_of(*tag);
      shared.push_back(tag->empty ? "" : text_runs(xml, tag->content, end));
      scan.skip_to(end);
    }
  }
  const std::set<std::uint32_t> dates =
      zip.has("xl/styles.xml") ? date_styles(zip.read("xl/styles.xml")) : std::set<std::uint32_t>{};
  const std::string xml = zip.read(first_sheet_part(zip));
  Sheet sheet;
  std::size_t cells = 0;
  XmlScan scan(xml);
  while (const auto tag = scan.next()) {
    if (tag->name == "mergeCell") {
      // A merged cell keeps its value in its first cell; the others read empty, as Excel shows.
      continue;
    }
    if (tag->name != "row") continue;
    std::size_t row_number = sheet.size() + 1;
    if (const auto r = attribute(tag->attributes, "r")) {
      if (r->empty() || r->size() > 7 || r->find_first_not_of("0123456789") != std::string::npos ||
          std::stoul(*r) < row_number) {
        damaged("row number " + *r);
      }
      row_number = std::stoul(*r);
    }
    while (sheet.size() + 1 < row_number) sheet.emplace_back();  // rows Excel left out: empty
    std::vector<std::string> row;
    const std::size_t row_end = scan.end_of(*tag);
    XmlScan cells_scan(xml, tag->content, row_end);
    while (const auto cell = cells_scan.next()) {
      if (cell->name != "c") continue;
      const std::size_t cell_end = cells_scan.end_of(*cell);
      std::size_t column = row.size();
      if (const auto r = attribute(cell->attributes, "r")) {
        const auto c = column_of(*r);
        if (!c || *c < row.size()) damaged("cell reference " + *r);
        column = *c;
      }
      if (++cells > kCellsMax) damaged("more than 10 million cells");
      const std::string type = attribute(cell->attributes, "t").value_or("n");
      const std::string style = attribute(cell->attributes, "s").value_or("0");
      std::string value, inline_text;
      bool has_inline = false;
      XmlScan inner(xml, cell->content, cell_end);
      while (const auto part = inner.next()) {
        if (part->name == "v") {
          value = element_text(xml, *part, inner);
          inner.skip_to(inner.end_of(*part));
        } else if (part->name == "is") {
          const std::size_t end = inner.end_of(*part);
          inline_text = text_runs(xml, part->content, end);
          has_inline = true;
          inner.skip_to(end);
        } else if (part->name == "f") {
          inner.skip_to(inner.end_of(*part));  // the formula; its cached value is the cell's
        }
      }
      std::string text;
      if (type == "s") {
        if (value.empty() || value.size() > 9 ||
            value.find_first_not_of("0123456789") != std::string::npos ||
            std::stoul(value) >= shared.size()) {
          damaged("shared string index " + value);
        }
        text = shared[std::stoul(value)];
      } else if (type == "inlineStr") {
        text = has_inline ? inline_text : value;
      } else if (type == "b") {
        text = value == "1" ? "TRUE" : "FALSE";
      } else if (type == "n" && !value.empty()) {
        const bool date = style.size() < 6 &&
                          style.find_first_not_of("0123456789") == std::string::npos &&
                          dates.count(static_cast<std::uint32_t>(std::stoul(style))) != 0;
        text = date ? serial_date(value) : number_text(value);
      } else {
        text = value;  // str (a formula's text), e (an error such as #N/A), d (ISO date)
      }
      if (!is_valid_utf8(text)) damaged("a cell that is not UTF-8");
      if (row.size() <= column) row.resize(column + 1);
      row[column] = std::move(text);
      cells_scan.skip_to(cell_end);
    }
    sheet.push_back(std::move(row));
    scan.skip_to(row_end);
  }
  // Trailing empty rows say nothing.
  while (!sheet.empty() && std::all_of(sheet.back().begin(), sheet.back().end(),
                                       [](const std::string& c) { return c.empty(); })) {
    sheet.pop_back();
  }
  return sheet;
}

namespace {

std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // Control characters other than tab and line breaks are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out.push_back(c);
    }
  }
  return out;
}

std::string column_name(std::size_t column) {
  std::string name;
  for (++column; column > 0; column = (column - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (column - 1) % 26));
  }
  return name;
}

void put16(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>(v >> 8 & 0xFF));
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

// A zip archive of stored (uncompressed) parts, dated 1980-01-01 so the same sheet gives the
// same bytes.
std::string zip_stored(const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string out, directory;
  for (const auto& part : parts) {
    const std::string& name = part.first;  // named, not bound: lambdas below use them
    const std::string& data = part.second;
    if (data.size() > 0xFFFFFFFEu) throw_invalid("xlsx", name, "a part larger than 4 GiB");
    const auto crc = static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    const auto offset = static_cast<std::uint32_t>(out.size());
    auto header = [&](std::string& to, bool central) {
      put32(to, central ? 0x02014b50 : 0x04034b50);
      if (central) put16(to, 20);  // made by
      put16(to, 20);               // version needed
      put16(to, 0x0800);           // names in UTF-8
      put16(to, 0);                // stored
      put16(to, 0);                // time
      put16(to, 0x21);             // date: 1980-01-01
      put32(to, crc);
      put32(to, static_cast<std::uint32_t>(data.size()));
      put32(to, static_cast<std::uint32_t>(data.size()));
      put16(to, static_cast<std::uint32_t>(name.size()));
      put16(to, 0);  // extra
      if (central) {
        put16(to, 0);  // comment
        put16(to, 0);  // disk
        put16(to, 0);  // internal attributes
        put32(to, 0);  // external attributes
        put32(to, offset);
      }
      to += name;
    };
    header(out, false);
    out += data;
    header(directory, true);
  }
  const auto start = static_cast<std::uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(parts.size()));
  put16(out, static_cast<std::uint32_t>(parts.size()));
  put32(out, static_cast<std::uint32_t>(directory.size()));
  put32(out, start);
  put16(out, 0);
  return out;
}

}  // namespace

std::string write_xlsx(const Sheet& sheet, std::string_view sheet_name) {
  constexpr std::string_view kXml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  constexpr std::string_view kRelations =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  constexpr std::string_view kPackage =
      "http://schemas.openxmlformats.org/package/2006/relationships";
  std::size_t width = 0;
  for (const auto& row : sheet) width = std::max(width, row.size());
  std::string data = std::string(kXml) + "<worksheet xmlns=\"" + std::string(kMain) + "\">";
  if (width > 0) {
    // Wide enough for a Chinese header or a credit code; the header row frozen.
    data +=
        "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
        "activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>";
    data += "<cols><col min=\"1\" max=\"" + std::to_string(width) +
            "\" width=\"18\" customWidth=\"1\"/></cols>";
  }
  data += "<sheetData>";
  for (std::size_t r = 0; r < sheet.size(); ++r) {
    data += "<row r=\"" + std::to_string(r + 1) + "\">";
    for (std::size_t c = 0; c < sheet[r].size(); ++c) {
      if (sheet[r][c].empty()) continue;
      // Every cell an inline string: amounts and codes stay the exact text, never a number
      // Excel would round or a formula it would run.
      data += "<c r=\"" + column_name(c) + std::to_string(r + 1) +
              "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" + escape(sheet[r][c]) +
              "</t></is></c>";
    }
    data += "</row>";
  }
  data += "</sheetData></worksheet>";
  const std::string types =
      std::string(kXml) +
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
      "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
      "</Types>";
  const std::string root = std::string(kXml) + "<Relationships xmlns=\"" + std::string(kPackage) +
                           "\"><Relationship Id=\"rId1\" Type=\"" + std::string(kRelations) +
                           "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
  const std::string workbook = std::string(kXml) + "<workbook xmlns=\"" + std::string(kMain) +
                               "\" xmlns:r=\"" + std::string(kRelations) +
                               "\"><sheets><sheet name=\"" + escape(sheet_name) +
                               "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  const std::string links = std::string(kXml) + "<Relationships xmlns=\"" + std::string(kPackage) +
                            "\"><Relationship Id=\"rId1\" Type=\"" + std::string(kRelations) +
                            "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
  return zip_stored({{"[Content_Types].xml", types},
                     {"_rels/.rels", root},
                     {"xl/workbook.xml", workbook},
                     {"xl/_rels/workbook.xml.rels", links},
                     {"xl/worksheets/sheet1.xml", data}});
}

Sheet read_sheet_bytes(std::string_view bytes) {
  if (bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    return read_xlsx(bytes);
  }
  return parse_csv(bytes);
}

}  // namespace taizhang

// Helpers shared by the subcommands.
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "cli/cli.h"
#include "taizhang/error.h"

namespace taizhang::cli {

Progress::Progress(std::string label) : label_(std::move(label)), shown_(::isatty(2) != 0) {}

void Progress::update(std::uint64_t done, std::uint64_t total) {
  if (!shown_) return;
  const int percent = total == 0 ? 100 : static_cast<int>(done * 100 / total);
  std::fprintf(stderr, "\r%s %3d%% (%llu/%llu)", label_.c_str(), percent,
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total));
  if (done >= total) std::fprintf(stderr, "\n");
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string json_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
      continue;
    }
    out += c;
  }
  return out;
}

std::string yuan_text(std::int64_t fen) {
  const bool negative = fen < 0;
  // Work on the magnitude as unsigned so the most negative value prints too.
  const std::uint64_t magnitude =
      negative ? ~static_cast<std::uint64_t>(fen) + 1 : static_cast<std::uint64_t>(fen);
  std::string digits = std::to_string(magnitude / 100);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  char cents[4];
  std::snprintf(cents, sizeof cents, ".%02u", static_cast<unsigned>(magnitude % 100));
  return (negative ? "-" : "") + grouped + cents;
}

std::string percent_text(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return "-";
  // Hundredths of a percent: part × 10000 / whole, rounded half up, on 128 bits.
  __int128 scaled = static_cast<__int128>(part) * 20000 / whole;
  scaled = (scaled + (scaled >= 0 ? 1 : -1)) / 2;
  const bool negative = scaled < 0;
  const auto magnitude = static_cast<unsigned long long>(negative ? -scaled : scaled);
  char text[32];
  std::snprintf(text, sizeof text, "%s%llu.%02llu", negative ? "-" : "", magnitude / 100,
                magnitude % 100);
  return text;
}

std::string read_text_file(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    throw_error(errno == ENOENT ? ErrorKind::kNotFound : ErrorKind::kStorageError,
                "cannot open \"" + path + "\": " + std::strerror(errno));
  }
  std::string text;
  char buffer[1 << 16];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) text.append(buffer, n);
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) throw_error(ErrorKind::kStorageError, "cannot read \"" + path + "\"");
  return text;
}

Date date_or_today(const std::string& text, std::string_view option, const Ledger& ledger) {
  return text.empty() ? ledger.today() : Date::parse(text, option);
}

}  // namespace taizhang::cli

namespace taizhang::cli {
namespace {
Lang current_lang = lang_from_environment();
}  // namespace

Lang lang() { return current_lang; }
void set_lang(Lang lang) { current_lang = lang; }

Lang lang_from_environment() {
  for (const char* name : {"TAIZHANG_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    const std::string_view text(value);
    return text.starts_with("en") ? Lang::kEnglish : Lang::kChinese;
  }
  return Lang::kChinese;
}

std::string role_label(Role role) {
  static constexpr const char* kChinese[] = {
      "县级登记员", "县乡村振兴局", "县财政局", "县人民政府", "行业主管部门", "乡镇人民政府",
      "村民委员会", "村民会议",     "农户",     "经营主体",   "审计"};
  const auto index = static_cast<std::size_t>(role);
  if (lang() == Lang::kEnglish || index >= std::size(kChinese)) {
    return std::string(role_name(role));
  }
  return kChinese[index];
}

}  // namespace taizhang::cli

namespace taizhang::cli {

std::string error_text(const Error& error) {
  const std::string message = error.what();
  if (lang() == Lang::kEnglish) return message;
  static constexpr const char* kKinds[] = {"",         "输入有误", "找不到",     "冲突",
                                           "无权操作", "违反规则", "完整性错误", "存储错误"};
  const auto kind = static_cast<std::size_t>(error.kind());
  const std::string name(error_kind_name(error.kind()));
  std::string rest = error.chinese();
  if (rest.empty()) {
    rest = message;
    if (rest.compare(0, name.size() + 2, name + ": ") == 0) rest.erase(0, name.size() + 2);
  }
  return std::string(kind < std::size(kKinds) ? kKinds[kind] : "错误") + "（" + name + "）：" +
         rest;
}

namespace {

// The columns `text` takes in a terminal.
std::size_t columns_of(const std::string& text) {
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    shown += length >= 3 ? 2 : 1;  // CJK and full-width punctuation are three bytes and wide
    i += length;
  }
  return shown;
}

}  // namespace

std::string pad(const std::string& text, std::size_t width) {
  const std::size_t shown = columns_of(text);
  return text + std::string(shown < width ? width - shown : 0, ' ');
}

std::string pad_left(const std::string& text, std::size_t width) {
  const std::size_t shown = columns_of(text);
  return std::string(shown < width ? width - shown : 0, ' ') + text;
}

// A share as a percentage: exact when it is one ("60%", "12.5%"), otherwise the fraction with
// its percentage to two places ("1/3（约 33.33%）").
std::string share_percent(const Share& share) {
  const auto numerator = static_cast<unsigned __int128>(share.numerator());
  const auto denominator = static_cast<unsigned __int128>(share.denominator());
  for (int places = 0; places <= 4; ++places) {
    unsigned __int128 scale = 100;
    for (int i = 0; i < places; ++i) scale *= 10;
    if ((numerator * scale) % denominator != 0) continue;
    const std::string digits =
        std::to_string(static_cast<std::uint64_t>(numerator * scale / denominator));
    if (places == 0) return digits + "%";
    const std::string padded =
        std::string(places + 1 > static_cast<int>(digits.size()) ? places + 1 - digits.size() : 0,
                    '0') +
        digits;
    return padded.substr(0, padded.size() - places) + "." + padded.substr(padded.size() - places) +
           "%";
  }
  const auto hundredths = static_cast<std::uint64_t>((numerator * 20000 / denominator + 1) / 2);
  return share.to_string() + "（约 " + std::to_string(hundredths / 100) + "." +
         (hundredths % 100 < 10 ? "0" : "") + std::to_string(hundredths % 100) + "%）";
}

int isolated(const std::function<int()>& command) {
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = ::fork();
  if (pid < 0) return command();  // no child: run here, unguarded, rather than not at all
  if (pid == 0) {
    for (int signal : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL}) std::signal(signal, SIG_DFL);
    const int code = command();
    std::fflush(stdout);
    std::fflush(stderr);
    ::_exit(code);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  const int signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  // Only the signals of a bad memory access or an assertion are damage. A closed pipe (`| head`),
  // an interrupt or a kill from outside ends this process the same way, as it would have
  // ended the command run here.
  const bool fault = signal == SIGSEGV || signal == SIGBUS || signal == SIGABRT ||
                     signal == SIGFPE || signal == SIGILL;
  if (!fault) {
    std::signal(signal, SIG_DFL);
    std::raise(signal);
    return 128 + signal;
  }
  std::fprintf(
      stderr, "taizhang: %s\n",
      error_text(Error(ErrorKind::kIntegrityError,
                       "reading the register ended the process (signal " + std::to_string(signal) +
                           "); what was printed is incomplete. Most likely its data "
                           "file is damaged: run taizhang verify --deep on it and "
                           "restore it from a replica; if it verifies, report this "
                           "as a bug",
                       "读取台账时进程异常终止（信号 " + std::to_string(signal) +
                           "），以上输出不完整。多半是台账数据文件已损坏：请用 "
                           "taizhang verify --deep 检查，并从副本恢复；若检查完好，"
                           "请把这一情况报告给开发者"))
          .c_str());
  return kExitErrorBase + static_cast<int>(ErrorKind::kIntegrityError);
}

}  // namespace taizhang::cli

namespace taizhang::cli {

Signer signer_of(const Ledger& ledger, std::uint64_t actor, const std::string& key_path) {
  if (key_path.empty()) {
    throw_invalid("--key", "",
                  tr("须给 --by 指定人员的私钥文件（taizhang keygen 生成）",
                     "give the signer key file of the actor --by"));
  }
  Signer signer = load_signer(key_path);
  Verifier enrolled = [&] {
    try {
      return ledger.actor_key(actor);
    } catch (const Error&) {
      throw_error(ErrorKind::kNotFound,
                  std::string(tr("--by：人员 ", "--by: actor ")) + std::to_string(actor) +
                      tr(" 未登记（taizhang actors 登记人员）", " is not enrolled"));
    }
  }();
  if (enrolled.public_key() != signer.verifier().public_key()) {
    // Whose key it is, when an official enrolled it: the clerk most likely meant --by that one.
    std::string whose;
    for (std::uint64_t id = 1, misses = 0; misses < 256 && id < 100000; ++id) {
      try {
        if (ledger.actor_key(id).public_key() == signer.verifier().public_key()) {
          whose = tr("；这是人员 ", "; it is the key of actor ") + std::to_string(id) +
                  tr(" 的私钥，是否应为 --by ", ": did you mean --by ") + std::to_string(id) +
                  tr("？", "?");
          break;
        }
        misses = 0;
      } catch (const Error&) {
        ++misses;
      }
    }
    throw_error(ErrorKind::kUnauthorized,
                std::string(tr("--key：", "--key: ")) + key_path +
                    tr(" 不是人员 ", " is not the key of actor ") + std::to_string(actor) +
                    tr(" 的私钥（该人员登记的公钥是 ", " (its enrolled key is ") + enrolled.text() +
                    tr("）", ")") + whose);
  }
  return signer;
}

Signer load_signer(const std::string& key_path) {
  // A public key given where the private one is wanted: say so, before Signer::load's advice
  // on the file's mode (which would have the clerk chmod the public key).
  std::string text;
  try {
    text = read_text_file(key_path);
  } catch (const Error&) {
    return Signer::load(key_path);  // its own words for a missing or unreadable file
  }
  if (text.rfind("PRIVATE+KEY+", 0) != 0) {
    bool is_public = false;
    try {
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
      Verifier::parse(text);
      is_public = true;
    } catch (const Error&) {
    }
    if (is_public) {
      std::string private_path = key_path;
      if (private_path.size() > 4 && private_path.ends_with(".pub"))
        private_path.resize(private_path.size() - 4);
      throw_invalid(
          "--key", key_path,
          tr("这是公钥文件，签名要用私钥：请给 ",
             "this is a public key; signing needs "
             "the private key: give ") +
              private_path +
              tr("（keygen 写出的不带 .pub 的那个文件）", " (the file keygen wrote without .pub)"));
    }
  }
  return Signer::load(key_path);
}

}  // namespace taizhang::cli

namespace taizhang::cli {

Signer county_signer(const Ledger& ledger, const std::string& key_path) {
  Signer signer = load_signer(key_path);
  const Verifier county = ledger.log_verifier();
  if (signer.verifier().public_key() != county.public_key()) {
    throw_error(ErrorKind::kUnauthorized,
                std::string(tr("--key：", "--key: ")) + key_path +
                    tr(" 不是本登记簿的县级私钥（本登记簿的县级公钥是 ",
                       " is not this register's county key (its county key is ") +
                    county.text() + tr("）", ")"));
  }
  return signer;
}

}  // namespace taizhang::cli

// Checkpoints as C2SP signed notes.
#include "taizhang/checkpoint.h"

#include <charconv>
#include <vector>

#include "taizhang/error.h"

namespace taizhang {
namespace {

constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";  // em dash U+2014, space
constexpr std::size_t kNoteMax = 1 << 16;
constexpr std::size_t kSignatureLinesMax = 100;

constexpr std::string_view kViewsLine = "taizhang-views ";

std::string body_text(const Checkpoint& checkpoint) {
  std::string body = checkpoint.origin + "\n" + std::to_string(checkpoint.size) + "\n" +
                     to_base64(checkpoint.root) + "\n";
  if (checkpoint.views) body += std::string(kViewsLine) + to_base64(*checkpoint.views) + "\n";
  return body;
}

void check_origin(std::string_view origin) {
  if (origin.empty()) {
    throw_invalid("origin", origin, "the checkpoint origin is empty", "检查点的 origin 是空的");
  }
  for (char c : origin) {
    if (static_cast<unsigned char>(c) < 0x20) {
      throw_invalid("origin", origin, "the checkpoint origin may not contain control characters",
                    "检查点的 origin 不能含控制字符");
    }
  }
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    lines.push_back(text.substr(0, newline));
    text.remove_prefix(newline + 1);
  }
  return lines;
}

}  // namespace

std::string sign_checkpoint(const Checkpoint& checkpoint, const Signer& signer) {
  check_origin(checkpoint.origin);
  const std::string body = body_text(checkpoint);
  const Signature signature = signer.sign(as_bytes(body));
  const std::uint32_t key_id = signer.verifier().key_id();
  Bytes blob = {static_cast<std::uint8_t>(key_id >> 24), static_cast<std::uint8_t>(key_id >> 16),
                static_cast<std::uint8_t>(key_id >> 8), static_cast<std::uint8_t>(key_id)};
  blob.insert(blob.end(), signature.begin(), signature.end());
  return body + "\n" + std::string(kSignaturePrefix) + signer.name() + " " + to_base64(blob) + "\n";
}

Checkpoint open_checkpoint(std::string_view note, const Verifier& verifier) {
  if (note.size() > kNoteMax) {
    throw_invalid("checkpoint", note.substr(0, 40), "note is too large",
                  "检查点文本太长（最多 65536 字节），不是登记簿签署的检查点");
  }
  if (note.empty() || note.back() != '\n') {
    throw_invalid("checkpoint", note, "a signed note ends with a newline",
                  "签名检查点须以换行结尾：文件可能不完整");
  }
  for (char c : note) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n') {
      throw_invalid("checkpoint", note, "control character in a signed note",
                    "签名检查点中有控制字符：文件已被改动或不是检查点");
    }
  }
  // The text and the signatures are separated by the last blank line.
  const auto split = note.rfind("\n\n");
  if (split == std::string_view::npos) {
    throw_invalid("checkpoint", note, "no signature block", "检查点没有签名部分（空行后的签名行）");
  }
  const std::string_view body = note.substr(0, split + 1);
  const std::vector<std::string_view> signature_lines = split_lines(note.substr(split + 2));
  if (signature_lines.empty() || signature_lines.size() > kSignatureLinesMax) {
    throw_invalid("checkpoint", note, "a signed note needs 1 to 100 signature lines",
                  "签名检查点须有 1 至 100 行签名");
  }

  bool signed_by_verifier = false;
  for (std::string_view line : signature_lines) {
    if (!line.starts_with(kSignaturePrefix)) {
      throw_invalid("checkpoint signature", line, "a signature line starts with an em dash",
                    "签名行须以破折号“—”开头");
    }
    line.remove_prefix(kSignaturePrefix.size());
    const auto space = line.find(' ');
    if (space == std::string_view::npos) {
      throw_invalid("checkpoint signature", line, "expected \"<name> <base64>\"",
                    "签名行的格式应为“— <密钥名> <base64 签名>”");
    }
    const std::string_view name = line.substr(0, space);
    const Bytes blob = from_base64(line.substr(space + 1), "checkpoint signature");
    if (blob.size() < 5) {
      throw_invalid("checkpoint signature", line, "signature is too short", "签名太短，不完整");
    }
    const std::uint32_t key_id = std::uint32_t{blob[0]} << 24 | std::uint32_t{blob[1]} << 16 |
                                 std::uint32_t{blob[2]} << 8 | blob[3];
    // Every line must be well formed (the fuzzer found a valid note with a malformed line after
    // it accepted); the first line from the trusted key decides the note, as signed-note says.
    if (signed_by_verifier || name != verifier.name() || key_id != verifier.key_id()) continue;
    if (!verifier.verify(as_bytes(body), ByteView(blob).subspan(4))) {
      throw_error(ErrorKind::kIntegrityError,
                  "checkpoint signature by \"" + verifier.name() + "\" does not verify",
                  "“" + verifier.name() +
                      "”在检查点上的签名核验不通过：检查点的内容被改动过，或签名是伪造的");
    }
    signed_by_verifier = true;
  }
  if (!signed_by_verifier) {
    const std::string trusted =
        verifier.name() + "+" + verifier.text().substr(verifier.name().size() + 1, 8);
    throw_error(ErrorKind::kIntegrityError,
                "checkpoint is not signed by the trusted key \"" + trusted + "\"",
                "检查点不是用受信任的密钥“" + trusted + "”签署的：它属于别的登记簿，或密钥不对");
  }

  // The checkpoint body: origin, size, root, then optional extension lines.
  const std::vector<std::string_view> lines = split_lines(body);
  if (lines.size() < 3) {
    throw_invalid("checkpoint", body, "needs origin, size and root lines",
                  "检查点须有 origin、记录数和根散列三行");
  }
  Checkpoint checkpoint;
  checkpoint.origin = std::string(lines[0]);
  check_origin(checkpoint.origin);
  const std::string_view size_text = lines[1];
  const auto [end, error] =
      std::from_chars(size_text.data(), size_text.data() + size_text.size(), checkpoint.size);
  if (size_text.empty() || error != std::errc() || end != size_text.data() + size_text.size() ||
      (size_text.size() > 1 && size_text[0] == '0')) {
    throw_invalid("checkpoint tree size", size_text, "not a decimal number",
                  "检查点的记录数不是十进制整数");
  }
  checkpoint.root = to_hash(from_base64(lines[2], "checkpoint root"), "checkpoint root");
  // Extension lines: the view digest is ours; any other is another tool's and passes.
  for (std::size_t i = 3; i < lines.size(); ++i) {
    if (!lines[i].starts_with(kViewsLine)) continue;
    if (checkpoint.views) {
      throw_invalid("checkpoint", lines[i], "a second view digest",
                    "检查点中有第二行视图摘要，只能有一行");
    }
    checkpoint.views =
        to_hash(from_base64(lines[i].substr(kViewsLine.size()), "view digest"), "view digest");
  }
  return checkpoint;
}

}  // namespace taizhang

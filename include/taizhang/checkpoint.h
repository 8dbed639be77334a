// Checkpoints: signed tree heads in the C2SP tlog-checkpoint format, as a signed note.
//
//   <origin>\n
//   <tree size, decimal>\n
//   <root hash, base64>\n
//   taizhang-views <view digest, base64>\n      (an extension line; other verifiers skip it)
//   \n
//   — <key name> <base64(key id || Ed25519 signature over the three lines above)>\n
//
// The signature covers the text up to and including the newline after the root.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "taizhang/bytes.h"
#include "taizhang/export.h"
#include "taizhang/keys.h"

namespace taizhang {

struct Checkpoint {
  std::string origin;
  std::uint64_t size = 0;
  Hash root{};
  // The digest of every view record when the log had `size` entries: SHA-256 over each table's
  // records in key order, then over the tables (docs/format.md). Absent in notes signed by other
  // logs' tools.
  std::optional<Hash> views;

  bool operator==(const Checkpoint&) const = default;
};

// The signed note for `checkpoint`. InvalidInput if the origin is not a single printable line.
TAIZHANG_EXPORT std::string sign_checkpoint(const Checkpoint& checkpoint, const Signer& signer);
// Parses and checks a signed checkpoint. InvalidInput if it is malformed; IntegrityError unless
// it carries a valid signature by `verifier` (a note signed only by other keys is refused).
TAIZHANG_EXPORT Checkpoint open_checkpoint(std::string_view note, const Verifier& verifier);

}  // namespace taizhang

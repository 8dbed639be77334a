// The entry encoder as the ledger's hot path uses it: the stamp (sequence, recorded time,
// request id) is passed beside the entry instead of copied into it, and the canonical bytes go
// into a caller's buffer whose capacity is reused from entry to entry.
#pragma once

#include <cstdint>
#include <span>

#include "core/sha256.h"
#include "taizhang/entry.h"

namespace taizhang::internal {

struct Stamp {
  std::uint64_t sequence = 0;
  std::int64_t recorded_micros = 0;
  const RequestId* request_id = nullptr;  // REQUIRES: not null
  bool with_approvals = true;             // false for the bytes that approvals sign
  bool with_signature = true;             // false for the bytes requests and approvals sign
};

// The message a request's actor signs (see request_message() in entry.h), built entry by entry
// from each entry's canonical bytes under the placeholder stamp without its signature: the
// entries are hashed as they come, so the message stays short however large the batch.
class RequestMessage {
 public:
  RequestMessage(std::string_view origin, std::uint64_t actor, const RequestId& request_id);
  void add(ByteView entry);
  // The message: the header, the entry count and the entries' SHA-256. The object is spent.
  Bytes finish();

 private:
  Bytes header_;
  Sha256 entries_;
  std::uint32_t count_ = 0;
};

// Appends the canonical encoding of `entry` under `stamp` to `out`. Throws InvalidInput naming
// the field for a value that may not be stored (and leaves `out` as it was).
void append_entry_encoding(const Entry& entry, const Stamp& stamp, Bytes& out);
// Replaces the contents of `out` with the canonical encoding.
void encode_entry_into(const Entry& entry, const Stamp& stamp, Bytes& out);

// The body of an entry the register itself stored (a copy kept in a view table): read without
// the canonical-form check and round trip that decode_entry makes of bytes from outside, as the
// fold reads such copies on hot paths. verify_deep rebuilds and compares every view, so a damaged
// copy is still found. Throws IntegrityError for bytes that do not read.
Body read_stored_body(ByteView bytes);

// In canonical form the root struct's data section starts right after the 8-byte root pointer,
// so Entry.sequence is little-endian at bytes [8, 16) and Entry.recordedMicros at [16, 24).
constexpr std::size_t kSequenceOffset = 8;
constexpr std::size_t kRecordedMicrosOffset = 16;

// Reads the little-endian 64-bit field at `offset`; 0 if the bytes are too short.
std::uint64_t read_stamp_field(ByteView bytes, std::size_t offset);

// Entries are encoded before the write transaction with this placeholder stamp, then stamped
// in place once their sequence and time are known. The placeholder words are non-zero, so the
// canonical data section always keeps both stamp words, and any real stamp with a non-zero
// recorded time (the ledger guarantees at least 1) leaves the layout, and so the canonical
// form, unchanged.
constexpr std::uint64_t kPlaceholderSequence = ~std::uint64_t{0};
constexpr std::int64_t kPlaceholderMicros = INT64_MAX;

// Writes the stamp into bytes encoded under the placeholder stamp.
void patch_stamp(std::span<std::uint8_t> bytes, std::uint64_t sequence,
                 std::int64_t recorded_micros);

}  // namespace taizhang::internal

// Interchange between county systems (schemas/taizhang/interchange.capnp): a register's log as
// a stream of Cap'n Proto messages that the stock `capnp decode` reads, and its import into
// another register, which re-verifies everything and writes nothing unless all of it holds.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "taizhang/export.h"
#include "taizhang/keys.h"
#include "taizhang/ledger.h"
#include "taizhang/registry.h"

namespace taizhang {

// What a stream holds: entries [from_size, to_size) up to a checkpoint.
struct StreamSummary {
  std::string origin;
  std::string county_code;
  std::uint64_t from_size = 0;
  std::uint64_t to_size = 0;
  std::string checkpoint;   // the signed note the stream ends at
  std::uint64_t added = 0;  // import: entries the receiver did not hold yet
};

// Writes entries [from, n) of `ledger` to the file `path` (replaced if it exists), where n is
// the size of the latest checkpoint: the receiver verifies against it, so entries after it wait
// for the next checkpoint. InvalidInput if `from` is past it. `progress` is called now and then
// with the entries written.
TAIZHANG_EXPORT StreamSummary export_log(const Ledger& ledger, const std::string& path,
                                         std::uint64_t from = 0,
                                         const std::function<void(std::uint64_t)>& progress = {});

// Reads only the header of the stream at `path` (what it claims to hold, not yet verified).
TAIZHANG_EXPORT StreamSummary read_stream_header(const std::string& path);

// Imports the stream at `path` into `ledger`. A first pass, which writes nothing, refuses a
// stream of another county or log key and a checkpoint whose signature does not verify
// (Unauthorized); a stream that starts past what the ledger holds (a gap), one whose prefix
// differs from the ledger's (a fork), a consistency proof that fails, entries out of sequence
// or that do not hash into the signed tree, and a stream cut short or damaged (IntegrityError,
// naming the record). The second pass appends in transactions of about 8,192 entries that end on
// request boundaries, so memory stays flat however long the stream; each entry passes the rules
// and folds as a new one. Only a verified stream holding an entry this build's rules refuse (a
// source on other rules) can stop there, after the whole requests before it: a verified prefix
// of the county's log. Entries the ledger already holds must be byte-equal and are skipped; the
// checkpoint is stored.
TAIZHANG_EXPORT StreamSummary import_log(Ledger& ledger, const std::string& path,
                                         const std::function<void(std::uint64_t)>& progress = {});

// Creates a replica in `directory` from a stream that starts at entry 0 and returns it open; on
// any refusal nothing is left in `directory`.
// `trusted`, if given, is the county's log key as published (the stream's key must be it);
// without it the key in the stream is taken as given. `options.fold` should be the register's
// (register_fold()) for a replica that answers the register's reads.
TAIZHANG_EXPORT Ledger import_new(const std::string& directory, const std::string& path,
                                  const Verifier* trusted = nullptr, LedgerOptions options = {},
                                  const std::function<void(std::uint64_t)>& progress = {});

// --- snapshots: today's state for systems that need only that ----------------------------

struct SnapshotAsset {
  Asset asset;
  Money book_value;
  std::uint64_t maintainer = 0;
  std::string maintenance_person;
};

struct Snapshot {
  std::string county_code;
  std::string county_name;
  std::string origin;
  std::uint64_t size = 0;  // the log size it was read at
  Hash root{};             // and that log's root
  Date as_of;              // book values as of
  std::vector<Party> parties;
  std::vector<SnapshotAsset> assets;
};

// Writes the register's parties and assets (with book values as of `as_of` and maintenance) to
// `path` as SnapshotRecord messages, read at one log size (retried if a writer moves on).
// Returns the size it was read at.
TAIZHANG_EXPORT std::uint64_t export_snapshot(const Registry& registry, const std::string& path,
                                              Date as_of);
// Reads a snapshot file; IntegrityError naming the record for a damaged or cut one.
TAIZHANG_EXPORT Snapshot read_snapshot(const std::string& path);

}  // namespace taizhang

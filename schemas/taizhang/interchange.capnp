# Interchange between county systems: a register's log as a stream of Cap'n Proto messages,
# each a Record, in the standard stream framing. The stock tool prints one:
#
#   capnp decode schemas/taizhang/interchange.capnp Record < county.tzlog
#
# A stream is a header, then (when it starts past entry 0) the consistency proof from the
# entries the receiver must already hold to the checkpoint, then the entries in order. The
# receiver checks the checkpoint's signature under the county's log key before it reads an
# entry, and the root of the tree the entries make against the checkpoint after the last; a
# stream that is cut short, tampered with, from another county, or does not extend what the
# receiver holds is refused and nothing is written.

@0xb7c41e2a9d3f5068;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("taizhang::schema");

using Log = import "entry.capnp";

struct Record {
  union {
    header @0 :StreamHeader;
    # Always the first record, and only once.

    consistency @1 :ConsistencyProof;
    # Second when the stream starts past entry 0.

    entry @2 :Log.Entry;
    # The entries, in sequence, exactly as the source stored them (canonical form).
  }
}

struct StreamHeader {
  formatVersion @0 :UInt32;
  # The entry format version (entry.capnp); a receiver refuses one it does not read.

  countyCode @1 :Text;
  # The county's 12-digit division code.

  countyName @2 :Text;
  # The county's name.

  origin @3 :Text;
  # The log's name in its checkpoints.

  logPublicKey @4 :Data;
  # The 32-byte Ed25519 key that signs the log's checkpoints (entry 0 names it).

  fromSize @5 :UInt64;
  # The stream's first entry is this sequence: the receiver must already hold this many.

  fromRoot @6 :Data;
  # The Merkle root of those first fromSize entries (32 bytes; empty when fromSize is 0).

  checkpoint @7 :Text;
  # The signed checkpoint (tlog-checkpoint note) the stream ends at: its size is the sequence
  # after the last entry, its root the root of every entry up to there.

  entries @8 :UInt64;
  # How many entries follow.
}

struct ConsistencyProof {
  fromSize @0 :UInt64;
  toSize @1 :UInt64;
  hashes @2 :List(Data);
  # RFC 6962 / RFC 9162 consistency proof from the tree of fromSize entries to toSize.
}

# --- snapshots ---------------------------------------------------------------------------
# For systems that need only today's state: the register's parties and assets as of one log
# size, as a stream of SnapshotRecord messages (header first). A snapshot is not verified
# entry by entry as a log stream is; its header names the log size and root it was read at, so
# a system holding a checkpoint can ask the county for the consistency proof.
#
#   capnp decode schemas/taizhang/interchange.capnp SnapshotRecord < county.tzsnap

struct SnapshotRecord {
  union {
    header @0 :SnapshotHeader;
    party @1 :SnapshotParty;
    asset @2 :SnapshotAsset;
  }
}

struct SnapshotHeader {
  countyCode @0 :Text;
  countyName @1 :Text;
  origin @2 :Text;
  # The log's name in its checkpoints.

  size @3 :UInt64;
  # The log size the state was read at.

  root @4 :Data;
  # The Merkle root of those entries (32 bytes).

  asOfDay @5 :Int32;
  # The day the book values are as of (days since 1970-01-01).

  parties @6 :UInt64;
  assets @7 :UInt64;
  # How many records of each kind follow.
}

struct SnapshotParty {
  id @0 :UInt64;
  party @1 :Log.PartyRegistered;
}

struct SnapshotAsset {
  id @0 :UInt64;
  code @1 :Text;
  class @2 :Log.AssetClass;
  description @3 :Log.AssetDescription;
  status @4 :Log.AssetStatus;
  owners @5 :List(Log.OwnerShare);
  bookValueFen @6 :Int64;
  # Book value as of the header's day, in fen.

  maintainer @7 :UInt64;
  # The party bound to maintain it (0 if none).

  maintenancePerson @8 :Text;
  # The person responsible (empty if none).

  lastSequence @9 :UInt64;
  # The last entry about the asset.
}

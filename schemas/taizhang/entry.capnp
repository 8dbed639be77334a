# The ledger entry: the one record type of the log, its envelope and its bodies.
#
# An entry is stored in Cap'n Proto canonical form (a single segment, no segment table, no
# padding or default-valued pointers left over), so equal entries are equal bytes and the Merkle
# leaf hash of an entry is SHA-256(0x00 || those bytes).
#
# Ordinals never change meaning: a field or enumerant, once released, keeps its number and its
# type forever. New fields take the next ordinal; removed ones are left in place, documented as
# obsolete. Readers refuse unknown union members rather than guessing.

@0xd1a2c3b4e5f60718;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("taizhang::schema");

struct Entry {
  # One change to the register. The ledger assigns `sequence` and `recordedMicros`; the caller
  # supplies everything else.

  sequence @0 :UInt64;
  # Position in the log, from 0, equal to the Merkle leaf index. Assigned by the ledger; zero
  # in the bytes that approvals sign.

  recordedMicros @1 :Int64;
  # When the ledger accepted the entry: UTC microseconds since 1970-01-01, never decreasing
  # along the log. Assigned by the ledger; zero in the bytes that approvals sign.

  effectiveDay @2 :Int32;
  # The business date the change takes effect: civil days since 1970-01-01.

  actor @3 :UInt64;
  # The actor (official or system) who made the change; 0 is the register itself at `init`.

  requestId @4 :Data;
  # The client-chosen 16-byte request id. A retry with the same id and content returns the
  # first outcome; the same id with other content is refused as a conflict.

  body :union {
    # What changed. Exactly one member is set.

    registerInitialized @5 :RegisterInitialized;
    # The first entry of every log.

    actorKeyEnrolled @6 :ActorKeyEnrolled;
    # An actor and its public key, enrolled by the county registrar.
  }

  approvals @7 :List(Approval);
  # Signatures of the officials who approve this entry, each over the signing bytes: this
  # entry in canonical form with `sequence`, `recordedMicros` and `approvals` zeroed.
}

struct Approval {
  # An official's Ed25519 signature on an entry.

  signer @0 :UInt64;
  # The actor id whose enrolled key made the signature.

  signature @1 :Data;
  # 64 bytes: Ed25519 over the entry's signing bytes.
}

struct RegisterInitialized {
  # Opens a county's register. Always sequence 0.

  formatVersion @0 :UInt32;
  # The on-disk and entry format version this log was written with.

  countyCode @1 :Text;
  # The county's 12-digit administrative division code (区划代码), e.g. "520122000000".

  countyName @2 :Text;
  # The county's name, e.g. "息烽县".

  origin @3 :Text;
  # The log's name in its checkpoints (the tlog-checkpoint origin line), unique per county.

  logPublicKey @4 :Data;
  # The 32-byte Ed25519 public key that signs this log's checkpoints.
}

enum Role {
  # What an actor may do (DOMAIN.md §8). Enumerants never change number.
  countyRegistrar @0;            # keeps the register; enrols actors
  countyRuralRevitalization @1;  # county rural-revitalization bureau (乡村振兴局)
  countyFinance @2;              # county finance bureau (财政局)
  countyGovernment @3;           # county government (县政府)
  sectorDepartment @4;           # a sector department (行业主管部门)
  townshipGovernment @5;         # township government (乡镇政府)
  villageCommittee @6;           # village committee (村委会)
  villageAssembly @7;            # villagers' (representatives') assembly, entered by the committee
  household @8;                  # a household (农户)
  operator @9;                   # an operator of an asset (经营主体)
  auditor @10;                   # reads only
}

struct ActorKeyEnrolled {
  # An actor with its role, jurisdiction and signing key.

  actor @0 :UInt64;
  # The actor id being enrolled; ids are assigned in order from 1.

  name @1 :Text;
  # Display name of the official or system.

  role @2 :Role;
  # What the actor may do.

  jurisdiction @3 :Text;
  # The 12-digit division code within which the actor acts.

  publicKey @4 :Data;
  # The actor's 32-byte Ed25519 public key, which its approvals must verify under.
}

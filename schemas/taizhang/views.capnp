# View records: the current state the fold derives from the log (docs/architecture.md §1).
#
# Views are not interchange: they can always be rebuilt from the log by replay, and
# `verify --deep` does exactly that and compares. Ordinals still only ever grow, so a register
# written by an older build opens in a newer one.

@0xe6c0a4b1d2f35801;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("taizhang::schema");

using Entry = import "entry.capnp";

struct ActorRecord {
  # An enrolled actor's role and reach (the ledger's "actors" view holds its key).

  role @0 :Entry.Role;
  # What it may do.

  jurisdiction @1 :Text;
  # The 12-digit division within which it acts.

  name @2 :Text;
  # Display name.

  party @3 :UInt64;
  # The unit it acts for; 0 for none.
}

struct PartyRecord {
  # A registered party; its id is the key.

  party @0 :Entry.PartyRegistered;
  # As registered.

  registeredSeq @1 :UInt64;
  # The registering entry.
}

struct AssetRecord {
  # An asset's current state; its id is the key.

  code @0 :Text;
  # 资产编号.

  class @1 :Entry.AssetClass;
  # 经营性 / 公益性 / 到户类.

  description @2 :Entry.AssetDescription;
  # The current description (as registered or last corrected).

  descriptionSeq @3 :UInt64;
  # The entry that set the current description; a correction must name it.

  status @4 :Entry.AssetStatus;
  # Current use status.

  owners @5 :List(Entry.OwnerShare);
  # Current owners with exact shares; empty while unconfirmed.

  registeredSeq @6 :UInt64;
  # The registering entry (also the asset's id).

  registeredDay @7 :Int32;
  # Effective date of the registration.

  lastSeq @8 :UInt64;
  # The last entry that changed the asset.

  statusBeforeDisposal @9 :Entry.AssetStatus;
  # While a disposal is pending: the status to return to if it is rejected or withdrawn.

  inspectedDay @10 :Int32;
  # The latest inspection or stocktaking (0 if none).

  certificate @11 :Text;
  # The ownership certificate's number (确权证书), from a confirmation or handover.
}

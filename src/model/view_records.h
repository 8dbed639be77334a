// The register's view tables: for each, its name, its key, and the one type and codec of its
// record. Every reader and writer of a view (the fold, the queries, the valuation, the audit)
// goes through the table's struct below; nothing else knows a view's bytes.
//
// Each table is a struct with
//   kName                           the LMDB database name (do not rename: it is on disk)
//   Record                          the record, including the parts its key is made of
//   key(parts...)                   the key of one record, or the prefix of a scan
//   key_of(record)                  the key a record is stored under
//   encode(record) / decode(key, value)
// and find/put/append/insert/scan below use them over the ViewStore seam.
//
// Layouts. Keys are big-endian so they sort as their values: ids and counts are u64, days are
// u64 biased by 2^31 (day_key), texts are their bytes. Small records are a fixed sequence of
// big-endian u64 fields ("u64s: a, b, c"); the asset, party and actor records are Cap'n Proto
// (views.capnp) laid out by the encoder in a fixed order, so equal state is equal bytes and
// replay (Ledger::verify_deep) can compare views byte for byte. A record that does not have
// its table's layout is refused with IntegrityError naming the table.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/bytes.h"
#include "taizhang/codes.h"
#include "taizhang/entry.h"
#include "taizhang/error.h"
#include "taizhang/records.h"
#include "taizhang/views.capnp.h"
#include "taizhang/views.h"

namespace taizhang::model {

// A view key built in place (no allocation): big-endian u64 parts and short text.
class Key {
 public:
  explicit Key(std::uint64_t value);
  Key(std::uint64_t first, std::uint64_t second);
  Key(std::string_view text, std::uint64_t value);
  Key(std::uint64_t first, std::uint64_t second, std::uint64_t third);
  ByteView view() const { return {bytes_.data(), size_}; }

 private:
  void append(std::uint64_t value);
  std::array<std::uint8_t, 96> bytes_{};
  std::size_t size_ = 0;
};

// The big-endian u64 at `at` of a key. REQUIRES: at + 8 <= bytes.size() (IntegrityError if not).
std::uint64_t read_key_u64(ByteView bytes, std::size_t at);

// Days as an unsigned key part that sorts like the date.
inline std::uint64_t day_key(Date day) {
  return std::uint64_t(std::int64_t{day.days()} + (std::int64_t{1} << 31));
}
inline Date day_from_key(std::uint64_t key) {
  return Date::from_days(static_cast<std::int32_t>(std::int64_t(key) - (std::int64_t{1} << 31)));
}

inline ByteView view_of(const Key& key) { return key.view(); }
inline ByteView view_of(const Bytes& key) { return key; }
inline ByteView view_of(ByteView key) { return key; }

// --- the register and its places ---------------------------------------------------------

// register: "county" -> the county's 12-digit division code.
struct RegisterTable {
  static constexpr std::string_view kName = "register";
  struct Record {
    std::string county_code;
  };
  static ByteView key() { return as_bytes("county"); }
  static ByteView key_of(const Record&) { return key(); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// divisions: code (12 bytes) + first day -> last day (4 bytes, big-endian days; 0 while in
// force), then the name. Every version of the division table; a prefix of the code scans one.
struct DivisionsTable {
  static constexpr std::string_view kName = "divisions";
  using Record = Division;
  static Key key(std::string_view code, Date from) { return Key(code, day_key(from)); }
  static ByteView key(std::string_view code) { return as_bytes(code); }
  static Key key_of(const Record& record) { return key(record.code, record.valid_from); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// --- actors and parties ------------------------------------------------------------------

// actor_roles: actor id -> ActorRecord (role, jurisdiction, name).
struct ActorsTable {
  static constexpr std::string_view kName = "actor_roles";
  using Record = Actor;
  static Key key(std::uint64_t id) { return Key(id); }
  static Key key_of(const Record& record) { return key(record.id); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// parties: party id (its registration's sequence) -> PartyRecord.
struct PartiesTable {
  static constexpr std::string_view kName = "parties";
  using Record = Party;
  static Key key(std::uint64_t id) { return Key(id); }
  static Key key_of(const Record& record) { return key(record.id); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
  // The kind alone, without decoding the texts.
  static PartyKind decode_kind(ByteView value);
};

// party_codes: unified social credit code -> u64s: party.
struct PartyCodesTable {
  static constexpr std::string_view kName = "party_codes";
  struct Record {
    std::string credit_code;
    std::uint64_t party = 0;
  };
  static ByteView key(std::string_view credit_code) { return as_bytes(credit_code); }
  static ByteView key_of(const Record& record) { return key(record.credit_code); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// party_persons: householder's keyed identity hash -> u64s: party.
struct PartyPersonsTable {
  static constexpr std::string_view kName = "party_persons";
  struct Record {
    Bytes person_hash;
    std::uint64_t party = 0;
  };
  static ByteView key(ByteView person_hash) { return person_hash; }
  static ByteView key_of(const Record& record) { return record.person_hash; }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// --- assets and their indexes -------------------------------------------------------------

// assets: asset id (its registration's sequence) -> AssetRecord.
struct AssetsTable {
  static constexpr std::string_view kName = "assets";
  using Record = Asset;
  static Key key(std::uint64_t id) { return Key(id); }
  static Key key_of(const Record& record) { return key(record.id); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
  // Calls `visit` with a zero-copy reader of the record, valid only during the call; for scans
  // that take a few fields of many records without decoding each into an Asset.
  static void read(ByteView value,
                   const std::function<void(schema::AssetRecord::Reader record)>& visit);
  // Decodes into `asset` only what a valuation reads (id, status, last sequence, category,
  // completion, original value, use-right years) and returns the first owner (0 if none); the
  // other members are left as they were. A pass over every asset allocates nothing per record.
  static std::uint64_t decode_for_valuation(ByteView key, ByteView value, Asset& asset);
};

// asset_codes: asset code (资产编号) -> u64s: asset.
struct AssetCodesTable {
  static constexpr std::string_view kName = "asset_codes";
  struct Record {
    std::string code;
    std::uint64_t asset = 0;
  };
  static ByteView key(std::string_view code) { return as_bytes(code); }
  static ByteView key_of(const Record& record) { return key(record.code); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
  // The asset alone, without copying the code (the lookup by code's hot path).
  static std::uint64_t decode_asset(ByteView value);
};

// assets_by_division: division code + asset -> nothing.
struct AssetsByDivisionTable {
  static constexpr std::string_view kName = "assets_by_division";
  struct Record {
    std::string division;
    std::uint64_t asset = 0;
  };
  static Key key(std::string_view division, std::uint64_t asset) { return Key(division, asset); }
  static ByteView key(std::string_view division_prefix) { return as_bytes(division_prefix); }
  static Key key_of(const Record& record) { return key(record.division, record.asset); }
  static Bytes encode(const Record&) { return {}; }
  static Record decode(ByteView key, ByteView value);
};

// assets_by_owner: party + asset -> nothing.
struct AssetsByOwnerTable {
  static constexpr std::string_view kName = "assets_by_owner";
  struct Record {
    std::uint64_t party = 0;
    std::uint64_t asset = 0;
  };
  static Key key(std::uint64_t party, std::uint64_t asset) { return Key(party, asset); }
  static Key key(std::uint64_t party) { return Key(party); }
  static Key key_of(const Record& record) { return key(record.party, record.asset); }
  static Bytes encode(const Record&) { return {}; }
  static Record decode(ByteView key, ByteView value);
};

// asset_entries: asset + sequence -> nothing. Every entry about the asset, its history.
struct AssetEntriesTable {
  static constexpr std::string_view kName = "asset_entries";
  struct Record {
    std::uint64_t asset = 0;
    std::uint64_t sequence = 0;
  };
  static Key key(std::uint64_t asset, std::uint64_t sequence) { return Key(asset, sequence); }
  static Key key(std::uint64_t asset) { return Key(asset); }
  static Key key_of(const Record& record) { return key(record.asset, record.sequence); }
  static Bytes encode(const Record&) { return {}; }
  static Record decode(ByteView key, ByteView value);
};

// asset_rights: asset + right + first day -> u64s: party, last day (day_key; day 0: open).
struct AssetRightsTable {
  static constexpr std::string_view kName = "asset_rights";
  struct Record {
    std::uint64_t asset = 0;
    RightKind right = RightKind::kOwnership;
    Date from;
    std::uint64_t party = 0;
    Date until;  // Date() while open
  };
  static Key key(std::uint64_t asset, RightKind right, Date from) {
    return Key(asset, static_cast<std::uint64_t>(right), day_key(from));
  }
  static Key key(std::uint64_t asset) { return Key(asset); }
  static Key key(std::uint64_t asset, RightKind right) {
    return Key(asset, static_cast<std::uint64_t>(right));
  }
  static Key key_of(const Record& record) { return key(record.asset, record.right, record.from); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// asset_operation: asset -> u64s: contract entry, mode, last day. The contract in force.
struct AssetOperationTable {
  static constexpr std::string_view kName = "asset_operation";
  struct Record {
    std::uint64_t asset = 0;
    std::uint64_t sequence = 0;  // the OperationContracted entry
    OperationMode mode = OperationMode::kSelfOperated;
    Date until;
  };
  static Key key(std::uint64_t asset) { return Key(asset); }
  static Key key_of(const Record& record) { return key(record.asset); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// asset_contracts: asset + contract entry -> u64s: operator, first day, last day (0: open),
// principal, guarantee rate numerator and denominator, guarantee a year, step-up numerator and
// denominator. Every operation contract the asset had, in order (a renewal or a new operator
// does not erase the earlier one's guarantee), with what the audit of guarantees needs.
struct AssetContractsTable {
  static constexpr std::string_view kName = "asset_contracts";
  struct Record {
    std::uint64_t asset = 0;
    std::uint64_t sequence = 0;
    OperationContracted contract;  // operator, term and guarantee (asset and mode not kept)
  };
  static Key key(std::uint64_t asset, std::uint64_t sequence) { return Key(asset, sequence); }
  static Key key(std::uint64_t asset) { return Key(asset); }
  static Key key_of(const Record& record) { return key(record.asset, record.sequence); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// asset_handovers: asset + handover entry -> u64s: day, book value handed over in fen, the kind
// of the first owner before it (whose regime values the asset until then).
struct AssetHandoversTable {
  static constexpr std::string_view kName = "asset_handovers";
  struct Record {
    std::uint64_t asset = 0;
    std::uint64_t sequence = 0;
    Date day;
    Money book_value;
    PartyKind before = PartyKind::kVillageCollective;
  };
  static Key key(std::uint64_t asset, std::uint64_t sequence) { return Key(asset, sequence); }
  static Key key(std::uint64_t asset) { return Key(asset); }
  static Key key_of(const Record& record) { return key(record.asset, record.sequence); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// asset_maintenance: asset -> u64s: binding entry, inspection interval in days, first day.
struct AssetMaintenanceTable {
  static constexpr std::string_view kName = "asset_maintenance";
  struct Record {
    std::uint64_t asset = 0;
    std::uint64_t sequence = 0;  // the MaintenanceBound entry
    std::uint32_t inspection_interval_days = 0;
    Date from;
  };
  static Key key(std::uint64_t asset) { return Key(asset); }
  static Key key_of(const Record& record) { return key(record.asset); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// asset_inspections: asset + entry -> u64s: condition, day.
struct AssetInspectionsTable {
  static constexpr std::string_view kName = "asset_inspections";
  struct Record {
    std::uint64_t asset = 0;
    std::uint64_t sequence = 0;
    Condition condition = Condition::kGood;
    Date day;
    Date recorded;  // the day the register's clock recorded it
  };
  static Key key(std::uint64_t asset, std::uint64_t sequence) { return Key(asset, sequence); }
  static Key key(std::uint64_t asset) { return Key(asset); }
  static Key key_of(const Record& record) { return key(record.asset, record.sequence); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// asset_values: asset + entry -> u64s: kind, amount in fen (two's complement), day.
struct AssetValuesTable {
  static constexpr std::string_view kName = "asset_values";
  struct Record {
    std::uint64_t asset = 0;
    std::uint64_t sequence = 0;
    ValueChangeKind kind = ValueChangeKind::kRevaluation;
    Money amount;
    Date day;
  };
  static Key key(std::uint64_t asset, std::uint64_t sequence) { return Key(asset, sequence); }
  static Key key(std::uint64_t asset) { return Key(asset); }
  static Key key_of(const Record& record) { return key(record.asset, record.sequence); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// asset_depreciation: asset -> u64s: method, life in months, residual rate (numerator,
// denominator), expected total units. The asset's own depreciation plan.
struct AssetDepreciationTable {
  static constexpr std::string_view kName = "asset_depreciation";
  struct Record {
    std::uint64_t asset = 0;
    DepreciationMethod method = DepreciationMethod::kStraightLine;
    std::int32_t life_months = 0;
    Share residual_rate = Share::of(5, 100);
    std::uint64_t units_total = 0;
  };
  static Key key(std::uint64_t asset) { return Key(asset); }
  static Key key_of(const Record& record) { return key(record.asset); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// asset_units: asset + month's last day -> u64s: units used that month.
struct AssetUnitsTable {
  static constexpr std::string_view kName = "asset_units";
  struct Record {
    std::uint64_t asset = 0;
    Date month;
    std::uint64_t units = 0;
  };
  static Key key(std::uint64_t asset, Date month) { return Key(asset, day_key(month)); }
  static Key key(std::uint64_t asset) { return Key(asset); }
  static Key key_of(const Record& record) { return key(record.asset, record.month); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// --- policy --------------------------------------------------------------------------------

// policies: version -> u64s: entry, first day; then the policy as a stored entry (so rules
// read the version in force without the log).
struct PoliciesTable {
  static constexpr std::string_view kName = "policies";
  struct Head {
    std::uint32_t version = 0;
    std::uint64_t sequence = 0;  // the PolicyDefined entry
    Date effective_from;
  };
  struct Record {
    Head head;
    PolicyDefined policy;
  };
  static Key key(std::uint32_t version) { return Key(version); }
  static Key key_of(const Record& record) { return key(record.head.version); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
  // The version, entry and first day, without decoding the policy.
  static Head decode_head(ByteView key, ByteView value);
};

// --- disposal -----------------------------------------------------------------------------

// disposals: request entry -> u64s: asset, method, state, requester, next step, chain length,
// (step kind, village) per step, then the signers in order.
struct DisposalsTable {
  static constexpr std::string_view kName = "disposals";
  using Record = Disposal;
  static Key key(std::uint64_t id) { return Key(id); }
  static Key key_of(const Record& record) { return key(record.id); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// disposal_proceeds: request entry -> u64s: proceeds in fen, collective (1) or state (0).
struct DisposalProceedsTable {
  static constexpr std::string_view kName = "disposal_proceeds";
  struct Record {
    std::uint64_t disposal = 0;
    Money proceeds;
    bool collective = false;
  };
  static Key key(std::uint64_t disposal) { return Key(disposal); }
  static Key key_of(const Record& record) { return key(record.disposal); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// --- income -------------------------------------------------------------------------------

// incomes: income entry (or disposal execution) -> u64s: asset, amount in fen, first and last
// day of the period earned, restricted (1 for disposal proceeds), paying party (0: none).
struct IncomesTable {
  static constexpr std::string_view kName = "incomes";
  struct Record {
    std::uint64_t income = 0;
    std::uint64_t asset = 0;
    Money amount;
    Date from;
    Date until;
    bool restricted = false;
    std::uint64_t payer = 0;
  };
  static Key key(std::uint64_t income) { return Key(income); }
  static Key key_of(const Record& record) { return key(record.income); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// income_parts: income entry + owner -> u64s: share numerator, share denominator, amount in fen,
// disposition, restricted, asset, allocating entry (0 until allocated), plan, the last day of the
// income's period, its paying party, then per payment
// of the allocation: line kind, line, payee (0: none), fen, months counted (list members).
struct IncomePartsTable {
  static constexpr std::string_view kName = "income_parts";
  enum class LineKind : std::uint16_t { kFixed = 0, kGuaranteed = 1, kProportional = 2 };
  struct Row {
    LineKind kind = LineKind::kFixed;
    std::uint64_t line = 0;  // index into the plan's lines of that kind
    std::uint64_t payee = 0;
    Money amount;
    std::uint64_t months = 0;  // a list member's months of the period counted when paid
  };
  struct Record {
    std::uint64_t income = 0;
    std::uint64_t owner = 0;
    Share share = Share::of(1, 1);
    Money amount;
    PartDisposition disposition = PartDisposition::kAllocate;
    bool restricted = false;
    std::uint64_t asset = 0;
    std::uint64_t allocation = 0;
    std::uint64_t plan = 0;
    Date until;               // the last day of the income's period (for the audit's one pass)
    std::uint64_t payer = 0;  // the income's paying party (0: none), likewise
    std::vector<Row> rows;
  };
  static Key key(std::uint64_t income, std::uint64_t owner) { return Key(income, owner); }
  static Key key(std::uint64_t income) { return Key(income); }
  static Key key_of(const Record& record) { return key(record.income, record.owner); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// beneficiaries: owner, list name, a zero byte, party -> u64s per time on the list: the day
// added, the day removed (0 while on it; else day_key), weight numerator, weight denominator.
struct BeneficiariesTable {
  static constexpr std::string_view kName = "beneficiaries";
  struct Stay {
    Date added;
    std::optional<Date> removed;
    std::uint64_t weight_numerator = 1;
    std::uint64_t weight_denominator = 1;
  };
  struct Record {
    std::uint64_t owner = 0;
    std::string list;
    std::uint64_t party = 0;
    std::vector<Stay> stays;  // in order; only the last may be open
    bool on_list() const { return !stays.empty() && !stays.back().removed; }
  };
  static Bytes key(std::uint64_t owner, std::string_view list, std::uint64_t party);
  static Bytes key(std::uint64_t owner, std::string_view list);  // the prefix of one list
  static Bytes key_of(const Record& record) { return key(record.owner, record.list, record.party); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// plans: plan entry -> u64s: owner, day approved; then the plan as a stored entry.
struct PlansTable {
  static constexpr std::string_view kName = "plans";
  struct Record {
    std::uint64_t id = 0;  // the PlanApproved entry
    PlanApproved plan;
    Date approved;  // the approval's effective date: the plan is in force from then
  };
  static Key key(std::uint64_t id) { return Key(id); }
  static Key key_of(const Record& record) { return key(record.id); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// guarantee_days: owner + holder -> u64s: the days of the holder's guarantee from the owner
// already paid, as (first, last) day_key pairs, sorted and disjoint. A guarantee is paid once for
// each day, whatever line or plan pays it.
struct GuaranteeDaysTable {
  static constexpr std::string_view kName = "guarantee_days";
  struct Record {
    std::uint64_t owner = 0;
    std::uint64_t holder = 0;
    std::vector<std::pair<std::int32_t, std::int32_t>> days;
  };
  static Key key(std::uint64_t owner, std::uint64_t holder) { return Key(owner, holder); }
  static Key key_of(const Record& record) { return key(record.owner, record.holder); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// plans_by_owner: owner + restricted (0 or 1) + plan entry -> nothing. The last under an owner
// and kind is the plan in force.
struct PlansByOwnerTable {
  static constexpr std::string_view kName = "plans_by_owner";
  struct Record {
    std::uint64_t owner = 0;
    bool restricted = false;
    std::uint64_t plan = 0;
  };
  static Key key(std::uint64_t owner, bool restricted, std::uint64_t plan) {
    return Key(owner, restricted ? 1 : 0, plan);
  }
  static Key key(std::uint64_t owner, bool restricted) { return Key(owner, restricted ? 1 : 0); }
  static Key key_of(const Record& record) {
    return key(record.owner, record.restricted, record.plan);
  }
  static Bytes encode(const Record&) { return {}; }
  static Record decode(ByteView key, ByteView value);
};

// allocations: allocation entry -> u64s: owner (0: every owner), day, notice of its results
// (0: none), then (income, owner) of each part it allocated.
struct AllocationsTable {
  static constexpr std::string_view kName = "allocations";
  using Record = AllocationRecord;
  static Key key(std::uint64_t id) { return Key(id); }
  static Key key_of(const Record& record) { return key(record.id); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// --- resolutions and notices ------------------------------------------------------------

// resolutions: resolution entry -> u64s: village, subject, disposal, meeting day, the entry
// that relied on it (0: none yet).
struct ResolutionsTable {
  static constexpr std::string_view kName = "resolutions";
  struct Record {
    std::uint64_t id = 0;
    std::uint64_t village = 0;
    ResolutionSubject subject = ResolutionSubject::kOther;
    std::uint64_t disposal = 0;
    Date day;
    std::uint64_t used_by = 0;
  };
  static Key key(std::uint64_t id) { return Key(id); }
  static Key key_of(const Record& record) { return key(record.id); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// notices: notice entry -> u64s: subject, subject id, board (the division code as a number),
// first day, last day, upheld objection (1) or not (0).
struct NoticesTable {
  static constexpr std::string_view kName = "notices";
  struct Record {
    std::uint64_t id = 0;
    NoticeSubject subject = NoticeSubject::kProject;
    std::uint64_t subject_id = 0;
    std::string board;  // 12-digit division code
    Date start;
    Date end;
    bool upheld = false;
    Date recorded;  // the day the register's clock recorded it (the notice runs from then)
  };
  static Key key(std::uint64_t id) { return Key(id); }
  static Key key_of(const Record& record) { return key(record.id); }
  static Bytes encode(const Record& record);
  static Record decode(ByteView key, ByteView value);
};

// notices_by_subject: subject + subject id + notice -> nothing.
struct NoticesBySubjectTable {
  static constexpr std::string_view kName = "notices_by_subject";
  struct Record {
    NoticeSubject subject = NoticeSubject::kProject;
    std::uint64_t subject_id = 0;
    std::uint64_t notice = 0;
  };
  static Key key(NoticeSubject subject, std::uint64_t id, std::uint64_t notice) {
    return Key(static_cast<std::uint64_t>(subject), id, notice);
  }
  static Key key(NoticeSubject subject, std::uint64_t id) {
    return Key(static_cast<std::uint64_t>(subject), id);
  }
  static Key key_of(const Record& record) {
    return key(record.subject, record.subject_id, record.notice);
  }
  static Bytes encode(const Record&) { return {}; }
  static Record decode(ByteView key, ByteView value);
};

// Every table above, by name: the tables the register's fold writes.
std::vector<std::string> view_table_names();

// --- typed access over the ViewStore seam ---------------------------------------------------

// Throws IntegrityError naming `table`: a stored record that does not decode is damage to the
// file (a value out of range, a day no calendar has), never the caller's bad input.
[[noreturn]] void damaged_record(std::string_view table, const Error& error);

// Table::decode of a stored record, with any error it meets reported as damage to `Table`.
template <typename Table>
typename Table::Record decode_stored(ByteView key, ByteView value) {
  try {
    return Table::decode(key, value);
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::kIntegrityError) throw;
    damaged_record(Table::kName, error);
  }
}

template <typename Table, typename... Parts>
std::optional<typename Table::Record> find(const ViewStore& views, const Parts&... parts) {
  const auto key = Table::key(parts...);
  const auto value = views.get(Table::kName, view_of(key));
  if (!value) return std::nullopt;
  return decode_stored<Table>(view_of(key), *value);
}

template <typename Table>
void put(ViewStore& views, const typename Table::Record& record) {
  const auto key = Table::key_of(record);
  views.put(Table::kName, view_of(key), Table::encode(record));
}

// put() for a record whose key is past every key of the table (ids that only grow).
template <typename Table>
void append(ViewStore& views, const typename Table::Record& record) {
  const auto key = Table::key_of(record);
  views.append(Table::kName, view_of(key), Table::encode(record));
}

// Puts the record only if its key is absent; otherwise writes nothing and returns the record
// already stored.
template <typename Table>
std::optional<typename Table::Record> insert(ViewStore& views,
                                             const typename Table::Record& record) {
  const auto key = Table::key_of(record);
  const auto stored = views.insert(Table::kName, view_of(key), Table::encode(record));
  if (!stored) return std::nullopt;
  return decode_stored<Table>(view_of(key), *stored);
}

template <typename Table, typename... Parts>
void erase(ViewStore& views, const Parts&... parts) {
  const auto key = Table::key(parts...);
  views.erase(Table::kName, view_of(key));
}

// Calls visit(record) for every record whose key starts with key(prefix_parts...), in key
// order, until it returns false. With no parts, the whole table.
template <typename Table, typename Visit, typename... Parts>
void scan(const ViewStore& views, Visit&& visit, const Parts&... prefix_parts) {
  auto decode = [&](ByteView key, ByteView value) {
    return visit(decode_stored<Table>(key, value));
  };
  if constexpr (sizeof...(Parts) == 0) {
    views.scan(Table::kName, {}, decode);
  } else {
    const auto prefix = Table::key(prefix_parts...);  // built in place: no allocation
    views.scan(Table::kName, view_of(prefix), decode);
  }
}

template <typename Table>
std::uint64_t count(const ViewStore& views) {
  return views.count(Table::kName);
}

}  // namespace taizhang::model

// The records the register reads back: an asset's current state, a party, an actor, a disposal,
// a notice, an allocation, a valuation, an audit finding, and the filters and tables of listings.
// Plain values, filled by the domain's queries from the views and returned by the Registry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "taizhang/asset.h"
#include "taizhang/entry.h"
#include "taizhang/export.h"

namespace taizhang {

// An enrolled actor as the views know it.
struct Actor {
  std::uint64_t id = 0;
  Role role = Role::kAuditor;
  std::string jurisdiction;
  std::string name;
  std::uint64_t party = 0;  // the unit it acts for (a department's own party); 0: its place's
};

struct Party {
  std::uint64_t id = 0;
  PartyRegistered data;
};

// An asset's current state.
struct Asset {
  std::uint64_t id = 0;
  std::string code;
  AssetClass asset_class = AssetClass::kPublicWelfare;
  AssetDescription description;
  std::uint64_t description_sequence = 0;  // the entry a correction must name
  AssetStatus status = AssetStatus::kInUse;
  std::vector<OwnerShare> owners;
  std::uint64_t registered_sequence = 0;
  Date registered;
  std::uint64_t last_sequence = 0;
  AssetStatus status_before_disposal = AssetStatus::kInUse;  // while a disposal is pending
  Date inspected;           // the latest inspection or stocktaking; Date() if none
  std::string certificate;  // the ownership certificate's number (确权证书); empty if none
};

// One entry of an asset's history.
struct HistoryItem {
  std::uint64_t sequence = 0;
  std::int64_t recorded_micros = 0;
  Date effective;
  std::uint64_t actor = 0;
  std::string description;
  Body body;
};

// A disposal request as the views keep it.
struct Disposal {
  enum class State : std::uint16_t { kOpen = 0, kRejected = 1, kWithdrawn = 2, kExecuted = 3 };
  std::uint64_t id = 0;  // the request's sequence number
  std::uint64_t asset = 0;
  DisposalMethod method = DisposalMethod::kScrapping;
  State state = State::kOpen;
  std::uint64_t requester = 0;  // actor
  // The chain, fixed at the request: each step's kind and, for per-village steps, the village
  // collective it belongs to (0 otherwise).
  std::vector<std::pair<DisposalStepKind, std::uint64_t>> chain;
  std::size_t next_step = 0;
  std::vector<std::uint64_t> signers;  // actors who signed steps, in order
  // The day of the latest act of the chain (the request, a step, a meeting, a notice's last
  // day): the next act may not be earlier (docs/rules.md §5).
  Date last_day;
  Money appraised;  // the appraisal an auction or a transfer rests on; zero without one
  Date executed;    // the day of execution; Date() until executed
  std::uint64_t result_notice = 0;  // the notice publishing the result; 0 until published
  std::vector<OwnerShare> owners;   // a correction of ownership: the owners it gives
};

// A notice as posted, and whether an objection to it was upheld.
struct NoticeRecord {
  std::uint64_t id = 0;
  NoticePosted notice;
  bool upheld = false;
};

// A recorded allocation: the owners' parts it allocated, when, and the notice of its results.
struct AllocationRecord {
  std::uint64_t id = 0;     // the AllocationRecorded entry
  std::uint64_t owner = 0;  // the owner it was limited to; 0: every owner's part
  Date day;
  std::uint64_t result_notice = 0;                             // 0 until its results are published
  std::vector<std::pair<std::uint64_t, std::uint64_t>> parts;  // (income, owner)
};

// One owner's part of an income or of disposal proceeds (docs/rules.md §2, §4): split from the
// whole by the owners' shares with the largest-remainder rule.
struct IncomePart {
  std::uint64_t income = 0;  // the IncomeRecorded (or DisposalExecuted) entry
  std::uint64_t asset = 0;
  std::uint64_t owner = 0;
  Share share = Share::of(1, 1);
  Money amount;
  PartDisposition disposition = PartDisposition::kAllocate;
  bool restricted = false;       // disposal proceeds
  std::uint64_t allocation = 0;  // the AllocationRecorded entry; 0 until allocated
  std::uint64_t plan = 0;        // the plan that allocated it
  Date from;                     // the income's earning period
  Date until;
};

// Filters for listing assets; empty members match everything.
struct AssetFilter {
  std::string division;  // a village, township or county code: assets within it
  std::optional<std::uint64_t> owner;
  std::optional<AssetClass> asset_class;
  std::optional<AssetStatus> status;
};

// Who holds one of an asset's rights on a date.
struct RightHolder {
  RightKind right = RightKind::kOwnership;
  std::uint64_t party = 0;
  Share share = Share::of(1, 1);  // for ownership (and disposal following it): the owner's share
  bool follows_owner = false;     // ownership, and disposal when not bound otherwise
};

// An inspection as the views keep it (the entry has the rest).
struct InspectionRecord {
  std::uint64_t sequence = 0;
  Date day;
  Condition condition = Condition::kGood;
};

// An asset's value as of a date (docs/rules.md §6): original value less depreciation, by the
// policy defaults (straight line over the category's life, the regime of its first owner).
struct Valuation {
  std::uint64_t asset = 0;
  Money original;
  Money accumulated_depreciation;
  Money impairment;    // accumulated write-offs
  Money revaluation;   // net revaluations
  Money improvements;  // capitalised, before their own depreciation
  Money book_value;
  std::optional<Money> appraised;            // the latest appraisal on or before the date
  std::optional<DepreciationRegime> regime;  // none when the category is not depreciated
  std::int32_t life_months = 0;
};

// The level at which an asset is owned: by its owners' kinds.
enum class OwnershipLevel : std::uint16_t {
  kUnconfirmed = 0,  // no confirmed owners yet
  kHousehold = 1,    // a household
  kVillage = 2,      // village collectives and villager groups
  kTownship = 3,     // townships
  kCounty = 4,       // county departments and platform companies
  kMixed = 5,        // owners at several levels, or enterprises and cooperatives
};
TAIZHANG_EXPORT std::string_view name_of(OwnershipLevel level);
// "open", "rejected", "withdrawn", "executed".
TAIZHANG_EXPORT std::string_view name_of(Disposal::State state);

// Assets as columns, for tables with a million rows (the Python DataFrame): numbers as they
// are, repeated text dictionary-coded (`names[name[i]]`), enumerations as their numbers.
struct AssetTable {
  std::vector<std::uint64_t> id;
  std::vector<std::string> code;
  std::vector<std::uint16_t> asset_class, status, category, form;
  std::vector<std::uint32_t> name, division, unit;  // indexes into the dictionaries below
  std::vector<std::string> names, divisions, units;
  std::vector<std::int64_t> original_fen, quantity_milli;
  std::vector<std::int32_t> completed_day, registered_day;
  std::vector<std::uint32_t> owner_count;
  std::vector<std::uint64_t> first_owner;              // 0 when unconfirmed
  std::vector<std::uint32_t> certificate, project_id;  // indexes into the dictionaries below
  std::vector<std::string> certificates, project_ids;
  std::vector<std::int32_t> inspected_day;  // 0 when never inspected or stocktaken
};

// One value of a finding's evidence, by name: what the evidence text says, for reading without
// parsing the text. `name` is a literal ("owner", "amount_fen", "until", ...); amounts are fen
// and their names end in "_fen". Text only where the value is words (a share, a list's name).
struct FindingDetail {
  enum class Kind : std::uint8_t { kText = 0, kNumber = 1, kFen = 2, kDate = 3 };
  const char* name = "";
  Kind kind = Kind::kText;
  std::int64_t number = 0;  // kNumber; kFen: fen; kDate: days since 1970-01-01 (0: none)
  std::string text;         // kText
};

// One audit finding (docs/rules.md §7): which rule, which asset, and the evidence as values by
// name (`details`), from which evidence() writes its line of text when asked (in English;
// evidence_zh in Chinese): an audit of a million assets writes no text that nobody reads.
struct Finding {
  std::string rule;  // "unconfirmed_ownership", "no_maintenance_binding", ...
  std::uint64_t asset = 0;
  std::string asset_code;
  std::string division;
  std::vector<FindingDetail> details;

  // The evidence as a line of English text ("owner 12's part (1/3, 1000.00 yuan) of income 40
  // earned until 2026-06-30 is unallocated"), written from `details`.
  TAIZHANG_EXPORT std::string evidence() const;

  // The detail named `name`, or nullptr.
  const FindingDetail* detail(std::string_view name) const {
    for (const FindingDetail& d : details) {
      if (name == d.name) return &d;
    }
    return nullptr;
  }
};

// The evidence in Chinese, for county staff: written from `details` (not from the English
// text), with amounts in 元 (two decimals, exact), dates as YYYY-MM-DD and parties as 主体 N.
TAIZHANG_EXPORT std::string evidence_zh(const Finding& finding);

// One payment of a recorded allocation: from which owner's part of which income, by which line
// of which plan.
struct Payment {
  std::uint64_t allocation = 0;
  std::uint64_t income = 0;
  std::uint64_t owner = 0;
  Share owner_share = Share::of(1, 1);
  std::uint64_t plan = 0;
  std::string line;
  std::string purpose;      // "guaranteed_return" for a guarantee line
  std::uint64_t party = 0;  // 0 where the line has no party
  Money amount;
};

// Exact counts and sums for one group of a summary.
struct SummaryRow {
  std::string division;  // township code (or the county's for county-level assets)
  AssetClass asset_class = AssetClass::kPublicWelfare;
  OwnershipLevel level = OwnershipLevel::kUnconfirmed;
  std::uint64_t assets = 0;
  Money original;
};

}  // namespace taizhang

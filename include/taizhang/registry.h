// The Registry: a county's asset register on top of the ledger (docs/architecture.md §3).
//
// Every write is a request checked against the acting actor's role and jurisdiction and the
// rules of docs/rules.md, turned into entries, and applied by the domain fold inside the ledger's
// write transaction: a refused request writes nothing. Reads come from the views the fold keeps.
// Ids of parties and assets are the sequence numbers of the entries that registered them.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "taizhang/asset.h"
#include "taizhang/codes.h"
#include "taizhang/depreciation.h"
#include "taizhang/entry.h"
#include "taizhang/export.h"
#include "taizhang/keys.h"
#include "taizhang/ledger.h"
#include "taizhang/records.h"
#include "taizhang/register_fold.h"

namespace taizhang {

// Who acts, when the change takes effect, the request id (random if left zero), and the
// actor's signature: `signer` holding the actor's enrolled key, or, for systems that keep keys
// elsewhere, `signature`, a signature record (Signer::sign_record) made over
// Registry::signing_bytes() of the request. A request without either is refused.
struct WriteContext {
  std::uint64_t actor = 0;
  Date effective;
  RequestId request_id{};
  const Signer* signer = nullptr;
  Bytes signature;
};

// The writes the registry accepts; each becomes one entry.
using RegistryWrite =
    std::variant<ActorKeyEnrolled, DivisionDefined, PartyRegistered, AssetRegistered,
                 AssetStatusChanged, OwnershipConfirmed, AssetCorrected, RightBound,
                 OperationContracted, MaintenanceBound, Inspected, ValueChanged,
                 DepreciationPlanned, UnitsRecorded, PolicyDefined, DisposalRequested, DisposalStep,
                 DisposalWithdrawn, DisposalExecuted, IncomeRecorded, BeneficiaryChanged,
                 PlanApproved, AllocationRecorded, ResolutionAdopted, NoticePosted,
                 ObjectionRecorded, ActorKeyRotated, ActorKeyRevoked, AssetHandedOver>;

struct RegistryRequest {
  WriteContext context;
  RegistryWrite write;
  // Officials' signatures over approval_message(): disposal steps carry the acting official's.
  std::vector<Approval> approvals;
};

// The bytes an official signs to approve `request` in the register whose id (its log key as
// verifier text, Ledger::log_verifier().text()) is `register_id`; its context must carry a
// request id.
TAIZHANG_EXPORT Bytes approval_message(std::string_view register_id,
                                       const RegistryRequest& request);

// The bytes the actor signs for `requests`, submitted together as one request of the register
// `register_id` (the first one's context must carry the request id).
TAIZHANG_EXPORT Bytes request_message(std::string_view register_id,
                                      std::span<const RegistryRequest> requests);

// The signed ledger request that Registry::submit appends for `requests` (one or more, by one
// actor, landing together): for a CommitClient (service.h) in another process. Without a
// request id the first context gets a fresh one here, so a retry of the returned request after a
// lost connection is recognised. The ids of what it registers are first_sequence onwards.
TAIZHANG_EXPORT AppendRequest append_request(std::string_view register_id,
                                             std::span<const RegistryRequest> requests);
inline AppendRequest append_request(std::string_view register_id, const RegistryRequest& request) {
  return append_request(register_id, std::span(&request, 1));
}

class TAIZHANG_EXPORT Registry {
 public:
  // Creates the register and enrols its first county registrar (actor 1) with
  // `registrar_public_key` (Ed25519), the only actor the register itself may enrol: the
  // enrolment, and the first policy version, are signed by `log_key`, the county's key.
  static Registry create(const std::string& directory, const RegisterInfo& info,
                         const Signer& log_key, ByteView registrar_public_key,
                         LedgerOptions options = {});
  // The same, with the registrar's name as the register shows it (history, notices); the
  // other form names it "county registrar".
  static Registry create(const std::string& directory, const RegisterInfo& info,
                         const Signer& log_key, ByteView registrar_public_key,
                         const std::string& registrar_name, LedgerOptions options = {});
  static Registry open(const std::string& directory, LedgerOptions options = {});

  Registry(Registry&&) noexcept;
  Registry& operator=(Registry&&) noexcept;
  ~Registry();

  Ledger& ledger();
  const Ledger& ledger() const;

  // Applies the requests as one request of the log, under one signature, atomically: they must
  // be by one actor, and the first context carries the request id (random if zero) and the
  // signer or signature (the others' are ignored). Returns each one's entry sequence number (the
  // new id for a registration). Throws the first refusal; nothing of the batch is written then.
  std::vector<std::uint64_t> submit(std::span<const RegistryRequest> requests);
  // One request; requests submitted this way by many threads at once are committed together in
  // shared transactions (each still lands or fails on its own).
  std::uint64_t submit(const RegistryRequest& request);
  // Checks that the requests would be accepted now, as submit would, and writes nothing.
  void check(std::span<const RegistryRequest> requests);
  // Adds a whole division table (parse_division_csv's rows) in one batch by `context`.
  void define_divisions(const WriteContext& context, const std::vector<Division>& divisions);

  // The register's origin (the name in its checkpoints), and its id, which every signature in it
  // names: the log key as verifier text.
  const std::string& origin() const;
  const std::string& register_id() const;
  // What the actor signs for `requests` (request_message() under this register's origin), and
  // what an official signs to approve `request`.
  Bytes signing_bytes(std::span<const RegistryRequest> requests) const;
  Bytes approval_bytes(const RegistryRequest& request) const;

  // Reads.
  // The policy version `version`, or the latest; NotFound if there is no such version.
  PolicyDefined policy(std::optional<std::uint32_t> version = std::nullopt) const;
  std::optional<Actor> find_actor(std::uint64_t id) const;
  // Every enrolled actor's id, ascending.
  std::vector<std::uint64_t> actor_ids() const;
  std::optional<Party> find_party(std::uint64_t id) const;
  std::optional<Asset> find_asset(std::uint64_t id) const;
  Asset get_asset(std::uint64_t id) const;  // NotFound if absent
  std::optional<Asset> find_asset_by_code(std::string_view code) const;
  std::vector<Asset> assets(const AssetFilter& filter = {}) const;
  // The same assets as assets(filter), as columns, read in one pass without decoding records.
  AssetTable asset_table(const AssetFilter& filter = {}) const;
  // The assets of `filter` as they stood on `day` (registered by then; each replayed through
  // its history), as columns.
  AssetTable asset_table_as_of(const AssetFilter& filter, Date day) const;
  std::vector<Party> parties() const;
  // The division table, every version, by code then first day.
  std::vector<Division> divisions() const;
  std::vector<HistoryItem> history(std::uint64_t asset) const;
  // The asset as it stood after entry `sequence` / on date `day` (the entries effective on or
  // before it). NotFound if it did not exist yet.
  Asset asset_as_of_sequence(std::uint64_t asset, std::uint64_t sequence) const;
  Asset asset_as_of_date(std::uint64_t asset, Date day) const;
  // The holders of every right of the asset on `day`: ownership and (unless bound) disposal
  // follow the owners; other rights are their bindings in force that day.
  std::vector<RightHolder> rights(std::uint64_t asset, Date day) const;
  // The current operation contract and maintenance binding, if any.
  std::optional<OperationContracted> operation(std::uint64_t asset) const;
  std::optional<MaintenanceBound> maintenance(std::uint64_t asset) const;
  std::vector<InspectionRecord> inspections(std::uint64_t asset) const;

  // Every asset completed on or before `as_of` (whenever it was registered), valued as of
  // that date.
  std::vector<Valuation> valuation(Date as_of) const;
  // The audit findings as of `as_of` (docs/rules.md §7), asset by asset in id order, with the
  // limits (PolicyDefined::audit) of the policy version in force on `as_of`:
  // unconfirmed_ownership, no_maintenance_binding, inspection_overdue, operating_asset_idle
  // (status idle or inefficient, or no income for operating_without_income days),
  // contract_expiring (within contract_expiring days), contract_expired, funding_mismatch,
  // shares_not_one, income_not_allocated (an owner's part income_unallocated days after its
  // period), disposal_proceeds_not_reallocated (the same for a collective owner's part of
  // disposal proceeds), guarantee_not_paid (a contract year's guaranteed return against what its
  // operator paid), beneficiary_paid_after_removal (a payment for months a removal entered later
  // took away), allocation_result_not_published (no notice of its results within
  // result_unpublished days).
  std::vector<Finding> audit(Date as_of) const;
  // Every recorded allocation, in order.
  std::vector<AllocationRecord> allocations() const;
  // The payments an AllocationRecorded entry made, part by part in plan order; NotFound if
  // there is none.
  std::vector<Payment> allocation(std::uint64_t id) const;
  // Every payment made from owners' parts of `income` (all when none) of `owner` (all when none).
  std::vector<Payment> payments(std::optional<std::uint64_t> income = std::nullopt,
                                std::optional<std::uint64_t> owner = std::nullopt) const;
  // The owners' parts of `income` (all incomes' when none): each owner's share of it, whether it
  // is allocated by a plan, its own or remitted, and the allocation that took it.
  std::vector<IncomePart> income_parts(std::optional<std::uint64_t> income = std::nullopt) const;
  std::vector<Disposal> disposals() const;
  // Notices posted on boards within `division` (every notice when empty), in order.
  std::vector<NoticeRecord> notices(const std::string& division = "") const;
  std::optional<Disposal> find_disposal(std::uint64_t id) const;
  // Open disposals whose next step `actor` may sign (by role and jurisdiction).
  std::vector<Disposal> pending_approvals(std::uint64_t actor) const;
  // Counts and original values by township, class and ownership level, exact.
  std::vector<SummaryRow> summary() const;

  struct Impl;

 private:
  explicit Registry(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace taizhang

namespace taizhang {

// The county's identity key: personal identity numbers are stored only as HMAC-SHA-256 under
// this key, which is kept outside the ledger (a file of mode 0600 beside the county's signing
// key), so the register never holds a number in the clear and cannot be searched without it.
class TAIZHANG_EXPORT IdentityKey {
 public:
  static IdentityKey generate();
  static IdentityKey from_bytes(ByteView key);  // 32 bytes
  // NotFound for a missing file, Unauthorized for one readable by group or others.
  static IdentityKey load(const std::string& path);
  void save(const std::string& path) const;  // mode 0600; Conflict if the file exists
  ~IdentityKey();

  // Validates the identity number (InvalidInput naming `field`, the number redacted) and
  // returns its keyed hash.
  Bytes hash(std::string_view identity_number, std::string_view field = "identity_number") const;

 private:
  IdentityKey() = default;
  std::array<std::uint8_t, 32> key_{};
};

}  // namespace taizhang

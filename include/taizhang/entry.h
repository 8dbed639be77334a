// Entries: the records of the log, as C++ values, and their canonical encoding.
//
// The wire form is the Cap'n Proto struct Entry of schemas/taizhang/entry.capnp in canonical
// form. encode_entry() and decode_entry() are inverse: decode refuses anything that
// encode_entry() would not have produced (wrong word alignment, non-canonical layout, unknown
// body, wrong lengths), so a stored entry has exactly one byte representation.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "taizhang/asset.h"
#include "taizhang/bytes.h"
#include "taizhang/date.h"
#include "taizhang/disposal.h"
#include "taizhang/export.h"
#include "taizhang/income.h"
#include "taizhang/key_algorithm.h"
#include "taizhang/policy.h"
#include "taizhang/publicity.h"

namespace taizhang {

// Of entries and of the LMDB layout. 2: every request signed by its actor, keys with their
// algorithm, approvals naming the register. 3: income split into owners' parts, each allocated
// by its owner's plan in force for the income's own period.
constexpr std::uint32_t kFormatVersion = 4;

constexpr std::size_t kRequestIdSize = 16;
using RequestId = std::array<std::uint8_t, kRequestIdSize>;
constexpr std::size_t kPublicKeySize = 32;

// What an actor may do (docs/rules.md §8). Persisted: do not renumber.
enum class Role : std::uint16_t {
  kCountyRegistrar = 0,
  kCountyRuralRevitalization = 1,
  kCountyFinance = 2,
  kCountyGovernment = 3,
  kSectorDepartment = 4,
  kTownshipGovernment = 5,
  kVillageCommittee = 6,
  kVillageAssembly = 7,
  kHousehold = 8,
  kOperator = 9,
  kAuditor = 10,
};
constexpr std::uint16_t kRoleMax = 10;

TAIZHANG_EXPORT std::string_view role_name(Role role);
// Parses "county_registrar", "village_committee", ...; InvalidInput naming `field` otherwise.
TAIZHANG_EXPORT Role parse_role(std::string_view text, std::string_view field = "role");

// The first entry of every log (sequence 0).
struct RegisterInitialized {
  std::uint32_t format_version = kFormatVersion;
  std::string county_code;  // 12-digit division code (区划代码)
  std::string county_name;
  std::string origin;    // the checkpoint origin line
  Bytes log_public_key;  // 32 bytes, Ed25519
};

// An actor and its key, enrolled by a county registrar (the first registrar by the register's
// log key, at create).
struct ActorKeyEnrolled {
  std::uint64_t actor = 0;  // >= 1
  std::string name;
  Role role = Role::kAuditor;
  std::string jurisdiction;  // 12-digit division code
  Bytes public_key;          // 32 bytes for Ed25519
  KeyAlgorithm algorithm = KeyAlgorithm::kEd25519;
  // The unit the actor acts for, when its place does not say: a sector department's or a
  // platform company's official proposes disposals of that party's assets only. 0: none.
  std::uint64_t party = 0;
};

// An enrolled actor's key replaced by a new one, from this entry on: by a county registrar, the
// log key, or the actor itself with its current key.
struct ActorKeyRotated {
  std::uint64_t actor = 0;
  Bytes public_key;
  KeyAlgorithm algorithm = KeyAlgorithm::kEd25519;
  std::string reason;
};

// An enrolled actor's key withdrawn: nothing it signs is accepted from this entry on, until a
// rotation gives it a new key. By a county registrar, the log key, or the actor itself.
struct ActorKeyRevoked {
  std::uint64_t actor = 0;
  std::string reason;
};

// Every kind of change. The order of the alternatives is not persisted (the schema's union
// ordinals are); new kinds go at the end.
using Body =
    std::variant<RegisterInitialized, ActorKeyEnrolled, DivisionDefined, PartyRegistered,
                 AssetRegistered, AssetStatusChanged, OwnershipConfirmed, AssetCorrected,
                 RightBound, OperationContracted, MaintenanceBound, Inspected, ValueChanged,
                 DepreciationPlanned, UnitsRecorded, PolicyDefined, DisposalRequested, DisposalStep,
                 DisposalWithdrawn, DisposalExecuted, IncomeRecorded, BeneficiaryChanged,
                 PlanApproved, AllocationRecorded, ResolutionAdopted, NoticePosted,
                 ObjectionRecorded, ActorKeyRotated, ActorKeyRevoked, AssetHandedOver>;

// The kind of a body, as the stable English key every face uses ("asset_registered", ...).
TAIZHANG_EXPORT std::string_view body_kind(const Body& body);
// Every kind, in the order of Body's alternatives.
TAIZHANG_EXPORT std::span<const std::string_view> body_kinds();

// The Chinese name people read for a stable English key: an entry kind ("asset_registered":
// 资产登记) or an audit rule ("not_stocktaken": 未按期清查); the key itself when it has none.
// One table for the command line, the notice and Python (taizhang.labels_zh).
TAIZHANG_EXPORT std::string_view chinese_label(std::string_view key);
TAIZHANG_EXPORT std::span<const std::pair<std::string_view, std::string_view>> chinese_labels();

struct Approval {
  std::uint64_t signer = 0;  // an enrolled actor
  Bytes signature;           // over approval_message(origin, entry), in the signer's algorithm
};

struct Entry {
  std::uint64_t sequence = 0;        // assigned by the ledger
  std::int64_t recorded_micros = 0;  // assigned by the ledger
  Date effective;
  std::uint64_t actor = 0;
  RequestId request_id{};
  Body body;
  std::vector<Approval> approvals;
  // The request's signature by its actor (signature_record form: algorithm byte, signature), on
  // the last entry of each request; empty on the others. See request_message().
  Bytes signature;
};

// Canonical bytes of `entry`. Throws InvalidInput naming the field for a value that may not be
// stored (wrong key or signature length, a division code that is not 12 digits, empty names).
TAIZHANG_EXPORT Bytes encode_entry(const Entry& entry);
// Throws IntegrityError for bytes that are not the canonical encoding of a valid entry.
TAIZHANG_EXPORT Entry decode_entry(ByteView bytes);
// What an approval signs: a tag, the register's id, then the entry with sequence, recorded
// time, approvals and signature zeroed. The register's id is its log key as verifier text
// (`Ledger::log_verifier().text()`: origin, key id and public key), so an approval is worthless
// in any other register, even one made again under the same origin.
TAIZHANG_EXPORT Bytes approval_message(std::string_view register_id, const Entry& entry);

// What a request's actor signs: a tag, the register's id (as for approvals), the actor, the
// request id, the
// number of entries and the SHA-256 of the entries (each as a 4-byte length and its canonical
// form, with placeholder stamps and no signature: actor, effective date, body and approvals).
// `entries` must all name `actor`; their own request ids, sequences, times and signatures are
// ignored.
TAIZHANG_EXPORT Bytes request_message(std::string_view register_id, std::uint64_t actor,
                                      const RequestId& request_id, std::span<const Entry> entries);

// A short human description of the body, for history listings: "actor 3 enrolled (...)".
TAIZHANG_EXPORT std::string describe_body(const Body& body);
// The same facts in Chinese, for county staff ("资产 12 状态变更为 闲置"; amounts in 元, the
// enumerations by taizhang/chinese.h). The command line's history prints it unless --lang en.
TAIZHANG_EXPORT std::string describe_body_zh(const Body& body);

}  // namespace taizhang

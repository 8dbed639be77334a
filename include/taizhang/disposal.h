// Disposal (处置) of an asset, only through its chain of signed approvals (docs/rules.md §5).
//
// The chain is fixed when the request is made, from the policy in force and who owns the
// asset: a household declares (recorded by its village committee); village collectives each
// propose, resolve in assembly with a quorum and publish for the policy's days, then the
// township approves and the county rural-revitalization and finance bureaus consent; state
// owners (townships, departments) propose and the finance bureau approves, with the county
// government above the policy's book-value threshold. Each step is an entry signed with the
// acting official's own enrolled key; no official signs two steps of one request; a rejection
// ends it; the requester may withdraw before execution.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/asset.h"
#include "taizhang/bytes.h"
#include "taizhang/date.h"
#include "taizhang/export.h"
#include "taizhang/money.h"

namespace taizhang {

// Persisted: do not renumber.
enum class DisposalTrigger : std::uint16_t {
  kDisaster = 0,
  kPlanChange = 1,
  kEndOfLife = 2,
  kIdleChangeOfUse = 3,
  kDividendExpired = 4,
  kSuperseded = 5,
  kOther = 6,
};
enum class DisposalMethod : std::uint16_t {
  kAuction = 0,
  kTransfer = 1,
  kChangeOfUse = 2,
  kSuspension = 3,
  kLossReport = 4,
  kScrapping = 5,
  kWriteOff = 6,
  kFreeTransfer = 7,
  kDonation = 8,
  kExchange = 9,
  // Not a disposal: the correction of a registration error in the owners (docs/rules.md §2),
  // approved by the chain a disposal of the asset would need; executing it gives the owners the
  // request names and the asset stays as it was.
  kOwnershipCorrection = 10,
};
enum class DisposalStepKind : std::uint16_t {
  kHouseholdDeclaration = 0,
  kCommitteeProposal = 1,
  kAssemblyResolution = 2,
  kPublicity = 3,
  kTownshipApproval = 4,
  kRuralRevitalizationConsent = 5,
  kFinanceConsent = 6,
  kDepartmentProposal = 7,
  kFinanceApproval = 8,
  kGovernmentApproval = 9,
};

TAIZHANG_EXPORT std::string_view name_of(DisposalTrigger value);
TAIZHANG_EXPORT std::string_view name_of(DisposalMethod value);
TAIZHANG_EXPORT std::string_view name_of(DisposalStepKind value);
TAIZHANG_EXPORT DisposalTrigger parse_disposal_trigger(std::string_view text,
                                                       std::string_view field);
TAIZHANG_EXPORT DisposalStepKind parse_disposal_step_kind(std::string_view text,
                                                          std::string_view field);
// Refuses "pledge" (质押) by name: pledging the assets as collateral is prohibited.
TAIZHANG_EXPORT DisposalMethod parse_disposal_method(std::string_view text, std::string_view field);

struct DisposalRequested {
  std::uint64_t asset = 0;
  DisposalTrigger trigger = DisposalTrigger::kOther;
  DisposalMethod method = DisposalMethod::kScrapping;
  std::string reasons;
  std::vector<Hash> evidence;
  std::uint64_t appraisal = 0;  // sequence of the appraisal entry; auction and transfer need one
  // The owners the asset has after execution: required for an ownership correction; for a
  // transfer, exchange or free transfer to parties in the register (the asset stays on the
  // register with them); empty otherwise (the asset leaves with its counterparty).
  std::vector<OwnerShare> owners;
};

struct DisposalStep {
  std::uint64_t request = 0;
  std::uint16_t step = 0;
  bool approve = true;
  std::string note;
  std::uint64_t resolution = 0;  // approving assembly-resolution steps: the ResolutionAdopted id
  std::uint64_t notice = 0;      // approving publicity steps: the NoticePosted id
};

struct DisposalWithdrawn {
  std::uint64_t request = 0;
  std::string reason;
};

struct DisposalExecuted {
  std::uint64_t request = 0;
  std::string counterparty;  // required but for a correction of ownership
  Money proceeds;
  // The owners the asset has after execution: exactly the request's (a correction's, or the
  // receivers in the register), so the entry alone says what became of the asset; empty when it
  // leaves the register.
  std::vector<OwnerShare> owners;
};

}  // namespace taizhang

// What the register's fold shares with the queries that read its views.
#pragma once

#include "taizhang/entry.h"
#include "taizhang/records.h"

namespace taizhang::domain {

// The pure state transition of an asset under one of its entries (registration, status change,
// ownership, correction, disposal); the fold calls it after checking the rules, and as-of
// queries replay an asset's history through it. Other bodies leave the asset as it is.
// `sequence` is where the entry stands in the log.
void advance_asset(Asset& asset, const Entry& entry, std::uint64_t sequence);

// Which roles sign which step of a disposal chain (docs/rules.md §5); jurisdiction is separate.
bool may_sign_step(Role role, DisposalStepKind kind);

}  // namespace taizhang::domain

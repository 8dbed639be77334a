// The register's fold: the one pure function from the log to every view of a county register.
#pragma once

#include <memory>

#include "taizhang/export.h"
#include "taizhang/views.h"

namespace taizhang {

// The fold that derives the register's views; `Registry` installs it, and a Ledger opened on a
// register directly may install it too (to verify deeply, for example).
TAIZHANG_EXPORT std::shared_ptr<const Fold> register_fold();

}  // namespace taizhang

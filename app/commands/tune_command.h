#pragma once
// `gradscape tune`: every racer tuned by the same criterion within the same step budget (maps/tune.h),
// printed as a table: racer, what was tuned, its values before and after, and the criterion's figures.

#include "commands/tune_options.h"

namespace gradscape {

/// Runs the command; returns the exit status (exit_status.h).
int tuneCommand(const TuneOptions& options);

}  // namespace gradscape

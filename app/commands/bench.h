#pragma once
// `gradscape bench`: in-process speed figures for the closing notes; nothing here is asserted by tests.

#include "commands/bench_options.h"

namespace gradscape {

/// Runs every measurement and prints it; returns the exit status.
int benchCommand(const BenchOptions& options);

}  // namespace gradscape

#pragma once
// `gradscape run`: race optimizers on a landscape without a window and print every iterate.

#include "commands/run_options.h"

namespace gradscape {

/// Runs `gradscape run`: 0 on success; 2 with one line on stderr naming what is wrong (an option, a
/// race past the limits of checkRaceSize, an --out that can never be written: a folder, a device, a
/// missing folder), before any work; 1 when writing fails (a full disk), with --out's previous file left
/// whole through AtomicFile.
int runCommand(const RunOptions& options);

}  // namespace gradscape

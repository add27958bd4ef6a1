#pragma once
// `gradscape map basins|params`: a map computed on every core with a progress bar on standard error,
// written as a PNG (one block per cell) and, with --csv, one row per cell.

#include "commands/map_options.h"

namespace gradscape {

/// The requests the options describe, one per racer (several only for basins: small multiples), every
/// value checked (throws std::invalid_argument naming the option). Defaults: basins over the landscape's
/// box; params over lr from 1/100 to 100 times the racer's (log) and the first of momentum, beta1, alpha
/// (over [0, 0.99]) or weight-decay (over [0, 1]) the racer reads.
std::vector<MapRequest> mapRequestsFor(const MapOptions& options, const Landscape& landscape);

/// Runs the command; returns the exit status (exit_status.h).
int mapCommand(const MapOptions& options);

}  // namespace gradscape

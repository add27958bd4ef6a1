#pragma once
// Trajectories as data for scripts and slides: CSV and JSON.

#include "optimizers/optimizer.h"
#include "optimizers/trajectory.h"

#include <ostream>
#include <string>
#include <vector>

namespace gradscape {

/// One optimizer's run as exported: what it was, and where it went.
struct ExportedRun {
    OptimizerSettings settings;
    const Trajectory* trajectory = nullptr;
};

/// CSV: the header "optimizer,id,label,step,x,y,loss", then one row per iterate, step 0 being the start
/// point: the kind, the racer's id and its label (racerLabels over these runs, quoted as RFC 4180 asks when
/// it holds a comma or a quote), numbers with 17 significant digits (enough to read back the same doubles).
void writeCsv(std::ostream& out, const std::vector<ExportedRun>& runs);

/// JSON: {"landscape": NAME, "optimizers": [{"optimizer", "id", "label", "hyperparameters", "start",
/// "divergedAtStep" (null if none), "step": [...], "x": [...], "y": [...], "loss": [...]}, ...]}.
void writeJson(std::ostream& out, const std::string& landscape, const std::vector<ExportedRun>& runs);

}  // namespace gradscape

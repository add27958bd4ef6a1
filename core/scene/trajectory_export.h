#pragma once
// Trajectories as data for scripts and slides: CSV and JSON. On a network race each run also carries what
// its plane hides: every kept iterate's true step, the true loss beside the plane's loss under it, the
// distance from the plane, and the plane itself named.

#include "optimizers/optimizer.h"
#include "optimizers/trajectory.h"
#include "race/solver.h"
#include "view/loss_plane.h"

#include <ostream>
#include <string>
#include <vector>

namespace gradscape {

/// One optimizer's run as exported: what it was, and where it went.
struct ExportedRun {
    OptimizerSettings settings;
    const Trajectory* trajectory = nullptr;  ///< Never null; on a network, its plane coordinates.
    /// On a network race: the run on its plane (ProjectedPath: each kept iterate's step, coordinates, true
    /// loss, the plane's loss under it, its distance from the plane) and that plane; both null on a 2D
    /// landscape. A run with a projection is written from it (the trajectory gives its divergence), and its
    /// points must be the trajectory's (std::invalid_argument otherwise).
    const ProjectedPath* projection = nullptr;
    const LossPlane* plane = nullptr;
};

/// The runs of a snapshot, as the window exports them: every path's settings and trajectory, and on a
/// network race its projection and the snapshot's plane. Throws std::invalid_argument naming the racer
/// when a network path has grown past its projection: the plane is made anew, and every path projected
/// onto it, only once the race is paused and every path has caught up (while it plays, new iterates get
/// plane coordinates but not the rest).
std::vector<ExportedRun> exportedRuns(const Snapshot& snapshot);

/// CSV: the header "optimizer,id,label,step,x,y,loss", then one row per iterate, step 0 being the start
/// point: the kind, the racer's id and its label (racerLabels over these runs, quoted as RFC 4180 asks when
/// it holds a comma or a quote), numbers with 17 significant digits (enough to read back the same doubles).
/// When a run has a projection (a network race), the header goes on with
/// ",plane_loss,distance,plane,plane_seed,plane_a,plane_b" and each row is a kept iterate: `step` its true
/// step (kept iterates thin out on long runs), x and y its plane coordinates, `loss` the true loss, then the
/// plane's loss under it (empty where it was not computed), its distance from the plane, the plane's kind,
/// its seed (random planes only, empty otherwise) and the names of its axes a and b as the views show them.
void writeCsv(std::ostream& out, const std::vector<ExportedRun>& runs);

/// JSON: {"landscape": NAME, "optimizers": [{"optimizer", "id", "label", "hyperparameters", "start",
/// "divergedAtStep" (null if none), "step": [...], "x": [...], "y": [...], "loss": [...]}, ...]}. A run with
/// a projection has as "step" its kept iterates' true steps and "start" the start's plane coordinates, and
/// adds "planeLoss" (null where not computed), "distance", "explained" (the share of its motion in the
/// plane), "maxDistance", "maxLossGap" and "plane": {"kind", "seed" (null but for random), "description",
/// "a", "b"}.
void writeJson(std::ostream& out, const std::string& landscape, const std::vector<ExportedRun>& runs);

}  // namespace gradscape

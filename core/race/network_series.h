#pragma once
// What the plots show of a racer on a network problem beyond its losses (issue 15): how far its weights
// have moved from the start, how far a linearized racer's weights are from the network's own run (lazy
// training), the plane's loss under each iterate beside the loss the racer had (what the slice hides), and
// the sharpness along the path against the racer's edge of stability (2 / eta for gradient descent).
// The solver works them out on its thread as the path grows and publishes them with the path
// (PathSnapshot::network) while the plots are shown.

#include "view/series_summary.h"

#include <optional>
#include <vector>

namespace gradscape {

struct NetworkSeries {
    /// Steps between two kept iterates: distanceFromStart[j], planeLoss[j] and twinDistance[j] belong to
    /// step j x stride (ParameterPath::keptStride).
    int stride = 1;
    std::vector<double> distanceFromStart;  ///< |w_j - w_0|, in parameter units.
    /// The plane's loss under iterate j: the network's loss at its projection. Empty for a linearized racer
    /// (the plane draws the network's loss, not its model's).
    std::vector<double> planeLoss;
    /// A linearized racer's twin: the racer on the network itself with the same kind and hyperparameters
    /// (else the first racer on the network); 0 when there is none or this racer is not linearized.
    int twinId = 0;
    std::vector<double> twinDistance;  ///< |w_j - w_j of the twin| (the same step), while both have it.
    /// The sharpness lambda_max(H(w)) at steps i x sharpnessStride (the tracking stride, or its least common
    /// multiple with the kept stride); empty when it is not tracked.
    int sharpnessStride = 0;
    std::vector<double> sharpness;
    /// The racer's edge of stability in curvature (sharpnessEdge: 2 / eta for GD); nullopt for the kinds
    /// with no fixed linear step (adaptive, sign, quasi-Newton).
    std::optional<double> edge;
    SeriesSummary distanceSummary, planeLossSummary, twinSummary, sharpnessSummary;
};

}  // namespace gradscape

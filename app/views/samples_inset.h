#pragma once
// The samples of a data landscape, drawn in a small inset of the plot.

#include "session.h"

namespace gradscape {

/// Draws the data in a corner of the plot: one-feature data as (x, y) points with the fit
/// y = w2 tanh(w1 x) of the first racer's current w; two-feature data as points in the feature plane
/// coloured by their target, with the boundary w . x = 0 of the first racer where the targets are labels.
/// Does nothing on a formula landscape.
void drawSamplesInset(ImDrawList* list, const Snapshot& snapshot, const ContourGeometry& plot,
                      ImU32 racerColour);

}  // namespace gradscape

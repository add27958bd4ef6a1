#pragma once
// The data of a network problem in a small inset of the plot, with what the first racer's network makes of
// it now (issue 15, the data view): decision regions behind a classification set's points, the fitted curve
// through a sine set's, predicted against true targets for a set of more inputs. It follows the racer as it
// trains.

#include "session.h"

namespace gradscape {

/// Draws the inset in the lower left corner of the plot; does nothing unless the snapshot races on a network.
void drawNetworkInset(ImDrawList* list, const Snapshot& snapshot, const ContourGeometry& plot, ImU32 racerColour);

}  // namespace gradscape

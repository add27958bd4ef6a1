#pragma once
// The map panel, in the strip under the views: where every start (basins of attraction) or every setting
// (two hyperparameters) of one racer leads, computed coarse to fine in the background. Hovering a cell
// says what its run did; clicking moves the racer's start there (basins) or gives it that setting
// (parameters), and dragging on a parameter map moves the setting live. "Tune every racer" gives each
// racer its best setting within the map's step budget by one criterion, and says so in its legend name.

#include "maps/tune.h"
#include "render/gl/image_texture.h"
#include "session.h"

#include <future>
#include <memory>
#include <vector>

namespace gradscape {

struct MapsPanelState {
    MapsPanelState() = default;
    /// A copy (an export's renderer, another GL context) uploads its own picture: it copies nothing.
    MapsPanelState(const MapsPanelState&) {}
    MapsPanelState& operator=(const MapsPanelState&) { return *this; }

    ImageTexture texture;                    ///< The shown map's picture.
    std::shared_ptr<const MapResult> shown;  ///< The map the texture holds.
    MapColouring shownColouring = MapColouring::Minimum;
    bool dragging = false;  ///< A drag on a parameter map moves the racer's setting.
    /// The map and cell whose run is the contour view's ghost: run again only when the mouse moves to
    /// another cell or the map changes.
    std::shared_ptr<const MapResult> ghostMap;
    int ghostI = -1, ghostJ = -1;
    /// "Tune every racer": worked out on a thread of its own, applied when ready.
    std::future<std::vector<TuneResult>> tuning;
    TuneCriterion criterion = TuneCriterion::FinalLoss;
};

/// Draws the panel into the current ImGui window's content region.
void drawMapsPanel(Session& session, const Snapshot& snapshot, MapsPanelState& state);

}  // namespace gradscape

#pragma once
// The map panel, in the strip under the views: where every start (basins of attraction) or every setting
// (two hyperparameters) of one racer leads, or the basins of every racer side by side (small multiples), computed coarse to fine in the background. Hovering a cell
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

    /// The shown maps' pictures (one per racer for small multiples), and the maps they hold.
    std::vector<std::unique_ptr<ImageTexture>> textures;
    std::vector<std::shared_ptr<const MapResult>> shown;
    MapColouring shownColouring = MapColouring::Minimum;
    bool dragging = false;  ///< A drag on a parameter map moves the racer's setting.
    int draggingTile = -1;  ///< The tile the drag started on.
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

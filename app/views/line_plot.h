#pragma once
// A small line-plot widget on ImGui's draw list (ImPlot is not packaged): series against the step, a
// linear or log10 y axis (with a floor, switchable by the user), oscillating series as envelopes, the
// current step marked, labels laid out so they never overlap, and the exact values at the hovered step.
// A series is read through its min/max summary (view/series_summary.h), per pixel column, and its line
// simplified to the pixel before ImGui tessellates it, so a frame's cost follows the pixels, not the steps.

#include "view/series_summary.h"
#include "views/window_background.h"

#include <imgui.h>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace gradscape {

/// One line of a plot: values[k] belongs to step k x stride.
struct LinePlotSeries {
    std::string label;
    ImU32 colour = IM_COL32_WHITE;
    SeriesValues values;
    std::string endNote;  ///< Why the series stops early, such as "diverged at step 7": its end is marked.
    bool dashed = false;  ///< A reference (a prediction, such as d0 rho^k): drawn dashed, its end unmarked.
    /// The values' min/max summary (or that of a longer series they begin), kept by the caller as the
    /// series grows: the plot reads its range and its pixel columns from it, so a frame costs the same at a
    /// million steps as at a thousand. Null: the plot summarizes the values itself each frame (short ones).
    const SeriesSummary* summary = nullptr;
    /// What keeps the values and the summary alive (the snapshot's series). A plot with memory holds it
    /// while it remembers what it drew of them, so their storage is not another series' meanwhile. Null:
    /// nothing is remembered of this series.
    std::shared_ptr<const void> owner;
    /// Steps between two values: 1 for a value per step; more for a network's kept iterates (thinned on a
    /// long run) or a quantity measured every few steps (the sharpness).
    int stride = 1;
};

/// What a plot remembers from one frame to the next (its owner keeps one per plot, as with LinePlotAxis):
/// per series, the pixel columns' points, whether it oscillates and its envelope, as long as the series
/// (the same storage, as many values), the plot's width and its axes are those they were made for. A
/// paused or finished race then costs a frame no reading of its summaries, which at a million steps is
/// the plots' largest cost (a column's extremes are a few reads scattered over the series' memory).
struct LinePlotMemory {
    struct Series {
        std::shared_ptr<const void> owner;
        const SeriesSummary* summary = nullptr;
        std::size_t count = 0;
        int lastStep = 0, columns = 0;
        bool log = false;
        double floor = 0, swing = 0;
        // What was worked out for that key (values in the series' units).
        std::vector<SeriesPoint> points;
        std::size_t lastFinite = 0;
        bool oscillating = false;
        Envelope envelope;
    };
    std::vector<Series> series;  ///< Those the last frame drew.
};

enum class AxisScale { Linear, Log10 };

/// A plot's y axis as the user set it (clicking the scale note, or the plot's right-click menu).
struct LinePlotAxis {
    bool chosen = false;                 ///< False: the caller's yScale applies.
    AxisScale scale = AxisScale::Log10;  ///< The user's choice, once chosen.
    double floor = 0;                    ///< A log axis's floor; 0: automatic (see logFloor).
};

struct LinePlotOptions {
    std::string title;   ///< Above the plot, such as "loss".
    std::string yLabel;  ///< Heads the tick column and names the value in the tooltip, such as "f(x_k)".
    AxisScale yScale = AxisScale::Linear;
    int lastStep = 0;                  ///< The x axis shows steps 0 to lastStep, with a little room after it.
    int markedStep = -1;               ///< A vertical marker at this step (the current one); -1 for none.
    std::string emptyMessage;          ///< Shown inside the frame when no series has a value to draw.
    LinePlotAxis* axis = nullptr;      ///< When given, the user may switch the scale and set the floor.
    LinePlotMemory* memory = nullptr;  ///< When given, what the plot worked out is kept for the next frame.
};

/// The automatic floor of a log axis: machine precision (DBL_EPSILON) relative to the largest first
/// value of the series, below which a loss or a distance is rounding noise (Newton reaching 1e-150 would
/// otherwise squash every other curve into the top of the plot). 0 when no series has a positive value.
double logFloor(std::span<const LinePlotSeries> series);

/// Whether a series, in axis units (log10 of the value on a log axis), swings up and down from step to
/// step (a 2-cycle, noise): more than a third of its turns reverse direction by more than `swing`.
bool oscillates(std::span<const double> axisValues, double swing);

/// The turns of a series counted as `oscillates` counts them, over one or several runs of consecutive
/// values (a long series is judged on runs spread over it: a frame cannot afford every step of a million).
struct Turns {
    int turns = 0, reversals = 0;
    /// Counts the turns within `axisValues` (its finite values, consecutive steps).
    void add(std::span<const double> axisValues, double swing);
    bool oscillating() const { return turns >= 4 && 3 * reversals > turns; }
};

/// Drops the points of a polyline (in pixels) that lie within `tolerance` of the segment between the
/// points kept on either side of them (Douglas-Peucker): the line through the rest covers the same pixels
/// to within the tolerance, with a fraction of the triangles where a curve is smooth at the pixel scale
/// (ImGui draws each segment of a thick line as six triangles). The first and last points are always
/// kept, and so is every point where the line turns sharply, with its two neighbours (a thick line's
/// corner there depends on its segments' directions, not only on where its points are).
std::vector<ImVec2> simplifyPolyline(const std::vector<ImVec2>& line, float tolerance);

/// A label's rectangle in pixels.
struct LabelRect {
    float x = 0, y = 0, width = 0, height = 0;
    bool overlaps(const LabelRect& o) const {
        return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
    }
};

/// A label to place beside an anchor point: right of it where it fits, else left of it.
struct LabelRequest {
    float anchorX = 0, anchorY = 0;  ///< The point the label belongs to; its text is centred on anchorY.
    float width = 0, height = 0;
    float gap = 6;  ///< Between the anchor and the label.
};

/// Places labels, in order (the first are placed first), so that none overlaps another or leaves
/// `bounds`: beside its anchor, then moved down or up a line at a time until it is free. A label that
/// finds no free place is left out (nullopt); its mark still shows where it belongs.
std::vector<std::optional<LabelRect>> layoutLabels(std::span<const LabelRequest> labels, LabelRect bounds);

/// The data area of a plot drawn at `pos` with `size`: the framed rectangle, in whole pixels, that the
/// plot fills with its opaque background first (so nothing drawn under it shows).
ScreenRect linePlotArea(ImVec2 pos, ImVec2 size);

/// Draws a plot into the rectangle at `pos` of `size` (window pixels) of the current window. Hovering its
/// data area draws a cursor at the nearest step, dots on the series there and a tooltip with each series'
/// exact value at that step. `id` tells several plots of one window apart.
void drawLinePlot(const char* id, ImVec2 pos, ImVec2 size, std::span<const LinePlotSeries> series,
                  const LinePlotOptions& options);

/// Tick values of a log10 axis over [lo, hi] (0 < lo < hi): powers of ten, every n-th decade so that no
/// more than `targetCount` ticks are returned (but at least one where a power of ten lies in the range).
std::vector<double> decadeTicks(double lo, double hi, int targetCount);

}  // namespace gradscape

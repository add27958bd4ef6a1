#pragma once
// A small line-plot widget on ImGui's draw list (ImPlot is not packaged): series against the step, a
// linear or log10 y axis, the current step marked, and the exact values at the hovered step.

#include <imgui.h>

#include <span>
#include <string>
#include <vector>

namespace gradscape {

/// One line of a plot: values[k] belongs to step k.
struct LinePlotSeries {
    std::string label;
    ImU32 colour = IM_COL32_WHITE;
    std::span<const double> values;
    std::string endNote;  ///< Why the series stops early, such as "diverged at step 7": its end is marked.
    bool dashed = false;  ///< A reference (a prediction, such as d0 rho^k): drawn dashed, its end unmarked.
};

enum class AxisScale { Linear, Log10 };

struct LinePlotOptions {
    std::string title;   ///< Above the plot, such as "loss".
    std::string yLabel;  ///< Heads the tick column and names the value in the tooltip, such as "f(x_k)".
    AxisScale yScale = AxisScale::Linear;
    int lastStep = 0;          ///< The x axis shows steps 0 to lastStep, with a little room after it.
    int markedStep = -1;       ///< A vertical marker at this step (the current one); -1 for none.
    std::string emptyMessage;  ///< Shown inside the frame when no series has a value to draw.
};

/// Draws a plot into the rectangle at `pos` of `size` (window pixels) of the current window. Hovering its
/// data area draws a cursor at the nearest step, dots on the series there and a tooltip with each series'
/// exact value at that step. `id` tells several plots of one window apart.
void drawLinePlot(const char* id, ImVec2 pos, ImVec2 size, std::span<const LinePlotSeries> series,
                  const LinePlotOptions& options);

/// Tick values of a log10 axis over [lo, hi] (0 < lo < hi): powers of ten, every n-th decade so that no
/// more than `targetCount` ticks are returned (but at least one where a power of ten lies in the range).
std::vector<double> decadeTicks(double lo, double hi, int targetCount);

}  // namespace gradscape

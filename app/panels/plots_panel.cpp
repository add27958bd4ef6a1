#include "panels/plots_panel.h"

#include "optimizers/racer_labels.h"

#include "theme.h"
#include "views/line_plot.h"

#include <algorithm>
#include <cmath>
#include <span>

namespace gradscape {
namespace {

constexpr float kGap = 14, kMinPlotWidth = 260;

// A log axis shows positive values (zeros sit at its bottom): a loss that goes negative is plotted on a
// linear one.
bool anyNegative(const std::vector<LinePlotSeries>& series) {
    for (const LinePlotSeries& s : series)
        for (double v : s.values)
            if (v < 0) return true;
    return false;
}

// The distance the linearized update map predicts, d0 rho^k with rho its contraction per step at the start
// (exact on a quadratic; the solver's stabilityAtStart), while it stays within the range of the measured
// series.
std::vector<double> predictedDistances(const PathSnapshot& path, std::span<const double> measured,
                                       int lastStep) {
    std::vector<double> predicted;
    if (measured.empty() || !(measured[0] > 0) || !path.analysis->stabilityAtStart) return predicted;
    const StabilityAnalysis& a = *path.analysis->stabilityAtStart;
    if (!a.rate || !(*a.rate > 0)) return predicted;
    double lowest = measured[0], highest = measured[0];
    for (double v : measured)
        if (v > 0 && std::isfinite(v)) lowest = std::min(lowest, v), highest = std::max(highest, v);
    for (int k = 0; k <= lastStep; ++k) {
        const double d = measured[0] * std::pow(*a.rate, k);
        if (d < lowest || d > highest * 10) break;
        predicted.push_back(d);
    }
    return predicted;
}

}  // namespace

void drawPlotsPanel(const Session& session, const Snapshot& snapshot, PlotsPanelState& state) {
    std::vector<LinePlotSeries> loss, gradient, distance, predictions;
    std::vector<std::vector<double>> predicted;
    predicted.reserve(snapshot.paths.size());  // the series' spans point into these
    int lastStep = snapshot.stepCount;
    std::vector<OptimizerSettings> racers;
    for (const PathSnapshot& path : snapshot.paths)
        racers.push_back(path.settings);
    const std::vector<std::string> labels = racerLabels(racers);  // as the legends and the CSV name them
    for (size_t i = 0; i < snapshot.paths.size(); ++i) {
        const PathSnapshot& path = snapshot.paths[i];
        // The series come with the snapshot, worked out by the solver (Session::analyses asks for them
        // while the plots are shown); a path without them yet is drawn from the next snapshot.
        if (!path.settings.enabled || path.trajectory->points.empty() || !path.analysis->series) continue;
        const int id = path.settings.id;
        const PathSeries& s = *path.analysis->series;
        LinePlotSeries line;
        line.label = std::to_string(id) + ". " + labels[i];
        line.colour = session.colourOf(id);
        line.endNote = path.trajectory->divergenceMessage();
        lastStep = std::max(lastStep, path.trajectory->steps());
        loss.push_back(line);
        loss.back().values = s.loss;
        gradient.push_back(line);
        gradient.back().values = s.gradientNorm;
        distance.push_back(line);
        distance.back().values = s.distanceToMinimum;
        // The predicted contraction, dashed in the racer's colour.
        predicted.push_back(predictedDistances(path, s.distanceToMinimum, path.trajectory->steps()));
        if (predicted.back().size() > 1) {
            LinePlotSeries reference = line;
            reference.label += " predicted d0 \xcf\x81^k";
            reference.endNote.clear();
            reference.dashed = true;
            reference.values = predicted.back();
            predictions.push_back(reference);
        }
    }
    distance.insert(distance.end(), predictions.begin(), predictions.end());

    const ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
    // At a large UI scale in a narrow strip, fewer plots (loss first) rather than three unreadable ones.
    const float gap = look().px(kGap);
    const int count = std::clamp(int((avail.x + gap) / (look().px(kMinPlotWidth) + gap)), 1, 3);
    const float width = std::max((avail.x - (count - 1) * gap) / count, 60.0f);
    const ImVec2 size(width, std::max(avail.y, 60.0f));
    auto at = [&](int i) { return ImVec2(origin.x + i * (width + gap), origin.y); };

    LinePlotOptions options;
    options.lastStep = lastStep;
    options.markedStep = snapshot.stepCount;
    options.emptyMessage = "no enabled optimizer";
    const bool logLoss = !anyNegative(loss);
    options.title = logLoss ? "loss" : "loss (f < 0 occurs)";
    options.yLabel = "f(x_k)";
    options.yScale = logLoss ? AxisScale::Log10 : AxisScale::Linear;
    options.axis = &state.loss;
    drawLinePlot("##loss plot", at(0), size, loss, options);

    if (count < 2) return;
    options.title = "gradient norm";
    options.yLabel = "|grad f|";
    options.yScale = AxisScale::Log10;
    options.axis = &state.gradient;
    drawLinePlot("##gradient plot", at(1), size, gradient, options);

    if (count < 3) return;
    options.title = "distance to nearest minimum";
    options.yLabel = "|x_k - x*|";
    if (snapshot.landscape->knownMinima().empty())
        options.emptyMessage = "no known minimum on this landscape";
    options.axis = &state.distance;
    drawLinePlot("##distance plot", at(2), size, distance, options);
}

}  // namespace gradscape

#include "panels/plots_panel.h"

#include "optimizers/racer_labels.h"
#include "optimizers/stability.h"

#include "theme.h"
#include "views/line_plot.h"
#include "views/window_background.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>

namespace gradscape {
namespace {

constexpr float kGap = 14, kMinPlotWidth = 260;

// A log axis shows positive values (zeros sit at its bottom): a loss that goes negative is plotted on a
// linear one.
bool anyNegative(const std::vector<LinePlotSeries>& series) {
    for (const LinePlotSeries& s : series)
        if (s.summary->anyBelow(s.values, s.values.size(), 0)) return true;
    return false;
}

// The distance the linearized update map predicts, d0 rho^k with rho its contraction per step at the start
// (exact on a quadratic; the solver's stabilityAtStart), while it stays within the range of the measured
// series (positive values: from its smallest to ten times its largest), to step lastStep at most. Kept in
// `kept` and extended: only the steps it did not reach before are computed. Empty when there is none.
SeriesValues predictedDistances(const PathSnapshot& path, const SeriesValues& measured,
                                const SeriesSummary& summary, int lastStep,
                                std::shared_ptr<PredictedDistances>& kept) {
    if (measured.empty() || !(measured[0] > 0) || !path.analysis->stabilityAtStart) return {};
    const StabilityAnalysis& a = *path.analysis->stabilityAtStart;
    if (!a.rate || !(*a.rate > 0)) return {};
    const double d0 = measured[0], rate = *a.rate;
    const SeriesExtremes e = summary.extremes(measured, 0, measured.size());
    const double lowest = std::min(d0, summary.lowestPositive(measured, measured.size()));
    const double highest = e.highest > 0 ? std::max(d0, e.highest) : d0;
    const auto inside = [&](long long k) {
        const double d = d0 * std::pow(rate, static_cast<double>(k));
        return !(d < lowest || d > highest * 10);
    };
    // d0 rho^k moves one way only: the steps inside the range are a prefix, found by bisection.
    long long count = 0, outside = static_cast<long long>(lastStep) + 1;
    while (count < outside) {
        const long long middle = count + (outside - count) / 2;
        if (inside(middle))
            count = middle + 1;
        else
            outside = middle;
    }
    // Another d0 or rho: a new object, so a plot's memory (which knows a series by what owns it) cannot
    // mistake the new values for the old.
    if (!kept || kept->start != d0 || kept->rate != rate)
        kept = std::make_shared<PredictedDistances>(PredictedDistances{d0, rate, {}, {}});
    for (auto k = static_cast<long long>(kept->values.size()); k < count; ++k) {
        kept->values.push_back(d0 * std::pow(rate, static_cast<double>(k)));
        kept->summary.push_back(kept->values.back());
    }
    return SeriesValues(kept->values).first(static_cast<std::size_t>(count));
}

// Where the plots go: as many side by side as fit (at most three), filling the content region, with the
// window's background drawn around them.
struct PlotStrip {
    ImVec2 origin, size;
    float width = 0, gap = 0;
    int count = 1;
    ImVec2 at(int i) const { return ImVec2(origin.x + i * (width + gap), origin.y); }
};

PlotStrip plotStrip() {
    PlotStrip strip;
    strip.origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // At a large UI scale in a narrow strip, fewer plots (loss first) rather than three unreadable ones.
    strip.gap = look().px(kGap);
    strip.count = std::clamp(int((avail.x + strip.gap) / (look().px(kMinPlotWidth) + strip.gap)), 1, 3);
    strip.width = std::max((avail.x - (strip.count - 1) * strip.gap) / strip.count, 60.0f);
    strip.size = ImVec2(strip.width, std::max(avail.y, 60.0f));
    // The window's background was 445k of the panel's 1.07M pixels at 1920x1080 under the plots alone.
    std::vector<ScreenRect> areas;
    for (int i = 0; i < strip.count; ++i)
        areas.push_back(linePlotArea(strip.at(i), strip.size));
    drawWindowBackgroundAround(areas);
    return strip;
}

// A race on a network: the loss each racer had with the plane's loss under it (what the slice hides), the
// sharpness against each racer's edge of stability, and how far the weights moved (a linearized racer's
// from its twin on the network too). The series come with the snapshot (PathSnapshot::network).
void drawNetworkPlots(const Session& session, const Snapshot& snapshot, PlotsPanelState& state) {
    std::vector<LinePlotSeries> loss, planeLoss, sharpness, edges, distance, twins;
    int lastStep = snapshot.stepCount;
    std::vector<OptimizerSettings> racers;
    for (const PathSnapshot& path : snapshot.paths)
        racers.push_back(path.settings);
    const std::vector<std::string> labels = racerLabels(racers);
    // The edges' two values each (step 0 and the axis's end), alive until the plots are drawn.
    std::vector<std::vector<double>> edgeValues;
    edgeValues.reserve(snapshot.paths.size());
    for (const PathSnapshot& path : snapshot.paths)
        lastStep = std::max(lastStep, path.steps);
    for (size_t i = 0; i < snapshot.paths.size(); ++i) {
        const PathSnapshot& path = snapshot.paths[i];
        if (!path.settings.enabled || !path.network || !path.analysis->series) continue;
        const NetworkSeries& n = *path.network;
        LinePlotSeries line;
        line.label = std::to_string(path.settings.id) + ". " + labels[i];
        line.colour = session.colourOf(path.settings.id);
        line.stride = n.stride;
        LinePlotSeries own = line;
        own.endNote = path.trajectory->divergenceMessage();
        own.values = path.analysis->series->loss, own.summary = &path.analysis->series->lossSummary;
        own.owner = path.analysis->series;
        loss.push_back(own);
        line.owner = path.network;
        if (!n.planeLoss.empty()) {
            LinePlotSeries under = line;
            under.label += " on the plane";
            under.dashed = true;
            under.values = n.planeLoss, under.summary = &n.planeLossSummary;
            planeLoss.push_back(under);
        }
        LinePlotSeries moved = line;
        moved.values = n.distanceFromStart, moved.summary = &n.distanceSummary;
        distance.push_back(moved);
        if (n.twinId != 0 && !n.twinDistance.empty()) {
            LinePlotSeries twin = line;
            twin.label += " from #" + std::to_string(n.twinId) + " (the network)";
            twin.dashed = true;
            twin.values = n.twinDistance, twin.summary = &n.twinSummary;
            twins.push_back(twin);
        }
        if (n.sharpnessStride > 0 && !n.sharpness.empty()) {
            LinePlotSeries curve = line;
            curve.stride = n.sharpnessStride;
            curve.values = n.sharpness, curve.summary = &n.sharpnessSummary;
            sharpness.push_back(curve);
            if (n.edge) {
                char text[96];
                std::snprintf(text, sizeof text, " edge %s = %.4g", sharpnessEdgeFormula(path.settings).c_str(), *n.edge);
                LinePlotSeries edge = line;
                edge.label += text;
                edge.dashed = true;
                edge.owner = nullptr;  // made each frame
                edge.stride = std::max(lastStep, 1);
                edgeValues.push_back({*n.edge, *n.edge});
                edge.values = edgeValues.back();
                edges.push_back(edge);
            }
        }
    }
    loss.insert(loss.end(), planeLoss.begin(), planeLoss.end());
    sharpness.insert(sharpness.end(), edges.begin(), edges.end());
    distance.insert(distance.end(), twins.begin(), twins.end());

    const PlotStrip strip = plotStrip();
    LinePlotOptions options;
    options.lastStep = lastStep;
    options.markedStep = snapshot.stepCount;
    options.emptyMessage = "no enabled optimizer";
    const bool logLoss = !anyNegative(loss);
    options.title = "loss (dashed: the plane's, under the path)";
    options.yLabel = "L(w_k)";
    options.yScale = logLoss ? AxisScale::Log10 : AxisScale::Linear;
    options.axis = &state.loss;
    options.memory = &state.lossMemory;
    drawLinePlot("##loss plot", strip.at(0), strip.size, loss, options);

    if (strip.count < 2) return;
    options.title = "sharpness \xce\xbb_max (dashed: the edge, 2/\xce\xb7 for GD)";
    options.yLabel = "\xce\xbb_max";
    options.yScale = AxisScale::Linear;
    options.emptyMessage = snapshot.sharpnessEvery > 0 ? "measuring..." : "not tracked: tick \"track sharpness\" in the network section";
    options.axis = &state.gradient;
    options.memory = &state.gradientMemory;
    drawLinePlot("##sharpness plot", strip.at(1), strip.size, sharpness, options);

    if (strip.count < 3) return;
    options.title = "distance in weight space (dashed: linearized from the network)";
    options.yLabel = "|w_k - w_0|";
    options.emptyMessage = "no enabled optimizer";
    options.axis = &state.distance;
    options.memory = &state.distanceMemory;
    drawLinePlot("##distance plot", strip.at(2), strip.size, distance, options);
}

}  // namespace

void drawPlotsPanel(const Session& session, const Snapshot& snapshot, PlotsPanelState& state) {
    if (snapshot.problem) return drawNetworkPlots(session, snapshot, state);
    std::vector<LinePlotSeries> loss, gradient, distance, predictions;
    int lastStep = snapshot.stepCount;
    std::vector<OptimizerSettings> racers;
    for (const PathSnapshot& path : snapshot.paths)
        racers.push_back(path.settings);
    const std::vector<std::string> labels = racerLabels(racers);   // as the legends and the CSV name them
    std::map<int, std::shared_ptr<PredictedDistances>> predicted;  // this frame's racers' only
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
        // The summaries describe the series (or a longer one of the same path): the plots read them.
        line.owner = path.analysis->series;
        loss.push_back(line);
        loss.back().values = s.loss, loss.back().summary = &s.lossSummary;
        gradient.push_back(line);
        gradient.back().values = s.gradientNorm, gradient.back().summary = &s.gradientNormSummary;
        distance.push_back(line);
        distance.back().values = s.distanceToMinimum, distance.back().summary = &s.distanceSummary;
        // The predicted contraction, dashed in the racer's colour.
        const auto kept = state.predictions.find(id);
        std::shared_ptr<PredictedDistances>& prediction = predicted[id];
        if (kept != state.predictions.end()) prediction = kept->second;
        const SeriesValues values = predictedDistances(path, distance.back().values, s.distanceSummary,
                                                       path.trajectory->steps(), prediction);
        if (values.size() > 1) {
            LinePlotSeries reference = line;
            reference.label += " predicted d0 \xcf\x81^k";
            reference.endNote.clear();
            reference.dashed = true;
            reference.values = values;
            reference.summary = &prediction->summary;
            reference.owner = prediction;
            predictions.push_back(reference);
        }
    }
    state.predictions = std::move(predicted);
    distance.insert(distance.end(), predictions.begin(), predictions.end());

    const PlotStrip strip = plotStrip();
    const int count = strip.count;
    const ImVec2 size = strip.size;
    const auto at = [&](int i) { return strip.at(i); };

    LinePlotOptions options;
    options.lastStep = lastStep;
    options.markedStep = snapshot.stepCount;
    options.emptyMessage = "no enabled optimizer";
    const bool logLoss = !anyNegative(loss);
    options.title = logLoss ? "loss" : "loss (f < 0 occurs)";
    options.yLabel = "f(x_k)";
    options.yScale = logLoss ? AxisScale::Log10 : AxisScale::Linear;
    options.axis = &state.loss;
    options.memory = &state.lossMemory;
    drawLinePlot("##loss plot", at(0), size, loss, options);

    if (count < 2) return;
    options.title = "gradient norm";
    options.yLabel = "|grad f|";
    options.yScale = AxisScale::Log10;
    options.axis = &state.gradient;
    options.memory = &state.gradientMemory;
    drawLinePlot("##gradient plot", at(1), size, gradient, options);

    if (count < 3) return;
    options.title = "distance to nearest minimum";
    options.yLabel = "|x_k - x*|";
    if (snapshot.landscape->knownMinima().empty())
        options.emptyMessage = "no known minimum on this landscape";
    options.axis = &state.distance;
    options.memory = &state.distanceMemory;
    drawLinePlot("##distance plot", at(2), size, distance, options);
}

}  // namespace gradscape

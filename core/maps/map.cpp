#include "maps/map.h"

#include "maps/map_lanes.h"
#include "maps/run_summary.h"
#include "optimizers/hyperparameters.h"
#include "support/parallel_rows.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace gradscape {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string kindReads(const OptimizerInfo& info) {
    std::string list;
    for (const std::string& name : info.hyperparameters)
        list += (list.empty() ? "" : ", ") + name;
    if (info.usesBatchSize) list += (list.empty() ? "" : ", ") + std::string("batch-size");
    return list;
}

// "" when every value along the axis is one the racer may take, else why not.
std::string checkParameterAxis(const MapAxis& axis, const char* option, const OptimizerInfo& info) {
    if (axis.name == "batch-size") {
        if (!info.usesBatchSize) return std::string(option) + ": " + info.name + " does not read batch-size";
        if (axis.min < 1 || axis.max > kMaxBatchSize)
            return std::string(option) + ": batch-size must be in [1, " + std::to_string(kMaxBatchSize) + "]";
        return "";
    }
    const auto& specs = hyperparameterSpecs();
    const bool known = std::any_of(specs.begin(), specs.end(), [&](const auto& s) { return axis.name == s.name; });
    if (!known || !info.reads(axis.name))
        return std::string(option) + ": " + info.name + " does not read " + axis.name + "; it reads " +
               kindReads(info);
    const HyperparameterSpec& spec = hyperparameterSpec(axis.name);
    // The cells' values lie strictly inside [min, max]; an open end of the spec's range is allowed as an
    // axis end as long as no cell falls on it.
    for (double value : {axis.valueAt(0, 1 << 20), axis.valueAt((1 << 20) - 1, 1 << 20)})
        if (std::string why = checkHyperparameter(spec, value); !why.empty()) return std::string(option) + ": " + why;
    return "";
}

}  // namespace

MapCell summarizeRun(const Trajectory& trajectory, const std::vector<Vec2>& minima, double tolerance) {
    MapCell cell;
    cell.diverged = trajectory.diverged();
    if (trajectory.points.empty()) {  // a start that is itself unusable
        cell.finalLoss = kNaN;
        cell.rate = kNaN;
        return cell;
    }
    cell.stepsRun = trajectory.steps();
    cell.end = trajectory.points.back();
    cell.finalLoss = trajectory.losses.back();
    const int nearest = nearestMinimum(minima, cell.end);
    if (nearest >= 0) {
        const Vec2& target = minima[nearest];
        cell.rate = measuredRate(trajectory.points.size(),
                                 [&](size_t k) { return distanceBetween(trajectory.points[k], target); });
    } else {
        cell.rate = kNaN;
    }
    if (nearest >= 0 && !cell.diverged && distanceBetween(minima[nearest], cell.end) <= tolerance) {
        cell.minimum = nearest;
        int k = cell.stepsRun;
        while (k > 0 && distanceBetween(trajectory.points[k - 1], minima[nearest]) <= tolerance)
            --k;
        cell.steps = k;
    }
    return cell;
}

MapCell runCell(const Landscape& landscape, const OptimizerSettings& racer, int steps, double tolerance) {
    auto optimizer = makeOptimizer(racer.kind, racer.hyperparameters);
    Trajectory trajectory = startTrajectory(landscape, racer.start);
    advanceTrajectory(trajectory, *optimizer, landscape, steps);
    return summarizeRun(trajectory, landscape.knownMinima(), tolerance);
}

void setMappedParameter(OptimizerSettings& settings, const std::string& name, double value) {
    if (name == "batch-size") {
        settings.hyperparameters.batchSize = static_cast<int>(std::lround(value));
        return;
    }
    settings.hyperparameters.*hyperparameterSpec(name).field = value;
}

double mappedParameter(const OptimizerSettings& settings, const std::string& name) {
    if (name == "batch-size") return settings.hyperparameters.batchSize;
    return settings.hyperparameters.*hyperparameterSpec(name).field;
}

OptimizerSettings cellRacer(const MapRequest& request, int i, int j) {
    OptimizerSettings racer = request.racer;
    const double x = request.x.valueAt(i, request.width), y = request.y.valueAt(j, request.height);
    if (request.kind == MapKind::Basins) {
        racer.start = Vec2(x, y);
        racer.hyperparameters.seed += static_cast<std::uint64_t>(j) * static_cast<std::uint64_t>(request.width) + static_cast<std::uint64_t>(i);
    } else {
        setMappedParameter(racer, request.x.name, x);
        setMappedParameter(racer, request.y.name, y);
    }
    return racer;
}

std::string checkMapRequest(const MapRequest& request) {
    const OptimizerInfo* info = nullptr;
    try {
        info = &optimizerInfo(request.racer.kind);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    for (int side : {request.width, request.height})
        if (side < 1 || side > kMaxMapSide) return "--size: must be in [1, " + std::to_string(kMaxMapSide) + "]";
    if (request.steps < 0) return "--steps: must be at least 0";
    if (double(request.steps) * request.width * request.height > kMaxMapSteps)
        return "--steps: steps times cells must be at most 1e11 (a day's work), got " +
               std::to_string(double(request.steps) * request.width * request.height);
    if (!(request.tolerance > 0) || !std::isfinite(request.tolerance)) return "--tol: must be a positive number";
    for (const MapAxis* axis : {&request.x, &request.y})
        if (!(axis->min < axis->max) || !std::isfinite(axis->min) || !std::isfinite(axis->max) ||
            (axis->log && !(axis->min > 0)))
            return std::string(axis == &request.x ? "--x" : "--y") + ": needs finite MIN < MAX (MIN > 0 on a log axis)";
    if (request.kind == MapKind::Basins) {
        if (request.x.name != "x") return "--x: a basin map's x axis is the start's x, got '" + request.x.name + "'";
        if (request.y.name != "y") return "--y: a basin map's y axis is the start's y, got '" + request.y.name + "'";
        return "";
    }
    if (request.x.name == request.y.name) return "--y: the two axes must be different hyperparameters";
    if (std::string why = checkParameterAxis(request.x, "--x", *info); !why.empty()) return why;
    if (std::string why = checkParameterAxis(request.y, "--y", *info); !why.empty()) return why;
    return validate(request.racer.hyperparameters);
}

MapResult computeMap(const Landscape& landscape, const MapRequest& request, int threads,
                     const std::atomic<bool>* cancel, const MapProgress& progress) {
    if (std::string why = checkMapRequest(request); !why.empty()) throw std::invalid_argument(why);
    MapResult result;
    result.request = request;
    result.cells.resize(static_cast<size_t>(request.width) * request.height);
    std::atomic<long> done{0};
    std::atomic<bool> stopped{false};
    std::mutex reporting;
    const long total = static_cast<long>(result.cells.size());
    const auto cancelled = [&] { return cancel && cancel->load(std::memory_order_relaxed); };
    // Bands of a few rows each, so both threads stay busy to the end even when rows cost unevenly
    // (a basin map's diverging corner is quick, its slow valley is not).
    const int bands = std::min(request.height, std::max(1, threads) * 16);
    // Where the lanes path runs the racer, each row goes through it kMapLanes cells at a time (the same
    // cells, computed faster); otherwise cell by cell.
    const bool lanes = lanesRun(landscape, request.racer, request.steps);
    forEachBand(evenBands(request.height, bands), std::max(1, threads), [&](size_t, int begin, int end) {
        MapLaneScratch scratch;
        std::vector<OptimizerSettings> racers;
        for (int j = begin; j < end; ++j) {
            const int blockWidth = lanes ? kMapLanes : 1;
            for (int i = 0; i < request.width; i += blockWidth) {
                if (cancelled()) {
                    stopped = true;
                    return;
                }
                MapCell* const cells = &result.cells[static_cast<size_t>(j) * request.width + i];
                if (!lanes) {
                    *cells = runCell(landscape, cellRacer(request, i, j), request.steps, request.tolerance);
                    continue;
                }
                racers.clear();
                for (int c = i; c < std::min(i + kMapLanes, request.width); ++c)
                    racers.push_back(cellRacer(request, c, j));
                runCellLanes(landscape, racers, request.steps, request.tolerance, {cells, racers.size()}, scratch);
            }
            const long now = done.fetch_add(request.width) + request.width;
            if (progress) {
                std::lock_guard lock(reporting);
                progress(now, total);
            }
        }
    });
    result.complete = !stopped && !cancelled();
    return result;
}

}  // namespace gradscape

#include "maps/tune.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace gradscape {
namespace {

constexpr double kLowestRate = 1e-5, kHighestRate = 10;

// The best cell of a map by the criterion, or (-1, -1) when every cell diverged.
std::pair<int, int> bestCell(const MapResult& map, TuneCriterion criterion) {
    std::pair<int, int> best{-1, -1};
    for (int j = 0; j < map.request.height; ++j)
        for (int i = 0; i < map.request.width; ++i)
            if (best.first < 0 ? !map.at(i, j).diverged : betterCell(map.at(i, j), map.at(best.first, best.second), criterion))
                best = {i, j};
    return best;
}

// The axis one cell either side of cell i's centre, within the original axis.
MapAxis around(const MapAxis& axis, int i, int n) {
    MapAxis fine = axis;
    if (axis.log) {
        const double step = (std::log(axis.max) - std::log(axis.min)) / n;
        const double centre = std::log(axis.valueAt(i, n));
        fine.min = std::exp(std::max(std::log(axis.min), centre - step));
        fine.max = std::exp(std::min(std::log(axis.max), centre + step));
    } else {
        const double step = (axis.max - axis.min) / n;
        fine.min = std::max(axis.min, axis.valueAt(i, n) - step);
        fine.max = std::min(axis.max, axis.valueAt(i, n) + step);
    }
    return fine;
}

}  // namespace

const char* criterionName(TuneCriterion criterion) {
    return criterion == TuneCriterion::FinalLoss ? "final loss" : "steps to the tolerance";
}

std::vector<std::string> tunedParameters(const OptimizerSettings& racer) {
    const OptimizerInfo& info = optimizerInfo(racer.kind);
    if (!info.reads("lr")) return {};
    std::vector<std::string> names{"lr"};
    for (const char* second : {"momentum", "beta1", "alpha"})
        if (info.reads(second)) {
            names.emplace_back(second);
            break;
        }
    return names;
}

bool betterCell(const MapCell& a, const MapCell& b, TuneCriterion criterion) {
    if (a.diverged || !std::isfinite(a.finalLoss)) return false;
    if (b.diverged || !std::isfinite(b.finalLoss)) return true;
    if (criterion == TuneCriterion::Steps) {
        const bool aArrived = a.minimum >= 0, bArrived = b.minimum >= 0;
        if (aArrived != bArrived) return aArrived;
        if (aArrived && a.steps != b.steps) return a.steps < b.steps;
        return a.finalLoss < b.finalLoss;
    }
    if (a.finalLoss != b.finalLoss) return a.finalLoss < b.finalLoss;
    const int as = a.minimum >= 0 ? a.steps : std::numeric_limits<int>::max();
    const int bs = b.minimum >= 0 ? b.steps : std::numeric_limits<int>::max();
    return as < bs;
}

TuneResult tune(const Landscape& landscape, const TuneRequest& request, int threads) {
    TuneResult result;
    result.names = tunedParameters(request.racer);
    if (result.names.empty())
        throw std::invalid_argument(request.racer.kind + " has no learning rate to tune");
    if (request.size < 2 || request.size > 256) throw std::invalid_argument("--size: must be in [2, 256]");
    MapRequest map;
    map.kind = MapKind::Parameters;
    map.racer = request.racer;
    map.steps = request.steps;
    map.tolerance = request.tolerance;
    map.x = {"lr", kLowestRate, kHighestRate, true};
    map.width = request.size;
    if (result.names.size() == 2) {
        map.y = {result.names[1], 0, 0.99, false};
        map.height = request.size;
    } else {
        // One knob: a row of settings over lr alone, each run as runCell runs it.
        map.y = {"lr", 0, 1, false};
        map.height = 1;
    }
    result.before = runCell(landscape, request.racer, request.steps, request.tolerance);
    OptimizerSettings best = request.racer;
    MapCell bestCellSoFar = result.before;
    const auto consider = [&](const MapRequest& m) -> std::pair<int, int> {
        if (m.y.name == "lr") {  // lr alone
            std::pair<int, int> found{-1, -1};
            for (int i = 0; i < m.width; ++i) {
                OptimizerSettings r = m.racer;
                r.hyperparameters.learningRate = m.x.valueAt(i, m.width);
                const MapCell c = runCell(landscape, r, m.steps, m.tolerance);
                if (betterCell(c, bestCellSoFar, request.criterion)) bestCellSoFar = c, best = r, found = {i, 0};
            }
            return found;
        }
        const MapResult computed = computeMap(landscape, m, threads);
        const auto [i, j] = bestCell(computed, request.criterion);
        if (i >= 0 && betterCell(computed.at(i, j), bestCellSoFar, request.criterion)) {
            bestCellSoFar = computed.at(i, j);
            best = cellRacer(m, i, j);
        }
        return {i, j};
    };
    const auto [i, j] = consider(map);
    if (i >= 0) {
        MapRequest fine = map;
        fine.x = around(map.x, i, map.width);
        if (map.height > 1) fine.y = around(map.y, j, map.height);
        consider(fine);
    }
    result.tuned = best;
    result.after = bestCellSoFar;
    result.improved = betterCell(result.after, result.before, request.criterion);
    result.summary = "tuned ";
    for (size_t k = 0; k < result.names.size(); ++k)
        result.summary += (k ? ", " : "") + result.names[k];
    result.summary += " by " + std::string(criterionName(request.criterion)) + " after " + std::to_string(request.steps) + " steps";
    return result;
}

}  // namespace gradscape

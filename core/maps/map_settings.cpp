#include "maps/map_settings.h"

#include "optimizers/hyperparameters.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gradscape {

MapAxis defaultMapAxis(const OptimizerSettings& racer, bool x) {
    const OptimizerInfo& info = optimizerInfo(racer.kind);
    if (x) {
        const double lr = racer.hyperparameters.learningRate;
        return {"lr", lr / 100, std::min(lr * 100, 1000.0), true};
    }
    for (const char* name : {"momentum", "beta1", "alpha"})
        if (info.reads(name)) return {name, 0, 0.99, false};
    if (info.reads("weight-decay")) return {"weight-decay", 0, 1, false};
    throw std::invalid_argument("--y: " + info.name + " has no second hyperparameter to map by default; give --y");
}

MapAxis suggestedMapAxis(const OptimizerSettings& racer, const std::string& name) {
    if (name == "lr") return defaultMapAxis(racer, true);
    if (name == "beta2") return {name, 0.9, 0.9999, false};
    if (name == "eps") return {name, 1e-10, 1e-2, true};
    if (name == "weight-decay") return {name, 0, 1, false};
    if (name == "damping") return {name, 0, 10, false};
    if (name == "noise") return {name, 0, 2, false};
    if (name == "batch-size") return {name, 1, 64, true};
    return {name, 0, 0.99, false};  // momentum, dampening, beta1, alpha
}

std::vector<std::string> mappableParameters(const OptimizerSettings& racer) {
    const OptimizerInfo& info = optimizerInfo(racer.kind);
    std::vector<std::string> names = info.hyperparameters;
    if (info.usesBatchSize) names.push_back("batch-size");
    return names;
}

const OptimizerSettings* mappedRacer(const MapSettings& settings, const std::vector<OptimizerSettings>& racers) {
    const OptimizerSettings* first = nullptr;
    for (const OptimizerSettings& r : racers) {
        if (!r.enabled) continue;
        if (r.id == settings.racerId) return &r;
        if (!first) first = &r;
    }
    return first;
}

std::vector<const OptimizerSettings*> mappedRacers(const MapSettings& settings,
                                                   const std::vector<OptimizerSettings>& racers) {
    std::vector<const OptimizerSettings*> mapped;
    if (settings.kind == MapKind::Basins && settings.allRacers) {
        for (const OptimizerSettings& r : racers)
            if (r.enabled) mapped.push_back(&r);
    } else if (const OptimizerSettings* one = mappedRacer(settings, racers)) {
        mapped.push_back(one);
    }
    return mapped;
}

MapRequest mapRequestFor(const MapSettings& settings, const OptimizerSettings& racer, const ViewBox& view,
                         int raceSteps) {
    MapRequest request;
    request.kind = settings.kind;
    request.racer = racer;
    request.width = request.height = settings.size;
    request.steps = settings.steps > 0 ? settings.steps : std::max(1, raceSteps);
    request.tolerance = settings.tolerance;
    if (settings.kind == MapKind::Basins) {
        request.x = {"x", view.xMin, view.xMax, false};
        request.y = {"y", view.yMin, view.yMax, false};
        // Square cells: `size` along the box's longer side.
        const double aspect = view.width() / view.height();
        if (aspect > 1)
            request.height = std::max(1, static_cast<int>(std::lround(settings.size / aspect)));
        else
            request.width = std::max(1, static_cast<int>(std::lround(settings.size * aspect)));
        request.racer.start = Vec2::Zero();  // every cell starts at its own centre
        return request;
    }
    request.x = settings.x.name.empty() ? defaultMapAxis(racer, true) : settings.x;
    try {
        request.y = settings.y.name.empty() ? defaultMapAxis(racer, false) : settings.y;
    } catch (const std::invalid_argument&) {
        request.y = {"weight-decay", 0, 1, false};  // checkMapRequest then names what the kind reads
    }
    // Every cell sets these two itself: the racer's own values stand at the first cell's.
    for (const MapAxis* axis : {&request.x, &request.y})
        if (axis->name == "batch-size" || std::any_of(hyperparameterSpecs().begin(), hyperparameterSpecs().end(),
                                                      [&](const auto& s) { return axis->name == s.name; }))
            setMappedParameter(request.racer, axis->name, axis->valueAt(0, request.width));
    return request;
}

}  // namespace gradscape

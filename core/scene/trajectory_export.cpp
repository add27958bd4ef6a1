#include "scene/trajectory_export.h"

#include "optimizers/racer_labels.h"
#include "support/csv.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace gradscape {

namespace {

std::vector<std::string> labelsOf(const std::vector<ExportedRun>& runs) {
    std::vector<OptimizerSettings> racers;
    for (const ExportedRun& run : runs)
        racers.push_back(run.settings);
    return racerLabels(racers);
}

// A run with a projection must have its plane, and the projection every point of the trajectory.
void checkProjection(const ExportedRun& run) {
    if (!run.projection) return;
    if (!run.plane) throw std::invalid_argument("export: a run on a plane needs its plane");
    const ProjectedPath& p = *run.projection;
    const std::size_t n = p.points.size();
    if (p.steps.size() != n || p.trueLoss.size() != n || p.planeLoss.size() != n || p.distance.size() != n ||
        run.trajectory->points.size() != n)
        throw std::invalid_argument("export: " + run.settings.kind + " (racer " + std::to_string(run.settings.id) +
                                    ")'s projection does not hold its path's points");
}

// The seed a plane's directions depend on: a random plane's only.
bool seeded(const LossPlane& plane) {
    return plane.settings.kind == PlaneKind::Random;
}

// A network run's arrays (from its projection) and its plane, into its entry.
void writePlaneRun(nlohmann::json& entry, const ProjectedPath& p, const LossPlane& plane) {
    using nlohmann::json;
    json steps = json::array(), xs = json::array(), ys = json::array(), losses = json::array(),
         planeLosses = json::array(), distances = json::array();
    for (size_t j = 0; j < p.points.size(); ++j) {
        steps.push_back(p.steps[j]);
        xs.push_back(p.points[j].x());
        ys.push_back(p.points[j].y());
        losses.push_back(p.trueLoss[j]);
        planeLosses.push_back(std::isnan(p.planeLoss[j]) ? json(nullptr) : json(p.planeLoss[j]));
        distances.push_back(p.distance[j]);
    }
    entry["start"] = p.points.empty() ? json(nullptr) : json::array({p.points.front().x(), p.points.front().y()});
    entry["step"] = steps, entry["x"] = xs, entry["y"] = ys, entry["loss"] = losses;
    entry["planeLoss"] = planeLosses, entry["distance"] = distances;
    entry["explained"] = p.explained, entry["maxDistance"] = p.maxDistance, entry["maxLossGap"] = p.maxLossGap;
    entry["plane"] = {{"kind", nameOf(kPlaneKindNames, plane.settings.kind)},
                      {"seed", seeded(plane) ? json(plane.settings.seed) : json(nullptr)},
                      {"description", plane.description},
                      {"a", plane.firstLabel},
                      {"b", plane.secondLabel}};
}

}  // namespace

std::vector<ExportedRun> exportedRuns(const Snapshot& snapshot) {
    std::vector<ExportedRun> runs;
    const LossPlane* plane = snapshot.problem && snapshot.landscape ? lossPlaneOf(*snapshot.landscape) : nullptr;
    for (const PathSnapshot& path : snapshot.paths) {
        ExportedRun run{path.settings, path.trajectory.get()};
        if (plane && !path.trajectory->points.empty()) {
            // Only a projection made on this plane from every point the path has now is the path's.
            const ProjectedPath* projection = path.projection.get();
            const bool current = projection && projection->points.size() == path.trajectory->points.size() &&
                                 std::equal(projection->points.begin(), projection->points.end(),
                                            path.trajectory->points.begin());
            if (!current)
                throw std::invalid_argument(
                    path.settings.kind + " (racer " + std::to_string(path.settings.id) +
                    ") has grown past its projection onto the plane, which is made anew once the race is paused "
                    "and every path has caught up: pause it, let it settle and export again");
            run.projection = projection;
            run.plane = plane;
        }
        runs.push_back(run);
    }
    return runs;
}

void writeCsv(std::ostream& out, const std::vector<ExportedRun>& runs) {
    for (const ExportedRun& run : runs)
        checkProjection(run);
    const bool onPlane = std::any_of(runs.begin(), runs.end(), [](const ExportedRun& r) { return r.projection; });
    out << "optimizer,id,label,step,x,y,loss" << (onPlane ? ",plane_loss,distance,plane,plane_seed,plane_a,plane_b" : "")
        << '\n';
    const std::vector<std::string> labels = labelsOf(runs);
    char row[256];
    for (size_t i = 0; i < runs.size(); ++i) {
        const Trajectory& t = *runs[i].trajectory;
        const std::string identity =
            runs[i].settings.kind + "," + std::to_string(runs[i].settings.id) + "," + csvField(labels[i]);
        if (const ProjectedPath* p = runs[i].projection) {
            const LossPlane& plane = *runs[i].plane;
            const std::string named = "," + std::string(nameOf(kPlaneKindNames, plane.settings.kind)) + "," +
                                      (seeded(plane) ? std::to_string(plane.settings.seed) : "") + "," +
                                      csvField(plane.firstLabel) + "," + csvField(plane.secondLabel) + "\n";
            for (size_t j = 0; j < p->points.size(); ++j) {
                int length = std::snprintf(row, sizeof row, ",%ld,%.17g,%.17g,%.17g,", p->steps[j], p->points[j].x(),
                                           p->points[j].y(), p->trueLoss[j]);
                // NaN: the plane's loss was not computed under this iterate.
                if (!std::isnan(p->planeLoss[j]))
                    length += std::snprintf(row + length, sizeof row - length, "%.17g", p->planeLoss[j]);
                std::snprintf(row + length, sizeof row - length, ",%.17g", p->distance[j]);
                out << identity << row << named;
            }
            continue;
        }
        const char* noPlane = onPlane ? ",,,,,," : "";
        for (size_t k = 0; k < t.points.size(); ++k) {
            std::snprintf(row, sizeof row, ",%zu,%.17g,%.17g,%.17g", k, t.points[k].x(), t.points[k].y(),
                          t.losses[k]);
            out << identity << row << noPlane << '\n';
        }
    }
}

void writeJson(std::ostream& out, const std::string& landscape, const std::vector<ExportedRun>& runs) {
    using nlohmann::json;
    for (const ExportedRun& run : runs)
        checkProjection(run);
    json document = {{"landscape", landscape}, {"optimizers", json::array()}};
    const std::vector<std::string> labels = labelsOf(runs);
    for (size_t i = 0; i < runs.size(); ++i) {
        const ExportedRun& run = runs[i];
        const Trajectory& t = *run.trajectory;
        const Hyperparameters& h = run.settings.hyperparameters;
        json hyperparameters = json::object();
        for (const auto& spec : hyperparameterSpecs())
            hyperparameters[spec.name] = h.*spec.field;
        hyperparameters["batch-size"] = h.batchSize;
        hyperparameters["memory"] = h.memory;
        hyperparameters["seed"] = h.seed;
        hyperparameters["schedule"] = h.schedule.spec();
        json entry = {{"optimizer", run.settings.kind},
                      {"id", run.settings.id},
                      {"label", labels[i]},
                      {"hyperparameters", hyperparameters},
                      {"start", {run.settings.start.x(), run.settings.start.y()}},
                      {"divergedAtStep", t.diverged() ? json(t.divergedAtStep) : json(nullptr)}};
        if (const ProjectedPath* p = run.projection) {
            writePlaneRun(entry, *p, *run.plane);
            document["optimizers"].push_back(entry);
            continue;
        }
        json steps = json::array(), xs = json::array(), ys = json::array(), losses = json::array();
        for (size_t k = 0; k < t.points.size(); ++k) {
            steps.push_back(k);
            xs.push_back(t.points[k].x());
            ys.push_back(t.points[k].y());
            losses.push_back(t.losses[k]);
        }
        entry["step"] = steps, entry["x"] = xs, entry["y"] = ys, entry["loss"] = losses;
        document["optimizers"].push_back(entry);
    }
    // nlohmann writes the shortest decimal that reads back as the same double.
    out << document.dump() << '\n';
}

}  // namespace gradscape

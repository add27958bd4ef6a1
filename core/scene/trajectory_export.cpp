#include "scene/trajectory_export.h"

#include "optimizers/racer_labels.h"
#include "support/csv.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace gradscape {

namespace {

std::vector<std::string> labelsOf(const std::vector<ExportedRun>& runs) {
    std::vector<OptimizerSettings> racers;
    for (const ExportedRun& run : runs)
        racers.push_back(run.settings);
    return racerLabels(racers);
}

}  // namespace

void writeCsv(std::ostream& out, const std::vector<ExportedRun>& runs) {
    out << "optimizer,id,label,step,x,y,loss\n";
    const std::vector<std::string> labels = labelsOf(runs);
    char row[160];
    for (size_t i = 0; i < runs.size(); ++i) {
        const Trajectory& t = *runs[i].trajectory;
        const std::string identity =
            runs[i].settings.kind + "," + std::to_string(runs[i].settings.id) + "," + csvField(labels[i]);
        for (size_t k = 0; k < t.points.size(); ++k) {
            std::snprintf(row, sizeof row, ",%zu,%.17g,%.17g,%.17g\n", k, t.points[k].x(), t.points[k].y(),
                          t.losses[k]);
            out << identity << row;
        }
    }
}

void writeJson(std::ostream& out, const std::string& landscape, const std::vector<ExportedRun>& runs) {
    using nlohmann::json;
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

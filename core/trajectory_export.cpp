#include "trajectory_export.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace gradscape {

void writeCsv(std::ostream& out, const std::vector<ExportedRun>& runs) {
    out << "optimizer,step,x,y,loss\n";
    char row[160];
    for (const ExportedRun& run : runs) {
        const Trajectory& t = *run.trajectory;
        for (size_t k = 0; k < t.points.size(); ++k) {
            std::snprintf(row, sizeof row, ",%zu,%.17g,%.17g,%.17g\n", k, t.points[k].x(), t.points[k].y(),
                          t.losses[k]);
            out << run.settings.kind << row;
        }
    }
}

void writeJson(std::ostream& out, const std::string& landscape, const std::vector<ExportedRun>& runs) {
    using nlohmann::json;
    json document = {{"landscape", landscape}, {"optimizers", json::array()}};
    for (const ExportedRun& run : runs) {
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

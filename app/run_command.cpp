#include "run_command.h"

#include "formula_landscape.h"
#include "optimizer.h"
#include "trajectory_export.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace gradscape {
namespace {

// Every listed optimizer starts from its own defaults (torch.optim's); each given option overrides
// that field for all of them. Values are checked here so the message can name the option.
std::vector<OptimizerSettings> settingsFor(const RunOptions& options, const Landscape& landscape) {
    std::vector<OptimizerSettings> race;
    for (const auto& kind : options.optimizers) {
        OptimizerSettings s;
        s.id = static_cast<int>(race.size()) + 1;
        s.kind = kind;
        s.hyperparameters = optimizerInfo(kind).defaults;
        s.start = options.start.value_or(landscape.defaultStart());
        Hyperparameters& h = s.hyperparameters;
        for (const auto& [name, value] : options.values) {
            const HyperparameterSpec& spec = hyperparameterSpec(name);
            if (std::string complaint = checkHyperparameter(spec, value); !complaint.empty())
                throw std::invalid_argument("--" + name + ": " + complaint);
            h.*spec.field = value;
        }
        if (options.batchSize) h.batchSize = *options.batchSize;
        if (options.memory) h.memory = *options.memory;
        if (options.seed) h.seed = *options.seed;
        if (options.schedule) h.schedule = parseSchedule(*options.schedule);
        h.lineSearch |= options.lineSearch;
        h.lookAhead |= options.lookAhead;
        h.biasCorrection &= !options.noBiasCorrection;
        h.epsilonInsideSqrt |= options.epsilonInsideSqrt;
        if (std::string complaint = validate(h); !complaint.empty()) throw std::invalid_argument(complaint);
        race.push_back(s);
    }
    return race;
}

}  // namespace

int runCommand(const RunOptions& options) {
    std::vector<OptimizerSettings> race;
    std::shared_ptr<const Landscape> landscape;
    try {
        if (!options.scene.empty())
            throw std::invalid_argument("--scene: scene files are not available yet; use --landscape NAME");
        if (!options.expression.empty()) {
            try {
                landscape = makeFormulaLandscape(options.expression);
            } catch (const FormulaError& e) {
                throw std::invalid_argument(std::string("--expr: ") + e.what());
            }
        } else {
            landscape = makeLandscape(options.landscape);
        }
        for (const auto& kind : options.optimizers)
            optimizerInfo(kind);  // unknown names first
        race = settingsFor(options, *landscape);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "gradscape run: %s\n", e.what());
        return 2;
    }

    std::vector<Trajectory> trajectories;
    for (const auto& settings : race) {
        auto optimizer = makeOptimizer(settings.kind, settings.hyperparameters);
        trajectories.push_back(startTrajectory(*landscape, settings.start));
        advanceTrajectory(trajectories.back(), *optimizer, *landscape, options.steps);
        if (trajectories.back().diverged())
            std::fprintf(stderr, "gradscape run: %s %s\n", settings.kind.c_str(),
                         trajectories.back().divergenceMessage().c_str());
    }
    std::vector<ExportedRun> runs;
    for (size_t i = 0; i < race.size(); ++i)
        runs.push_back({race[i], &trajectories[i]});

    std::ofstream file;
    if (!options.out.empty()) {
        file.open(options.out);
        if (!file) {
            std::fprintf(stderr, "gradscape run: cannot write %s\n", options.out.c_str());
            return 1;
        }
    }
    std::ostream& out = options.out.empty() ? std::cout : file;
    if (options.format == "json")
        writeJson(out, options.expression.empty() ? options.landscape : options.expression, runs);
    else
        writeCsv(out, runs);
    out.flush();
    return out ? 0 : 1;
}

}  // namespace gradscape

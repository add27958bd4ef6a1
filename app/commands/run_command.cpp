#include "commands/run_command.h"

#include "support/atomic_file.h"
#include "landscapes/formula_landscape.h"
#include "optimizers/optimizer.h"
#include "optimizers/racer_labels.h"
#include "scene/scene_file.h"
#include "race/solver.h"
#include "scene/trajectory_export.h"

#include <cstdio>
#include <iostream>
#include <stdexcept>

namespace gradscape {
namespace {

// The scene's enabled optimizers with the given options applied, on its regularized landscape.
std::vector<OptimizerSettings> settingsFor(const RunOptions& options, const Scene& scene) {
    options.common.check();
    std::vector<OptimizerSettings> race;
    for (OptimizerSettings s : scene.optimizers)
        if (s.enabled) {
            options.common.applyTo(s);
            race.push_back(s);
        }
    return race;
}

}  // namespace

int runCommand(const RunOptions& options) {
    std::vector<OptimizerSettings> race;
    std::shared_ptr<const Landscape> landscape;
    int steps = options.steps;
    std::string landscapeName = options.expression.value_or(options.landscape);
    try {
        // A path that can never be written is refused before the race is run.
        if (!options.out.empty()) requireWritable("--out", options.out);
        if (!options.scene.empty()) {
            const Scene scene = loadScene(options.scene);
            landscape = landscapeFor(scene);
            landscapeName = scene.formula.empty() ? scene.landscape : scene.formula;
            if (!options.stepsGiven && scene.steps > 0) steps = scene.steps;
            race = settingsFor(options, scene);
        } else {
            landscape = landscapeFromOptions(options.landscape, options.expression, options.landscapeParameters);
        }
        if (options.scene.empty()) {
            if (std::string complaint = validate(options.regularization); !complaint.empty())
                throw std::invalid_argument(complaint);
            landscape = regularize(landscape, options.regularization);
            race = racersFromSpecs(options.optimizers, options.common, landscape->defaultStart());
        }
        if (std::string complaint = checkRaceSize(race.size(), steps); !complaint.empty())
            throw std::invalid_argument(complaint);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "gradscape run: %s\n", e.what());
        return 2;
    } catch (const SceneError& e) {
        std::fprintf(stderr, "gradscape run: %s\n", e.what());
        return 2;
    }

    std::vector<Trajectory> trajectories;
    const std::vector<std::string> labels = racerLabels(race);
    for (size_t i = 0; i < race.size(); ++i) {
        const OptimizerSettings& settings = race[i];
        auto optimizer = makeOptimizer(settings.kind, settings.hyperparameters);
        trajectories.push_back(startTrajectory(*landscape, settings.start));
        advanceTrajectory(trajectories.back(), *optimizer, *landscape, steps);
        if (trajectories.back().diverged())
            std::fprintf(stderr, "gradscape run: %s %s (racer %d, %s)\n", settings.kind.c_str(),
                         trajectories.back().divergenceMessage().c_str(), settings.id, labels[i].c_str());
    }
    std::vector<ExportedRun> runs;
    for (size_t i = 0; i < race.size(); ++i)
        runs.push_back({race[i], &trajectories[i]});

    auto write = [&](std::ostream& out) {
        if (options.format == "json")
            writeJson(out, landscapeName, runs);
        else
            writeCsv(out, runs);
    };
    if (options.out.empty()) {
        write(std::cout);
        std::cout.flush();
        if (std::cout) return 0;
        std::fprintf(stderr, "gradscape run: cannot write to standard output\n");
        return 1;
    }
    // The previous file stays whole until the new one is: a full disk leaves it as it was.
    try {
        replaceFile(options.out, write);
    } catch (const FileError& e) {
        std::fprintf(stderr, "gradscape run: %s\n", e.what());
        return 1;
    }
    return 0;
}

}  // namespace gradscape

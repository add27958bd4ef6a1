#include "commands/run_command.h"

#include "commands/exit_status.h"
#include "landscapes/formula_landscape.h"
#include "optimizers/optimizer.h"
#include "optimizers/racer_labels.h"
#include "race/solver.h"
#include "scene/scene_file.h"
#include "scene/trajectory_export.h"
#include "support/atomic_file.h"

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

// What the race is on and who runs it, every option checked before any step is taken.
struct Race {
    std::shared_ptr<const Landscape> landscape;
    std::string landscapeName;
    std::vector<OptimizerSettings> racers;
    int steps = 0;
};

Race raceFor(const RunOptions& options) {
    Race race;
    race.steps = options.steps;
    // A path that can never be written is refused before the race is run.
    if (!options.out.empty()) requireWritable("--out", options.out);
    if (!options.scene.empty()) {
        const Scene scene = loadScene(options.scene);
        race.landscape = landscapeFor(scene);
        race.landscapeName = scene.formula.empty() ? scene.landscape : scene.formula;
        if (!options.stepsGiven && scene.steps > 0) race.steps = scene.steps;
        race.racers = settingsFor(options, scene);
    } else {
        race.landscape = landscapeFromOptions(options.landscape, options.expression,
                                              options.landscapeParameters, options.regularization);
        race.landscapeName = options.expression.value_or(options.landscape);
        race.racers = racersFromSpecs(options.optimizers, options.common, race.landscape->defaultStart());
    }
    if (std::string complaint = checkRaceSize(race.racers.size(), race.steps); !complaint.empty())
        throw std::invalid_argument(complaint);
    return race;
}

int runRace(const RunOptions& options) {
    const Race race = raceFor(options);
    std::vector<Trajectory> trajectories;
    const std::vector<std::string> labels = racerLabels(race.racers);
    for (size_t i = 0; i < race.racers.size(); ++i) {
        const OptimizerSettings& settings = race.racers[i];
        auto optimizer = makeOptimizer(settings.kind, settings.hyperparameters);
        trajectories.push_back(startTrajectory(*race.landscape, settings.start));
        advanceTrajectory(trajectories.back(), *optimizer, *race.landscape, race.steps);
        if (trajectories.back().diverged())
            std::fprintf(stderr, "gradscape run: %s %s (racer %d, %s)\n", settings.kind.c_str(),
                         trajectories.back().divergenceMessage().c_str(), settings.id, labels[i].c_str());
    }
    std::vector<ExportedRun> runs;
    for (size_t i = 0; i < race.racers.size(); ++i)
        runs.push_back({race.racers[i], &trajectories[i]});

    auto write = [&](std::ostream& out) {
        if (options.format == "json")
            writeJson(out, race.landscapeName, runs);
        else
            writeCsv(out, runs);
    };
    if (options.out.empty()) {
        write(std::cout);
        std::cout.flush();
        if (std::cout) return 0;
        std::fprintf(stderr, "gradscape run: cannot write to standard output\n");
        return kExitFailed;
    }
    // The previous file stays whole until the new one is: a full disk leaves it as it was (a FileError).
    replaceFile(options.out, write);
    return 0;
}

}  // namespace

int runCommand(const RunOptions& options) {
    return exitStatusOf("gradscape run", [&] { return runRace(options); });
}

}  // namespace gradscape

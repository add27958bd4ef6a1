#include "commands/run_command.h"

#include "commands/exit_status.h"
#include "landscapes/formula_landscape.h"
#include "optimizers/optimizer.h"
#include "optimizers/parameter_optimizer.h"
#include "optimizers/racer_labels.h"
#include "race/solver.h"
#include "scene/scene_file.h"
#include "scene/trajectory_export.h"
#include "support/atomic_file.h"

#include <cstdio>
#include <functional>
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

// Writes with `write` to --out (replaced whole) or standard output; returns the exit status.
int writeOut(const RunOptions& options, const std::function<void(std::ostream&)>& write) {
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

// A race on a network problem: every racer from the problem's initial weights, on the full batch or the
// minibatches of --batch-size (the same batches for every racer, dealt from --seed), each step's
// full-batch loss printed as id,optimizer,step,loss.
int runNetworkRace(const RunOptions& options) {
    if (options.common.start) throw std::invalid_argument("--start: a network starts from its initial weights");
    if (options.regularization.l1 != 0 || options.regularization.l2 != 0)
        throw std::invalid_argument("--l1, --l2: a network problem has no regularization; give weight-decay= per racer");
    if (options.format != "csv") throw std::invalid_argument("--format: a network race prints CSV (id,optimizer,step,loss)");
    if (!options.out.empty()) requireWritable("--out", options.out);
    if (!options.problem.exportProblem.empty()) requireWritable("--export-problem", options.problem.exportProblem);
    const std::shared_ptr<const NetworkProblem> problem = problemFromOptions(options.problem);
    const std::vector<OptimizerSettings> racers = racersFromSpecs(options.optimizers, options.common, Vec2::Zero());
    if (std::string complaint = checkRaceSize(racers.size(), options.steps); !complaint.empty())
        throw std::invalid_argument(complaint);
    const BatchSchedule batches{.batchSize = options.common.batchSize.value_or(0),
                                .seed = options.common.seed.value_or(0)};
    if (batches.batchSize > problem->sampleCount())
        throw std::invalid_argument("--batch-size: a batch of " + std::to_string(batches.batchSize) +
                                    " samples is more than the data set's " +
                                    std::to_string(problem->sampleCount()));
    std::vector<std::unique_ptr<ParameterOptimizer>> optimizers;
    for (const OptimizerSettings& racer : racers) {
        // A racer's own batch-size= (SGD's on a 2D data landscape) would be a second batch size.
        if (racer.hyperparameters.batchSize != options.common.batchSize.value_or(Hyperparameters{}.batchSize))
            throw std::invalid_argument(racer.kind +
                                        ": batch-size= is the run's on a network, the same batches for every "
                                        "racer: give --batch-size");
        optimizers.push_back(makeParameterOptimizer(racer.kind, racer.hyperparameters));
        optimizers.back()->checkDimension(problem->dimension());
    }
    if (!options.problem.exportProblem.empty()) {
        saveProblemFile(options.problem.exportProblem, *problem, problem->initialParameters());
        if (racers.empty()) return 0;
    }
    const std::vector<std::string> labels = racerLabels(racers);
    std::vector<ParameterPath> paths;
    for (size_t i = 0; i < racers.size(); ++i) {
        paths.push_back(startParameterPath(*problem, problem->initialParameters()));
        advanceParameterPath(paths.back(), *optimizers[i], *problem, options.steps, batches);
        if (paths.back().diverged())
            std::fprintf(stderr, "gradscape run: %s diverged at step %d (racer %d, %s)\n", racers[i].kind.c_str(),
                         paths.back().divergedAtStep, racers[i].id, labels[i].c_str());
    }
    return writeOut(options, [&](std::ostream& out) {
        out << "id,optimizer,step,loss\n";
        char row[96];
        for (size_t i = 0; i < racers.size(); ++i)
            for (size_t k = 0; k < paths[i].losses.size(); ++k) {
                std::snprintf(row, sizeof row, "%d,%s,%zu,%.17g\n", racers[i].id, racers[i].kind.c_str(), k,
                              paths[i].losses[k]);
                out << row;
            }
    });
}

int runRace(const RunOptions& options) {
    if (options.problem.given()) return runNetworkRace(options);
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
    return writeOut(options, write);
}

}  // namespace

int runCommand(const RunOptions& options) {
    return exitStatusOf("gradscape run", [&] { return runRace(options); });
}

}  // namespace gradscape

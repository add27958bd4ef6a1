#include "commands/run_command.h"

#include "commands/exit_status.h"
#include "landscapes/formula_landscape.h"
#include "networks/linearized_problem.h"
#include "networks/sharpness.h"
#include "optimizers/optimizer.h"
#include "optimizers/parameter_optimizer.h"
#include "optimizers/racer_labels.h"
#include "race/solver.h"
#include "scene/scene_file.h"
#include "scene/trajectory_export.h"
#include "support/atomic_file.h"
#include "view/loss_plane.h"

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

// Steps the path to `steps`; with `every` > 0, the sharpness of the iterate at step 0 and every `every`-th
// step after, while the path lasts, into `sharpness` (warm-started point to point).
void advanceNetworkPath(ParameterPath& path, ParameterOptimizer& optimizer, const Problem& problem, int steps,
                        const BatchSchedule& batches, int every, std::vector<SharpnessSample>& sharpness) {
    if (every > 0) {
        SharpnessTracker tracker;
        for (int k = 0; k <= steps && !path.diverged(); k += every) {
            advanceParameterPath(path, optimizer, problem, k, batches);
            if (!path.diverged()) sharpness.push_back(tracker.measure(problem, path.last, k));
            if (k > steps - every) break;  // k + every would pass steps (or overflow)
        }
    }
    advanceParameterPath(path, optimizer, problem, steps, batches);
}

// A race on a network problem (or its linearization, --linearize): every racer from the problem's initial
// weights, on the full batch or the minibatches of --batch-size (the same batches for every racer, dealt
// from --seed), each step's full-batch loss printed as id,optimizer,step,loss (and sharpness, with
// --sharpness-every: empty on the steps between).
int runNetworkRace(const RunOptions& options) {
    if (options.common.start) throw std::invalid_argument("--start: a network starts from its initial weights");
    if (options.regularization.l1 != 0 || options.regularization.l2 != 0)
        throw std::invalid_argument("--l1, --l2: a network problem has no regularization; give weight-decay= per racer");
    if (options.format != "csv" && !options.problem.plane)
        throw std::invalid_argument("--format json: a network race's JSON is its paths on a plane, as the window "
                                    "exports them: give --plane (or print CSV, id,optimizer,step,loss)");
    if (options.format != "csv" && options.problem.sharpnessEvery > 0)
        throw std::invalid_argument("--sharpness-every: a column of the CSV: give --format csv");
    if (!options.out.empty()) requireWritable("--out", options.out);
    if (!options.problem.exportProblem.empty()) requireWritable("--export-problem", options.problem.exportProblem);
    const std::shared_ptr<const NetworkProblem> network = problemFromOptions(options.problem);
    const std::shared_ptr<const Problem> problem = trainedProblem(options.problem.spec, network);
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
        saveProblemFile(options.problem.exportProblem, *network, network->initialParameters());
        if (racers.empty()) return 0;
    }
    const std::vector<std::string> labels = racerLabels(racers);
    std::vector<ParameterPath> paths;
    const int every = options.problem.sharpnessEvery;
    std::vector<std::vector<SharpnessSample>> sharpness(racers.size());
    // A racer given linearized= trains the network linearized at its start (as --linearize does for all).
    std::shared_ptr<const Problem> linearized;
    for (size_t i = 0; i < racers.size(); ++i) {
        if (racers[i].linearized && !linearized)
            linearized = options.problem.spec.linearized ? problem : std::make_shared<const LinearizedNetworkProblem>(network);
        const Problem& trained = racers[i].linearized ? *linearized : *problem;
        paths.push_back(startParameterPath(trained, trained.initialParameters()));
        advanceNetworkPath(paths.back(), *optimizers[i], trained, options.steps, batches, every, sharpness[i]);
        if (paths.back().diverged())
            std::fprintf(stderr, "gradscape run: %s diverged at step %d (racer %d, %s)\n", racers[i].kind.c_str(),
                         paths.back().divergedAtStep, racers[i].id, labels[i].c_str());
    }
    // On a plane: each kept iterate's coordinates, its distance from the plane and the plane's loss there.
    std::vector<ProjectedPath> projections;
    LossPlane plane;
    if (options.problem.plane) {
        std::vector<PlanePath> planePaths;
        for (size_t i = 0; i < racers.size(); ++i)
            planePaths.push_back({labels[i], &paths[i]});
        plane = makeLossPlane(*problem, *options.problem.plane, planePaths);
        for (const ParameterPath& path : paths)
            projections.push_back(projectPath(*problem, plane, path, static_cast<int>(path.iterates.size())));
    }
    if (options.format == "json") {
        // The exporter's form (scene/trajectory_export.h): each path on the plane, as the window exports it.
        std::vector<Trajectory> onPlane(racers.size());
        std::vector<ExportedRun> runs;
        for (size_t i = 0; i < racers.size(); ++i) {
            for (size_t j = 0; j < projections[i].points.size(); ++j) {
                onPlane[i].points.push_back(projections[i].points[j]);
                onPlane[i].losses.push_back(projections[i].trueLoss[j]);
            }
            onPlane[i].divergedAtStep = paths[i].divergedAtStep;
            runs.push_back({racers[i], &onPlane[i], &projections[i], &plane});
        }
        return writeOut(options, [&](std::ostream& out) { writeJson(out, problem->name(), runs); });
    }
    return writeOut(options, [&](std::ostream& out) {
        out << "id,optimizer,step,loss" << (projections.empty() ? "" : ",x,y,distance,plane_loss")
            << (every > 0 ? ",sharpness" : "") << '\n';
        char row[192];
        for (size_t i = 0; i < racers.size(); ++i)
            for (size_t k = 0; k < paths[i].losses.size(); ++k) {
                int length = std::snprintf(row, sizeof row, "%d,%s,%zu,%.17g", racers[i].id, racers[i].kind.c_str(),
                                           k, paths[i].losses[k]);
                if (!projections.empty()) {
                    // Only kept iterates have coordinates (every one, unless the run was too long to keep).
                    const ParameterPath& path = paths[i];
                    const ProjectedPath& projected = projections[i];
                    const long stride = path.keptStride;
                    const std::size_t j = k / static_cast<std::size_t>(stride);
                    if (k % static_cast<std::size_t>(stride) == 0 && j < projected.points.size())
                        length += std::snprintf(row + length, sizeof row - length, ",%.17g,%.17g,%.17g,%.17g",
                                                projected.points[j].x(), projected.points[j].y(),
                                                projected.distance[j], projected.planeLoss[j]);
                    else
                        length += std::snprintf(row + length, sizeof row - length, ",,,,");
                }
                out << row;
                if (every > 0) {
                    const size_t at = k / every;
                    const bool measured = k % every == 0 && at < sharpness[i].size();
                    if (measured) std::snprintf(row, sizeof row, ",%.17g", sharpness[i][at].sharpness);
                    out << (measured ? row : ",");
                }
                out << '\n';
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

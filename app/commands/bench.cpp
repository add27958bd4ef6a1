#include "commands/bench.h"

#include "commands/bench_frames.h"
#include "commands/bench_network.h"

#include "landscapes/formula_landscape.h"
#include "maps/map.h"
#include "maps/map_sampler.h"
#include "view/grid.h"
#include "scene/scene.h"
#include "race/solver.h"
#include "window.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <thread>

namespace gradscape {
namespace {

using Clock = std::chrono::steady_clock;

double secondsOf(const std::function<void()>& work) {
    const auto start = Clock::now();
    work();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// The median of several runs, in milliseconds: robust to a stray slow run on a shared machine.
double medianMilliseconds(int repetitions, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < repetitions; ++i)
        times.push_back(secondsOf(work) * 1e3);
    std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
    return times[times.size() / 2];
}

// Three 1,000-step paths of the default scene, recomputed from their starts as after a drag.
double recomputeThreePaths(const Scene& scene, const Landscape& landscape) {
    return medianMilliseconds(51, [&] {
        for (const auto& settings : scene.optimizers) {
            auto optimizer = makeOptimizer(settings.kind, settings.hyperparameters);
            Trajectory t = startTrajectory(landscape, settings.start);
            advanceTrajectory(t, *optimizer, landscape, 1000);
        }
    });
}

// The same through the solver thread: post three new starts, wait for the snapshot that answers them.
double solverAnswer(const Scene& scene, std::shared_ptr<const Landscape> landscape) {
    Solver solver(landscape, scene.optimizers);
    solver.sync();
    solver.waitFor(solver.post(command::Step{1000}));
    int trial = 0;
    return medianMilliseconds(101, [&] {
        const double shift = 1e-3 * (++trial % 50);
        std::uint64_t last = 0;
        for (const auto& settings : scene.optimizers)
            last = solver.post(command::SetStart{settings.id, settings.start + Vec2(shift, 0)});
        solver.waitFor(last);
    });
}

// Steps per second of one trajectory on one thread, every iterate recorded: the best of three runs
// (the first run of a process also pays for page faults and clock ramp-up). An optimizer whose
// defaults diverge on Rosenbrock is measured at the largest of lr, lr/10, lr/100, ... that does not.
struct StepRate {
    double stepsPerSecond = 0;
    double learningRate = 0;
};

StepRate stepsPerSecond(const std::string& kind, const Landscape& landscape, bool quick) {
    const int steps = quick ? 2'000 : 2'000'000;
    Hyperparameters h = optimizerInfo(kind).defaults;
    for (int attempt = 0; attempt < 8; ++attempt, h.learningRate /= 10) {
        auto probe = makeOptimizer(kind, h);
        Trajectory trial = startTrajectory(landscape, {-1.2, 1});
        advanceTrajectory(trial, *probe, landscape, quick ? 200 : 20'000);
        if (!trial.diverged()) break;
    }
    StepRate rate{0, h.learningRate};
    for (int run = 0; run < (quick ? 1 : 3); ++run) {
        auto optimizer = makeOptimizer(kind, h);
        Trajectory t = startTrajectory(landscape, {-1.2, 1});
        const double seconds = secondsOf([&] { advanceTrajectory(t, *optimizer, landscape, steps); });
        rate.stepsPerSecond = std::max(rate.stepsPerSecond, t.steps() / seconds);
    }
    return rate;
}

// Eight racers at `steps` steps each, then one more step: the median time from posting it to the snapshot
// that holds it, which is what publishing costs once the race is long. The race may take `steps` steps
// (kMaxStepsLimit at most), so it is first brought to `repetitions` short of them.
double publishMilliseconds(const std::vector<OptimizerSettings>& racers, std::shared_ptr<const Landscape> landscape,
                           int steps, int repetitions) {
    Solver solver(landscape, racers, steps);
    solver.waitFor(solver.post(command::Step{steps - repetitions}));
    return medianMilliseconds(repetitions, [&] { solver.waitFor(solver.post(command::Step{1})); });
}

// Eight racers at `steps` steps each, every start moved (a drag of the shared start): the median time from
// posting the new starts to the first snapshot that answers them, holding each path's first kFirstSteps
// steps (the rest follows in the background, preempted by the next trial's drag as by a real one).
double dragAnswerMilliseconds(const std::vector<OptimizerSettings>& racers,
                              std::shared_ptr<const Landscape> landscape, int steps, int repetitions) {
    Solver solver(landscape, racers, steps);
    solver.waitFor(solver.post(command::Step{steps}));
    int trial = 0;
    return medianMilliseconds(repetitions, [&] {
        const double shift = 1e-3 * (++trial % 2 == 0 ? 1 : -1);
        std::uint64_t last = 0;
        for (const auto& settings : racers)
            last = solver.post(command::SetStart{settings.id, settings.start + Vec2(shift, 0)});
        solver.waitForAnswer(last);
    });
}

// Issue 14's map: the basin map of GD (lr 0.01) on Himmelblau over [-5, 5]^2, 1000 steps per cell, on
// every core as `gradscape map basins` computes it: the median time of `repetitions` and the steps per
// second (every cell's stepsRun) of that median run.
struct MapFigures {
    double milliseconds = 0;
    double stepsPerSecond = 0;
    double firstPictureMilliseconds = 0;  ///< MapSampler: from the request to its first (coarsest) level.
};

MapFigures basinMapFigures(int side, int repetitions) {
    const auto himmelblau = makeLandscape("himmelblau");
    MapRequest request;
    request.racer.kind = "gd";
    request.racer.hyperparameters = optimizerInfo("gd").defaults;
    request.racer.hyperparameters.learningRate = 0.01;
    request.x = {"x", -5, 5, false}, request.y = {"y", -5, 5, false};
    request.width = request.height = side;
    request.steps = 1000;
    const int threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    std::vector<std::pair<double, double>> runs;  // seconds, steps
    for (int i = 0; i < repetitions; ++i) {
        MapResult map;
        const double seconds = secondsOf([&] { map = computeMap(*himmelblau, request, threads); });
        double steps = 0;
        for (const MapCell& cell : map.cells)
            steps += cell.stepsRun;
        runs.emplace_back(seconds, steps);
    }
    std::nth_element(runs.begin(), runs.begin() + runs.size() / 2, runs.end());
    const auto [seconds, steps] = runs[runs.size() / 2];
    // The window's way: the background sampler, coarse to fine; the time until its first picture.
    std::vector<double> first;
    for (int i = 0; i < repetitions; ++i) {
        MapSampler sampler(threads);
        const auto start = std::chrono::steady_clock::now();
        sampler.request(himmelblau, request);
        while (!sampler.report().latest)
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        first.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::nth_element(first.begin(), first.begin() + first.size() / 2, first.end());
    return {seconds * 1e3, steps / seconds, first[first.size() / 2]};
}

// The classroom figure: both views and the plots at 1920x1080, eight optimizers with 1000 steps each.
Scene classroomScene(const Scene& scene) {
    Scene classroom = scene;
    for (const char* kind : {"nesterov", "adagrad", "rmsprop", "adamw", "sgd"}) {
        OptimizerSettings settings = defaultSettings(kind, scene.optimizers.front().start);
        settings.id = static_cast<int>(classroom.optimizers.size()) + 1;
        classroom.optimizers.push_back(settings);
    }
    classroom.views.mode = ViewMode::Both;
    classroom.views.plots = true;
    return classroom;
}

// Issue 15's figures, under keys of their own.
void addNetworkFigures(nlohmann::json& figures, bool quick) {
    const NetworkFigures network = networkFigures(quick);
    figures["network_steps_per_second"] = network.stepsPerSecond;
    figures["network_plane_128_seconds"] = network.planeSeconds;
}

void printNetworkFigures(nlohmann::json& figures) {
    std::printf("  2-32-32-1 tanh MLP, 256 moons: full-batch gd steps per second %10.0f\n",
                figures["network_steps_per_second"].get<double>());
    std::printf("  ...a 128x128 plane of its losses on 2 threads (s) %22.4f\n",
                figures["network_plane_128_seconds"].get<double>());
}

}  // namespace

int benchCommand(const BenchOptions& options) {
    nlohmann::json figures;
    if (options.networkOnly) {
        addNetworkFigures(figures, options.quick);
        if (options.json) {
            std::printf("%s\n", figures.dump().c_str());
            return 0;
        }
        std::printf("gradscape bench (median of repeated runs, this machine)\n");
        printNetworkFigures(figures);
        return 0;
    }
    Scene scene = defaultScene();
    auto rosenbrock = makeLandscape("rosenbrock");
    const int repetitions = options.quick ? 1 : 7, side = options.quick ? 64 : 512;

    for (const auto& name : namedLandscapeNames()) {
        auto landscape = makeLandscape(name);
        figures["grid_512x512_ms"][name] = medianMilliseconds(
            repetitions, [&] { sampleGrid(landscape, landscape->displayBox(), side, side); });
    }
    for (const char* formula :
         {"(1 - x)^2 + 100*(y - x^2)^2", "sin(3*x)*cos(2*y) + 0.1*(x^2 + y^2) + exp(-x^2)"}) {
        auto landscape = makeFormulaLandscape(formula);
        figures["grid_512x512_typed_formula_ms"][formula] = medianMilliseconds(
            repetitions, [&] { sampleGrid(landscape, landscape->displayBox(), side, side); });
    }
    figures["recompute_three_1000_step_paths_ms"] = recomputeThreePaths(scene, *rosenbrock);
    figures["solver_answer_three_1000_step_paths_ms"] = solverAnswer(scene, rosenbrock);
    // --quick checks the report's shape only: a thousand steps stand in for the million.
    figures["snapshot_publish_ms_at_1m_steps"] = publishMilliseconds(
        classroomScene(scene).optimizers, rosenbrock, options.quick ? 1'000 : 1'000'000, options.quick ? 3 : 11);
    figures["drag_answer_ms_at_1m_steps"] =
        dragAnswerMilliseconds(classroomScene(scene).optimizers, rosenbrock,
                               options.quick ? 1'000 : 1'000'000, options.quick ? 3 : 11);
    // --quick: a 32x32 map stands in for the 512x512 one.
    const MapFigures map = basinMapFigures(options.quick ? 32 : 512, options.quick ? 1 : 3);
    figures["map_basins_512_gd_himmelblau_1000_steps_ms"] = map.milliseconds;
    figures["map_steps_per_second"] = map.stepsPerSecond;
    figures["map_first_coarse_picture_ms"] = map.firstPictureMilliseconds;
    for (const auto& info : optimizerCatalog()) {
        const StepRate rate = stepsPerSecond(info.name, *rosenbrock, options.quick);
        figures["steps_per_second"][info.name] = rate.stepsPerSecond;
        figures["steps_per_second_learning_rate"][info.name] = rate.learningRate;
    }
    addNetworkFigures(figures, options.quick);

    const int frames = options.quick ? 3 : 60;
    Scene framesScene = scene;
    framesScene.steps = 1000;
    framesScene.playing = false;
    const Scene classroom = classroomScene(framesScene);
    figures["frames_per_second"] = {{"contour_1280x800", nullptr},
                                    {"both_plots_1920x1080_playing", nullptr},
                                    {"both_plots_1920x1080_dragging", nullptr},
                                    {"eight_1m_step_paths_1920x1080_playing", nullptr}};
    figures["frame_ms_split"] = nullptr;
    try {
        figures["headless_frames_per_second_1280x800"] =
            headlessFramesPerSecond(framesScene, 1280, 800, frames);
        figures["headless_frames_per_second_1920x1080_both_views_eight_paths"] =
            headlessFramesPerSecond(classroom, 1920, 1080, frames);
        nlohmann::json& fps = figures["frames_per_second"];
        fps["contour_1280x800"] = figures["headless_frames_per_second_1280x800"];
        fps["both_plots_1920x1080_playing"] =
            headlessFramesPerSecond(classroom, 1920, 1080, frames, FrameMotion::Playing);
        fps["both_plots_1920x1080_dragging"] =
            headlessFramesPerSecond(classroom, 1920, 1080, frames, FrameMotion::Dragging);
        // The same eight racers a million steps in, playing on: paths and plots drawn from their summaries.
        Scene longRace = classroom;
        longRace.steps = options.quick ? 20'000 : 999'000;
        fps["eight_1m_step_paths_1920x1080_playing"] =
            headlessFramesPerSecond(longRace, 1920, 1080, frames, FrameMotion::Playing);
        figures["frame_ms_split"] = frameMillisecondsSplit(classroom, 1920, 1080, frames);
    } catch (const std::exception& e) {
        figures["headless_frames_per_second_1280x800"] = nullptr;
        std::fprintf(stderr, "gradscape bench: headless frames skipped: %s\n", e.what());
    }
    figures["idle_cpu_share"] = nullptr;
    if (options.window && std::getenv("DISPLAY")) {
        double fps = 0;
        WindowOptions window;
        window.scene = framesScene;
        window.benchmarkFrames = 120;
        window.framesPerSecond = &fps;
        if (runWindow(window) == 0) figures["window_frames_per_second_1280x800"] = fps;
        window.scene = classroomScene(framesScene);
        window.width = 1920, window.height = 1080;
        if (runWindow(window) == 0)
            figures["window_frames_per_second_1920x1080_both_views_eight_paths"] = fps;
        if (const auto share = idleCpuShare(classroom, 1920, 1080, options.quick ? 1 : 4))
            figures["idle_cpu_share"] = *share;
    }

    if (options.json) {
        std::printf("%s\n", figures.dump().c_str());
        return 0;
    }
    std::printf("gradscape bench (median of repeated runs, this machine)\n");
    for (auto& [name, ms] : figures["grid_512x512_ms"].items())
        std::printf("  sample 512x512 grid, %-11s %10.3f ms\n", name.c_str(), ms.get<double>());
    for (auto& [formula, ms] : figures["grid_512x512_typed_formula_ms"].items())
        std::printf("  sample 512x512 grid, typed %s: %.2f ms\n", formula.c_str(), ms.get<double>());
    std::printf("  recompute three 1000-step paths    %10.3f ms\n",
                figures["recompute_three_1000_step_paths_ms"].get<double>());
    std::printf("  ...answered through the solver     %10.3f ms\n",
                figures["solver_answer_three_1000_step_paths_ms"].get<double>());
    std::printf("  basin map 512x512, gd on himmelblau, 1000 steps (ms) %16.1f\n",
                figures["map_basins_512_gd_himmelblau_1000_steps_ms"].get<double>());
    std::printf("  ...map steps per second, all cores %34.0f\n", figures["map_steps_per_second"].get<double>());
    std::printf("  ...first coarse picture in the background (ms) %22.1f\n",
                figures["map_first_coarse_picture_ms"].get<double>());
    for (auto& [name, rate] : figures["steps_per_second"].items())
        std::printf("  %-13s steps per second      %12.0f   (lr %g)\n", name.c_str(), rate.get<double>(),
                    figures["steps_per_second_learning_rate"][name].get<double>());
    printNetworkFigures(figures);
    for (const char* key : {"headless_frames_per_second_1280x800", "window_frames_per_second_1280x800",
                            "headless_frames_per_second_1920x1080_both_views_eight_paths",
                            "window_frames_per_second_1920x1080_both_views_eight_paths"})
        if (figures.contains(key) && !figures[key].is_null())
            std::printf("  %-60s %8.1f\n", key, figures[key].get<double>());
    for (auto& [name, fps] : figures["frames_per_second"].items())
        if (!fps.is_null()) std::printf("  frames per second, %-41s %8.1f\n", name.c_str(), fps.get<double>());
    if (!figures["frame_ms_split"].is_null())
        for (auto& [part, ms] : figures["frame_ms_split"].items())
            std::printf("  1920x1080 frame, %-8s ms per frame %29.2f\n", part.c_str(), ms.get<double>());
    std::printf("  publish a snapshot at 8 x 1M steps (ms) %29.3f\n",
                figures["snapshot_publish_ms_at_1m_steps"].get<double>());
    std::printf("  answer a drag of 8 x 1M-step paths (ms) %29.3f\n",
                figures["drag_answer_ms_at_1m_steps"].get<double>());
    if (!figures["idle_cpu_share"].is_null())
        std::printf("  paused window, CPU share of a core %34.3f\n", figures["idle_cpu_share"].get<double>());
    return 0;
}

}  // namespace gradscape

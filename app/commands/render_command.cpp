#include "commands/render_command.h"

#include "commands/exit_status.h"
#include "export/image_io.h"
#include "export/video_export.h"
#include "frames/cpu_renderer.h"
#include "landscapes/formula_landscape.h"
#include "optimizers/parameter_optimizer.h"
#include "race/race_replay.h"
#include "race/solver.h"
#include "scene/grid_export.h"
#include "scene/scene_file.h"
#include "support/atomic_file.h"

#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <stdexcept>
#include <thread>

namespace gradscape {

namespace {

// What every rendered race takes from the options, a 2D one or a network's: the views, the steps taken,
// paused; refused when the race would keep more iterates than the limits allow.
void finishRace(const RenderOptions& options, Scene& scene) {
    scene.views = options.views;
    scene.views.mode = options.view;
    scene.views.logHeight = options.logHeight;
    scene.steps = options.steps;
    scene.playing = false;
    if (std::string complaint = checkRaceSize(scene.optimizers.size(), scene.steps); !complaint.empty())
        throw std::invalid_argument(complaint);
}

}  // namespace

Scene sceneFor(const RenderOptions& options) {
    if (options.steps < 0 || options.steps > kMaxStepsLimit)
        throw std::invalid_argument("--steps must be in [0, " + std::to_string(kMaxStepsLimit) + "]");
    if (!options.scene.empty()) {
        Scene scene = loadScene(options.scene);
        if (options.stepsGiven || scene.steps == 0) scene.steps = options.steps;
        scene.playing = false;
        if (std::string complaint = checkRaceSize(scene.optimizers.size(), scene.steps); !complaint.empty())
            throw std::invalid_argument(complaint);
        return scene;
    }
    Scene scene = defaultScene();
    scene.landscape = options.landscape;
    scene.landscapeParameters = options.landscapeParameters;
    auto landscape = landscapeFromOptions(options.landscape, options.expression, options.landscapeParameters);
    scene.formula = options.expression.value_or("");
    scene.view = options.region.value_or(landscape->displayBox());
    const Vec2 start = options.common.start.value_or(landscape->defaultStart());
    scene.sharedStart = start;
    if (!options.optimizers.empty()) {
        scene.optimizers = racersFromSpecs(options.optimizers, options.common, start);
    } else {
        options.common.check();
        for (auto& settings : scene.optimizers) {
            settings.start = start;
            options.common.applyTo(settings);
            if (std::string complaint = validate(settings.hyperparameters); !complaint.empty())
                throw std::invalid_argument(complaint);
        }
    }
    if (std::string complaint = validate(options.regularization); !complaint.empty())
        throw std::invalid_argument(complaint);
    scene.regularization = options.regularization;
    scene.showConstraintRegion = options.showConstraintRegion;
    scene.contours = options.contours;
    finishRace(options, scene);
    return scene;
}

NetworkRender networkSceneFor(const RenderOptions& options) {
    if (options.steps < 0 || options.steps > kMaxStepsLimit)
        throw std::invalid_argument("--steps must be in [0, " + std::to_string(kMaxStepsLimit) + "]");
    // What shapes a 2D landscape, or what the window's race of a network has no place for (it trains every
    // racer on the full batch from the network's own weights).
    if (options.regularization.l1 != 0 || options.regularization.l2 != 0)
        throw std::invalid_argument("--l1, --l2: a network problem has no regularization; give weight-decay= per racer");
    if (options.showConstraintRegion)
        throw std::invalid_argument("--constraint: a network problem has no L1 or L2 region to draw");
    if (options.contours == ContourSource::DataLoss)
        throw std::invalid_argument("--contours data: a network problem has no penalty apart from its loss");
    if (options.common.start) throw std::invalid_argument("--start: a network starts from its initial weights");
    if (options.common.batchSize)
        throw std::invalid_argument("--batch-size: render trains a network on the full batch, as the window does; "
                                    "run --batch-size races on minibatches");
    NetworkRender render;
    render.network = problemFromOptions(options.problem);
    Scene& scene = render.scene;
    scene = defaultScene();
    if (options.problem.mlp) scene.problem = options.problem.spec;
    scene.plane = options.problem.plane.value_or(PlaneSettings{});
    if (!options.optimizers.empty()) {
        scene.optimizers = racersFromSpecs(options.optimizers, options.common, Vec2::Zero());
    } else {
        options.common.check();
        for (auto& settings : scene.optimizers)
            options.common.applyTo(settings);
    }
    for (const OptimizerSettings& racer : scene.optimizers) {
        if (std::string complaint = validate(racer.hyperparameters); !complaint.empty())
            throw std::invalid_argument(complaint);
        if (racer.hyperparameters.batchSize != Hyperparameters{}.batchSize)
            throw std::invalid_argument(racer.kind + ": batch-size= has no meaning here: render trains a network on "
                                                     "the full batch (run --batch-size races on minibatches)");
        makeParameterOptimizer(racer.kind, racer.hyperparameters)->checkDimension(render.network->dimension());
    }
    scene.sharedStart.reset();
    finishRace(options, scene);
    return render;
}

HeadlessRenderer::HeadlessRenderer(int width, int height) : offscreen_(width, height) {}

void HeadlessRenderer::drawFrame(Session& session) {
    offscreen_.drawFrame(session, *session.snapshot(), {});
}

Image HeadlessRenderer::render(Session& session, const std::string& title) {
    return offscreen_.render(session, *session.sync(), title);
}

namespace {

// The race replayed from step 0 to the session's step, one frame per replayStep, into ffmpeg.
void renderVideo(const RenderOptions& options, Session& session, HeadlessRenderer& renderer) {
    const auto whole = session.sync();
    renderer.render(session, options.title);  // the grids for this size, sampled once for every frame
    VideoEncoder encoder(options.video, options.width, options.height, options.fps, options.frames);
    for (int frame = 0; frame < options.frames && encoder.state() == VideoEncoder::State::Encoding; ++frame) {
        const auto past = snapshotAtStep(*whole, replayStep(frame, options.frames, whole->stepCount));
        renderer.offscreen().drawFrame(session, *past, options.title, true, whole.get());
        encoder.addFrame(renderer.offscreen().read());
    }
    if (encoder.wait() != VideoEncoder::State::Done) throw std::runtime_error(encoder.error());
    std::printf("wrote %s (%d frames, %dx%d, %g fps, steps 0 to %d)\n", options.video.c_str(), options.frames,
                options.width, options.height, options.fps, whole->stepCount);
}

// --grid-csv: the loss over the session's view box (--region, the landscape's box, or the box a network's
// plane is drawn over) at --grid-size points a side, in exact doubles: a landscape's value, or the network's
// loss on the plane.
void writeLossGrid(const RenderOptions& options, Session& session) {
    const auto snapshot = session.sync();
    const int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const LossPlane* plane = snapshot->problem ? lossPlaneOf(*snapshot->landscape) : nullptr;
    const LossGrid grid = plane ? planeGrid(*snapshot->problem, *plane, session.viewBox, options.gridSide, threads)
                                : landscapeGrid(*snapshot->landscape, session.viewBox, options.gridSide, threads);
    replaceFile(options.gridCsv, [&](std::ostream& out) { writeGridCsv(out, grid); });
    std::printf("wrote %s (%d x %d points of %s,%s,loss)\n", options.gridCsv.c_str(), grid.side, grid.side,
                grid.xName.c_str(), grid.yName.c_str());
}

// The contour view alone, to a PNG alone, is drawn on the CPU, unless GRADSCAPE_RENDER=gl asks for GL
// (the tests compare the two).
bool useCpuRenderer(const Session& session, const RenderOptions& options) {
    const char* forced = std::getenv("GRADSCAPE_RENDER");
    if (forced && std::string(forced) == "gl") return false;
    return session.viewSettings.mode == ViewMode::Contour && !session.maps.shown && options.video.empty() &&
           !options.out.empty();
}

}  // namespace

int renderCommand(const RenderOptions& options) {
    return exitStatusOf("gradscape render", [&]() -> int {
        if (options.out.empty() && options.video.empty() && options.gridCsv.empty())
            throw std::invalid_argument("--out is required (the PNG to write), unless --video FILE.mp4|FILE.gif or "
                                        "--grid-csv FILE is given");
        requireRenderableSize(options.width, options.height);
        if (!options.video.empty()) {
            videoFormatOf(options.video);
            if (std::string complaint = validateVideo(options.frames, options.fps); !complaint.empty())
                throw std::invalid_argument(complaint);
        }
        // Paths that can never be written (a folder, a device, a missing folder) are refused before
        // anything is drawn.
        if (!options.out.empty()) requireWritable("--out", options.out);
        if (!options.video.empty()) requireWritable("--video", options.video);
        if (!options.gridCsv.empty()) requireWritable("--grid-csv", options.gridCsv);
        Scene scene;
        std::shared_ptr<const NetworkProblem> network;
        if (options.problem.given()) {
            NetworkRender race = networkSceneFor(options);
            scene = std::move(race.scene);
            network = std::move(race.network);
        } else {
            scene = sceneFor(options);
        }
        Session session(scene, network);
        if (network && options.region) {
            // A network's plane (and the box it opens on) is made once its paths stand still; the region is
            // in that plane's coordinates.
            session.sync();
            session.viewBox = *options.region;
        }
        if (!options.gridCsv.empty()) writeLossGrid(options, session);
        session.layout.probe = options.probe;
        session.viewSettings.plots = options.plots || (!options.scene.empty() && scene.views.plots);
        if (options.out.empty() && options.video.empty()) {
            // The grid alone: nothing to draw.
        } else if (useCpuRenderer(session, options)) {
            // No GL at all: loading the GL driver alone would take longer than this whole render.
            CpuRenderer renderer(options.width, options.height);
            writePng(options.out, renderer.render(session, *session.sync(), options.title));
            std::printf("wrote %s (%dx%d)\n", options.out.c_str(), options.width, options.height);
        } else {
            HeadlessRenderer renderer(options.width, options.height);
            if (!options.out.empty()) {
                writePng(options.out, renderer.render(session, options.title));
                std::printf("wrote %s (%dx%d)\n", options.out.c_str(), options.width, options.height);
            }
            if (!options.video.empty()) renderVideo(options, session, renderer);
        }
        // A one-shot command, like a compiler that skips freeing its memory: the process ends here, and the
        // system reclaims the GL driver, the threads and the memory faster than an orderly teardown (a
        // sixth of a render's time, mostly unmapping Mesa's LLVM). Everything written is flushed first.
        std::fflush(nullptr);
        std::_Exit(0);
    });
}

}  // namespace gradscape

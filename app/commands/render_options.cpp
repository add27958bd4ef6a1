#include "commands/render_options.h"

#include "commands/view_options.h"
#include "export/video_export.h"
#include "race/solver.h"
#include "support/input_limits.h"

#include <CLI/CLI.hpp>

#include <memory>

namespace gradscape {

CommandCli addRenderCommand(CLI::App& app, RenderOptions& render) {
    // What CLI11 fills as text, read into `render` once parsing is done.
    struct Typed {
        std::string taylorCentre, probe, contours = nameOf(kContourSources, ContourSource::Total);
        std::string view = nameOf(kViewModes, ViewMode::Contour);
        std::string region, camera;
        std::vector<std::string> overlays;
    };
    auto typed = std::make_shared<Typed>();
    CLI::App* renderApp = app.add_subcommand(
        "render",
        "draw the contour view with its paths and legend, the 3D surface, or both, to a PNG, with no display "
        "at all (EGL)");
    auto* renderScene = renderApp->add_option("--scene", render.scene,
                                              "draw this scene file as saved (its views, overlays and "
                                              "optimizers); --steps, --probe, --plots and the "
                                              "image options still apply");
    LandscapeSourceCli source(*renderApp, render.landscape, render.expression, render.landscapeParameters,
                              {.formula = "", .exactlyOne = false});  // render has no --expr
    source.landscapeOption()->capture_default_str()->excludes(renderScene);
    renderApp
        ->add_option("--optimizer", render.optimizers,
                     optimizerSpecHelp() + " (default: the default scene's gd, momentum and adam)")
        ->excludes(renderScene);
    source.addParameters()->excludes(renderScene);
    CommonOptimizerCli common(*renderApp, render.common);
    ProblemCli problem(*renderApp, render.problem, source, ProblemCommand::Render);
    // render races a network as the window does, on the full batch: what these say of run's does not hold.
    renderApp->get_option("--batch-size")
        ->description("SGD minibatch size on data landscapes, for every racer (a network trains on the full "
                      "batch here, as in the window; run --batch-size races on minibatches)");
    renderApp->get_option("--seed")->description(
        "seed of SGD noise and random search, for every racer; with --problem, also of its data and weights");
    for (CLI::Option* option : problem.added())
        option->excludes(renderScene);
    auto* steps =
        renderApp->add_option("--steps", render.steps,
                              "steps each optimizer takes (with --scene: the scene's own, or this default)");
    wholeNumberIn(steps, 0, kMaxStepsLimit)->capture_default_str();
    renderApp->add_option("--l2", render.regularization.l2, "L2 regularization lambda2 |w|^2");
    renderApp->add_option("--l1", render.regularization.l1, "L1 regularization lambda1 |w|_1");
    renderApp->add_flag("--constraint", render.showConstraintRegion,
                        "draw the L1 diamond / L2 disc through the optimum");
    renderApp
        ->add_option("--contours", typed->contours,
                     "with --l1/--l2: contours of the data loss alone (data; the textbook figure with "
                     "--constraint) or of loss + penalty (total)")
        ->check(CLI::IsMember(namesOf(kContourSources)))
        ->capture_default_str();
    addOverlaysOption(*renderApp, typed->overlays);
    renderApp->add_option("--taylor-centre", typed->taylorCentre, "centre X,Y of the Taylor model");
    renderApp->add_option("--probe", typed->probe,
                          "draw the curvature overlay at X,Y, as if the mouse were there (a network's linear "
                          "probe is --linear-probe)");
    renderApp->add_flag("--plots", render.plots,
                        "draw the loss, gradient-norm and distance-to-minimum plots under the view");
    renderApp->add_option("--view", typed->view, "contour, surface (3D) or both side by side")
        ->check(CLI::IsMember(namesOf(kViewModes)))
        ->capture_default_str();
    renderApp->add_flag("--log-height", render.logHeight, "the surface's height on a log scale");
    renderApp
        ->add_option("--region", typed->region,
                     "the region of the plane drawn: XMIN,XMAX,YMIN,YMAX (default: the landscape's; on a network, the "
                     "box its paths need on its plane, in the plane's coordinates a,b)")
        ->excludes(renderScene);
    renderApp
        ->add_option(
            "--camera", typed->camera,
            "the 3D camera: YAW,PITCH,DISTANCE[,TARGET_X,TARGET_Y,TARGET_Z[,FIELD_OF_VIEW]] (radians)")
        ->excludes(renderScene);
    // A scene says all of these itself; given with it they would be silently ignored.
    for (const char* name :
         {"--l2", "--l1", "--constraint", "--contours", "--overlays", "--taylor-centre", "--view",
          "--log-height", "--start", "--batch-size", "--memory", "--seed", "--schedule", "--line-search",
          "--look-ahead", "--no-bias-correction", "--eps-inside-sqrt"})
        renderApp->get_option(name)->excludes(renderScene);
    for (const auto& spec : hyperparameterSpecs())
        renderApp->get_option("--" + std::string(spec.name))->excludes(renderScene);
    renderApp->add_option("--out", render.out, "the PNG file to write");
    renderApp->add_option("--grid-csv", render.gridCsv,
                          "also (or instead of the PNG) write the loss over the view's region (--region, the "
                          "landscape's box, or the box a network's plane is drawn over) as CSV: x,y,loss, or "
                          "a,b,loss on a network's plane, at --grid-size x --grid-size points, corners included, "
                          "x (a) growing fastest");
    auto* gridSize = renderApp->add_option("--grid-size", render.gridSide, "points a side of --grid-csv's grid");
    wholeNumberIn(gridSize, 2, limits::kMaxGridCsvSide)->capture_default_str();
    const int side = limits::kMaxImageSide;
    wholeNumberIn(renderApp->add_option("--width", render.width, "image (and video) width in pixels"), 16,
                  side)
        ->capture_default_str();
    wholeNumberIn(renderApp->add_option("--height", render.height, "image (and video) height in pixels"), 16,
                  side)
        ->capture_default_str();
    renderApp->add_option("--title", render.title, "a title written across the top of the figure");
    renderApp->add_option(
        "--video", render.video,
        "an MP4 or GIF (by its extension, made by ffmpeg) of the race replayed from step 0 to "
        "--steps");
    wholeNumberIn(renderApp->add_option("--frames", render.frames, "the video's frames, at least 2"),
                  kMinVideoFrames, kMaxVideoFrames)
        ->capture_default_str();
    numberIn(renderApp->add_option("--fps", render.fps, "the video's frames per second"), kMinVideoFps,
             kMaxVideoFps)
        ->capture_default_str();

    CommandCli cli;
    cli.app = renderApp;
    cli.read = [&render, typed, source, common, problem, steps, gridSize]() mutable {
        source.setAfterParse();
        render.stepsGiven = steps->count() > 0;
        common.setAfterParse();
        problem.setAfterParse(render.common);
        if (render.problem.given() && source.given())
            throw CLI::ValidationError(render.problem.mlp ? "--problem" : "--problem-file",
                                       "races a network instead of a landscape: drop --landscape and --param");
        if (gridSize->count() > 0 && render.gridCsv.empty())
            throw CLI::ValidationError("--grid-size", "sizes the grid of --grid-csv: give --grid-csv FILE");
        if (!typed->region.empty()) render.region = parseRegion(typed->region);
        if (!typed->camera.empty()) render.views.camera = parseCamera(typed->camera);
        render.views.overlays = parseOverlays(typed->overlays);
        if (!typed->taylorCentre.empty())
            render.views.overlays.taylorCentre = parsePoint(typed->taylorCentre, "--taylor-centre");
        if (!typed->probe.empty()) render.probe = parsePoint(typed->probe, "--probe");
    };
    cli.finish = [&render, typed, source]() mutable {
        refuseRacerCount(render.optimizers);
        source.finish();
        render.view = *valueNamed(kViewModes, typed->view);
        render.contours = *valueNamed(kContourSources, typed->contours);
    };
    return cli;
}

}  // namespace gradscape

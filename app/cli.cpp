#include "cli.h"

#include "analyze_command.h"
#include "bench.h"
#include "camera.h"
#include "race_options.h"
#include "render_command.h"
#include "run_command.h"
#include "scene_file.h"
#include "window.h"

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace gradscape {
namespace {

std::string listOf(const std::vector<std::string>& names) {
    std::string list;
    for (const auto& n : names)
        list += (list.empty() ? "" : ", ") + n;
    return list;
}

// "A,B,C,..." into finite numbers, between `fewest` and `most` of them, described by `shape`.
std::vector<double> parseNumbers(const std::string& text, const std::string& option, size_t fewest, size_t most,
                                 const std::string& shape) {
    std::vector<double> numbers;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');) {
        size_t used = 0;
        double value = NAN;
        try {
            value = std::stod(part, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (part.empty() || used != part.size() || !std::isfinite(value))
            throw CLI::ValidationError(option, "expected " + shape + ", got '" + text + "'");
        numbers.push_back(value);
    }
    if (numbers.size() < fewest || numbers.size() > most)
        throw CLI::ValidationError(option, "expected " + shape + ", got '" + text + "'");
    return numbers;
}

// "XMIN,XMAX,YMIN,YMAX" into the region of the plane a view shows.
ViewBox parseRegion(const std::string& text) {
    const auto v = parseNumbers(text, "--region", 4, 4, "XMIN,XMAX,YMIN,YMAX");
    if (!(v[0] < v[1]) || !(v[2] < v[3]))
        throw CLI::ValidationError("--region", "expected XMIN < XMAX and YMIN < YMAX, got '" + text + "'");
    return {v[0], v[1], v[2], v[3]};
}

// "YAW,PITCH,DISTANCE[,TX,TY,TZ[,FOV]]" into the 3D camera, within the ranges a scene allows.
OrbitCamera parseCamera(const std::string& text) {
    const std::string shape = "YAW,PITCH,DISTANCE[,TARGET_X,TARGET_Y,TARGET_Z[,FIELD_OF_VIEW]] (radians)";
    const auto v = parseNumbers(text, "--camera", 3, 7, shape);
    if (v.size() != 3 && v.size() != 6 && v.size() != 7)
        throw CLI::ValidationError("--camera", "expected " + shape + ", got '" + text + "'");
    OrbitCamera camera;
    camera.yaw = v[0], camera.pitch = v[1], camera.distance = v[2];
    if (v.size() >= 6) camera.targetX = v[3], camera.targetY = v[4], camera.targetZ = v[5];
    if (v.size() == 7) camera.fieldOfView = v[6];
    if (camera.pitch < kMinPitch || camera.pitch > kMaxPitch)
        throw CLI::ValidationError("--camera", "pitch must be in [0.05, 1.5], got " + std::to_string(camera.pitch));
    if (camera.distance < kMinDistance || camera.distance > kMaxDistance)
        throw CLI::ValidationError("--camera",
                                   "distance must be in [0.6, 12], got " + std::to_string(camera.distance));
    if (camera.fieldOfView < 0.05 || camera.fieldOfView > 3)
        throw CLI::ValidationError("--camera",
                                   "field of view must be in [0.05, 3], got " + std::to_string(camera.fieldOfView));
    return camera;
}

// "gradient,curvature" into the overlays they turn on.
Overlays parseOverlays(const std::vector<std::string>& names) {
    Overlays overlays;
    for (const auto& name : names) {
        if (name == "gradient") overlays.gradientField = true;
        if (name == "steps") overlays.stepParts = true;
        if (name == "curvature") overlays.hessianAtHover = true;
        if (name == "taylor") overlays.taylorModel = true;
    }
    return overlays;
}

const char* kOverlayHelp =
    "comma-separated overlays: gradient (field arrows), steps (each step split into its parts), "
    "curvature (Hessian eigen-directions and kappa at the cursor, or at --probe), taylor (the second-order "
    "model around --taylor-centre, dashed)";

const std::vector<std::string> kViewNames = {"contour", "surface", "both"};

ViewMode viewModeNamed(const std::string& name) {
    return name == "surface" ? ViewMode::Surface : name == "both" ? ViewMode::Both : ViewMode::Contour;
}

}  // namespace

int runCli(int argc, char** argv) {
    CLI::App app{
        "gradscape: watch optimization algorithms race across loss landscapes.\n"
        "With no subcommand, opens the window on the default scene (GD, momentum and Adam on Rosenbrock)."};
    app.set_version_flag("--version", "gradscape 0.1.0");
    // One line per error, naming the option, as scripts and tests expect.
    app.failure_message(
        [](const CLI::App*, const CLI::Error& e) { return "gradscape: " + std::string(e.what()) + "\n"; });

    WindowOptions window;
    app.add_option("--width", window.width, "window width in pixels")->check(CLI::Range(320, 16384));
    app.add_option("--height", window.height, "window height in pixels")->check(CLI::Range(240, 16384));
    app.add_option(
        "--state-file", window.stateFile,
        "write the window's state as JSON to this file after the first frames, on every screenshot "
        "and on exit");
    app.add_option("--screenshot-dir", window.screenshotDirectory,
                   "where the S key saves screenshots and the Export section its files")
        ->capture_default_str();
    std::string windowView;
    app.add_option("--view", windowView, "open on the contour view, the 3D surface or both")
        ->check(CLI::IsMember(kViewNames));
    double uiScale = 1;
    app.add_option("--ui-scale", uiScale,
                   "fonts, widgets and marks this much larger, 1 to 3 (Ctrl+= / Ctrl+-)")
        ->check(CLI::Range(Presentation::kMinUiScale, Presentation::kMaxUiScale));
    std::string themeChoice = themeName(Theme::Dark);
    app.add_option("--theme", themeChoice, "dark, high-contrast or colour-blind-safe (C cycles them)")
        ->check(CLI::IsMember(
            {themeName(Theme::Dark), themeName(Theme::HighContrast), themeName(Theme::ColourBlindSafe)}));
    RenderOptions windowRace;  // the window's race, when --landscape or --optimizer is given
    auto* windowLandscape = app.add_option("--landscape", windowRace.landscape,
                                           "open on this landscape: " + listOf(builtinLandscapeNames()));
    auto* windowFormula =
        app.add_option("--expr", windowRace.expression, "open on this typed formula f(x,y)");
    auto* windowOptimizers = app.add_option("--optimizer", windowRace.optimizers,
                                            "open with this racer: " + optimizerSpecHelp());
    std::vector<std::string> windowParameters;
    auto* windowParameterOption = app.add_option("--param", windowParameters,
                                                 "a landscape parameter NAME=VALUE, repeatable (--param kappa=20)");

    std::string windowScene;
    app.add_option("--scene", windowScene, "open this scene file (saved from the window, or a lesson)")
        ->excludes(windowLandscape)
        ->excludes(windowFormula)
        ->excludes(windowOptimizers)
        ->excludes(windowParameterOption);

    std::string windowRegion, windowCamera;
    std::optional<ViewBox> region;
    app.add_option("--region", windowRegion, "open on this region of the plane: XMIN,XMAX,YMIN,YMAX");
    app.add_option("--camera", windowCamera,
                   "the 3D camera: YAW,PITCH,DISTANCE[,TARGET_X,TARGET_Y,TARGET_Z[,FIELD_OF_VIEW]]");
    std::vector<std::string> windowOverlays;
    std::string windowTaylorCentre;
    app.add_option("--overlays", windowOverlays, kOverlayHelp)
        ->delimiter(',')
        ->check(CLI::IsMember({"gradient", "steps", "curvature", "taylor"}));
    app.add_option("--taylor-centre", windowTaylorCentre, "centre X,Y of the Taylor model");

    RenderOptions render;
    std::string renderTaylorCentre, probe;
    std::vector<std::string> renderOverlays, renderParameters;
    CLI::App* renderApp = app.add_subcommand(
        "render",
        "draw the contour view with its paths and legend, the 3D surface, or both, to a PNG, with no display "
        "at all (EGL)");
    auto* renderScene = renderApp->add_option("--scene", render.scene,
                                              "draw this scene file as saved (its views, overlays and "
                                              "optimizers); --steps, --probe, --plots and the "
                                              "image options still apply");
    renderApp->add_option("--landscape", render.landscape, "one of: " + listOf(builtinLandscapeNames()))
        ->capture_default_str()
        ->excludes(renderScene);
    renderApp
        ->add_option("--optimizer", render.optimizers,
                     optimizerSpecHelp() + " (default: the default scene's gd, momentum and adam)")
        ->excludes(renderScene);
    renderApp->add_option("--param", renderParameters, "a landscape parameter NAME=VALUE, repeatable")
        ->excludes(renderScene);
    CommonOptimizerCli renderCommon(*renderApp, render.common);
    auto* renderSteps =
        renderApp->add_option("--steps", render.steps,
                              "steps each optimizer takes (with --scene: the scene's own, or this default)");
    renderSteps->capture_default_str();
    renderApp->add_option("--l2", render.regularization.l2, "L2 regularization lambda2 |w|^2");
    renderApp->add_option("--l1", render.regularization.l1, "L1 regularization lambda1 |w|_1");
    renderApp->add_flag("--constraint", render.showConstraintRegion,
                        "draw the L1 diamond / L2 disc through the optimum");
    std::string renderContours = contourSourceName(ContourSource::Total);
    renderApp
        ->add_option("--contours", renderContours,
                     "with --l1/--l2: contours of the data loss alone (data; the textbook figure with "
                     "--constraint) or of loss + penalty (total)")
        ->check(CLI::IsMember({"data", "total"}))
        ->capture_default_str();
    renderApp->add_option("--overlays", renderOverlays, kOverlayHelp)
        ->delimiter(',')
        ->check(CLI::IsMember({"gradient", "steps", "curvature", "taylor"}));
    renderApp->add_option("--taylor-centre", renderTaylorCentre, "centre X,Y of the Taylor model");
    renderApp->add_option("--probe", probe, "draw the curvature overlay at X,Y, as if the mouse were there");
    renderApp->add_flag("--plots", render.plots,
                        "draw the loss, gradient-norm and distance-to-minimum plots under the view");
    std::string renderView = "contour";
    renderApp->add_option("--view", renderView, "contour, surface (3D) or both side by side")
        ->check(CLI::IsMember(kViewNames))
        ->capture_default_str();
    renderApp->add_flag("--log-height", render.logHeight, "the surface's height on a log scale");
    std::string renderRegion, renderCamera;
    renderApp->add_option("--region", renderRegion,
                          "the region of the plane drawn: XMIN,XMAX,YMIN,YMAX (default: the landscape's)")
        ->excludes(renderScene);
    renderApp
        ->add_option("--camera", renderCamera,
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
    renderApp->add_option("--width", render.width, "image (and video) width in pixels")
        ->capture_default_str();
    renderApp->add_option("--height", render.height, "image (and video) height in pixels")
        ->capture_default_str();
    renderApp->add_option("--title", render.title, "a title written across the top of the figure");
    renderApp->add_option(
        "--video", render.video,
        "an MP4 or GIF (by its extension, made by ffmpeg) of the race replayed from step 0 to "
        "--steps");
    renderApp->add_option("--frames", render.frames, "the video's frames, at least 2")->capture_default_str();
    renderApp->add_option("--fps", render.fps, "the video's frames per second")->capture_default_str();

    RunOptions run;
    CLI::App* runApp = app.add_subcommand(
        "run",
        "race optimizers on a landscape and print every iterate as CSV (optimizer,id,label,step,x,y,loss) or "
        "JSON");
    auto* source = runApp->add_option_group("landscape", "where the loss comes from (exactly one)");
    source->add_option("--landscape", run.landscape, "one of: " + listOf(builtinLandscapeNames()));
    source->add_option("--expr", run.expression, "a formula f(x,y), such as \"(1-x)^2 + 100*(y-x^2)^2\"");
    auto* runScene = source->add_option(
        "--scene", run.scene,
        "a scene file: its landscape, regularization and enabled optimizers with their settings; the "
        "hyperparameter options below override every one of them");
    source->require_option(1);
    auto* runOptimizers =
        runApp->add_option("--optimizer", run.optimizers, optimizerSpecHelp())->excludes(runScene);
    std::vector<std::string> runParameters;
    runApp->add_option("--param", runParameters, "a landscape parameter NAME=VALUE, repeatable (--param kappa=20)")
        ->excludes(runScene);
    CommonOptimizerCli runCommon(*runApp, run.common);
    runApp->add_option("--l2", run.regularization.l2, "L2 regularization lambda2 |w|^2")->excludes(runScene);
    runApp->add_option("--l1", run.regularization.l1, "L1 regularization lambda1 |w|_1")->excludes(runScene);
    auto* runSteps = runApp->add_option("--steps", run.steps,
                                        "steps each optimizer takes (with --scene: the scene's own, if any, "
                                        "unless this is given)");
    runSteps->check(CLI::Range(0, kMaxStepsLimit))->capture_default_str();
    runApp->add_option("--format", run.format, "csv or json")
        ->check(CLI::IsMember({"csv", "json"}))
        ->capture_default_str();
    runApp->add_option("--out", run.out, "write here instead of standard output");

    AnalyzeOptions analyzeOptions;
    std::string analyzeAt;
    std::vector<std::string> analyzeParameters;
    CLI::App* analyzeApp = app.add_subcommand(
        "analyze",
        "the curvature at a point (value, gradient, Hessian, eigenvalues, kappa) and, per racer, the largest "
        "stable learning rate and the predicted contraction per step, as a table or one JSON object");
    auto* analyzeSource = analyzeApp->add_option_group("landscape", "where the loss comes from (exactly one)");
    analyzeSource->add_option("--landscape", analyzeOptions.landscape,
                              "one of: " + listOf(builtinLandscapeNames()));
    analyzeSource->add_option("--expr", analyzeOptions.expression, "a formula f(x,y)");
    analyzeSource->require_option(1);
    analyzeApp->add_option("--param", analyzeParameters, "a landscape parameter NAME=VALUE, repeatable");
    analyzeApp->add_option("--l2", analyzeOptions.regularization.l2, "L2 regularization lambda2 |w|^2");
    analyzeApp->add_option("--l1", analyzeOptions.regularization.l1, "L1 regularization lambda1 |w|_1");
    analyzeApp->add_option("--optimizer", analyzeOptions.optimizers, optimizerSpecHelp());
    CommonOptimizerCli analyzeCommon(*analyzeApp, analyzeOptions.common, false);  // the point is --at
    analyzeApp->add_option("--at", analyzeAt, "the point X,Y to analyze")->required();
    analyzeApp->add_option("--format", analyzeOptions.format, "text (a table) or json (one object)")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();

    BenchOptions bench;
    CLI::App* benchApp = app.add_subcommand(
        "bench", "measure grid sampling, path recomputation, optimizer steps per second and frame rates");
    benchApp->add_flag("--json", bench.json, "print one JSON object");
    bool noWindow = false;
    benchApp->add_flag("--no-window", noWindow, "skip the window frame rate (measured only with a display)");
    benchApp->add_flag("--quick", bench.quick,
                       "tiny sizes, one repetition: checks the report, measures nothing");

    try {
        app.parse(argc, argv);
        if (*runApp && run.scene.empty() && !*runOptimizers) throw CLI::RequiredError("--optimizer");
        run.stepsGiven = runSteps->count() > 0;
        render.stepsGiven = renderSteps->count() > 0;
        renderCommon.setAfterParse();
        runCommon.setAfterParse();
        analyzeCommon.setAfterParse();
        if (!renderRegion.empty()) render.region = parseRegion(renderRegion);
        if (!renderCamera.empty()) render.views.camera = parseCamera(renderCamera);
        if (!windowRegion.empty()) region = parseRegion(windowRegion);
        if (!windowCamera.empty()) window.scene.views.camera = parseCamera(windowCamera);
        if (*analyzeApp) analyzeOptions.at = parsePoint(analyzeAt, "--at");
        render.views.overlays = parseOverlays(renderOverlays);
        if (!renderTaylorCentre.empty())
            render.views.overlays.taylorCentre = parsePoint(renderTaylorCentre, "--taylor-centre");
        if (!probe.empty()) render.probe = parsePoint(probe, "--probe");
        window.scene.views.overlays = parseOverlays(windowOverlays);
        if (!windowTaylorCentre.empty())
            window.scene.views.overlays.taylorCentre = parsePoint(windowTaylorCentre, "--taylor-centre");
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }

    try {
        if (*renderApp) {
            render.landscapeParameters = parseLandscapeParameters(renderParameters);
            render.view = viewModeNamed(renderView);
            render.contours = *parseContourSource(renderContours);
            return renderCommand(render);
        }
        if (*analyzeApp) {
            analyzeOptions.landscapeParameters = parseLandscapeParameters(analyzeParameters);
            return analyzeCommand(analyzeOptions);
        }
        if (*runApp) {
            run.landscapeParameters = parseLandscapeParameters(runParameters);
            return runCommand(run);
        }
        if (*benchApp) {
            bench.window = !noWindow;
            return benchCommand(bench);
        }
        if (*windowLandscape || *windowOptimizers || *windowFormula || *windowParameterOption) {
            windowRace.landscapeParameters = parseLandscapeParameters(windowParameters);
            windowRace.steps = 0;
            windowRace.views = window.scene.views;
            window.scene = sceneFor(windowRace);
            window.scene.playing = true;
        }
        if (!windowScene.empty()) window.scene = loadScene(windowScene);
        if (!windowView.empty()) window.scene.views.mode = viewModeNamed(windowView);
        if (region) window.scene.view = *region;
        if (!windowCamera.empty()) window.scene.views.camera = parseCamera(windowCamera);
        Presentation& presentation = window.scene.views.presentation;
        presentation.uiScale = Presentation::steppedUiScale(uiScale, 0);
        for (Theme theme : {Theme::Dark, Theme::HighContrast, Theme::ColourBlindSafe})
            if (themeChoice == themeName(theme)) presentation.theme = theme;
        return runWindow(window);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "gradscape: %s\n", e.what());
        return 2;
    } catch (const SceneError& e) {
        std::fprintf(stderr, "gradscape: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gradscape: %s\n", e.what());
        return 1;
    }
}

}  // namespace gradscape

#include "cli_parse.h"

#include "view/view_box_check.h"

#include "view/camera.h"
#include "support/input_limits.h"
#include "race/solver.h"
#include "export/video_export.h"

#include <CLI/CLI.hpp>

#include <cmath>
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
            throw CLI::ValidationError(option, "expected " + shape + ", got " + echoed(text));
        numbers.push_back(value);
        if (numbers.size() > most) break;  // a pasted megabyte of commas is refused at once
    }
    if (numbers.size() < fewest || numbers.size() > most)
        throw CLI::ValidationError(option, "expected " + shape + ", got " + echoed(text));
    return numbers;
}

// "XMIN,XMAX,YMIN,YMAX" into the region of the plane a view shows.
ViewBox parseRegion(const std::string& text) {
    const auto v = parseNumbers(text, "--region", 4, 4, "XMIN,XMAX,YMIN,YMAX");
    if (!(v[0] < v[1]) || !(v[2] < v[3]))
        throw CLI::ValidationError("--region", "expected XMIN < XMAX and YMIN < YMAX, got " + echoed(text));
    const ViewBox box{v[0], v[1], v[2], v[3]};
    // The same check as a scene's view: a box that cannot be drawn is refused here, not in the renderer.
    if (const std::string problem = checkViewBox(box); !problem.empty()) throw CLI::ValidationError("--region", problem);
    return box;
}

// "YAW,PITCH,DISTANCE[,TX,TY,TZ[,FOV]]" into the 3D camera, within the ranges a scene allows.
OrbitCamera parseCamera(const std::string& text) {
    const std::string shape = "YAW,PITCH,DISTANCE[,TARGET_X,TARGET_Y,TARGET_Z[,FIELD_OF_VIEW]] (radians)";
    const auto v = parseNumbers(text, "--camera", 3, 7, shape);
    if (v.size() != 3 && v.size() != 6 && v.size() != 7)
        throw CLI::ValidationError("--camera", "expected " + shape + ", got " + echoed(text));
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

// One line of at most this many characters per refusal, however many arguments it lists.
constexpr size_t kMaxMessageCharacters = 600;

// CLI11 quotes values whole ("--view: <value> not in {...}") and lists every unexpected argument: each
// argument longer than a message may echo is cut where it appears, and so is the line itself.
std::string refusalLine(const std::string& what, const std::vector<std::string>& arguments) {
    std::string message = withValuesCut(what, arguments);
    for (char& c : message)
        if (c == '\n' || c == '\r') c = ' ';  // one line, whatever the arguments held
    if (message.size() > kMaxMessageCharacters) message = message.substr(0, kMaxMessageCharacters) + "...";
    return message + "\n";
}

// A value limited by input_limits.h says so: "more than the limit" is not a typing mistake.
void refuseRacerCount(const std::vector<std::string>& specs) {
    if (specs.size() > limits::kMaxRacers)
        throw std::invalid_argument("--optimizer: a race has at most " + std::to_string(limits::kMaxRacers) +
                                    " racers, got " + std::to_string(specs.size()) + " --optimizer values");
}

}  // namespace

ParsedCommand parseCommandLine(const std::vector<std::string>& arguments) {
    ParsedCommand parsed;
    CLI::App app{
        "gradscape: watch optimization algorithms race across loss landscapes.\n"
        "With no subcommand, opens the window on the default scene (GD, momentum and Adam on Rosenbrock).",
        "gradscape"};
    app.set_version_flag("--version", "gradscape 0.1.0");
    // One line per error, naming the option, as scripts and tests expect.
    app.failure_message([&](const CLI::App*, const CLI::Error& e) {
        return refusalLine("gradscape: " + std::string(e.what()), arguments);
    });

    WindowCommand& window = parsed.window;
    WindowOptions& windowOptions = window.options;
    wholeNumberIn(app.add_option("--width", windowOptions.width, "window width in pixels"), 320, 16384);
    wholeNumberIn(app.add_option("--height", windowOptions.height, "window height in pixels"), 240, 16384);
    app.add_option(
        "--state-file", windowOptions.stateFile,
        "write the window's state as JSON to this file after the first frames, on every screenshot "
        "and on exit");
    app.add_option("--screenshot-dir", windowOptions.screenshotDirectory,
                   "where the S key saves screenshots and the Export section its files")
        ->capture_default_str();
    std::string windowView;
    app.add_option("--view", windowView, "open on the contour view, the 3D surface or both")
        ->check(CLI::IsMember(kViewNames));
    double uiScale = 1;
    numberIn(app.add_option("--ui-scale", uiScale, "fonts, widgets and marks this much larger, 1 to 3 (Ctrl+= / Ctrl+-)"),
             Presentation::kMinUiScale, Presentation::kMaxUiScale);
    std::string themeChoice = themeName(Theme::Dark);
    app.add_option("--theme", themeChoice, "dark, high-contrast or colour-blind-safe (C cycles them)")
        ->check(CLI::IsMember(
            {themeName(Theme::Dark), themeName(Theme::HighContrast), themeName(Theme::ColourBlindSafe)}));
    RenderOptions windowRace;  // the window's race, when --landscape or --optimizer is given
    std::string windowExpression;
    auto* windowLandscape = app.add_option("--landscape", windowRace.landscape,
                                           "open on this landscape: " + listOf(namedLandscapeNames()));
    auto* windowFormula = app.add_option("--expr", windowExpression, "open on this typed formula f(x,y)");
    auto* windowOptimizers = app.add_option("--optimizer", windowRace.optimizers,
                                            "open with this racer: " + optimizerSpecHelp());
    std::vector<std::string> windowParameters;
    auto* windowParameterOption = app.add_option("--param", windowParameters,
                                                 "a landscape parameter NAME=VALUE, repeatable (--param kappa=20)");

    app.add_option("--scene", window.scene, "open this scene file (saved from the window, or a lesson)")
        ->excludes(windowLandscape)
        ->excludes(windowFormula)
        ->excludes(windowOptimizers)
        ->excludes(windowParameterOption);

    std::string windowRegion, windowCamera;
    app.add_option("--region", windowRegion, "open on this region of the plane: XMIN,XMAX,YMIN,YMAX");
    app.add_option("--camera", windowCamera,
                   "the 3D camera: YAW,PITCH,DISTANCE[,TARGET_X,TARGET_Y,TARGET_Z[,FIELD_OF_VIEW]]");
    std::vector<std::string> windowOverlays;
    std::string windowTaylorCentre;
    app.add_option("--overlays", windowOverlays, kOverlayHelp)
        ->delimiter(',')
        ->check(CLI::IsMember({"gradient", "steps", "curvature", "taylor"}));
    app.add_option("--taylor-centre", windowTaylorCentre, "centre X,Y of the Taylor model");

    RenderOptions& render = parsed.render;
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
    renderApp->add_option("--landscape", render.landscape, "one of: " + listOf(namedLandscapeNames()))
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
    wholeNumberIn(renderSteps, 0, kMaxStepsLimit)->capture_default_str();
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
    const int side = limits::kMaxImageSide;
    wholeNumberIn(renderApp->add_option("--width", render.width, "image (and video) width in pixels"), 16, side)
        ->capture_default_str();
    wholeNumberIn(renderApp->add_option("--height", render.height, "image (and video) height in pixels"), 16, side)
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

    RunOptions& run = parsed.run;
    std::string runExpression;
    CLI::App* runApp = app.add_subcommand(
        "run",
        "race optimizers on a landscape and print every iterate as CSV (optimizer,id,label,step,x,y,loss) or "
        "JSON");
    // Where the loss comes from, exactly one: a help heading, not a CLI11 option group (an empty argument
    // and another after it sent CLI11 2.1's option groups into an endless loop; found by the fuzzer).
    const std::string source = "landscape (exactly one)";
    auto* runLandscape =
        runApp->add_option("--landscape", run.landscape, "one of: " + listOf(namedLandscapeNames()))->group(source);
    auto* runFormula =
        runApp->add_option("--expr", runExpression, "a formula f(x,y), such as \"(1-x)^2 + 100*(y-x^2)^2\"")
            ->group(source);
    auto* runScene = runApp
                         ->add_option("--scene", run.scene,
                                      "a scene file: its landscape, regularization and enabled optimizers with "
                                      "their settings; the hyperparameter options below override every one of them")
                         ->group(source);
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
    wholeNumberIn(runSteps, 0, kMaxStepsLimit)->capture_default_str();
    runApp->add_option("--format", run.format, "csv or json")
        ->check(CLI::IsMember({"csv", "json"}))
        ->capture_default_str();
    runApp->add_option("--out", run.out, "write here instead of standard output");

    AnalyzeOptions& analyze = parsed.analyze;
    std::string analyzeAt, analyzeExpression;
    std::vector<std::string> analyzeParameters;
    CLI::App* analyzeApp = app.add_subcommand(
        "analyze",
        "the curvature at a point (value, gradient, Hessian, eigenvalues, kappa) and, per racer, the largest "
        "stable learning rate and the predicted contraction per step, as a table or one JSON object");
    auto* analyzeLandscape =
        analyzeApp->add_option("--landscape", analyze.landscape, "one of: " + listOf(namedLandscapeNames()))
            ->group(source);
    auto* analyzeFormula = analyzeApp->add_option("--expr", analyzeExpression, "a formula f(x,y)")->group(source);
    analyzeApp->add_option("--param", analyzeParameters, "a landscape parameter NAME=VALUE, repeatable");
    analyzeApp->add_option("--l2", analyze.regularization.l2, "L2 regularization lambda2 |w|^2");
    analyzeApp->add_option("--l1", analyze.regularization.l1, "L1 regularization lambda1 |w|_1");
    analyzeApp->add_option("--optimizer", analyze.optimizers, optimizerSpecHelp());
    CommonOptimizerCli analyzeCommon(*analyzeApp, analyze.common, false);  // the point is --at
    analyzeApp->add_option("--at", analyzeAt, "the point X,Y to analyze")->required();
    analyzeApp->add_option("--format", analyze.format, "text (a table) or json (one object)")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();

    BenchOptions& bench = parsed.bench;
    CLI::App* benchApp = app.add_subcommand(
        "bench", "measure grid sampling, path recomputation, optimizer steps per second and frame rates");
    benchApp->add_flag("--json", bench.json, "print one JSON object");
    bool noWindow = false;
    benchApp->add_flag("--no-window", noWindow, "skip the window frame rate (measured only with a display)");
    benchApp->add_flag("--quick", bench.quick, "tiny sizes, one repetition: checks the report, measures nothing");

    std::ostringstream output, errors;
    try {
        std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());  // CLI11 takes them last first
        app.parse(reversed);
        if (*runApp && (*runLandscape ? 1 : 0) + (*runFormula ? 1 : 0) + (*runScene ? 1 : 0) != 1)
            throw CLI::RequiredError("Exactly 1 option from [--landscape,--expr,--scene]");
        if (*analyzeApp && (*analyzeLandscape ? 1 : 0) + (*analyzeFormula ? 1 : 0) != 1)
            throw CLI::RequiredError("Exactly 1 option from [--landscape,--expr]");
        if (*runApp && run.scene.empty() && !*runOptimizers) throw CLI::RequiredError("--optimizer");
        run.stepsGiven = runSteps->count() > 0;
        render.stepsGiven = renderSteps->count() > 0;
        // An --expr given empty is a formula still: the formula parser says what is wrong with it.
        if (*runFormula) run.expression = runExpression;
        if (*analyzeFormula) analyze.expression = analyzeExpression;
        if (*windowFormula) windowRace.expression = windowExpression;
        renderCommon.setAfterParse();
        runCommon.setAfterParse();
        analyzeCommon.setAfterParse();
        if (!renderRegion.empty()) render.region = parseRegion(renderRegion);
        if (!renderCamera.empty()) render.views.camera = parseCamera(renderCamera);
        if (!windowRegion.empty()) window.region = parseRegion(windowRegion);
        if (!windowCamera.empty()) {
            window.camera = parseCamera(windowCamera);
            windowOptions.scene.views.camera = *window.camera;
        }
        if (*analyzeApp) analyze.at = parsePoint(analyzeAt, "--at");
        render.views.overlays = parseOverlays(renderOverlays);
        if (!renderTaylorCentre.empty())
            render.views.overlays.taylorCentre = parsePoint(renderTaylorCentre, "--taylor-centre");
        if (!probe.empty()) render.probe = parsePoint(probe, "--probe");
        windowOptions.scene.views.overlays = parseOverlays(windowOverlays);
        if (!windowTaylorCentre.empty())
            windowOptions.scene.views.overlays.taylorCentre = parsePoint(windowTaylorCentre, "--taylor-centre");
    } catch (const CLI::ParseError& e) {
        parsed.status = app.exit(e, output, errors) == 0 ? 0 : 2;
        parsed.output = output.str();
        parsed.errors = errors.str();
        return parsed;
    }

    try {
        if (*renderApp) {
            refuseRacerCount(render.optimizers);
            render.landscapeParameters = parseLandscapeParameters(renderParameters);
            render.view = viewModeNamed(renderView);
            render.contours = *parseContourSource(renderContours);
            parsed.action = ParsedCommand::Action::Render;
        } else if (*analyzeApp) {
            refuseRacerCount(analyze.optimizers);
            analyze.landscapeParameters = parseLandscapeParameters(analyzeParameters);
            parsed.action = ParsedCommand::Action::Analyze;
        } else if (*runApp) {
            refuseRacerCount(run.optimizers);
            run.landscapeParameters = parseLandscapeParameters(runParameters);
            parsed.action = ParsedCommand::Action::Run;
        } else if (*benchApp) {
            bench.window = !noWindow;
            parsed.action = ParsedCommand::Action::Bench;
        } else {
            if (*windowLandscape || *windowOptimizers || *windowFormula || *windowParameterOption) {
                refuseRacerCount(windowRace.optimizers);
                windowRace.landscapeParameters = parseLandscapeParameters(windowParameters);
                windowRace.steps = 0;
                windowRace.views = windowOptions.scene.views;
                window.race = windowRace;
            }
            if (!windowView.empty()) window.view = viewModeNamed(windowView);
            window.uiScale = Presentation::steppedUiScale(uiScale, 0);
            for (Theme theme : {Theme::Dark, Theme::HighContrast, Theme::ColourBlindSafe})
                if (themeChoice == themeName(theme)) window.theme = theme;
            parsed.action = ParsedCommand::Action::Window;
        }
    } catch (const std::invalid_argument& e) {
        parsed.action = ParsedCommand::Action::Exit;
        parsed.status = 2;
        parsed.errors = refusalLine("gradscape: " + std::string(e.what()), arguments);
    }
    return parsed;
}

}  // namespace gradscape

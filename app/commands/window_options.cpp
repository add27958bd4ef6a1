#include "commands/window_options.h"

#include "commands/view_options.h"

#include <CLI/CLI.hpp>

#include <memory>

namespace gradscape {

CommandCli addWindowOptions(CLI::App& app, WindowCommand& window) {
    struct Typed {
        RenderOptions race;  // the window's race, when --landscape or --optimizer is given
        std::string view, region, camera, taylorCentre, theme = nameOf(kThemes, Theme::Dark);
        std::vector<std::string> overlays;
        double uiScale = 1;
    };
    auto typed = std::make_shared<Typed>();
    WindowOptions& options = window.options;
    wholeNumberIn(app.add_option("--width", options.width, "window width in pixels"), 320, 16384);
    wholeNumberIn(app.add_option("--height", options.height, "window height in pixels"), 240, 16384);
    app.add_option(
        "--state-file", options.stateFile,
        "write the window's state as JSON to this file after the first frames, on every screenshot "
        "and on exit");
    app.add_option("--screenshot-dir", options.screenshotDirectory,
                   "where the S key saves screenshots and the Export section its files")
        ->capture_default_str();
    app.add_option("--view", typed->view, "open on the contour view, the 3D surface or both")
        ->check(CLI::IsMember(namesOf(kViewModes)));
    numberIn(app.add_option("--ui-scale", typed->uiScale,
                            "fonts, widgets and marks this much larger, 1 to 3 (Ctrl+= / Ctrl+-)"),
             Presentation::kMinUiScale, Presentation::kMaxUiScale);
    app.add_option("--theme", typed->theme, nameList(kThemes, " or ") + " (C cycles them)")
        ->check(CLI::IsMember(namesOf(kThemes)));
    LandscapeSourceCli source(app, typed->race.landscape, typed->race.expression,
                              typed->race.landscapeParameters,
                              {.landscape = "open on this landscape: ",
                               .formula = "open on this typed formula f(x,y)",
                               .exactlyOne = false});
    auto* optimizers =
        app.add_option("--optimizer", typed->race.optimizers, "open with this racer: " + optimizerSpecHelp());
    auto* parameters = source.addParameters();
    app.add_option("--scene", window.scene, "open this scene file (saved from the window, or a lesson)")
        ->excludes(source.landscapeOption())
        ->excludes(source.formulaOption())
        ->excludes(optimizers)
        ->excludes(parameters);
    app.add_option("--region", typed->region, "open on this region of the plane: XMIN,XMAX,YMIN,YMAX");
    app.add_option("--camera", typed->camera,
                   "the 3D camera: YAW,PITCH,DISTANCE[,TARGET_X,TARGET_Y,TARGET_Z[,FIELD_OF_VIEW]]");
    addOverlaysOption(app, typed->overlays);
    app.add_option("--taylor-centre", typed->taylorCentre, "centre X,Y of the Taylor model");

    CommandCli cli;
    cli.app = &app;
    cli.read = [&window, typed, source]() mutable {
        WindowOptions& options = window.options;
        source.setAfterParse();
        if (!typed->region.empty()) window.region = parseRegion(typed->region);
        if (!typed->camera.empty()) {
            window.camera = parseCamera(typed->camera);
            options.scene.views.camera = *window.camera;
        }
        options.scene.views.overlays = parseOverlays(typed->overlays);
        if (!typed->taylorCentre.empty())
            options.scene.views.overlays.taylorCentre = parsePoint(typed->taylorCentre, "--taylor-centre");
    };
    cli.finish = [&window, typed, source, optimizers]() mutable {
        if (source.given() || *optimizers) {
            RenderOptions& race = typed->race;
            refuseRacerCount(race.optimizers);
            source.finish();
            race.steps = 0;
            race.views = window.options.scene.views;
            window.race = race;
        }
        if (!typed->view.empty()) window.view = valueNamed(kViewModes, typed->view);
        window.uiScale = Presentation::steppedUiScale(typed->uiScale, 0);
        window.theme = valueNamed(kThemes, typed->theme).value_or(Theme::Dark);
    };
    return cli;
}

}  // namespace gradscape

#pragma once
// A scene: everything needed to set up a race (landscape, optimizers, view), independent of any window.

#include "landscapes/landscape.h"
#include "optimizers/optimizer.h"
#include "landscapes/regularization.h"
#include "maps/map_settings.h"
#include "networks/problem_spec.h"
#include "view/loss_plane.h"
#include "view/view_settings.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gradscape {

/// The teaching text a lesson scene carries; every field is empty for a plain scene.
struct Lesson {
    std::string title;                 ///< Such as "Gradient descent and the learning-rate bound".
    std::string explanation;           ///< A short paragraph: what to watch for and why it happens.
    std::string formula;               ///< The lesson's key formula, UTF-8 (Greek letters allowed).
    std::vector<std::string> tryThis;  ///< Prompts: what to change, and what to expect.

    bool empty() const { return title.empty() && explanation.empty() && formula.empty() && tryThis.empty(); }
    bool operator==(const Lesson&) const = default;
};

/// The description of a race a window or the headless renderer starts from.
struct Scene {
    std::string landscape = "rosenbrock";
    std::map<std::string, double> landscapeParameters;
    std::string formula;                ///< When set, the landscape is this typed f(x, y) (name "formula").
    Regularization regularization;      ///< Added to the landscape: L2, L1 or elastic net.
    bool showConstraintRegion = false;  ///< Draw the L1 diamond / L2 disc touching the optimum.
    ContourSource contours = ContourSource::Total;  ///< Contours of the data loss or of loss + penalty.
    std::vector<OptimizerSettings> optimizers;
    /// The start point that racers with followsSharedStart share and move together; unset: the first
    /// racer's start, or the landscape's default start when there is none.
    std::optional<Vec2> sharedStart;
    ViewBox view;        ///< The region shown; the landscape's display box by default.
    ViewSettings views;  ///< Which views, overlays and panels are shown, and the 3D camera.
    int steps = 0;       ///< Steps already taken when the scene opens.
    bool playing = false;
    double stepsPerSecond = 60;
    Lesson lesson;  ///< The lesson text shown beside the race; empty for a plain scene.
    MapSettings maps;  ///< The map panel: shown or not, which map of which racer.
    /// A small real network to race on instead of the landscape (issue 15): every racer trains its weights
    /// from the problem's seeded start, drawn on `plane`. Unset: the 2D landscape.
    std::optional<ProblemSpec> problem;
    PlaneSettings plane;  ///< How a network's plane is chosen.
    int sharpnessEvery = 0;  ///< On a network: the sharpness is tracked every so many steps; 0: not.

    bool operator==(const Scene&) const = default;
};

/// The scene gradscape opens with: GD, momentum and Adam racing down the Rosenbrock valley from (-1.2, 1).
Scene defaultScene();

/// The landscape a race runs on, the one place that chooses it: the typed `formula` when there is one
/// (even an empty text, which the formula parser then refuses), otherwise the landscape `name` with its
/// `parameters`; then `regularization` added. Throws what makeLandscape, makeFormulaLandscape (a
/// FormulaError) or regularize throw.
std::shared_ptr<const Landscape> landscapeFor(const std::optional<std::string>& formula,
                                              const std::string& name,
                                              const std::map<std::string, double>& parameters,
                                              const Regularization& regularization);

/// The landscape a scene races on: its typed formula (when not empty) or its named landscape with its
/// parameters, then its regularization.
std::shared_ptr<const Landscape> landscapeFor(const Scene& scene);

/// Settings for one optimizer of kind `kind` with its catalog defaults, starting at `start` and following
/// the shared start.
OptimizerSettings defaultSettings(const std::string& kind, const Vec2& start);

}  // namespace gradscape

#pragma once
// How the landscape is shown: which views, the 3D camera, the analysis overlays and the panels. Plain
// data, saved with a scene; the app's views read it every frame.

#include "landscapes/landscape.h"
#include "support/enum_names.h"

#include <algorithm>
#include <cmath>

namespace gradscape {

/// Which views of the landscape the window shows.
enum class ViewMode { Contour, Surface, Both };

/// The views' names: scene and state files and --view spell them, the View row shows the labels.
inline constexpr EnumName<ViewMode> kViewModes[] = {{ViewMode::Contour, "contour", "Contour"},
                                                    {ViewMode::Surface, "surface", "Surface"},
                                                    {ViewMode::Both, "both", "Both"}};

/// An orbit camera around a point of the 3D surface. The surface lives in normalized coordinates: the
/// view box maps to [-1, 1] along its longer side (keeping the aspect), height to [0, 1].
struct OrbitCamera {
    double yaw = -0.75;                              ///< Radians about the vertical axis, 0 looking along +y.
    double pitch = 0.65;                             ///< Radians above the horizon, in (0, pi/2).
    double distance = 4.2;                           ///< From the target, in normalized units.
    double targetX = 0, targetY = 0, targetZ = 0.3;  ///< The point the camera orbits and looks at.
    double fieldOfView = 0.75;                       ///< Across the picture's shorter side, radians.

    bool operator==(const OrbitCamera&) const = default;
};

/// The analysis drawn over the landscape; each is a toggle.
struct Overlays {
    bool gradientField = false;   ///< Arrows of -grad f on a regular lattice.
    bool stepParts = false;       ///< Each optimizer's next step split into its parts, at its iterate.
    bool hessianAtHover = false;  ///< The Hessian's eigen-directions, eigenvalues and kappa at the cursor.
    bool taylorModel = false;     ///< The second-order Taylor model around taylorCentre, dashed contours.
    bool ridgePath = false;       ///< The ridge path w*(alpha), and where GD's step t sits on it (1/(eta t)).
    Vec2 taylorCentre = Vec2::Zero();

    bool operator==(const Overlays&) const = default;
};

/// One overlay's names: its switch in Overlays, the key scene and state files write it under, the word
/// --overlays takes and the label the Overlays panel shows.
struct OverlayName {
    bool Overlays::*field;
    const char* key;    ///< "gradientField"
    const char* word;   ///< "gradient"
    const char* label;  ///< "gradient field"
};

/// Every overlay switch, in the order the panel and the command line's help list them.
inline constexpr OverlayName kOverlayNames[] = {
    {&Overlays::gradientField, "gradientField", "gradient", "gradient field"},
    {&Overlays::stepParts, "stepParts", "steps", "step split into its parts"},
    {&Overlays::hessianAtHover, "hessianAtHover", "curvature", "curvature at the cursor"},
    {&Overlays::taylorModel, "taylorModel", "taylor", "Taylor model"},
    {&Overlays::ridgePath, "ridgePath", "ridge", "ridge path vs early stopping"},
};

/// The look of the whole window: dark, high contrast (black and white, thick lines) for a washed-out
/// projector, or colour-blind safe (no red/green pairs anywhere).
enum class Theme { Dark, HighContrast, ColourBlindSafe };

/// The themes' names: scene and state files and --theme spell them, the Display section shows the labels.
inline constexpr EnumName<Theme> kThemes[] = {
    {Theme::Dark, "dark", "dark"},
    {Theme::HighContrast, "high-contrast", "high contrast"},
    {Theme::ColourBlindSafe, "colour-blind-safe", "colour-blind safe"}};

/// How the window presents itself to a room: the UI scale (fonts, widgets and the views' own marks),
/// the theme, whether the panels are hidden so the views fill the window, fullscreen, the help window.
struct Presentation {
    static constexpr double kMinUiScale = 1, kMaxUiScale = 3, kUiScaleStep = 0.25;
    double uiScale = 1;
    Theme theme = Theme::Dark;
    bool panelsHidden = false;
    bool fullscreen = false;
    bool helpOpen = false;

    /// The UI scale one step (kUiScaleStep) up or down from `scale`, on the step grid, within
    /// [kMinUiScale, kMaxUiScale].
    static double steppedUiScale(double scale, int steps) {
        const double snapped = std::round(scale / kUiScaleStep) * kUiScaleStep + steps * kUiScaleStep;
        return std::clamp(snapped, kMinUiScale, kMaxUiScale);
    }

    bool operator==(const Presentation&) const = default;
};

/// Everything about how the landscape is shown.
struct ViewSettings {
    ViewMode mode = ViewMode::Contour;
    bool logHeight = false;  ///< The surface's height is log(1 + (f - min) / s) rather than f.
    OrbitCamera camera;
    Overlays overlays;
    bool plots = true;     ///< The loss, gradient-norm and distance plots under the views.
    int stepByStepId = 0;  ///< The optimizer the step-by-step panel explains; 0 for none.
    Presentation presentation;

    bool operator==(const ViewSettings&) const = default;
};

}  // namespace gradscape

#pragma once
// The window's look: the theme's colours for ImGui and for the views' own drawing, and the UI scale the
// views' fixed sizes (margins, handle radii, line widths) are multiplied by. Views read look() every
// frame instead of keeping colour constants of their own.

#include "view/view_settings.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace gradscape {

/// The colours and sizes of one theme at one UI scale.
struct Look {
    Theme theme = Theme::Dark;
    float scale = 1;      ///< The UI scale: multiplies every fixed size in pixels.
    float lineScale = 1;  ///< Multiplies line widths and outlines: the UI scale, more in high contrast.

    ImU32 viewBackground = 0;              ///< Behind the plots and the surface.
    ImU32 axis = 0;                        ///< Axes, ticks and their labels.
    ImU32 grid = 0;                        ///< Grid lines in the line plots.
    ImU32 note = 0;                        ///< Secondary text in the views.
    ImU32 outline = 0;                     ///< Dark edge under paths, marks and overlay text.
    ImU32 mark = 0;                        ///< Minima, handle rims, the current point's ring, legend text.
    ImU32 legendBackground = 0;            ///< Behind the legend and the insets.
    ImU32 legendDetail = 0;                ///< The legend's second lines (loss and step).
    ImU32 stepMarker = 0;                  ///< The current step's line in the line plots.
    ImVec4 error;                          ///< Refused values, divergence.
    ImU32 safe = 0, unsafe = 0;            ///< The learning rate's stable and unstable ranges.
    ImU32 bound = 0;                       ///< The stability bound's tick.
    ImU32 curvingUp = 0, curvingDown = 0;  ///< The Hessian's eigen-directions by sign of eigenvalue.
    ImU32 momentum = 0, weightDecay = 0;   ///< Step parts that must never be a red/green pair.
    std::array<ImU32, 8> paths{};          ///< The optimizers' colours, in the order they are handed out.

    ImU32 errorU32() const { return ImGui::ColorConvertFloat4ToU32(error); }
    /// A size in pixels at 1x, at this UI scale.
    float px(float pixels) const { return pixels * scale; }
    /// A line width at 1x, at this UI scale and theme.
    float line(float width) const { return width * lineScale; }
    /// The width of a line drawn in bulk (paths, plot series): line(width) in whole pixels, at least 1.
    /// ImGui draws a whole-pixel anti-aliased polyline from its baked line texture, 2 triangles per
    /// segment; any other width takes 6, which on a software rasterizer is most of a frame's time.
    float stroke(float width) const { return std::max(1.0f, std::round(width * lineScale)); }
};

/// The look in use.
const Look& look();

/// The look of `theme` at UI scale `scale`, without changing anything.
Look makeLook(Theme theme, float scale);

/// Makes `theme` at `scale` the look in use and sets ImGui's style to match: the theme's colours, and
/// every size scaled from a fresh base style (fonts are loaded separately, at the scaled pixel size).
void applyLook(Theme theme, float scale);

/// An optimizer colour in the theme in use: a colour of the dark theme's palette becomes the colour at
/// the same place in the theme's palette; any other (a user's pick) stays.
ImU32 themedPathColour(ImU32 colour);

/// A refusal or failure under the control it concerns, in the theme's error colour, wrapped at the
/// panel's edge so its reason (after an echoed value) is never cut off.
void errorText(const std::string& text);

}  // namespace gradscape

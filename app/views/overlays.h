#pragma once
// The analysis drawn over the contour view: the gradient field, the curvature at a point, the Taylor
// model, and each optimizer's step split into its parts. Each is a toggle in ViewSettings::overlays.

#include "session.h"

#include <imgui.h>

namespace gradscape {

/// An arrow from `from` to `to` in screen pixels, with a dark outline and a head that scales with it.
void drawArrow(ImDrawList* list, ImVec2 from, ImVec2 to, ImU32 colour, float thickness = 2.0f);

/// Arrows of -grad f on a lattice about 42 px apart; the length grows with log(1 + |grad f| / median)
/// so that both the steep walls and the flat floor of a valley show their direction.
void drawGradientField(ImDrawList* list, const ContourGeometry& plot, const Landscape& landscape);

/// At p: the Hessian's eigen-directions as two crossing axes, each labelled with its eigenvalue
/// (positive curvature cyan, negative magenta), their lengths in proportion to |lambda|, and kappa.
void drawCurvatureAt(ImDrawList* list, const ContourGeometry& plot, const Landscape& landscape, const Vec2& p);

/// The second-order Taylor model around `centre` as dashed isolines at the contour view's own levels
/// (so that near the centre they lie on the landscape's isolines), and the centre as a diamond handle.
/// `minimum`, `maximum`: the range of f the contour colours span.
/// The ridge path w*(alpha) with its alpha labels and, for the first enabled gradient-descent racer with a
/// constant rate, a diamond at alpha = 1 / (eta t) for its current step t (view/ridge_path.h).
void drawRidgePath(ImDrawList* list, const ContourGeometry& plot, const Snapshot& snapshot);

void drawTaylorModel(ImDrawList* list, const ContourGeometry& plot, const Landscape& landscape,
                     const Vec2& centre, double minimum, double maximum, bool active);

/// At each enabled optimizer's current iterate, its next step split into its parts (explainStep): parts
/// that add up to the step head to tail, comparison parts (the raw gradient) from the iterate, and the
/// step taken in the optimizer's colour. Steps too small or too large to see are scaled by one factor per
/// optimizer, written beside them. The explanations come with the snapshot (PathAnalysis::nextStep).
void drawStepParts(ImDrawList* list, const Session& session, const Snapshot& snapshot,
                   const ContourGeometry& plot);

/// The centre handle's pick radius in pixels.
inline constexpr float kTaylorHandleRadius = 9;

}  // namespace gradscape

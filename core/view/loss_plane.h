#pragma once
// A network's loss on a plane through its parameter space, and its racers' paths projected onto it: how a
// landscape of a thousand parameters is drawn with the 2D views (contour, surface), and how honest that
// picture is.
//
// A plane is w(a, b) = origin + a first + b second. Three ways of choosing it (Li et al. 2018, "Visualizing
// the loss landscape of neural nets"):
// - random: through the final weights of the first racer, along two random directions, each
//   filter-normalized: a neuron's incoming weights (a filter, Problem::parameterGroups) get the norm of that
//   neuron's weights, so the plane's scale follows the network's; bias entries are 0, as Li et al.'s
//   `--xignore biasbn`. Coordinates of about +-1 then move every filter by about its own size.
// - pca: through the first racer's final weights, along the top two principal directions of every racer's
//   kept iterates (centred, as sklearn's PCA does), unit vectors; each direction's share of the paths'
//   variance is kept (explainedVariance).
// - points: through the start (every racer starts from the same weights), along the two ends of the first
//   two racers: the start is (0, 0), the first racer's end (1, 0), the second's (0, 1).
//
// Honesty (what the reference tool's users missed, its issue 1): a path is projected onto the plane by least
// squares, and for every kept iterate the projection keeps the distance from the iterate to the plane and
// both losses: the true one, L(w_k), and the plane's under it, L(w(a_k, b_k)), which is what the contour
// shows there. `explained` is the share of the path's motion the plane holds: sum_k |P(w_k - w_0)|^2 over
// sum_k |w_k - w_0|^2, P the projection onto the span of the two directions.

#include "landscapes/landscape.h"
#include "landscapes/problem.h"
#include "optimizers/parameter_optimizer.h"
#include "support/enum_names.h"

#include <Eigen/Core>

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace gradscape {

enum class PlaneKind { Random, Principal, Points };

inline constexpr EnumName<PlaneKind> kPlaneKindNames[] = {
    {PlaneKind::Random, "random", "filter-normalized random directions through the final weights"},
    {PlaneKind::Principal, "pca", "the top two principal directions of the paths"},
    {PlaneKind::Points, "points", "the start and two racers' ends"},
};

/// How a plane is chosen.
struct PlaneSettings {
    PlaneKind kind = PlaneKind::Random;
    std::uint64_t seed = 1;  ///< Draws the random directions.

    bool operator==(const PlaneSettings&) const = default;
};

/// A path the plane is made from: a racer's name (for the plane's labels) and its recorded run.
struct PlanePath {
    std::string name;
    const ParameterPath* path = nullptr;
};

/// A plane through parameter space, w(a, b) = origin + a first + b second.
struct LossPlane {
    PlaneSettings settings;
    VecX origin, first, second;
    std::string description;               ///< "through Adam's final weights along two filter-normalized ..."
    std::string firstLabel, secondLabel;   ///< The axes: "random direction 1", "PC1: 71% of the variance", ...
    std::array<double, 2> explainedVariance{0, 0};  ///< pca: each direction's share of the paths' variance.

    /// The parameters at plane coordinates c.
    VecX at(const Vec2& c) const { return origin + c.x() * first + c.y() * second; }
    /// The plane coordinates of w's nearest point on the plane (least squares), and with `distance` its
    /// distance from w.
    Vec2 project(const VecX& w, double* distance = nullptr) const;
};

/// Builds the plane of `settings` for `problem` from the racers' paths (the first is the anchor; paths that
/// are null or empty are skipped). Throws std::invalid_argument with a sentence when it cannot be made: no
/// path for pca or points, fewer than two paths for points, paths that span fewer than two directions, ends
/// that lie on one line through the start.
LossPlane makeLossPlane(const Problem& problem, const PlaneSettings& settings, std::span<const PlanePath> paths);

/// A path on the plane: its kept iterates' coordinates and what the plane hides of them.
struct ProjectedPath {
    std::vector<Vec2> points;         ///< Plane coordinates of each kept iterate.
    std::vector<long> steps;          ///< The step each kept iterate was taken after.
    std::vector<double> trueLoss;     ///< L(w_k), the loss the racer saw.
    std::vector<double> planeLoss;    ///< L at the projection, what the plane shows under it; NaN where not
                                      ///< computed (at most planeLossSamples of them are, evenly spread).
    std::vector<double> distance;     ///< |w_k - projection|, in parameter units.
    double explained = 0;             ///< Share of the path's motion in the plane, in [0, 1] (1 for a path
                                      ///< that does not move).
    double maxDistance = 0;           ///< Over the kept iterates.
    double maxLossGap = 0;            ///< max |trueLoss - planeLoss| where both are known.
};

/// Projects `path`'s kept iterates onto `plane`, with the plane's loss under at most `planeLossSamples`
/// of them (the first and last included).
ProjectedPath projectPath(const Problem& problem, const LossPlane& plane, const ParameterPath& path,
                          int planeLossSamples = 256);

/// The box a plane is drawn over: every projected path and the plane's own marks (random: [-1, 1]^2, the
/// filter scale; points: the start and both ends), with a margin, made square in plane units.
ViewBox planeBox(const LossPlane& plane, std::span<const ProjectedPath> paths);

/// The problem's loss on the plane as a 2D landscape, for every 2D view: value, gradient (d1.grad, d2.grad),
/// Hessian (d_i . H d_j, from two Hessian-vector products) and grid rows (Problem::valuesOnPlane). Its
/// display box is `box`; it has no known minima; its default start is the projection of the problem's
/// initial parameters.
std::shared_ptr<const Landscape> makePlaneLandscape(std::shared_ptr<const Problem> problem, LossPlane plane,
                                                    const ViewBox& box);

/// The plane of a landscape made by makePlaneLandscape, or null for any other landscape.
const LossPlane* lossPlaneOf(const Landscape& landscape);

}  // namespace gradscape

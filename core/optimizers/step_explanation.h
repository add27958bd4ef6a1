#pragma once
// One optimizer step worked out term by term, the way a teacher works an example on the board: the
// gradient, the moments, the bias corrections, the rescaling and the step taken, with this step's
// numbers; and the step split into parts (arrows) that a view can draw from the iterate.

#include "optimizers/optimizer.h"
#include "optimizers/trajectory.h"

#include <string>
#include <vector>

namespace gradscape {

/// One named quantity of a step: a scalar, a vector or a 2x2 matrix, with the formula that gives it.
struct StepTerm {
    enum class Kind { Scalar, Vector, Matrix };
    std::string label;    ///< What it is, in the lecture's words: "first moment m_t".
    std::string formula;  ///< How it is computed, as the lecture writes it: "b1 * m_{t-1} + (1-b1) * g_t".
    Kind kind = Kind::Scalar;
    double scalar = 0;           ///< The value when kind is Scalar.
    Vec2 vector = Vec2::Zero();  ///< The value when kind is Vector.
    Mat2 matrix = Mat2::Zero();  ///< The value when kind is Matrix.
};

/// What a part of a step stands for, so every view colours the same part the same way.
enum class StepPart {
    RawGradient,  ///< -eta grad f(x): where plain gradient descent would go.
    Noise,        ///< SGD: the gradient noise or the minibatch's sampling error, times -eta.
    WeightDecay,  ///< -eta lambda x: L2 added to the gradient, or AdamW's decoupled shrinking.
    Momentum,     ///< The velocity or first-moment part of the step.
    Rescaled,     ///< The method's own rescaled step: adaptive, sign, Newton, quasi-Newton, one axis.
    StepTaken,    ///< x_{k+1} - x_k.
};

/// One arrow of the step, drawn from the iterate x_k.
struct StepArrow {
    StepPart part;
    std::string label;  ///< "-eta g (raw gradient)".
    Vec2 vector = Vec2::Zero();
    bool addsToStep = false;  ///< One of the parts whose sum is the step taken (see partsAddUp).
};

/// Step k -> k+1 of one optimizer's path, explained.
struct StepExplanation {
    std::string kind;          ///< The optimizer kind, as in the catalog.
    std::string updateRule;    ///< updateRuleFor(settings).
    int step = 0;              ///< k: the step goes from x_k to x_{k+1} and is the (k+1)-th of the run.
    Vec2 from = Vec2::Zero();  ///< x_k.
    Vec2 to = Vec2::Zero();    ///< x_{k+1}, the optimizer's actual next iterate.
    double lossFrom = 0, lossTo = 0;
    Vec2 stepTaken = Vec2::Zero();  ///< to - from.
    std::vector<StepTerm> terms;    ///< In the order a teacher writes them, ending with the step taken.
    /// Arrows from x_k: the parts of the step, then the step taken (empty when the step diverges).
    std::vector<StepArrow> arrows;
    /// Whether the arrows with addsToStep sum to stepTaken (up to rounding): true for momentum
    /// (-eta mu v + -eta (1-dampening) g), AdamW (shrink + adaptive step), SGD (gradient + noise) and
    /// every method whose step is one rescaled part; false where a line search or a rejected sample
    /// makes the step something the parts do not add to.
    bool partsAddUp = false;
    bool diverges = false;  ///< x_{k+1} is NaN, Inf or beyond kDivergenceRadius (the run stops here).
    std::string note;       ///< What a teacher should add: the optimizer's note after this step.
};

/// Explains step k -> k+1 of `path`, the trajectory that `settings` produced on `f` (the solver's).
/// 0 <= k <= path.steps(); at k = path.steps() it explains the step the optimizer would take next.
///
/// It replays a fresh optimizer (makeOptimizer(settings.kind, settings.hyperparameters)) from
/// settings.start to x_k with the fast advance (runs are deterministic, seeds included), reads its
/// state, takes the one step and reads the state again. The cost is that of computing k steps: well
/// under a millisecond per thousand steps, a few milliseconds at 100k; a caller that draws every
/// frame caches the result per (trajectory, k).
///
/// Throws std::invalid_argument when k is out of range, the settings are invalid, or the replay does
/// not reach path.points[k] exactly (the path was not produced by these settings on this landscape).
StepExplanation explainStep(const OptimizerSettings& settings, const Landscape& f, const Trajectory& path,
                            int step);

/// "(a, b)" with `precision` significant digits, for panels and tests.
std::string formatVector(const Vec2& v, int precision = 4);

/// A term's value as text: a number, "(a, b)" or "[[a, b], [c, d]]".
std::string formatTermValue(const StepTerm& term, int precision = 4);

}  // namespace gradscape

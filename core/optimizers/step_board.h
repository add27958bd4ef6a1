#pragma once
// What an optimizer's step explanation writes on and reads from: the board (terms and arrows in the
// order a teacher works them) and the step's context (the iterate, its gradient, the state on either
// side). Each optimizer's header holds its own `explain(context, board)`; explainStep (step_explanation.h)
// replays the step and calls the catalog row's. The worked forms two methods share live here.

#include "optimizers/step_explanation.h"

#include <string>

namespace gradscape {

/// What every kind's explanation reads: the iterate, its gradient, and the optimizer's state on
/// either side of the one step.
struct StepContext {
    const OptimizerSettings& settings;
    const Hyperparameters& h;
    const Landscape& f;
    const Trajectory& replay;  ///< The replayed path, x_0 .. x_k (and x_{k+1} unless it diverged).
    int k = 0;
    Vec2 x = Vec2::Zero();         ///< x_k.
    Vec2 gradient = Vec2::Zero();  ///< grad f(x_k), without weight decay.
    double eta = 0;                ///< This step's learning rate, from the schedule.
    OptimizerState before, after;
    Vec2 taken = Vec2::Zero();  ///< x_{k+1} - x_k as the optimizer took it.
};

/// The state vector called `name`; throws std::logic_error when the optimizer has none.
const Vec2& stateVector(const OptimizerState& state, const std::string& name);

/// The state matrix called `name`; throws std::logic_error when the optimizer has none.
const Mat2& stateMatrix(const OptimizerState& state, const std::string& name);

/// The line-search step length a of a step taken along d: the step is a d, so a = step.d / d.d.
double stepLengthAlong(const Vec2& taken, const Vec2& d);

/// Writes terms and arrows onto the explanation, in the order a teacher works them.
class StepBoard {
  public:
    explicit StepBoard(StepExplanation& e) : e_(e) {}
    void scalar(std::string label, std::string formula, double value);
    void vector(std::string label, std::string formula, const Vec2& value);
    void matrix(std::string label, std::string formula, const Mat2& value);
    void arrow(StepPart part, std::string label, const Vec2& v, bool addsToStep);
    void partsAddUp(bool value) { e_.partsAddUp = value; }

    /// This step's learning rate (eta, or eta_k and its schedule's formula), under `label`.
    void learningRate(const StepContext& c, const char* label = "learning rate");
    /// g_k = grad f(x_k) + lambda x_k, written out when weight decay is on; returns g_k.
    Vec2 gradientTerms(const StepContext& c);
    /// The raw-gradient arrow scale * grad f, and scale * lambda x beside it when weight decay is on.
    void gradientArrows(const StepContext& c, double scale, const std::string& scaleText, bool adds);

  private:
    StepExplanation& e_;
};

/// AdaGrad and RMSProp (`leaky`): g divided per coordinate by the root of an accumulator of g^2.
void explainAccumulatorStep(const StepContext& c, StepBoard& b, bool leaky);

/// Adam and AdamW (`decoupled` weight decay): the moments, their bias corrections, the adaptive step.
void explainAdaptiveMomentStep(const StepContext& c, StepBoard& b, bool decoupled);

/// BFGS and L-BFGS (`limited` memory): a quasi-Newton direction from curvature pairs, then an Armijo
/// step along it.
void explainQuasiNewtonStep(const StepContext& c, StepBoard& b, bool limited);

}  // namespace gradscape

#pragma once
// What a step's update rule shares with every other, whatever the size of the vector it walks: the
// shared start of a step (scheduled learning rate, step count, weight decay as the rule's gradient form
// says) and the lazy sizing of a rule's state.
//
// An element-wise method keeps its state and update in `template <class V> struct <Name>Rule`, in its
// own header beside the 2D class. V = Vec2 is the 2D racer (SteppedOptimizer, its code unchanged);
// V = VecX is a parameter vector of any size (ParameterStepper, optimizers/parameter_optimizer.h). A rule
// has: `static constexpr GradientForm gradientForm`, `reset()`, and
// `template <class F> V update(const F& f, const V& x, const V& g, double eta, long step,
// const Hyperparameters& h)`, where step counts this step (1 on the first) and F offers valueAt(V) and
// gradientAt(V) (a landscape, or a Problem through ProblemFunction).

#include "optimizers/hyperparameters.h"

#include <Eigen/Core>

namespace gradscape {

/// What the shared start of a step hands to the update as the gradient.
enum class GradientForm {
    WithWeightDecay,  ///< g = grad f(x) + lambda x: L2 weight decay added into the gradient (torch's).
    Raw,              ///< grad f(x) alone: the method applies decay its own way (AdamW, SGD's noise,
                      ///< one axis of coordinate descent) or reads no gradient (random search).
};

/// The learning rate eta_k for the step taken after `steps` steps: the schedule's, or eta itself.
inline double scheduledLearningRate(const Hyperparameters& h, long steps) {
    return h.schedule.kind == Schedule::Kind::Constant ? h.learningRate : h.schedule.rateAt(h.learningRate, steps);
}

/// A rule's state before its first step: zero for a fixed size; empty for a dynamic size, which the
/// first step sizes (sizeLike).
template <class V>
V zeroState() {
    if constexpr (V::SizeAtCompileTime == Eigen::Dynamic)
        return V();
    else
        return V::Zero();
}

/// Gives dynamic-size state x's size, zero-filled, when it has another (before the first step, after a
/// reset); compiles to nothing for a fixed size.
template <class V>
void sizeLike(V& state, const V& x) {
    if constexpr (V::SizeAtCompileTime == Eigen::Dynamic) {
        if (state.size() != x.size()) state.setZero(x.size());
    }
}

/// The shared start of a step from x: eta_k from the schedule (before the count moves), the count, then
/// update(g, eta_k) with g = gradient + lambda x, or the gradient itself when `form` is Raw. During
/// update, `steps` already counts this step (1 on the first).
template <GradientForm form, class V, class Update>
V startStep(const Hyperparameters& h, long& steps, const V& x, const V& gradient, Update&& update) {
    const double eta = scheduledLearningRate(h, steps);
    ++steps;
    if constexpr (form == GradientForm::WithWeightDecay) {
        const V g = gradient + h.weightDecay * x;
        return update(g, eta);
    } else {
        return update(gradient, eta);
    }
}

}  // namespace gradscape

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

#include <cstdio>
#include <string>
#include <type_traits>

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

/// The square matrix that acts on V: Mat2 for Vec2, a dynamic matrix for VecX.
template <class V>
using SquareMatrixOf = std::conditional_t<V::SizeAtCompileTime == Eigen::Dynamic, Eigen::MatrixXd,
                                          Eigen::Matrix<double, V::SizeAtCompileTime, V::SizeAtCompileTime>>;

/// A matrix state before the first step: the identity for a fixed size; empty for a dynamic size, which
/// the first step sizes.
template <class M>
M identityState() {
    if constexpr (M::SizeAtCompileTime == Eigen::Dynamic)
        return M();
    else
        return M::Identity();
}

/// Gives dynamic-size state x's size, zero-filled, when it has another (before the first step, after a
/// reset); compiles to nothing for a fixed size.
template <class V>
void sizeLike(V& state, const V& x) {
    if constexpr (V::SizeAtCompileTime == Eigen::Dynamic) {
        if (state.size() != x.size()) state.setZero(x.size());
    }
}

/// One standard normal per coordinate of a vector like `like`, drawn in order, coordinate 0 first: for
/// Vec2 the two draws n1, n2 the 2D racers always made. Written out for a fixed size: GCC does not unroll
/// the loop around the inlined distribution, and the loop cost random search 8% of its 2D steps.
template <class V, class Normal, class Engine>
V standardNormals(const V& like, Normal& normal, Engine& random) {
    if constexpr (V::SizeAtCompileTime == 2) {
        const double n1 = normal(random), n2 = normal(random);
        return V(n1, n2);
    } else {
        V xi(like.size());
        for (Eigen::Index i = 0; i < xi.size(); ++i)
            xi[i] = normal(random);
        return xi;
    }
}

/// Why a method that keeps a dense n x n matrix (`what`) refuses n parameters, or "" while n <= limit:
/// "newton: a network of 3000 parameters needs a 3000 x 3000 Hessian (68.7 MiB); at most 2048 parameters;
/// try lbfgs".
inline std::string denseMatrixComplaint(const char* kind, const char* what, long n, long limit) {
    if (n <= limit) return "";
    char text[256];
    std::snprintf(
        text, sizeof text,
        "%s: a network of %ld parameters needs a %ld x %ld %s (%.1f MiB); at most %ld parameters; try lbfgs",
        kind, n, n, n, what, static_cast<double>(n) * static_cast<double>(n) * 8 / (1 << 20), limit);
    return text;
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

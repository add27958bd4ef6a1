#pragma once
// The part of an optimizer's catalog row that says how its step behaves as a linear map near a point:
// its iteration matrix M(eta) and its learning-rate bound, or why it has none. stability.h holds the
// analysis that reads these forms; each optimizer's header holds its own.

#include "landscapes/landscape.h"
#include "optimizers/hyperparameters.h"

#include <Eigen/Core>

#include <optional>
#include <string>
#include <vector>

namespace gradscape {

/// What the linearized update map says about an optimizer's learning rate at a point.
struct StabilityAnalysis {
    std::optional<double> learningRateBound;  ///< Largest stable eta; nullopt where no fixed bound exists,
                                              ///< and where the step is unstable at every eta (indefinite
                                              ///< curvature: `why` says so and `rate` is above 1).
    std::optional<double> rate;  ///< Predicted contraction per step at the current eta (> 1: growth);
                                 ///< nullopt where the step is not a fixed linear map.
    std::string boundFormula;    ///< The bound in the lecture's notation, e.g. "2(1 + mu) / lambda_max".
    std::string why;             ///< Plain words where no bound exists ("line search picks the step").
    std::string note;            ///< A remark a teacher should know even with a bound (SGD's noise, L1).
    /// GD: lecture 2's 2 g'g / g'Ag, the step along -g that still lowers the quadratic model; nullopt
    /// elsewhere or where g'Ag <= 0.
    std::optional<double> alongGradient;
};

/// The curvature at the point as a bound reads it: A = H + wd I (H the landscape's Hessian, wd the
/// optimizer's own weight decay) and A's eigenvalues that are not flat.
struct LinearizedStep {
    Mat2 a;                          ///< H + wd I.
    Vec2 gradient;                   ///< The landscape's gradient at the point (without wd x).
    Vec2 at;                         ///< The point.
    const Hyperparameters& h;        ///< The optimizer's hyperparameters.
    std::vector<double> curvatures;  ///< A's non-flat eigenvalues, ascending (one or two).

    double lambdaMin() const { return curvatures.front(); }
    double lambdaMax() const { return curvatures.back(); }
};

/// How an optimizer's step acts near a point, one per catalog row.
struct StabilityForm {
    /// Why no fixed bound exists (adaptive, sign, line search, random search), in words a class can
    /// follow; "" for a step that is a fixed linear map.
    std::string noBound;
    /// M(eta) acting on (iterate, state) for A = H + wd I; null where `noBound` says why there is none.
    Eigen::MatrixXd (*iterationMatrix)(const Mat2& a, const Hyperparameters& h, double eta) = nullptr;
    /// Fills the bound, its formula and any note from the curvature; sets `why` where there is none.
    void (*bound)(const LinearizedStep& step, StabilityAnalysis& result) = nullptr;
    /// How many optimizer steps one application of iterationMatrix stands for (2 for a two-axis cycle).
    int stepsPerIteration = 1;
};

/// The form of a step that is no fixed linear map, for the reason `why`.
inline StabilityForm noFixedBound(std::string why) {
    return {std::move(why)};
}

}  // namespace gradscape

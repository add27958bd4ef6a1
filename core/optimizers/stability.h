#pragma once
// Linear stability of each optimizer's own update map at a point: the largest stable learning rate and
// the predicted contraction per step.
//
// Near the current iterate every gradient the step reads is linearized, g(x) ~ A x with A = H + wd I (H
// the landscape's Hessian as the solver sees it, the L2 term included; wd the optimizer's own weight
// decay). The step then acts on the vector (iterate, optimizer state) as a fixed matrix M(eta):
//   gd, sgd:           x' = (I - eta A) x                                  (sgd: in expectation)
//   momentum (torch):  v' = mu v + (1 - d) A x,  x' = x - eta v'           (d = dampening; EMA form d = mu)
//   nesterov (torch):  b' = mu b + A x,  x' = x - eta (A x + mu b')
//   nesterov (lecture look-ahead):  v' = mu v - eta A (x + mu v),  x' = x + v'
//   coordinate:        one two-step cycle  (I - eta e_y e_y' A)(I - eta e_x e_x' A)
//   newton:            x' = x - eta (A + delta I)^-1 A x                   (the Hessian frozen at the point)
// The iteration contracts iff the spectral radius rho(M(eta)) < 1. On a quadratic this is exact: the
// distance to the minimum shrinks by rho per step (coordinate descent: rho of the cycle, per two steps).
// Directions where A is exactly 0 (a flat valley of minima) neither grow nor shrink and are left out.

#include "landscapes/landscape.h"
#include "optimizers/optimizer.h"

#include <Eigen/Core>

#include <optional>
#include <string>

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
    std::optional<double> alongGradient;  ///< GD: lecture 2's 2 g'g / g'Ag, the step along -g that still
                                          ///< lowers the quadratic model; nullopt elsewhere or where g'Ag <= 0.
};

/// The stability of `settings` (kind, hyperparameters, learning rate) at `at` on `landscape`.
StabilityAnalysis stabilityAt(const Landscape& landscape, const Vec2& at, const OptimizerSettings& settings);

/// The same from the Hessian and gradient at the point (the landscape's, regularization included).
/// `gradient` is the landscape's at `at`; the optimizer's weight decay is added here.
StabilityAnalysis stabilityFor(const Mat2& hessian, const Vec2& gradient, const Vec2& at,
                               const OptimizerSettings& settings);

/// The linear iteration matrix M(eta) of `settings`' update on (iterate, state), for Hessian `hessian`
/// (before the optimizer's own weight decay). Coordinate descent's is one two-step cycle. nullopt for the
/// kinds whose step is no fixed linear map (adaptive, sign, line search, random search, quasi-Newton).
std::optional<Eigen::MatrixXd> iterationMatrix(const Mat2& hessian, const OptimizerSettings& settings,
                                               double eta);

/// How many optimizer steps one application of iterationMatrix() stands for (2 for coordinate descent).
int stepsPerIterationMatrix(const std::string& kind);

/// rho(M) leaving out `neutralDirections` eigenvalues at 1 (the flat directions of the Hessian).
double spectralRadius(const Eigen::MatrixXd& m, int neutralDirections = 0);

/// The number of exactly flat directions of A = hessian + wd I (0, 1 or 2).
int flatDirections(const Mat2& hessian, double weightDecay);

}  // namespace gradscape

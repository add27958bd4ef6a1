#pragma once
// Linear stability of each optimizer's own update map at a point: the largest stable learning rate and
// the predicted contraction per step.
//
// Near the current iterate every gradient the step reads is linearized, g(x) ~ A x with A = H + wd I (H
// the landscape's Hessian as the solver sees it, the L2 term included; wd the optimizer's own weight
// decay). The step then acts on the vector (iterate, optimizer state) as a fixed matrix M(eta), e.g.
// gradient descent's x' = (I - eta A) x; each optimizer's header states its own M and bound
// (its StabilityForm), or why it has none (adaptive, sign, line search, random search).
// The iteration contracts iff the spectral radius rho(M(eta)) < 1. On a quadratic this is exact: the
// distance to the minimum shrinks by rho per step (coordinate descent: rho of the cycle, per two steps).
// Directions where A is exactly 0 (a flat valley of minima) neither grow nor shrink and are left out.

#include "landscapes/landscape.h"
#include "optimizers/optimizer.h"
#include "optimizers/stability_form.h"

#include <Eigen/Core>

#include <optional>
#include <string>

namespace gradscape {

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

// [What the forms' bounds share]

/// The edge of stability of `settings`' update in curvature: the largest lambda >= 0 such that its
/// iteration (iterationMatrix at the racer's learning rate, its weight decay added) on the Hessian lambda I
/// has spectral radius at most 1. The sharpness a network's Hessian may reach before the step goes unstable
/// along its top eigenvector (Cohen et al. 2021): 2 / eta for gradient descent, 2 (1 + mu) / eta for
/// heavy-ball momentum, (2 + 2 mu) / ((1 + 2 mu) eta) for torch's Nesterov; less the optimizer's weight
/// decay. Found by bisection to a relative 1e-12. nullopt for the kinds with no fixed linear step
/// (iterationMatrix), and when lambda = 0 is unstable already.
std::optional<double> sharpnessEdge(const OptimizerSettings& settings);

/// sharpnessEdge as the plots name it: "2/η" (gd, sgd), "2(1+μ)/η" (heavy-ball momentum), "(2+2μ)/((1+2μ)η)"
/// (torch's Nesterov), "edge" for another kind with an edge; " − λ" added for the optimizer's weight decay.
/// "" when there is no edge.
std::string sharpnessEdgeFormula(const OptimizerSettings& settings);

/// "lambda_max", or "(lambda_max + wd)" when the optimizer's own weight decay adds to the curvature.
std::string curvatureName(const Hyperparameters& h, const char* which = "lambda_max");

/// Where A has a negative eigenvalue every learning rate is unstable: says so in `why` and returns true.
bool unstableEverywhere(const LinearizedStep& step, StabilityAnalysis& result);

/// x' = (I - eta A) x: the iteration matrix of a plain gradient step on A = H + wd I.
Eigen::MatrixXd gradientStepMatrix(const Mat2& a, const Hyperparameters& h, double eta);

/// The bound 2 / lambda_max of x' = (I - eta A) x, with lecture 2's step along -g when `alongGradient`.
void gradientStepBound(const LinearizedStep& step, StabilityAnalysis& result, bool alongGradient);

/// rho(M) leaving out `neutralDirections` eigenvalues at 1 (the flat directions of the Hessian).
double spectralRadius(const Eigen::MatrixXd& m, int neutralDirections = 0);

/// The number of exactly flat directions of A = hessian + wd I (0, 1 or 2).
int flatDirections(const Mat2& hessian, double weightDecay);

}  // namespace gradscape

#pragma once
// What theory says a parameter map of a quadratic looks like, drawn over the measured map so a class can
// see the two agree: with f = 1/2 x'Hx + ... and H's eigenvalues lambda_min <= lambda_max,
// - GD over lr x weight-decay: stable exactly where eta (lambda_max + wd) < 2, left of the curve
//   wd = 2 / eta - lambda_max;
// - heavy ball (torch momentum, dampening 0) over lr x momentum: stable exactly where
//   0 < eta lambda < 2 + 2 beta for every lambda, i.e. beta > eta lambda_max / 2 - 1; critically damped on
//   beta = (1 - sqrt(eta lambda))^2 for each lambda (below it that direction does not oscillate); fastest
//   at (eta*, beta*) = ((2 / (sqrt(lambda_min) + sqrt(lambda_max)))^2, ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2)
//   with rate (sqrt(kappa) - 1) / (sqrt(kappa) + 1).

#include "maps/map.h"

#include <optional>
#include <string>
#include <vector>

namespace gradscape {

/// One curve over the map, in the axes' values (x along the request's x axis).
struct TheoryCurve {
    std::string label;  ///< "η λ_max = 2 + 2β", "critical damping, λ_min", ...
    std::vector<Vec2> points;
    bool boundary = false;  ///< The stability boundary (drawn boldest); other curves are guides.
};

struct MapTheory {
    double lambdaMin = 0, lambdaMax = 0;  ///< The quadratic's curvatures.
    std::vector<TheoryCurve> curves;
    std::optional<Vec2> optimum;  ///< The fastest setting, in the axes' values, when the map shows it.
    std::string optimumLabel;
    double optimalRate = 0;  ///< The contraction rate at the optimum.
};

/// The eigenvalues (ascending) of the landscape's Hessian when it is the same everywhere (checked at the
/// box's corners and centre, to 1e-9 relative) and positive definite: a quadratic bowl; none otherwise.
std::optional<std::pair<double, double>> quadraticCurvatures(const Landscape& landscape, const ViewBox& box);

/// The theory for this parameter map, or none: not a quadratic bowl, or a racer and axes theory has no
/// closed form for here (only GD over lr x weight-decay and torch momentum over lr x momentum, constant
/// rate, no line search, no dampening, not the EMA form).
std::optional<MapTheory> mapTheory(const Landscape& landscape, const MapRequest& request);

}  // namespace gradscape

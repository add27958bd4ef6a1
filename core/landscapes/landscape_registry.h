#pragma once
// How built-in landscapes are registered: a name and a factory from parameter values. Each group of
// landscapes lives in its own file and lists its entries here.

#include "landscapes/classic_landscapes.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gradscape {

/// Builds a landscape from the user's parameter values (the missing ones keep their defaults).
using LandscapeFactory =
    std::function<std::shared_ptr<NamedLandscape>(const std::map<std::string, double>&)>;

struct LandscapeEntry {
    std::string name;
    LandscapeFactory make;
};

/// The value of each parameter in `specs`: the given one, or its default. Throws std::invalid_argument
/// naming the landscape, the parameter and its range when a given value is out of range.
std::vector<double> parameterValues(const std::string& landscape, const std::map<std::string, double>& given,
                                    const std::vector<LandscapeParameter>& specs);

/// quadratic, rosenbrock, himmelblau, beale, saddle (classic_landscapes.cpp).
std::vector<LandscapeEntry> classicLandscapes();
/// The optimization test functions: booth, monkey saddle, rastrigin, ackley, goldstein-price,
/// six-hump camel, styblinski-tang (test_function_landscapes.cpp).
std::vector<LandscapeEntry> testFunctionLandscapes();
/// Data landscapes, means over samples: linreg, logreg, underdetermined, tinynet (data_landscapes.cpp).
std::vector<LandscapeEntry> dataLandscapes();
/// Landscapes made for the lectures' figures: two valleys, a plateau ending in a cliff
/// (lecture_landscapes.cpp).
std::vector<LandscapeEntry> lectureLandscapes();

}  // namespace gradscape

namespace gradscape {

/// A landscape written once as templates over the scalar type, Derived::value(x, y) and
/// Derived::gradient(x, y) (by hand); its Hessian is the exact Jacobian of that gradient (AutoDiff).
template <class Derived>
class TemplateLandscape : public NamedLandscape {
  public:
    using NamedLandscape::NamedLandscape;
    double valueAt(const Vec2& p) const override { return self().value(p.x(), p.y()); }
    Vec2 gradientAt(const Vec2& p) const override {
        const auto g = self().gradient(p.x(), p.y());
        return {g[0], g[1]};
    }
    Mat2 hessianAt(const Vec2& p) const override {
        return hessianFromGradient([this](const auto& x, const auto& y) { return self().gradient(x, y); }, p);
    }

  private:
    const Derived& self() const { return static_cast<const Derived&>(*this); }
};

}  // namespace gradscape

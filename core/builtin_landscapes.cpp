// The built-in landscapes of the lectures, each with hand-derived gradient and Hessian.

#include "landscape.h"

#include <cmath>
#include <functional>
#include <numbers>
#include <sstream>
#include <stdexcept>

namespace gradscape {
namespace {

// Sets the common description fields of a landscape in one place.
struct Description {
    std::string name, description, formula;
    ViewBox box;
    std::vector<Vec2> minima;
    Vec2 start;
};

class BuiltinLandscape : public Landscape {
protected:
    BuiltinLandscape(Description d, std::vector<LandscapeParameter> parameters = {}) {
        name_ = std::move(d.name);
        description_ = std::move(d.description);
        formula_ = std::move(d.formula);
        displayBox_ = d.box;
        knownMinima_ = std::move(d.minima);
        defaultStart_ = d.start;
        parameters_ = std::move(parameters);
    }
};

// f = 0.5 (kappa u^2 + v^2) with (u, v) the coordinates rotated by theta; H = R^T diag(kappa, 1) R.
class Quadratic final : public BuiltinLandscape {
public:
    Quadratic(double kappa, double thetaDegrees)
        : BuiltinLandscape({"quadratic", "Convex bowl with condition number kappa, axes rotated by theta: zig-zag",
                            "0.5 (kappa u^2 + v^2), (u, v) = (x, y) rotated by theta",
                            {-2, 2, -2, 2}, {Vec2::Zero()}, {-1.8, 1.2}},
                           {{"kappa", "condition number: curvature ratio of the two axes", kappa, 1e-3, 1e4},
                            {"theta", "rotation of the axes, in degrees", thetaDegrees, -180, 180}}) {
        const double t = thetaDegrees * std::numbers::pi / 180.0;
        Mat2 rotation;
        rotation << std::cos(t), std::sin(t), -std::sin(t), std::cos(t);
        hessian_ = rotation.transpose() * Eigen::Vector2d(kappa, 1.0).asDiagonal() * rotation;
    }
    double valueAt(const Vec2& p) const override { return 0.5 * p.dot(hessian_ * p); }
    Vec2 gradientAt(const Vec2& p) const override { return hessian_ * p; }
    Mat2 hessianAt(const Vec2&) const override { return hessian_; }
    double valueAndGradientAt(const Vec2& p, Vec2& g) const override {
        g = hessian_ * p;
        return 0.5 * p.dot(g);
    }

private:
    Mat2 hessian_;
};

// f = (1 - x)^2 + 100 (y - x^2)^2: the banana-shaped valley.
class Rosenbrock final : public BuiltinLandscape {
public:
    Rosenbrock()
        : BuiltinLandscape({"rosenbrock", "Curved narrow valley: easy to find, slow to follow to (1, 1)",
                            "(1 - x)^2 + 100 (y - x^2)^2", {-2, 2, -1, 3}, {{1, 1}}, {-1.2, 1}}) {}
    double valueAt(const Vec2& p) const override {
        const double a = 1 - p.x(), b = p.y() - p.x() * p.x();
        return a * a + 100 * b * b;
    }
    Vec2 gradientAt(const Vec2& p) const override {
        Vec2 g;
        valueAndGradientAt(p, g);
        return g;
    }
    Mat2 hessianAt(const Vec2& p) const override {
        const double x = p.x(), y = p.y();
        Mat2 h;
        h << 2 - 400 * (y - x * x) + 800 * x * x, -400 * x, -400 * x, 200;
        return h;
    }
    double valueAndGradientAt(const Vec2& p, Vec2& g) const override {
        const double x = p.x(), a = 1 - x, b = p.y() - x * x;
        g = Vec2(-2 * a - 400 * x * b, 200 * b);
        return a * a + 100 * b * b;
    }
};

// f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2: four minima of equal depth.
class Himmelblau final : public BuiltinLandscape {
public:
    Himmelblau()
        : BuiltinLandscape({"himmelblau", "Four equal minima: where you start decides where you end",
                            "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
                            {-5, 5, -5, 5},
                            {{3, 2}, {-2.805118086952745, 3.131312518250573},
                             {-3.779310253377747, -3.283185991286170}, {3.584428340330492, -1.848126526964404}},
                            {-0.5, -0.5}}) {}
    double valueAt(const Vec2& p) const override {
        const double a = p.x() * p.x() + p.y() - 11, b = p.x() + p.y() * p.y() - 7;
        return a * a + b * b;
    }
    Vec2 gradientAt(const Vec2& p) const override {
        const double a = p.x() * p.x() + p.y() - 11, b = p.x() + p.y() * p.y() - 7;
        return {4 * p.x() * a + 2 * b, 2 * a + 4 * p.y() * b};
    }
    Mat2 hessianAt(const Vec2& p) const override {
        const double x = p.x(), y = p.y(), a = x * x + y - 11, b = x + y * y - 7;
        Mat2 h;
        h << 4 * a + 8 * x * x + 2, 4 * x + 4 * y, 4 * x + 4 * y, 2 + 4 * b + 8 * y * y;
        return h;
    }
};

// f = sum_i (c_i - x + x y^i)^2 for i = 1..3, c = (1.5, 2.25, 2.625): flat plateaus and sharp ridges.
class Beale final : public BuiltinLandscape {
public:
    Beale()
        : BuiltinLandscape({"beale", "Flat plateaus and steep walls: gradient sizes vary by orders of magnitude",
                            "(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
                            {-4.5, 4.5, -4.5, 4.5}, {{3, 0.5}}, {1, 1.5}}) {}
    double valueAt(const Vec2& p) const override {
        double f = 0;
        for (int i = 1; i <= 3; ++i) f += std::pow(term(p, i), 2);
        return f;
    }
    Vec2 gradientAt(const Vec2& p) const override {
        Vec2 g = Vec2::Zero();
        for (int i = 1; i <= 3; ++i) g += 2 * term(p, i) * termGradient(p, i);
        return g;
    }
    Mat2 hessianAt(const Vec2& p) const override {
        const double x = p.x(), y = p.y();
        Mat2 h = Mat2::Zero();
        for (int i = 1; i <= 3; ++i) {
            const Vec2 d = termGradient(p, i);
            Mat2 second;
            const double cross = i * std::pow(y, i - 1);
            second << 0, cross, cross, i * (i - 1) * x * (i >= 2 ? std::pow(y, i - 2) : 0.0);
            h += 2 * (d * d.transpose() + term(p, i) * second);
        }
        return h;
    }

private:
    static constexpr double kConstants[4] = {0, 1.5, 2.25, 2.625};
    static double term(const Vec2& p, int i) { return kConstants[i] - p.x() + p.x() * std::pow(p.y(), i); }
    static Vec2 termGradient(const Vec2& p, int i) {
        return {std::pow(p.y(), i) - 1, i * p.x() * std::pow(p.y(), i - 1)};
    }
};

// f = x^2 - y^2: a saddle, a minimum along x and a maximum along y.
class Saddle final : public BuiltinLandscape {
public:
    Saddle()
        : BuiltinLandscape({"saddle", "Saddle point at the origin: a minimum along x, a maximum along y",
                            "x^2 - y^2", {-2, 2, -2, 2}, {}, {-1.8, 0.01}}) {}
    double valueAt(const Vec2& p) const override { return p.x() * p.x() - p.y() * p.y(); }
    Vec2 gradientAt(const Vec2& p) const override { return {2 * p.x(), -2 * p.y()}; }
    Mat2 hessianAt(const Vec2&) const override { return Vec2(2, -2).asDiagonal(); }
};

// Looks up a parameter by name, refusing unknown names and values out of range.
double parameterValue(const std::string& landscape, const std::map<std::string, double>& given,
                      const LandscapeParameter& spec) {
    auto it = given.find(spec.name);
    if (it == given.end()) return spec.value;
    const double v = it->second;
    if (!std::isfinite(v) || v < spec.minimum || v > spec.maximum) {
        std::ostringstream out;
        out << landscape << ": parameter " << spec.name << " must be in [" << spec.minimum << ", " << spec.maximum
            << "], got " << v;
        throw std::invalid_argument(out.str());
    }
    return v;
}

using Factory = std::function<std::shared_ptr<const Landscape>(const std::map<std::string, double>&)>;

const std::vector<std::pair<std::string, Factory>>& registry() {
    static const std::vector<std::pair<std::string, Factory>> entries = {
        {"quadratic",
         [](const auto& given) {
             const Quadratic defaults(10, 0);
             const auto& spec = defaults.parameters();
             return std::make_shared<const Quadratic>(parameterValue("quadratic", given, spec[0]),
                                                      parameterValue("quadratic", given, spec[1]));
         }},
        {"rosenbrock", [](const auto&) { return std::make_shared<const Rosenbrock>(); }},
        {"himmelblau", [](const auto&) { return std::make_shared<const Himmelblau>(); }},
        {"beale", [](const auto&) { return std::make_shared<const Beale>(); }},
        {"saddle", [](const auto&) { return std::make_shared<const Saddle>(); }},
    };
    return entries;
}

}  // namespace

std::vector<std::string> builtinLandscapeNames() {
    std::vector<std::string> names;
    for (const auto& [name, factory] : registry()) names.push_back(name);
    return names;
}

std::shared_ptr<const Landscape> makeLandscape(const std::string& name,
                                               const std::map<std::string, double>& parameters) {
    for (const auto& [entryName, factory] : registry()) {
        if (entryName != name) continue;
        auto landscape = factory(parameters);
        for (const auto& [key, value] : parameters) {
            bool known = false;
            for (const auto& spec : landscape->parameters()) known |= spec.name == key;
            if (!known) throw std::invalid_argument(name + ": unknown parameter '" + key + "'");
        }
        return landscape;
    }
    std::string list;
    for (const auto& n : builtinLandscapeNames()) list += (list.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown landscape '" + name + "' (one of: " + list + ")");
}

}  // namespace gradscape

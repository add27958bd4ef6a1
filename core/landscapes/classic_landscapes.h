#pragma once
// The built-in landscapes of the lectures, each with hand-derived gradient and Hessian.
//
// The classes are final and their methods inline, so the optimizers' stepping loop, given the concrete
// type through withConcreteLandscape, runs without a virtual call per step.

#include "landscapes/landscape.h"

#include <Eigen/LU>
#include <unsupported/Eigen/AutoDiff>

#include <cmath>
#include <numbers>
#include <typeinfo>

namespace gradscape {

// Sets the common description fields of a landscape in one place.
struct LandscapeDescription {
    std::string name, description, formula;
    ViewBox box;
    std::vector<Vec2> minima;
    Vec2 start;
};

class NamedLandscape : public Landscape {
  public:
    /// Refines each known minimum with Newton steps on the exact derivatives, so the minima a
    /// landscape reports are stationary to machine precision even where the literature gives 6 digits.
    void polishKnownMinima() {
        for (Vec2& m : knownMinima_) {
            for (int i = 0; i < 20; ++i) {
                const Mat2 h = hessianAt(m);
                if (std::abs(h.determinant()) < 1e-14) break;
                const Vec2 next = m - h.inverse() * gradientAt(m);
                if (!next.allFinite() || (next - m).norm() > 1e-2) break;  // stay at the stated minimum
                m = next;
            }
        }
    }

  protected:
    NamedLandscape(LandscapeDescription d, std::vector<LandscapeParameter> parameters = {}) {
        name_ = std::move(d.name);
        description_ = std::move(d.description);
        formula_ = std::move(d.formula);
        displayBox_ = d.box;
        knownMinima_ = std::move(d.minima);
        defaultStart_ = d.start;
        parameters_ = std::move(parameters);
    }
};

/// The Hessian as the exact Jacobian of a gradient written as a template over the scalar type
/// (forward-mode automatic differentiation, Eigen's AutoDiff): for landscapes whose second derivatives
/// are long to write by hand.
template <class Gradient>
Mat2 hessianFromGradient(const Gradient& gradient, const Vec2& p) {
    using Scalar = Eigen::AutoDiffScalar<Eigen::Vector2d>;
    const Scalar x(p.x(), 2, 0), y(p.y(), 2, 1);
    const auto g = gradient(x, y);
    Mat2 h;
    h.row(0) = g[0].derivatives().transpose();
    h.row(1) = g[1].derivatives().transpose();
    return h;
}

// f = 0.5 (kappa u^2 + v^2) with (u, v) the coordinates rotated by theta; H = R^T diag(kappa, 1) R.
class Quadratic final : public NamedLandscape {
  public:
    Quadratic(double kappa, double thetaDegrees)
        : NamedLandscape({"quadratic",
                            "Convex bowl with condition number kappa, axes rotated by theta: zig-zag",
                            "0.5 (kappa u^2 + v^2), (u, v) = (x, y) rotated by theta",
                            {-2, 2, -2, 2},
                            {Vec2::Zero()},
                            {-1.8, 1.2}},
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
class Rosenbrock final : public NamedLandscape {
  public:
    Rosenbrock(double a, double b)
        : NamedLandscape({"rosenbrock",
                            "Curved narrow valley: easy to find, slow to follow to (a, a^2)",
                            "(a - x)^2 + b (y - x^2)^2",
                            {-2, 2, -1, 3},
                            {{a, a * a}},
                            {-1.2, 1}},
                           {{"a", "the minimum is at (a, a^2)", a, -1.5, 1.5},
                            {"b", "steepness of the valley walls", b, 0.1, 1000}}),
          a_(a),
          b_(b) {}
    double valueAt(const Vec2& p) const override {
        const double u = a_ - p.x(), v = p.y() - p.x() * p.x();
        return u * u + b_ * v * v;
    }
    Vec2 gradientAt(const Vec2& p) const override {
        Vec2 g;
        valueAndGradientAt(p, g);
        return g;
    }
    Mat2 hessianAt(const Vec2& p) const override {
        const double x = p.x(), y = p.y();
        Mat2 h;
        h << 2 - 4 * b_ * (y - x * x) + 8 * b_ * x * x, -4 * b_ * x, -4 * b_ * x, 2 * b_;
        return h;
    }
    double valueAndGradientAt(const Vec2& p, Vec2& g) const override {
        const double x = p.x(), u = a_ - x, v = p.y() - x * x;
        g = Vec2(-2 * u - 4 * b_ * x * v, 2 * b_ * v);
        return u * u + b_ * v * v;
    }

  private:
    double a_, b_;
};

// f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2: four minima of equal depth.
class Himmelblau final : public NamedLandscape {
  public:
    Himmelblau()
        : NamedLandscape({"himmelblau",
                            "Four equal minima: where you start decides where you end",
                            "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
                            {-5, 5, -5, 5},
                            {{3, 2},
                             {-2.805118086952745, 3.131312518250573},
                             {-3.779310253377747, -3.283185991286170},
                             {3.584428340330492, -1.848126526964404}},
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
// Powers of y are multiplied out (no std::pow): sampling a 512x512 grid stays within a few milliseconds.
class Beale final : public NamedLandscape {
  public:
    Beale()
        : NamedLandscape({"beale",
                            "Flat plateaus and steep walls: gradient sizes vary by orders of magnitude",
                            "(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
                            {-4.5, 4.5, -4.5, 4.5},
                            {{3, 0.5}},
                            {1, 1.5}}) {}
    double valueAt(const Vec2& p) const override {
        const Terms t(p);
        return t.t1 * t.t1 + t.t2 * t.t2 + t.t3 * t.t3;
    }
    Vec2 gradientAt(const Vec2& p) const override {
        const Terms t(p);
        const double x = p.x(), y = p.y();
        // d t_i / dx = y^i - 1,  d t_i / dy = i x y^(i-1)
        return {2 * (t.t1 * (y - 1) + t.t2 * (t.y2 - 1) + t.t3 * (t.y3 - 1)),
                2 * (t.t1 * x + t.t2 * 2 * x * y + t.t3 * 3 * x * t.y2)};
    }
    Mat2 hessianAt(const Vec2& p) const override {
        const Terms t(p);
        const double x = p.x(), y = p.y();
        const double ax[3] = {y - 1, t.y2 - 1, t.y3 - 1};   // d t_i / dx
        const double ay[3] = {x, 2 * x * y, 3 * x * t.y2};  // d t_i / dy
        const double axy[3] = {1, 2 * y, 3 * t.y2};         // d2 t_i / dx dy
        const double ayy[3] = {0, 2 * x, 6 * x * y};        // d2 t_i / dy2
        const double ti[3] = {t.t1, t.t2, t.t3};
        Mat2 h = Mat2::Zero();
        for (int i = 0; i < 3; ++i) {
            h(0, 0) += 2 * ax[i] * ax[i];
            h(0, 1) += 2 * (ax[i] * ay[i] + ti[i] * axy[i]);
            h(1, 1) += 2 * (ay[i] * ay[i] + ti[i] * ayy[i]);
        }
        h(1, 0) = h(0, 1);
        return h;
    }

  private:
    struct Terms {
        double y2, y3, t1, t2, t3;
        explicit Terms(const Vec2& p)
            : y2(p.y() * p.y()),
              y3(y2 * p.y()),
              t1(1.5 - p.x() + p.x() * p.y()),
              t2(2.25 - p.x() + p.x() * y2),
              t3(2.625 - p.x() + p.x() * y3) {}
    };
};

// f = x^2 - y^2: a saddle, a minimum along x and a maximum along y.
class Saddle final : public NamedLandscape {
  public:
    Saddle()
        : NamedLandscape({"saddle",
                            "Saddle point at the origin: a minimum along x, a maximum along y",
                            "x^2 - y^2",
                            {-2, 2, -2, 2},
                            {},
                            {-1.8, 0.01}}) {}
    double valueAt(const Vec2& p) const override { return p.x() * p.x() - p.y() * p.y(); }
    Vec2 gradientAt(const Vec2& p) const override { return {2 * p.x(), -2 * p.y()}; }
    Mat2 hessianAt(const Vec2&) const override { return Vec2(2, -2).asDiagonal(); }
};

/// Calls f with the landscape as its concrete built-in type where it is one (so calls inline), and as a
/// plain Landscape otherwise. Used once per batch of steps, not per step.
template <class F>
decltype(auto) withConcreteLandscape(const Landscape& landscape, F&& f) {
    const std::type_info& type = typeid(landscape);
    if (type == typeid(Rosenbrock)) return f(static_cast<const Rosenbrock&>(landscape));
    if (type == typeid(Quadratic)) return f(static_cast<const Quadratic&>(landscape));
    if (type == typeid(Himmelblau)) return f(static_cast<const Himmelblau&>(landscape));
    if (type == typeid(Beale)) return f(static_cast<const Beale&>(landscape));
    if (type == typeid(Saddle)) return f(static_cast<const Saddle&>(landscape));
    return f(landscape);
}

}  // namespace gradscape

// The classic optimization test functions, each with its literature minima.

#include "landscapes/landscape_registry.h"

#include <array>
#include <cmath>
#include <numbers>
#include <vector>

namespace gradscape {
namespace {

constexpr double kPi = std::numbers::pi;

// f = (x + 2y - 7)^2 + (2x + y - 5)^2: a tilted, mildly ill-conditioned bowl; minimum (1, 3).
class Booth final : public TemplateLandscape<Booth> {
  public:
    Booth()
        : TemplateLandscape({"booth",
                             "A tilted bowl with correlated coordinates: GD zig-zags, Newton jumps",
                             "(x + 2y - 7)^2 + (2x + y - 5)^2",
                             {-10, 10, -10, 10},
                             {{1, 3}},
                             {-7, -6}}) {}
    template <class T>
    T value(const T& x, const T& y) const {
        const T a = x + 2 * y - 7, b = 2 * x + y - 5;
        return a * a + b * b;
    }
    template <class T>
    std::array<T, 2> gradient(const T& x, const T& y) const {
        const T a = x + 2 * y - 7, b = 2 * x + y - 5;
        return {2 * a + 4 * b, 4 * a + 2 * b};
    }
};

// f = x^3 - 3 x y^2: three valleys meet at a flat saddle (the Hessian vanishes at the origin).
class MonkeySaddle final : public TemplateLandscape<MonkeySaddle> {
  public:
    MonkeySaddle()
        : TemplateLandscape({"monkey-saddle",
                             "Three downhill valleys meet at a flat saddle: gradient and Hessian vanish",
                             "x^3 - 3 x y^2",
                             {-1.5, 1.5, -1.5, 1.5},
                             {},
                             {0.6, 0.35}}) {}
    template <class T>
    T value(const T& x, const T& y) const {
        return x * x * x - 3 * x * y * y;
    }
    template <class T>
    std::array<T, 2> gradient(const T& x, const T& y) const {
        return {3 * x * x - 3 * y * y, -6 * x * y};
    }
};

// f = 20 + sum (x_i^2 - 10 cos(2 pi x_i)): a bowl covered in local minima; global minimum at the origin.
class Rastrigin final : public TemplateLandscape<Rastrigin> {
  public:
    Rastrigin()
        : TemplateLandscape({"rastrigin",
                             "An egg-crate of local minima on a bowl: GD stops in the nearest dimple",
                             "20 + x^2 - 10 cos(2 pi x) + y^2 - 10 cos(2 pi y)",
                             {-5.12, 5.12, -5.12, 5.12},
                             {{0, 0}},
                             {3.2, -2.3}}) {}
    template <class T>
    T value(const T& x, const T& y) const {
        using std::cos;
        return 20 + x * x - 10 * cos(2 * kPi * x) + y * y - 10 * cos(2 * kPi * y);
    }
    template <class T>
    std::array<T, 2> gradient(const T& x, const T& y) const {
        using std::sin;
        return {2 * x + 20 * kPi * sin(2 * kPi * x), 2 * y + 20 * kPi * sin(2 * kPi * y)};
    }
    // f is a sum of a term in x and a term in y: a grid needs each once per column and once per row.
    void sampleRows(const ViewBox& box, int width, int height, int rowBegin, int rowEnd,
                    float* out) const override {
        const auto term = [](double t) { return t * t - 10 * std::cos(2 * kPi * t); };
        std::vector<double> columns(width);
        for (int c = 0; c < width; ++c)
            columns[c] = term(box.xMin + (c + 0.5) * box.width() / width);
        for (int r = rowBegin; r < rowEnd; ++r) {
            const double rowTerm = 20 + term(box.yMin + (r + 0.5) * box.height() / height);
            for (int c = 0; c < width; ++c)
                *out++ = static_cast<float>(rowTerm + columns[c]);
        }
    }
};

// f = -20 exp(-0.2 sqrt((x^2 + y^2) / 2)) - exp((cos 2 pi x + cos 2 pi y) / 2) + e + 20.
class Ackley final : public TemplateLandscape<Ackley> {
  public:
    Ackley()
        : TemplateLandscape(
              {"ackley",
               "A nearly flat plate of ripples around one deep funnel at the origin",
               "-20 exp(-0.2 sqrt((x^2 + y^2) / 2)) - exp((cos 2 pi x + cos 2 pi y) / 2) + e + 20",
               {-5, 5, -5, 5},
               {{0, 0}},
               {3.3, 2.6}}) {}
    template <class T>
    T value(const T& x, const T& y) const {
        using std::cos, std::exp, std::sqrt;
        return -20 * exp(-0.2 * sqrt(0.5 * (x * x + y * y))) -
               exp(0.5 * (cos(2 * kPi * x) + cos(2 * kPi * y))) + std::numbers::e + 20;
    }
    template <class T>
    std::array<T, 2> gradient(const T& x, const T& y) const {
        using std::cos, std::exp, std::sin, std::sqrt;
        const T r = sqrt(0.5 * (x * x + y * y));
        const T ripple = exp(0.5 * (cos(2 * kPi * x) + cos(2 * kPi * y)));
        // The funnel's tip is a cusp; its subgradient 0 is what the minimum reports.
        const T funnel = r > 0 ? T(2 * exp(-0.2 * r) / r) : T(0.0);
        return {funnel * x + kPi * sin(2 * kPi * x) * ripple, funnel * y + kPi * sin(2 * kPi * y) * ripple};
    }
    // exp((cos 2 pi x + cos 2 pi y) / 2) = exp(cos(2 pi x) / 2) exp(cos(2 pi y) / 2), and x^2 + y^2 splits
    // too: per point only the funnel's square root and exponential remain.
    void sampleRows(const ViewBox& box, int width, int height, int rowBegin, int rowEnd,
                    float* out) const override {
        std::vector<double> xs(width), ripples(width);
        for (int c = 0; c < width; ++c) {
            const double x = box.xMin + (c + 0.5) * box.width() / width;
            xs[c] = x * x, ripples[c] = std::exp(0.5 * std::cos(2 * kPi * x));
        }
        for (int r = rowBegin; r < rowEnd; ++r) {
            const double y = box.yMin + (r + 0.5) * box.height() / height;
            const double y2 = y * y, ripple = std::exp(0.5 * std::cos(2 * kPi * y));
            for (int c = 0; c < width; ++c)
                *out++ = static_cast<float>(-20 * std::exp(-0.2 * std::sqrt(0.5 * (xs[c] + y2))) -
                                            ripples[c] * ripple + std::numbers::e + 20);
        }
    }
};

// f = [1 + (x + y + 1)^2 q(x, y)] [30 + (2x - 3y)^2 s(x, y)]: global minimum 3 at (0, -1), three local ones.
class GoldsteinPrice final : public TemplateLandscape<GoldsteinPrice> {
  public:
    GoldsteinPrice()
        : TemplateLandscape(
              {"goldstein-price",
               "Values from 3 to a million: one global and three local minima",
               "[1 + (x+y+1)^2 (19 - 14x + 3x^2 - 14y + 6xy + 3y^2)] [30 + (2x-3y)^2 (18 - 32x + "
               "12x^2 + 48y - 36xy + 27y^2)]",
               {-2, 2, -2, 2},
               {{0, -1}, {1.2, 0.8}, {1.8, 0.2}, {-0.6, -0.4}},
               {-1.5, 1.5}}) {}
    template <class T>
    T value(const T& x, const T& y) const {
        const T p = x + y + 1, q = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
        const T r = 2 * x - 3 * y, s = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
        return (1 + p * p * q) * (30 + r * r * s);
    }
    template <class T>
    std::array<T, 2> gradient(const T& x, const T& y) const {
        const T p = x + y + 1, q = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
        const T r = 2 * x - 3 * y, s = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
        const T a = 1 + p * p * q, b = 30 + r * r * s;
        const T qx = -14 + 6 * x + 6 * y, qy = -14 + 6 * x + 6 * y;
        const T sx = -32 + 24 * x - 36 * y, sy = 48 - 36 * x + 54 * y;
        const T ax = 2 * p * q + p * p * qx, ay = 2 * p * q + p * p * qy;
        const T bx = 4 * r * s + r * r * sx, by = -6 * r * s + r * r * sy;
        return {ax * b + a * bx, ay * b + a * by};
    }
};

// f = (4 - 2.1 x^2 + x^4 / 3) x^2 + x y + (-4 + 4 y^2) y^2: six minima, two of them global.
class SixHumpCamel final : public TemplateLandscape<SixHumpCamel> {
  public:
    SixHumpCamel()
        : TemplateLandscape({"six-hump-camel",
                             "Six minima, two global and four local, around a saddle at the origin",
                             "(4 - 2.1 x^2 + x^4 / 3) x^2 + x y + (-4 + 4 y^2) y^2",
                             {-2.2, 2.2, -1.3, 1.3},
                             {{0.0898, -0.7126},
                              {-0.0898, 0.7126},
                              {1.7036, -0.7961},
                              {-1.7036, 0.7961},
                              {1.6071, 0.5687},
                              {-1.6071, -0.5687}},
                             {-1.9, 1.1}}) {}
    template <class T>
    T value(const T& x, const T& y) const {
        const T x2 = x * x, y2 = y * y;
        return (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (-4 + 4 * y2) * y2;
    }
    template <class T>
    std::array<T, 2> gradient(const T& x, const T& y) const {
        const T x2 = x * x;
        return {8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y, x - 8 * y + 16 * y * y * y};
    }
};

// f = (x^4 - 16 x^2 + 5 x + y^4 - 16 y^2 + 5 y) / 2: four minima, the global one at (-2.9035, -2.9035).
class StyblinskiTang final : public TemplateLandscape<StyblinskiTang> {
  public:
    StyblinskiTang()
        : TemplateLandscape(
              {"styblinski-tang",
               "Four wells of different depths: the deepest is at (-2.90, -2.90)",
               "(x^4 - 16 x^2 + 5 x + y^4 - 16 y^2 + 5 y) / 2",
               {-5, 5, -5, 5},
               {{-2.903534, -2.903534}, {2.746803, -2.903534}, {-2.903534, 2.746803}, {2.746803, 2.746803}},
               {0.3, 0.6}}) {}
    template <class T>
    T value(const T& x, const T& y) const {
        return 0.5 * (x * x * x * x - 16 * x * x + 5 * x + y * y * y * y - 16 * y * y + 5 * y);
    }
    template <class T>
    std::array<T, 2> gradient(const T& x, const T& y) const {
        return {0.5 * (4 * x * x * x - 32 * x + 5), 0.5 * (4 * y * y * y - 32 * y + 5)};
    }
};

template <class T>
LandscapeEntry entry(const std::string& name) {
    return {name, [](const auto&) { return std::make_shared<T>(); }};
}

}  // namespace

std::vector<LandscapeEntry> testFunctionLandscapes() {
    return {entry<Booth>("booth"),
            entry<MonkeySaddle>("monkey-saddle"),
            entry<Rastrigin>("rastrigin"),
            entry<Ackley>("ackley"),
            entry<GoldsteinPrice>("goldstein-price"),
            entry<SixHumpCamel>("six-hump-camel"),
            entry<StyblinskiTang>("styblinski-tang")};
}

}  // namespace gradscape

// Data landscapes: the loss is a mean over samples, so SGD can draw real minibatches.

#include "landscapes/landscape_registry.h"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <cstdio>
#include <random>

namespace gradscape {
namespace {

/// The least-squares loss of one sample, (w . x - y)^2 / 2, with its gradient and Hessian where asked.
double leastSquaresLoss(const Vec2& w, const DataSample& s, Vec2* g, Mat2* h) {
    const double r = w.dot(s.input) - s.target;
    if (g) *g = r * s.input;
    if (h) *h = s.input * s.input.transpose();
    return 0.5 * r * r;
}

/// f(w) = (1/n) sum_i l(w; sample_i), with l, its gradient and its Hessian given per sample.
class DataLandscape : public NamedLandscape {
  public:
    using NamedLandscape::NamedLandscape;
    double valueAt(const Vec2& w) const override {
        double sum = 0;
        for (const DataSample& s : samples_)
            sum += sampleLoss(w, s, nullptr, nullptr);
        return sum / samples_.size();
    }
    Vec2 gradientAt(const Vec2& w) const override {
        Vec2 g;
        valueAndGradientAt(w, g);
        return g;
    }
    double valueAndGradientAt(const Vec2& w, Vec2& gradient) const override {
        double sum = 0;
        gradient.setZero();
        Vec2 g;
        for (const DataSample& s : samples_)
            sum += sampleLoss(w, s, &g, nullptr), gradient += g;
        gradient /= samples_.size();
        return sum / samples_.size();
    }
    Mat2 hessianAt(const Vec2& w) const override {
        Mat2 total = Mat2::Zero(), h;
        for (const DataSample& s : samples_)
            sampleLoss(w, s, nullptr, &h), total += h;
        return total / samples_.size();
    }
    Vec2 minibatchGradientAt(const Vec2& w, const std::vector<int>& indices) const override {
        Vec2 total = Vec2::Zero(), g;
        for (int i : indices)
            sampleLoss(w, samples_.at(i), &g, nullptr), total += g;
        return indices.empty() ? total : Vec2(total / indices.size());
    }

  protected:
    /// One sample's loss; fills its gradient and Hessian where asked.
    virtual double sampleLoss(const Vec2& w, const DataSample& s, Vec2* gradient, Mat2* hessian) const = 0;

    /// The minimum by Newton's method from `guess` on the exact derivatives (none if it runs away).
    void findMinimum(Vec2 w) {
        for (int i = 0; i < 100; ++i) {
            const Mat2 h = hessianAt(w);
            if (std::abs(h.determinant()) < 1e-14) return;
            w -= h.inverse() * gradientAt(w);
            if (!w.allFinite() || w.norm() > 1e3) return;
        }
        knownMinima_ = {w};
    }
    /// The box around the minimum (or the origin) that shows the interesting part.
    void boxAround(const Vec2& c, double half) {
        displayBox_ = {c.x() - half, c.x() + half, c.y() - half, c.y() + half};
    }
};

// Least squares with two weights: l = (w . x - y)^2 / 2, H = X^T X / n.
class LinearRegression final : public DataLandscape {
  public:
    LinearRegression(int n, double noise, double correlation, double scale, double seed)
        : DataLandscape({"linreg", "", "(1/2n) sum (w . x_i - y_i)^2", {}, {}, {}},
                        {{"samples", "how many samples", double(n), 2, 1000},
                         {"noise", "sigma of the targets' noise", noise, 0, 5},
                         {"correlation", "correlation of the two features", correlation, -0.99, 0.99},
                         {"scale", "scale of the second feature", scale, 0.1, 10},
                         {"seed", "seed of the generated data", seed, 0, 1e6}}) {
        std::mt19937_64 random(static_cast<std::uint64_t>(seed));
        std::normal_distribution<double> normal;
        const Vec2 teacher(1.0, -0.5);
        for (int i = 0; i < n; ++i) {
            const double x1 = normal(random), z = normal(random), e = normal(random);
            const Vec2 x(x1, scale * (correlation * x1 + std::sqrt(1 - correlation * correlation) * z));
            samples_.push_back({x, teacher.dot(x) + noise * e});
        }
        // The mean of (w . x - y)^2 / 2 is w^T A w / 2 - b . w + c with A = X^T X / n, b = X^T y / n,
        // c = y^T y / 2n: every evaluation is O(1), however many samples.
        for (const DataSample& s : samples_)
            gram_ += s.input * s.input.transpose(), moment_ += s.target * s.input,
                offset_ += 0.5 * s.target * s.target;
        gram_ /= n, moment_ /= n, offset_ /= n;
        const Mat2 h = gram_;
        const Eigen::Vector2d eigenvalues = Eigen::SelfAdjointEigenSolver<Mat2>(h).eigenvalues();
        char text[200];
        std::snprintf(
            text, sizeof text,
            "Least squares on %d samples: kappa(X^T X) = %.3g sets the zig-zag (correlation and scale)", n,
            eigenvalues[1] / std::max(eigenvalues[0], 1e-300));
        description_ = text;
        findMinimum(Vec2::Zero());
        const Vec2 center = knownMinima_.empty() ? Vec2::Zero() : knownMinima_.front();
        boxAround(center, 2.5);
        defaultStart_ = center + Vec2(-2, 1.8);
    }

    double valueAt(const Vec2& w) const override { return 0.5 * w.dot(gram_ * w) - moment_.dot(w) + offset_; }
    double valueAndGradientAt(const Vec2& w, Vec2& gradient) const override {
        gradient = gram_ * w - moment_;
        return valueAt(w);
    }
    Mat2 hessianAt(const Vec2&) const override { return gram_; }

  protected:
    double sampleLoss(const Vec2& w, const DataSample& s, Vec2* g, Mat2* h) const override {
        return leastSquaresLoss(w, s, g, h);
    }

  private:
    Mat2 gram_ = Mat2::Zero();
    Vec2 moment_ = Vec2::Zero();
    double offset_ = 0;
};

// Logistic regression with two weights on two overlapping clusters: l = log(1 + exp(-y w . x)).
class LogisticRegression final : public DataLandscape {
  public:
    LogisticRegression(int n, double separation, double seed)
        : DataLandscape(
              {"logreg",
               "Logistic regression on two overlapping clusters: convex, flat far out, curved near the "
               "optimum",
               "(1/n) sum log(1 + exp(-y_i w . x_i))",
               {},
               {},
               {}},
              {{"samples", "how many samples", double(n), 4, 1000},
               {"separation", "distance of the clusters' centres from the origin", separation, 0, 5},
               {"seed", "seed of the generated data", seed, 0, 1e6}}) {
        std::mt19937_64 random(static_cast<std::uint64_t>(seed));
        std::normal_distribution<double> normal;
        const Vec2 centre = separation * Vec2(1, 0.5);
        for (int i = 0; i < n; ++i) {
            const double label = i % 2 == 0 ? 1 : -1;
            const double a = normal(random), b = normal(random);
            samples_.push_back({label * centre + Vec2(a, b), label});
        }
        findMinimum(Vec2::Zero());
        boxAround(knownMinima_.empty() ? Vec2::Zero() : knownMinima_.front(), 4);
        defaultStart_ = displayBox_.center() + Vec2(-3, 3);
    }

  protected:
    double sampleLoss(const Vec2& w, const DataSample& s, Vec2* g, Mat2* h) const override {
        const double margin = s.target * w.dot(s.input);
        // log(1 + exp(-m)) without overflow, and sigma(-m) = 1 / (1 + exp(m)).
        const double loss = std::max(-margin, 0.0) + std::log1p(std::exp(-std::abs(margin)));
        const double wrong = 1 / (1 + std::exp(margin));
        if (g) *g = -s.target * wrong * s.input;
        if (h) *h = wrong * (1 - wrong) * s.input * s.input.transpose();
        return loss;
    }
};

// One sample, two weights: every w on the line w . x = y fits exactly. GD from the origin stays in the
// row space of X and ends on the minimum-norm solution X^T (X X^T)^-1 y.
class Underdetermined final : public DataLandscape {
  public:
    Underdetermined()
        : DataLandscape(
              {"underdetermined",
               "One sample, two weights: a valley of exact fits; from the origin GD ends on the minimum-norm "
               "one X^T (X X^T)^-1 y",
               "(w . x - y)^2 / 2 with x = (1, 0.5), y = 1",
               {-1.5, 2.5, -1.5, 2.5},
               {},
               {0, 0}}) {
        samples_ = {{Vec2(1, 0.5), 1.0}};
        const Vec2& x = samples_[0].input;
        knownMinima_ = {x * (samples_[0].target / x.squaredNorm())};
    }

  protected:
    double sampleLoss(const Vec2& w, const DataSample& s, Vec2* g, Mat2* h) const override {
        return leastSquaresLoss(w, s, g, h);
    }
};

// A two-parameter network y = w2 tanh(w1 x) fitted to a teacher with w = (1.5, 1.2): non-convex, with
// the symmetric minima (1.5, 1.2) and (-1.5, -1.2) and a saddle at the origin.
class TinyNet final : public DataLandscape {
  public:
    TinyNet()
        : DataLandscape(
              {"tinynet",
               "A two-weight network y = w2 tanh(w1 x): mirror-image minima, a saddle at the origin",
               "(1/2n) sum (w2 tanh(w1 x_i) - y_i)^2",
               {-3, 3, -3, 3},
               {{1.5, 1.2}, {-1.5, -1.2}},
               {0.15, -2.5}}) {
        for (double x : {-2.0, -1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0})
            samples_.push_back({Vec2(x, 0), 1.2 * std::tanh(1.5 * x)});
    }

  protected:
    double sampleLoss(const Vec2& w, const DataSample& s, Vec2* g, Mat2* h) const override {
        const double x = s.input.x(), t = std::tanh(w.x() * x), r = w.y() * t - s.target;
        const Vec2 dr(w.y() * (1 - t * t) * x, t);
        if (g) *g = r * dr;
        if (h) {
            Mat2 second;
            second << -2 * w.y() * x * x * t * (1 - t * t), (1 - t * t) * x, (1 - t * t) * x, 0;
            *h = dr * dr.transpose() + r * second;
        }
        return 0.5 * r * r;
    }
};

}  // namespace

std::vector<LandscapeEntry> dataLandscapes() {
    return {
        {"linreg",
         [](const auto& given) {
             const auto v = parameterValues("linreg", given, LinearRegression(40, 0.5, 0, 1, 1).parameters());
             return std::make_shared<LinearRegression>(static_cast<int>(v[0]), v[1], v[2], v[3],
                                                       std::round(v[4]));
         }},
        {"logreg",
         [](const auto& given) {
             const auto v = parameterValues("logreg", given, LogisticRegression(60, 1, 1).parameters());
             return std::make_shared<LogisticRegression>(static_cast<int>(v[0]), v[1], std::round(v[2]));
         }},
        {"underdetermined", [](const auto&) { return std::make_shared<Underdetermined>(); }},
        {"tinynet", [](const auto&) { return std::make_shared<TinyNet>(); }},
    };
}

}  // namespace gradscape

#pragma once
// A loss over a parameter vector of any size: what a network problem is, and what the N-dimensional
// optimizers walk on. The 2D landscapes keep their own fixed-size interface (landscape.h), the fast path;
// LandscapeProblem shows one as a two-parameter Problem, so every N-dimensional method can be checked
// against the 2D one on the same loss.

#include "landscapes/landscape.h"

#include <Eigen/Core>

#include <span>
#include <string>
#include <vector>

namespace gradscape {

/// A point or a direction of parameter space.
using VecX = Eigen::VectorXd;

/// Parameters that belong together: a neuron's incoming weights (a "filter", as Li et al. 2018 call it), or
/// a layer's biases. What filter-normalized plane directions scale by (view/loss_plane.h).
struct ParameterGroup {
    int offset = 0, size = 0;
    bool bias = false;
};

/// A differentiable loss L(w), w in R^n, with its exact gradient and Hessian-vector products. Immutable
/// once built, like a Landscape, so one instance can be shared by threads.
class Problem {
  public:
    virtual ~Problem() = default;

    /// n, the number of parameters.
    virtual int dimension() const = 0;
    /// The loss at w, the mean over every sample.
    virtual double valueAt(const VecX& w) const = 0;
    /// The loss at w and its exact gradient (resized to n).
    virtual double valueAndGradientAt(const VecX& w, VecX& gradient) const = 0;
    /// H(w) v, exact (no finite differences), resized to n.
    virtual void hessianVectorProduct(const VecX& w, const VecX& v, VecX& product) const = 0;
    /// How many samples the loss is the mean over; 0 for a loss with no data.
    virtual int sampleCount() const { return 0; }
    /// The loss and gradient of the mean over the listed samples only (a minibatch); the whole loss when
    /// the problem has no data.
    virtual double minibatchValueAndGradientAt(const VecX& w, std::span<const int> samples, VecX& gradient) const {
        (void)samples;
        return valueAndGradientAt(w, gradient);
    }
    /// The loss of the mean over the listed samples only; the whole loss when the problem has no data.
    /// The default computes the minibatch gradient too and drops it.
    virtual double minibatchValueAt(const VecX& w, std::span<const int> samples) const {
        VecX gradient;
        return minibatchValueAndGradientAt(w, samples, gradient);
    }
    /// The Hessian H(w), n x n. The default builds it from n Hessian-vector products H e_j, one column
    /// each, symmetrized as (H + H^T) / 2: n times a product's work and n^2 doubles, so a caller bounds n
    /// (Newton's method: limits::kMaxNewtonParameters).
    virtual Eigen::MatrixXd hessianAt(const VecX& w) const {
        const Eigen::Index n = dimension();
        Eigen::MatrixXd hessian(n, n);
        VecX unit = VecX::Zero(n), column;
        for (Eigen::Index j = 0; j < n; ++j) {
            unit[j] = 1;
            hessianVectorProduct(w, unit, column);
            hessian.col(j) = column;
            unit[j] = 0;
        }
        // Exact arithmetic would give a symmetric matrix; rounding in the products does not quite.
        for (Eigen::Index j = 0; j < n; ++j)
            for (Eigen::Index i = j + 1; i < n; ++i)
                hessian(i, j) = hessian(j, i) = 0.5 * (hessian(i, j) + hessian(j, i));
        return hessian;
    }
    /// The loss at center + a d1 + b d2 for every plane coordinate (a, b) in `coordinates`, into `values`
    /// (of the same length): what a 2D slice of the loss samples. The default calls valueAt for each
    /// point; a network overrides it to share the work the points of a plane have in common.
    virtual void valuesOnPlane(const VecX& center, const VecX& d1, const VecX& d2, std::span<const Vec2> coordinates,
                               std::span<double> values) const {
        VecX w(center.size());
        for (std::size_t i = 0; i < coordinates.size(); ++i) {
            w = center + coordinates[i].x() * d1 + coordinates[i].y() * d2;
            values[i] = valueAt(w);
        }
    }
    /// How the parameters group into filters and biases; the default is one filter of all of them.
    virtual std::vector<ParameterGroup> parameterGroups() const { return {{0, dimension(), false}}; }
    /// The parameters a run starts from (a network's seeded initial weights).
    virtual VecX initialParameters() const = 0;
    /// A short name, such as "mlp 2-16-16-1 tanh on moons".
    virtual std::string name() const = 0;
};

/// A 2D landscape as a two-parameter Problem: w = (x, y).
class LandscapeProblem final : public Problem {
  public:
    LandscapeProblem(const Landscape& landscape, Vec2 start) : landscape_(landscape), start_(start) {}

    int dimension() const override { return 2; }
    double valueAt(const VecX& w) const override { return landscape_.valueAt(Vec2(w[0], w[1])); }
    double valueAndGradientAt(const VecX& w, VecX& gradient) const override {
        Vec2 g;
        const double value = landscape_.valueAndGradientAt(Vec2(w[0], w[1]), g);
        gradient = g;
        return value;
    }
    void hessianVectorProduct(const VecX& w, const VecX& v, VecX& product) const override {
        product = landscape_.hessianAt(Vec2(w[0], w[1])) * Vec2(v[0], v[1]);
    }
    /// The landscape's own Hessian, as the 2D racers read it (not symmetrized).
    Eigen::MatrixXd hessianAt(const VecX& w) const override { return landscape_.hessianAt(Vec2(w[0], w[1])); }
    VecX initialParameters() const override { return start_; }
    std::string name() const override { return landscape_.name(); }

  private:
    const Landscape& landscape_;
    Vec2 start_;
};

}  // namespace gradscape

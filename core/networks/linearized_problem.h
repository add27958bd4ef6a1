#pragma once
// Lazy training (issue 15): a network replaced by its first-order Taylor model in the weights around w0,
//   f_lin(w) = f(w0) + J(w0) (w - w0),     J(w0) = d outputs / d w at w0 (every sample's every output),
// trained on the same data and loss as the network. As the width grows (in the neural-tangent scaling)
// the network's own training stays ever closer to this linear model's: racing the two side by side shows
// how far from "lazy" a network trains.
//
// The model is linear in w, so with the loss l (mean squared error or cross-entropy on logits, the
// network's) the derivatives are exact and need only the network's passes at w0 (mlp.h):
//   value      l(f0 + J d),   d = w - w0               J d: the R-forward pass at w0 along d
//   gradient   J^T l'(f_lin(w))                         backpropagation at w0 from the adjoint l'(f_lin)
//   H v        J^T l''(f_lin(w)) J v                    no second derivative of the network: the
//                                                       Gauss-Newton form is the whole Hessian here
// With MSE, l'' = 2/N is constant: the loss is a quadratic in w with the Hessian (2/N) J^T J everywhere.
//
// Thread safety: immutable once built; f(w0) is computed in the constructor. The forward pass at w0 (its
// activations and slopes, what every J and J^T product reads) lives in the calling thread's workspace,
// computed on the thread's first call and kept while the thread calls the same problem; a thread that
// alternates between problems recomputes it on each switch (one forward pass, what a NetworkProblem pays
// every call anyway).

#include "landscapes/problem.h"
#include "networks/network_problem.h"

#include <Eigen/Core>

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace gradscape {

class LinearizedNetworkProblem final : public Problem {
  public:
    /// The network linearized at its initial parameters.
    explicit LinearizedNetworkProblem(std::shared_ptr<const NetworkProblem> network);
    /// The network linearized at `center`. Throws std::invalid_argument for a null network, a linear probe
    /// (already linear in its weights: linearize the whole network instead), a center of the wrong size or
    /// not finite.
    LinearizedNetworkProblem(std::shared_ptr<const NetworkProblem> network, VecX center);

    // Problem
    int dimension() const override { return network_->dimension(); }
    double valueAt(const VecX& w) const override;
    double valueAndGradientAt(const VecX& w, VecX& gradient) const override;
    /// J^T l''(f_lin(w)) J v: exact, as the model is linear in w.
    void hessianVectorProduct(const VecX& w, const VecX& v, VecX& product) const override;
    int sampleCount() const override { return network_->sampleCount(); }
    /// The mean over the listed samples (a sample listed twice counts twice). Throws std::invalid_argument
    /// for an empty list or an index outside [0, sampleCount()).
    double minibatchValueAndGradientAt(const VecX& w, std::span<const int> samples,
                                       VecX& gradient) const override;
    /// The outputs on a plane are affine in its coordinates, f_lin(c) + a J d1 + b J d2: three JVPs, then
    /// each point costs one pass over the samples' outputs.
    void valuesOnPlane(const VecX& center, const VecX& d1, const VecX& d2, std::span<const Vec2> coordinates,
                       std::span<double> values) const override;
    /// w0, the center.
    VecX initialParameters() const override { return center_; }
    /// The network's filters and biases: the linearized model has the same parameters.
    std::vector<ParameterGroup> parameterGroups() const override { return network_->parameterGroups(); }
    /// The network's name and " linearized at w0".
    std::string name() const override { return name_; }

    /// The network it linearizes.
    const NetworkProblem& network() const { return *network_; }
    const std::shared_ptr<const NetworkProblem>& networkPointer() const { return network_; }
    const VecX& center() const { return center_; }
    /// f(w0): the network's outputs (out x n) at the center.
    const Eigen::MatrixXd& centerOutputs() const { return centerOutputs_; }
    /// f_lin(w) = f(w0) + J (w - w0) on every sample (out x n).
    Eigen::MatrixXd outputsAt(const VecX& w) const;
    /// J v (out x n), the outputs' derivative along v at w0 (a Jacobian-vector product).
    Eigen::MatrixXd jacobianTimes(const VecX& v) const;
    /// J^T a (resized to n) for an adjoint a (out x n) on every sample (a vector-Jacobian product).
    void jacobianTransposeTimes(const Eigen::MatrixXd& adjoint, VecX& product) const;

  private:
    std::shared_ptr<const NetworkProblem> network_;
    VecX center_;
    Eigen::MatrixXd centerOutputs_;
    std::string name_;
    std::uint64_t identity_;  // which problem a thread's workspace holds the center pass of
};

}  // namespace gradscape

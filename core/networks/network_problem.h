#pragma once
// A small network on a data set as a Problem: an MLP, its samples and a loss, with the exact gradient by
// backpropagation and exact Hessian-vector products by the R-operator (mlp.h). The whole data set is one
// batch: the loss is the mean over every sample, as torch's reduction="mean".
//
// A linear probe (lecture 3) trains only the last layer: its parameter vector is that layer's W and b, the
// earlier layers frozen at the weights it was built with and their features (the last hidden layer's
// activations on every sample) computed once, so each step is a linear model on those features.
//
// Thread safety: a NetworkProblem is immutable once built. Each pass runs in a workspace of its calling
// thread (thread_local, sized on first use and reused), so threads share a problem freely and a warm
// full-batch step allocates nothing. A thread keeps its workspace, sized for the largest batch it ran,
// until it ends.

#include "landscapes/problem.h"
#include "networks/dataset.h"
#include "networks/mlp.h"
#include "support/enum_names.h"

#include <Eigen/Core>

#include <cstdint>
#include <span>
#include <string>

namespace gradscape {

/// The loss of one output z against its target t, averaged over every sample (and output).
enum class Loss {
    Mse,  ///< (z - t)^2, no 1/2 (torch's MSELoss).
    Bce,  ///< Binary cross-entropy on the logit z: max(z, 0) - z t + log1p(exp(-|z|)) (BCEWithLogitsLoss).
};

inline constexpr EnumName<Loss> kLossNames[] = {
    {Loss::Mse, "mse", "mean squared error"},
    {Loss::Bce, "bce", "binary cross-entropy"},
};

/// torch.nn.Linear's default initialization, drawn from PortableRandom(seed): layer by layer, W row by row
/// then b, each uniform in [-k, k) with k = 1/sqrt(fan_in) (the layer's input size), as -k + 2k u.
Eigen::VectorXd initialWeights(const MlpShape& shape, std::uint64_t seed);

/// The mean loss of `outputs` against `targets` (both out x n); with `slope`, also dLoss/dOutputs (each
/// element's derivative over the count). bce runs on the kernels of mlp_kernels.h. The network and its
/// linearization (linearized_problem.h) both call it, so they agree at w0 to the last bit.
double meanNetworkLoss(Loss loss, const Eigen::MatrixXd& outputs, const Eigen::MatrixXd& targets, Eigen::MatrixXd* slope);
/// The loss's second derivative in the outputs (diagonal) times `direction`, into `out`: R{dLoss/dOutputs}
/// along a direction whose outputs' derivative is `direction`.
void networkLossCurvatureTimes(Loss loss, const Eigen::MatrixXd& outputs, const Eigen::MatrixXd& direction,
                               Eigen::MatrixXd& out);

class NetworkProblem;

/// The share of samples a classifier gets right at the trained parameters w (what the data view reads out):
/// the output is a logit, class 1 when it is above 0, right when that agrees with the target (above 0.5).
/// NaN for a problem whose loss is not bce.
double classificationAccuracy(const NetworkProblem& problem, const Eigen::VectorXd& w);

class NetworkProblem final : public Problem {
  public:
    /// The network `shape` at `weights` (every layer's, in torch's order) on `data` (inputs d x n with d the
    /// first layer size, targets out x n). `name` names it (makeProblem gives "mlp 2-16-16-1 tanh on moons,
    /// bce"). Throws std::invalid_argument when the sizes disagree, or for a probe of a network without a
    /// hidden layer.
    NetworkProblem(MlpShape shape, Loss loss, Dataset data, Eigen::VectorXd weights, bool linearProbe = false,
                   std::string name = "");

    // Problem
    int dimension() const override { return trained_.parameterCount(); }
    double valueAt(const VecX& w) const override;
    double valueAndGradientAt(const VecX& w, VecX& gradient) const override;
    void hessianVectorProduct(const VecX& w, const VecX& v, VecX& product) const override;
    int sampleCount() const override { return data_.sampleCount(); }
    /// The mean over the listed samples (a sample listed twice counts twice). Throws std::invalid_argument
    /// for an empty list or an index outside [0, sampleCount()).
    double minibatchValueAndGradientAt(const VecX& w, std::span<const int> samples, VecX& gradient) const override;
    /// Each trained layer's W row by row (a neuron's incoming weights), then its b.
    std::vector<ParameterGroup> parameterGroups() const override;
    /// The first layer's pre-activation is affine in the plane's coordinates, Z_0 = P + a Q + b R with
    /// P, Q, R the layer's products with the center's, d1's and d2's W_0 and b_0: those three are computed
    /// once a call, so each point costs the later layers only (a probe's whole pass is that one layer).
    /// Equal to valueAt within rounding (1e-12 relative in the tests). Throws std::invalid_argument when a
    /// vector does not have dimension() entries or the spans' lengths differ.
    void valuesOnPlane(const VecX& center, const VecX& d1, const VecX& d2, std::span<const Vec2> coordinates,
                       std::span<double> values) const override;
    /// The same loss without the gradient (a forward pass only).
    double minibatchValueAt(const VecX& w, std::span<const int> samples) const override;
    /// The seeded weights (a probe's: its last layer's).
    VecX initialParameters() const override;
    std::string name() const override { return name_; }

    /// The whole network (a probe's too, frozen layers included).
    const Mlp& network() const { return network_; }
    Loss loss() const { return loss_; }
    const Dataset& data() const { return data_; }
    bool isLinearProbe() const { return probe_; }
    /// Every layer's weights for the trained parameters w: w itself, or for a probe its frozen layers then w.
    VecX networkParameters(const VecX& w) const;
    /// The network's outputs (out x n) on every sample at the trained parameters w.
    Eigen::MatrixXd outputsAt(const VecX& w) const;

  private:
    // The inputs of the trained part: the data's, or a probe's frozen features.
    const Eigen::MatrixXd& trainedInputs() const { return probe_ ? features_ : data_.inputs; }

    Mlp network_;
    Loss loss_;
    Dataset data_;
    VecX weights_;  // every layer's, as built
    bool probe_;
    Mlp trained_;                // the network, or its last layer for a probe
    Eigen::MatrixXd features_;  // a probe's last hidden activations on every sample
    std::string name_;
};

}  // namespace gradscape

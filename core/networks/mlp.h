#pragma once
// A multilayer perceptron, y = W_L s(... s(W_1 x + b_1) ...) + b_L, with one activation s between layers
// and none after the last: its batched forward pass, backpropagation for the exact gradient, and
// Pearlmutter's R-operator for exact Hessian-vector products.
//
// Parameters are one flat vector in torch's order (what nn.Sequential(...).parameters() concatenates):
// for each layer, W (out x in, row-major) then b. A batch of samples is a matrix with one column per
// sample; every pass works on the whole batch with matrix products.
//
// The Mlp holds only the shape; the buffers of a pass are an MlpWorkspace the caller owns (one per thread),
// sized on first use and reused, so a pass allocates nothing once warm.

#include "support/enum_names.h"

#include <Eigen/Core>

#include <string>
#include <vector>

namespace gradscape {

/// The activation between layers.
enum class Activation {
    Tanh,  ///< tanh(z).
    Relu,  ///< max(z, 0); its derivative at 0 taken as 0, as torch does.
    Gelu,  ///< z Phi(z) with the exact normal CDF (erf): torch's nn.GELU() default, not the tanh fit.
};

inline constexpr EnumName<Activation> kActivationNames[] = {
    {Activation::Tanh, "tanh", "tanh"},
    {Activation::Relu, "relu", "ReLU"},
    {Activation::Gelu, "gelu", "GELU"},
};

/// A matrix stored row by row, as torch stores a weight.
using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// The layer sizes (input first, output last) and the activation.
struct MlpShape {
    std::vector<int> layers;
    Activation activation = Activation::Tanh;

    /// The number of linear layers (one less than the sizes).
    int layerCount() const { return static_cast<int>(layers.size()) - 1; }
    /// sum over layers of out x in + out, as a long long so a huge shape can be refused before anything
    /// is allocated.
    long long parameterCount() const;
    /// "2-16-16-1 tanh".
    std::string text() const;

    bool operator==(const MlpShape&) const = default;
};

/// The buffers of the passes over one batch. Layer l's matrices are out_l x batch.
struct MlpWorkspace {
    std::vector<Eigen::MatrixXd> pre;      ///< Z_l = W_l A_{l-1} + b_l; the last is the output.
    std::vector<Eigen::MatrixXd> post;     ///< A_l = s(Z_l), hidden layers only.
    std::vector<Eigen::MatrixXd> slope;    ///< s'(Z_l), hidden layers only.
    std::vector<Eigen::MatrixXd> adjoint;  ///< G_l = dLoss/dZ_l; the last one is set by the caller.
    std::vector<Eigen::MatrixXd> rPre;     ///< R{Z_l}: Z_l's derivative along the direction v.
    std::vector<Eigen::MatrixXd> rPost;    ///< R{A_l}.
    std::vector<Eigen::MatrixXd> rAdjoint; ///< R{G_l}; the last one is set by the caller.
    Eigen::MatrixXd back, rBack, curvature;  ///< W^T G, its R{}, and s'' (scratch of the backward passes).
    std::vector<double> weightColumns;       ///< A layer's W column by column (scratch of the forward pass).
};

class Mlp {
  public:
    /// Throws std::invalid_argument unless there are at least two sizes, each at least 1.
    explicit Mlp(MlpShape shape);

    const MlpShape& shape() const { return shape_; }
    int layerCount() const { return shape_.layerCount(); }
    int parameterCount() const { return parameterCount_; }
    int inputSize() const { return shape_.layers.front(); }
    int outputSize() const { return shape_.layers.back(); }
    /// Where layer l's W (then its b, right after) starts in the parameter vector.
    int weightOffset(int layer) const { return offsets_[layer]; }
    int biasOffset(int layer) const { return offsets_[layer] + shape_.layers[layer + 1] * shape_.layers[layer]; }

    /// Layer l's W (out x in) and b as views of the parameter vector w.
    Eigen::Map<const RowMajorMatrix> weight(const Eigen::VectorXd& w, int layer) const;
    Eigen::Map<const Eigen::VectorXd> bias(const Eigen::VectorXd& w, int layer) const;

    /// The outputs (out x n) for inputs (in x n): a convenience that allocates its own workspace.
    Eigen::MatrixXd outputs(const Eigen::VectorXd& w, const Eigen::MatrixXd& inputs) const;

    /// The forward pass over the batch `inputs`, into ws.pre and ws.post (and ws.slope with `slopes`, which
    /// backward() and the R passes need). The outputs are then ws.pre.back().
    void forward(const Eigen::VectorXd& w, const Eigen::MatrixXd& inputs, MlpWorkspace& ws, bool slopes) const;
    /// The rest of the forward pass when ws.pre[0] already holds the first layer's Z = W_0 X + b_0 (computed
    /// some other way, as NetworkProblem::valuesOnPlane does): activates it and runs the later layers with
    /// w's weights, as forward() would.
    void forwardAfterFirstLayer(const Eigen::VectorXd& w, MlpWorkspace& ws, bool slopes) const;
    /// One layer's affine part, ws.pre[l] = W_l in + b_l with w's W_l and b_l (in: layer l's inputs, one
    /// column per sample), after the workspace has been through forward() once.
    void affineLayer(int l, const Eigen::VectorXd& w, const Eigen::MatrixXd& in, MlpWorkspace& ws) const;
    /// Backpropagation after forward(..., true): from ws.adjoint.back() = dLoss/dOutputs, the gradient of
    /// the loss with respect to w (resized to parameterCount()).
    void backward(const Eigen::VectorXd& w, const Eigen::MatrixXd& inputs, MlpWorkspace& ws,
                  Eigen::VectorXd& gradient) const;
    /// The R-forward pass after forward(..., true): the outputs' derivative along the direction v, into
    /// ws.rPre.back().
    void rForward(const Eigen::VectorXd& w, const Eigen::VectorXd& v, const Eigen::MatrixXd& inputs,
                  MlpWorkspace& ws) const;
    /// The R-backward pass after rForward: from ws.adjoint.back() = dLoss/dOutputs and ws.rAdjoint.back() =
    /// its derivative along v, H v (resized to parameterCount()), H the loss's Hessian in w.
    void rBackward(const Eigen::VectorXd& w, const Eigen::VectorXd& v, const Eigen::MatrixXd& inputs,
                   MlpWorkspace& ws, Eigen::VectorXd& product) const;

  private:
    // Sizes the workspace's matrices for a batch of n (no allocation when they already fit).
    void prepare(MlpWorkspace& ws, int n) const;

    MlpShape shape_;
    std::vector<int> offsets_;
    int parameterCount_ = 0;
};

}  // namespace gradscape

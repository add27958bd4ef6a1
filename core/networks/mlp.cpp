// The MLP's passes. Notation (one column per sample): A_{-1} = X the inputs, Z_l = W_l A_{l-1} + b_l,
// A_l = s(Z_l) for the hidden layers, and the output Y = Z_{L-1}. G_l = dLoss/dZ_l.
//   backward:   dW_l = G_l A_{l-1}^T,  db_l = G_l 1,  G_{l-1} = (W_l^T G_l) . s'(Z_{l-1})
// Pearlmutter's R-operator R{f} = d/dr f(w + r v) at r = 0, with v = (V_l, c_l) per layer:
//   R-forward:  R{Z_l} = V_l A_{l-1} + c_l 1^T + W_l R{A_{l-1}},  R{A_l} = s'(Z_l) . R{Z_l}  (R{A_{-1}} = 0)
//   R-backward: R{dW_l} = R{G_l} A_{l-1}^T + G_l R{A_{l-1}}^T,  R{db_l} = R{G_l} 1,
//               R{G_{l-1}} = (V_l^T G_l + W_l^T R{G_l}) . s'(Z_{l-1}) + (W_l^T G_l) . s''(Z_{l-1}) . R{Z_{l-1}}
// and (R{dW_l}, R{db_l}) is H v, exactly: no finite difference anywhere.

#include "networks/mlp.h"

#include "networks/mlp_kernels.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace gradscape {

long long MlpShape::parameterCount() const {
    long long count = 0;
    for (size_t l = 0; l + 1 < layers.size(); ++l)
        count += static_cast<long long>(layers[l + 1]) * layers[l] + layers[l + 1];
    return count;
}

std::string MlpShape::text() const {
    std::string out;
    for (size_t l = 0; l < layers.size(); ++l)
        out += (l == 0 ? "" : "-") + std::to_string(layers[l]);
    return out + " " + nameOf(kActivationNames, activation);
}

Mlp::Mlp(MlpShape shape) : shape_(std::move(shape)) {
    if (shape_.layers.size() < 2)
        throw std::invalid_argument("an MLP needs at least two layer sizes (inputs and outputs)");
    for (const int size : shape_.layers)
        if (size < 1) throw std::invalid_argument("every layer of an MLP has at least 1 unit");
    if (shape_.parameterCount() > (1ll << 30))
        throw std::invalid_argument("an MLP of " + std::to_string(shape_.parameterCount()) +
                                    " parameters is too large");
    int offset = 0;
    for (int l = 0; l < layerCount(); ++l) {
        offsets_.push_back(offset);
        offset += shape_.layers[l + 1] * shape_.layers[l] + shape_.layers[l + 1];
    }
    parameterCount_ = offset;
}

Eigen::Map<const RowMajorMatrix> Mlp::weight(const Eigen::VectorXd& w, int layer) const {
    return {w.data() + offsets_[layer], shape_.layers[layer + 1], shape_.layers[layer]};
}

Eigen::Map<const Eigen::VectorXd> Mlp::bias(const Eigen::VectorXd& w, int layer) const {
    return {w.data() + biasOffset(layer), shape_.layers[layer + 1]};
}

namespace {

constexpr double kGeluInverseSqrt2 = 0.70710678118654752440;
constexpr double kGeluInverseSqrt2Pi = 0.39894228040143267794;

// out = s(z), and slope = s'(z) when asked.
void activateLayer(Activation activation, const Eigen::MatrixXd& z, Eigen::MatrixXd& out, Eigen::MatrixXd* slope) {
    switch (activation) {
        case Activation::Tanh:  // vectorized (mlp_kernels.h): std::tanh was most of a training step
            out.resize(z.rows(), z.cols());
            if (slope) slope->resize(z.rows(), z.cols());
            tanhWithSlope(z.data(), out.data(), slope ? slope->data() : nullptr, static_cast<std::size_t>(z.size()));
            break;
        case Activation::Relu:
            out = z.cwiseMax(0.0);
            if (slope) *slope = (z.array() > 0.0).cast<double>();
            break;
        case Activation::Gelu: {
            out.resize(z.rows(), z.cols());
            if (slope) slope->resize(z.rows(), z.cols());
            const Eigen::Index n = z.size();
            const double* zs = z.data();
            double* os = out.data();
            double* ss = slope ? slope->data() : nullptr;
            for (Eigen::Index i = 0; i < n; ++i) {
                const double x = zs[i];
                const double cdf = 0.5 * (1.0 + std::erf(x * kGeluInverseSqrt2));
                os[i] = x * cdf;
                if (ss) ss[i] = cdf + x * kGeluInverseSqrt2Pi * std::exp(-0.5 * x * x);
            }
            break;
        }
    }
}

// curvature = s''(Z) from Z, s(Z) and s'(Z); false where s'' is 0 everywhere (ReLU away from its kink).
bool activationCurvature(Activation activation, const Eigen::MatrixXd& z, const Eigen::MatrixXd& post,
                      const Eigen::MatrixXd& slope, Eigen::MatrixXd& curvature) {
    switch (activation) {
        case Activation::Tanh:  // s'' = -2 tanh(z) (1 - tanh(z)^2)
            curvature = -2.0 * post.array() * slope.array();
            return true;
        case Activation::Relu:
            return false;
        case Activation::Gelu:  // s'' = phi(z) (2 - z^2)
            curvature = (kGeluInverseSqrt2Pi * (-0.5 * z.array().square()).exp()) * (2.0 - z.array().square());
            return true;
    }
    return false;
}

}  // namespace

void Mlp::prepare(MlpWorkspace& ws, int n) const {
    const size_t layers = layerCount();
    for (auto* list : {&ws.pre, &ws.post, &ws.slope, &ws.adjoint, &ws.rPre, &ws.rPost, &ws.rAdjoint})
        if (list->size() != layers) list->resize(layers);
    (void)n;  // every matrix takes its size when assigned; Eigen reallocates only when a size changes
}

Eigen::MatrixXd Mlp::outputs(const Eigen::VectorXd& w, const Eigen::MatrixXd& inputs) const {
    MlpWorkspace ws;
    forward(w, inputs, ws, false);
    return std::move(ws.pre.back());
}

void Mlp::forward(const Eigen::VectorXd& w, const Eigen::MatrixXd& inputs, MlpWorkspace& ws, bool slopes) const {
    prepare(ws, static_cast<int>(inputs.cols()));
    affineLayer(0, w, inputs, ws);
    forwardAfterFirstLayer(w, ws, slopes);
}

void Mlp::forwardAfterFirstLayer(const Eigen::VectorXd& w, MlpWorkspace& ws, bool slopes) const {
    prepare(ws, static_cast<int>(ws.pre.front().cols()));
    const int last = layerCount() - 1;
    for (int l = 0; l <= last; ++l) {
        if (l > 0) affineLayer(l, w, ws.post[l - 1], ws);
        if (l < last) activateLayer(shape_.activation, ws.pre[l], ws.post[l], slopes ? &ws.slope[l] : nullptr);
    }
}

void Mlp::affineLayer(int l, const Eigen::VectorXd& w, const Eigen::MatrixXd& in, MlpWorkspace& ws) const {
    const int out = shape_.layers[l + 1], fanIn = shape_.layers[l], n = static_cast<int>(in.cols());
    // The kernel's M is W^T row by row: W column by column.
    ws.weightColumns.resize(static_cast<std::size_t>(out) * fanIn);
    const double* rowMajor = w.data() + offsets_[l];
    for (int i = 0; i < out; ++i)
        for (int k = 0; k < fanIn; ++k)
            ws.weightColumns[static_cast<std::size_t>(k) * out + i] = rowMajor[static_cast<std::size_t>(i) * fanIn + k];
    ws.pre[l].resize(out, n);
    columnProduct({out, n, fanIn, 1, fanIn}, ws.weightColumns.data(), in.data(), w.data() + biasOffset(l),
                  ws.pre[l].data(), false);
}

void Mlp::backward(const Eigen::VectorXd& w, const Eigen::MatrixXd& inputs, MlpWorkspace& ws,
                   Eigen::VectorXd& gradient) const {
    gradient.resize(parameterCount_);
    for (int l = layerCount() - 1; l >= 0; --l) {
        const Eigen::MatrixXd& in = l == 0 ? inputs : ws.post[l - 1];
        const Eigen::MatrixXd& g = ws.adjoint[l];
        const int out = shape_.layers[l + 1], fanIn = shape_.layers[l], n = static_cast<int>(g.cols());
        // dW = G A^T, row by row: dW^T = A G^T column by column, M = A^T (A's storage), B = G^T.
        columnProduct({fanIn, out, n, out, 1}, in.data(), g.data(), nullptr, gradient.data() + offsets_[l], false);
        Eigen::Map<Eigen::VectorXd>(gradient.data() + biasOffset(l), out) = g.rowwise().sum();
        if (l > 0) {
            // W^T G: M = W row by row, B = G.
            ws.back.resize(fanIn, n);
            columnProduct({fanIn, n, out, 1, out}, w.data() + offsets_[l], g.data(), nullptr, ws.back.data(), false);
            ws.adjoint[l - 1] = ws.back.cwiseProduct(ws.slope[l - 1]);
        }
    }
}

void Mlp::rForward(const Eigen::VectorXd& w, const Eigen::VectorXd& v, const Eigen::MatrixXd& inputs,
                   MlpWorkspace& ws) const {
    const int last = layerCount() - 1;
    for (int l = 0; l <= last; ++l) {
        const Eigen::MatrixXd& in = l == 0 ? inputs : ws.post[l - 1];
        Eigen::MatrixXd& rz = ws.rPre[l];
        rz.noalias() = weight(v, l) * in;
        rz.colwise() += bias(v, l);
        if (l > 0) rz.noalias() += weight(w, l) * ws.rPost[l - 1];
        if (l < last) ws.rPost[l] = ws.slope[l].cwiseProduct(rz);
    }
}

void Mlp::rBackward(const Eigen::VectorXd& w, const Eigen::VectorXd& v, const Eigen::MatrixXd& inputs,
                    MlpWorkspace& ws, Eigen::VectorXd& product) const {
    product.resize(parameterCount_);
    for (int l = layerCount() - 1; l >= 0; --l) {
        const Eigen::MatrixXd& in = l == 0 ? inputs : ws.post[l - 1];
        const Eigen::MatrixXd& g = ws.adjoint[l];
        const Eigen::MatrixXd& rg = ws.rAdjoint[l];
        const int out = shape_.layers[l + 1];
        Eigen::Map<RowMajorMatrix> rdW(product.data() + offsets_[l], out, shape_.layers[l]);
        rdW.noalias() = rg * in.transpose();
        if (l > 0) rdW.noalias() += g * ws.rPost[l - 1].transpose();
        Eigen::Map<Eigen::VectorXd>(product.data() + biasOffset(l), out) = rg.rowwise().sum();
        if (l > 0) {
            const auto W = weight(w, l);
            ws.back.noalias() = W.transpose() * g;
            ws.rBack.noalias() = weight(v, l).transpose() * g;
            ws.rBack.noalias() += W.transpose() * rg;
            ws.adjoint[l - 1] = ws.back.cwiseProduct(ws.slope[l - 1]);
            ws.rAdjoint[l - 1] = ws.rBack.cwiseProduct(ws.slope[l - 1]);
            if (activationCurvature(shape_.activation, ws.pre[l - 1], ws.post[l - 1], ws.slope[l - 1], ws.curvature))
                ws.rAdjoint[l - 1].array() += ws.back.array() * ws.curvature.array() * ws.rPre[l - 1].array();
        }
    }
}

}  // namespace gradscape

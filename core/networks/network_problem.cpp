// The loss over the batch, and the passes run in the calling thread's workspace.

#include "networks/network_problem.h"

#include "networks/mlp_kernels.h"
#include "networks/portable_random.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace gradscape {

Eigen::VectorXd initialWeights(const MlpShape& shape, std::uint64_t seed) {
    const Mlp mlp(shape);
    PortableRandom random(seed);
    Eigen::VectorXd w(mlp.parameterCount());
    int i = 0;
    for (int l = 0; l < mlp.layerCount(); ++l) {
        const double k = 1.0 / std::sqrt(static_cast<double>(shape.layers[l]));
        const int count = shape.layers[l + 1] * shape.layers[l] + shape.layers[l + 1];
        for (int j = 0; j < count; ++j)
            w[i++] = -k + 2 * k * random.uniform();
    }
    return w;
}

double meanNetworkLoss(Loss loss, const Eigen::MatrixXd& outputs, const Eigen::MatrixXd& targets, Eigen::MatrixXd* slope) {
    const double scale = 1.0 / static_cast<double>(outputs.size());
    if (loss == Loss::Mse) {
        if (slope) {
            *slope = outputs - targets;
            const double sum = slope->squaredNorm();
            *slope *= 2 * scale;
            return sum * scale;
        }
        return (outputs - targets).squaredNorm() * scale;
    }
    // bce on logits, max(z, 0) - z t + log1p(e^-|z|), stable on both sides (mlp_kernels.h).
    if (slope) slope->resize(outputs.rows(), outputs.cols());
    return logisticLossSum(outputs.data(), targets.data(), slope ? slope->data() : nullptr, scale,
                           static_cast<std::size_t>(outputs.size())) *
           scale;
}

void networkLossCurvatureTimes(Loss loss, const Eigen::MatrixXd& outputs, const Eigen::MatrixXd& rOutputs,
                               Eigen::MatrixXd& out) {
    const double scale = 1.0 / static_cast<double>(outputs.size());
    if (loss == Loss::Mse) {
        out = (2 * scale) * rOutputs;
        return;
    }
    out.resize(outputs.rows(), outputs.cols());
    const Eigen::Index n = outputs.size();
    for (Eigen::Index i = 0; i < n; ++i) {
        const double e = std::exp(-std::abs(outputs.data()[i]));
        const double sigmoidTimesOneMinus = e / ((1 + e) * (1 + e));  // s (1 - s), the same for z and -z
        out.data()[i] = sigmoidTimesOneMinus * scale * rOutputs.data()[i];
    }
}

namespace {

// What one thread's passes reuse: the MLP's buffers and a minibatch's gathered samples.
struct NetworkScratch {
    MlpWorkspace mlp;
    Eigen::MatrixXd batchInputs, batchTargets;
    Eigen::MatrixXd planeBasis;  // valuesOnPlane's P, Q and R, one column each (all of Z_0's entries)
    VecX planePoint;                                       // valuesOnPlane's weights at one point
};

NetworkScratch& networkScratch() {
    thread_local NetworkScratch scratch;
    return scratch;
}

// A vector of the wrong size would be read past its end by the layers' views: refused (one comparison).
void checkParameterSize(const Eigen::VectorXd& v, int dimension, const char* what) {
    if (v.size() != dimension)
        throw std::invalid_argument(std::string(what) + " has " + std::to_string(v.size()) +
                                    " entries, the problem has " + std::to_string(dimension) + " parameters");
}

std::string networkProblemName(const MlpShape& shape, Loss loss, bool probe) {
    return std::string(probe ? "linear probe of mlp " : "mlp ") + shape.text() + ", " + nameOf(kLossNames, loss);
}

}  // namespace

NetworkProblem::NetworkProblem(MlpShape shape, Loss loss, Dataset data, Eigen::VectorXd weights, bool linearProbe,
                               std::string name)
    : network_(shape),
      loss_(loss),
      data_(std::move(data)),
      weights_(std::move(weights)),
      probe_(linearProbe),
      trained_(linearProbe ? MlpShape{{shape.layers.end()[-2], shape.layers.back()}, shape.activation} : shape),
      name_(name.empty() ? networkProblemName(shape, loss, linearProbe) : std::move(name)) {
    if (weights_.size() != network_.parameterCount())
        throw std::invalid_argument("the network " + shape.text() + " has " +
                                    std::to_string(network_.parameterCount()) + " parameters, got " +
                                    std::to_string(weights_.size()));
    if (data_.inputDimension() != network_.inputSize())
        throw std::invalid_argument("the network takes " + std::to_string(network_.inputSize()) +
                                    " inputs, the data have " + std::to_string(data_.inputDimension()));
    if (data_.targets.rows() != network_.outputSize() || data_.targets.cols() != data_.sampleCount())
        throw std::invalid_argument("the network has " + std::to_string(network_.outputSize()) +
                                    " outputs, the targets are " + std::to_string(data_.targets.rows()) + " x " +
                                    std::to_string(data_.targets.cols()) + " for " +
                                    std::to_string(data_.sampleCount()) + " samples");
    if (data_.sampleCount() < 1) throw std::invalid_argument("a network problem needs at least 1 sample");
    if (probe_) {
        if (network_.layerCount() < 2)
            throw std::invalid_argument("a linear probe needs a network with at least one hidden layer");
        MlpWorkspace ws;
        network_.forward(weights_, data_.inputs, ws, false);
        features_ = std::move(ws.post[network_.layerCount() - 2]);
    }
}

double classificationAccuracy(const NetworkProblem& problem, const Eigen::VectorXd& w) {
    if (problem.loss() != Loss::Bce) return std::numeric_limits<double>::quiet_NaN();
    const Eigen::MatrixXd outputs = problem.outputsAt(w);
    const Eigen::MatrixXd& targets = problem.data().targets;
    long right = 0;
    for (Eigen::Index i = 0; i < outputs.size(); ++i)
        right += (outputs.data()[i] > 0) == (targets.data()[i] > 0.5);
    return static_cast<double>(right) / static_cast<double>(std::max<Eigen::Index>(outputs.size(), 1));
}

std::vector<ParameterGroup> NetworkProblem::parameterGroups() const {
    std::vector<ParameterGroup> groups;
    for (int l = 0; l < trained_.layerCount(); ++l) {
        const int in = trained_.shape().layers[l], out = trained_.shape().layers[l + 1];
        for (int r = 0; r < out; ++r)
            groups.push_back({trained_.weightOffset(l) + r * in, in, false});
        groups.push_back({trained_.biasOffset(l), out, true});
    }
    return groups;
}

VecX NetworkProblem::initialParameters() const {
    return probe_ ? VecX(weights_.tail(trained_.parameterCount())) : weights_;
}

VecX NetworkProblem::networkParameters(const VecX& w) const {
    checkParameterSize(w, dimension(), "the parameter vector");
    if (!probe_) return w;
    VecX all = weights_;
    all.tail(trained_.parameterCount()) = w;
    return all;
}

Eigen::MatrixXd NetworkProblem::outputsAt(const VecX& w) const {
    checkParameterSize(w, dimension(), "the parameter vector");
    return trained_.outputs(w, trainedInputs());
}

double NetworkProblem::valueAt(const VecX& w) const {
    checkParameterSize(w, dimension(), "the parameter vector");
    NetworkScratch& s = networkScratch();
    trained_.forward(w, trainedInputs(), s.mlp, false);
    return meanNetworkLoss(loss_, s.mlp.pre.back(), data_.targets, nullptr);
}

double NetworkProblem::valueAndGradientAt(const VecX& w, VecX& gradient) const {
    checkParameterSize(w, dimension(), "the parameter vector");
    NetworkScratch& s = networkScratch();
    trained_.forward(w, trainedInputs(), s.mlp, true);
    const double value = meanNetworkLoss(loss_, s.mlp.pre.back(), data_.targets, &s.mlp.adjoint.back());
    trained_.backward(w, trainedInputs(), s.mlp, gradient);
    return value;
}

void NetworkProblem::hessianVectorProduct(const VecX& w, const VecX& v, VecX& product) const {
    checkParameterSize(w, dimension(), "the parameter vector");
    checkParameterSize(v, dimension(), "the direction");
    NetworkScratch& s = networkScratch();
    const Eigen::MatrixXd& inputs = trainedInputs();
    trained_.forward(w, inputs, s.mlp, true);
    meanNetworkLoss(loss_, s.mlp.pre.back(), data_.targets, &s.mlp.adjoint.back());
    trained_.rForward(w, v, inputs, s.mlp);
    networkLossCurvatureTimes(loss_, s.mlp.pre.back(), s.mlp.rPre.back(), s.mlp.rAdjoint.back());
    trained_.rBackward(w, v, inputs, s.mlp, product);
}

void NetworkProblem::valuesOnPlane(const VecX& center, const VecX& d1, const VecX& d2,
                                   std::span<const Vec2> coordinates, std::span<double> values) const {
    checkParameterSize(center, dimension(), "the plane's center");
    checkParameterSize(d1, dimension(), "the plane's first direction");
    checkParameterSize(d2, dimension(), "the plane's second direction");
    if (values.size() != coordinates.size())
        throw std::invalid_argument("valuesOnPlane has " + std::to_string(coordinates.size()) + " points and " +
                                    std::to_string(values.size()) + " values");
    if (coordinates.empty()) return;
    NetworkScratch& s = networkScratch();
    const Eigen::MatrixXd& inputs = trainedInputs();
    // P by a whole pass (which also sizes the workspace), then Q and R.
    trained_.forward(center, inputs, s.mlp, false);
    Eigen::MatrixXd& z0 = s.mlp.pre.front();
    const Eigen::Index entries = z0.size();
    s.planeBasis.resize(entries, 3);
    s.planeBasis.col(0) = z0.reshaped();
    trained_.affineLayer(0, d1, inputs, s.mlp);
    s.planeBasis.col(1) = z0.reshaped();
    trained_.affineLayer(0, d2, inputs, s.mlp);
    s.planeBasis.col(2) = z0.reshaped();
    // The later layers' weights (and biases) at each point; layer 0's part stays the center's, unread.
    const Eigen::Index later = trained_.layerCount() > 1 ? dimension() - trained_.weightOffset(1) : 0;
    s.planePoint = center;
    for (std::size_t i = 0; i < coordinates.size(); ++i) {
        const double a = coordinates[i].x(), b = coordinates[i].y();
        // Z_0 = P + a Q + b R: the kernel's product with M = (P Q R)^T and B = (1, a, b).
        const double weights[3] = {1, a, b};
        columnProduct({static_cast<int>(entries), 1, 3, 1, 3}, s.planeBasis.data(), weights, nullptr, z0.data(), false);
        if (later > 0) s.planePoint.tail(later) = center.tail(later) + a * d1.tail(later) + b * d2.tail(later);
        trained_.forwardAfterFirstLayer(s.planePoint, s.mlp, false);
        values[i] = meanNetworkLoss(loss_, s.mlp.pre.back(), data_.targets, nullptr);
    }
}

namespace {

// Copies the listed samples' inputs and targets into the scratch's batch buffers. Throws
// std::invalid_argument for an empty list or an index outside [0, n).
void gatherBatch(NetworkScratch& s, const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& targets,
                 std::span<const int> samples) {
    if (samples.empty()) throw std::invalid_argument("a minibatch lists at least one sample");
    const Eigen::Index n = inputs.cols();
    const Eigen::Index batch = static_cast<Eigen::Index>(samples.size());
    s.batchInputs.resize(inputs.rows(), batch);
    s.batchTargets.resize(targets.rows(), batch);
    for (Eigen::Index j = 0; j < batch; ++j) {
        const int i = samples[j];
        if (i < 0 || i >= n)
            throw std::invalid_argument("sample " + std::to_string(i) + " is outside [0, " +
                                        std::to_string(n - 1) + "]");
        s.batchInputs.col(j) = inputs.col(i);
        s.batchTargets.col(j) = targets.col(i);
    }
}

}  // namespace

double NetworkProblem::minibatchValueAndGradientAt(const VecX& w, std::span<const int> samples,
                                                   VecX& gradient) const {
    checkParameterSize(w, dimension(), "the parameter vector");
    NetworkScratch& s = networkScratch();
    gatherBatch(s, trainedInputs(), data_.targets, samples);
    trained_.forward(w, s.batchInputs, s.mlp, true);
    const double value = meanNetworkLoss(loss_, s.mlp.pre.back(), s.batchTargets, &s.mlp.adjoint.back());
    trained_.backward(w, s.batchInputs, s.mlp, gradient);
    return value;
}

double NetworkProblem::minibatchValueAt(const VecX& w, std::span<const int> samples) const {
    checkParameterSize(w, dimension(), "the parameter vector");
    NetworkScratch& s = networkScratch();
    gatherBatch(s, trainedInputs(), data_.targets, samples);
    trained_.forward(w, s.batchInputs, s.mlp, false);
    return meanNetworkLoss(loss_, s.mlp.pre.back(), s.batchTargets, nullptr);
}

}  // namespace gradscape

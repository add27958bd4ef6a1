// The linearized network's passes: R-forward at w0 for J v, backpropagation at w0 for J^T a, both in the
// calling thread's workspace, which holds the forward pass at w0 of the problem it last served.

#include "networks/linearized_problem.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <stdexcept>

namespace gradscape {

namespace {

// What one thread's linearized passes reuse.
struct LinearizedScratch {
    std::uint64_t holder = 0;  // the identity of the problem whose pass at w0 `full` holds; 0: none
    MlpWorkspace full;         // the forward pass at w0 on every sample, with slopes
    MlpWorkspace batch;        // a minibatch's
    Eigen::MatrixXd outputs, jacobianOutputs, batchInputs, batchTargets;
    VecX displacement;
};

LinearizedScratch& linearizedScratch() {
    thread_local LinearizedScratch scratch;
    return scratch;
}

std::uint64_t nextLinearizedIdentity() {
    static std::atomic<std::uint64_t> counter{0};
    return ++counter;
}

void checkLinearizedSize(const VecX& v, int dimension, const char* what) {
    if (v.size() != dimension)
        throw std::invalid_argument(std::string(what) + " has " + std::to_string(v.size()) +
                                    " entries, the problem has " + std::to_string(dimension) + " parameters");
}

const NetworkProblem& checkedNetwork(const std::shared_ptr<const NetworkProblem>& network) {
    if (!network) throw std::invalid_argument("a linearized problem needs a network");
    if (network->isLinearProbe())
        throw std::invalid_argument(
            "a linear probe is already linear in its weights: linearize the whole network");
    return *network;
}

}  // namespace

LinearizedNetworkProblem::LinearizedNetworkProblem(std::shared_ptr<const NetworkProblem> network)
    : LinearizedNetworkProblem(network, checkedNetwork(network).initialParameters()) {}

LinearizedNetworkProblem::LinearizedNetworkProblem(std::shared_ptr<const NetworkProblem> network, VecX center)
    : network_(std::move(network)), center_(std::move(center)), identity_(nextLinearizedIdentity()) {
    checkedNetwork(network_);
    checkLinearizedSize(center_, network_->dimension(), "the center");
    if (!center_.allFinite()) throw std::invalid_argument("the center must be finite");
    centerOutputs_ = network_->outputsAt(center_);
    name_ = network_->name() + " linearized at w0";
}

namespace {

// The thread's workspace with the forward pass at `problem`'s center, computed if it holds another's.
MlpWorkspace& centerPass(const LinearizedNetworkProblem& problem, std::uint64_t identity) {
    LinearizedScratch& s = linearizedScratch();
    if (s.holder != identity) {
        s.holder = 0;  // not valid until the pass completes
        problem.network().network().forward(problem.center(), problem.network().data().inputs, s.full, true);
        s.holder = identity;
    }
    return s.full;
}

}  // namespace

Eigen::MatrixXd LinearizedNetworkProblem::jacobianTimes(const VecX& v) const {
    checkLinearizedSize(v, dimension(), "the direction");
    MlpWorkspace& ws = centerPass(*this, identity_);
    network_->network().rForward(center_, v, network_->data().inputs, ws);
    return ws.rPre.back();
}

void LinearizedNetworkProblem::jacobianTransposeTimes(const Eigen::MatrixXd& adjoint, VecX& product) const {
    if (adjoint.rows() != centerOutputs_.rows() || adjoint.cols() != centerOutputs_.cols())
        throw std::invalid_argument("the adjoint must be " + std::to_string(centerOutputs_.rows()) + " x " +
                                    std::to_string(centerOutputs_.cols()) + " (outputs x samples)");
    MlpWorkspace& ws = centerPass(*this, identity_);
    ws.adjoint.back() = adjoint;
    network_->network().backward(center_, network_->data().inputs, ws, product);
}

Eigen::MatrixXd LinearizedNetworkProblem::outputsAt(const VecX& w) const {
    checkLinearizedSize(w, dimension(), "the parameter vector");
    return centerOutputs_ + jacobianTimes(w - center_);
}

double LinearizedNetworkProblem::valueAt(const VecX& w) const {
    checkLinearizedSize(w, dimension(), "the parameter vector");
    LinearizedScratch& s = linearizedScratch();
    MlpWorkspace& ws = centerPass(*this, identity_);
    s.displacement = w - center_;
    network_->network().rForward(center_, s.displacement, network_->data().inputs, ws);
    s.outputs = centerOutputs_ + ws.rPre.back();
    return meanNetworkLoss(network_->loss(), s.outputs, network_->data().targets, nullptr);
}

double LinearizedNetworkProblem::valueAndGradientAt(const VecX& w, VecX& gradient) const {
    checkLinearizedSize(w, dimension(), "the parameter vector");
    LinearizedScratch& s = linearizedScratch();
    MlpWorkspace& ws = centerPass(*this, identity_);
    const Mlp& mlp = network_->network();
    const Eigen::MatrixXd& inputs = network_->data().inputs;
    s.displacement = w - center_;
    mlp.rForward(center_, s.displacement, inputs, ws);
    s.outputs = centerOutputs_ + ws.rPre.back();
    const double value =
        meanNetworkLoss(network_->loss(), s.outputs, network_->data().targets, &ws.adjoint.back());
    mlp.backward(center_, inputs, ws, gradient);
    return value;
}

void LinearizedNetworkProblem::hessianVectorProduct(const VecX& w, const VecX& v, VecX& product) const {
    checkLinearizedSize(w, dimension(), "the parameter vector");
    checkLinearizedSize(v, dimension(), "the direction");
    LinearizedScratch& s = linearizedScratch();
    MlpWorkspace& ws = centerPass(*this, identity_);
    const Mlp& mlp = network_->network();
    const Eigen::MatrixXd& inputs = network_->data().inputs;
    // MSE's curvature is the same everywhere; cross-entropy's is read at f_lin(w).
    if (network_->loss() != Loss::Mse) {
        s.displacement = w - center_;
        mlp.rForward(center_, s.displacement, inputs, ws);
        s.outputs = centerOutputs_ + ws.rPre.back();
    } else {
        s.outputs = centerOutputs_;
    }
    mlp.rForward(center_, v, inputs, ws);
    networkLossCurvatureTimes(network_->loss(), s.outputs, ws.rPre.back(), ws.adjoint.back());
    mlp.backward(center_, inputs, ws, product);
}

double LinearizedNetworkProblem::minibatchValueAndGradientAt(const VecX& w, std::span<const int> samples,
                                                             VecX& gradient) const {
    checkLinearizedSize(w, dimension(), "the parameter vector");
    if (samples.empty()) throw std::invalid_argument("a minibatch lists at least one sample");
    LinearizedScratch& s = linearizedScratch();
    const Dataset& data = network_->data();
    const int n = sampleCount();
    const Eigen::Index batch = static_cast<Eigen::Index>(samples.size());
    s.batchInputs.resize(data.inputs.rows(), batch);
    s.batchTargets.resize(data.targets.rows(), batch);
    s.outputs.resize(centerOutputs_.rows(), batch);
    for (Eigen::Index j = 0; j < batch; ++j) {
        const int i = samples[j];
        if (i < 0 || i >= n)
            throw std::invalid_argument("sample " + std::to_string(i) + " is outside [0, " +
                                        std::to_string(n - 1) + "]");
        s.batchInputs.col(j) = data.inputs.col(i);
        s.batchTargets.col(j) = data.targets.col(i);
        s.outputs.col(j) = centerOutputs_.col(i);
    }
    // The pass at w0 on the minibatch's samples only: what a step of the network itself would cost.
    const Mlp& mlp = network_->network();
    MlpWorkspace& ws = s.batch;
    mlp.forward(center_, s.batchInputs, ws, true);
    s.displacement = w - center_;
    mlp.rForward(center_, s.displacement, s.batchInputs, ws);
    s.outputs += ws.rPre.back();
    const double value = meanNetworkLoss(network_->loss(), s.outputs, s.batchTargets, &ws.adjoint.back());
    mlp.backward(center_, s.batchInputs, ws, gradient);
    return value;
}

void LinearizedNetworkProblem::valuesOnPlane(const VecX& center, const VecX& d1, const VecX& d2,
                                             std::span<const Vec2> coordinates,
                                             std::span<double> values) const {
    checkLinearizedSize(center, dimension(), "the plane's center");
    checkLinearizedSize(d1, dimension(), "the plane's first direction");
    checkLinearizedSize(d2, dimension(), "the plane's second direction");
    if (values.size() != coordinates.size())
        throw std::invalid_argument("valuesOnPlane needs one value per coordinate pair");
    const Eigen::MatrixXd base = outputsAt(center);
    const Eigen::MatrixXd along1 = jacobianTimes(d1);
    const Eigen::MatrixXd along2 = jacobianTimes(d2);
    Eigen::MatrixXd outputs(base.rows(), base.cols());
    for (std::size_t i = 0; i < coordinates.size(); ++i) {
        outputs = base + coordinates[i].x() * along1 + coordinates[i].y() * along2;
        values[i] = meanNetworkLoss(network_->loss(), outputs, network_->data().targets, nullptr);
    }
}

}  // namespace gradscape

// The board a step explanation writes on, the terms every kind writes the same way, and the worked
// forms that two methods share (AdaGrad and RMSProp, Adam and AdamW, BFGS and L-BFGS).

#include "optimizers/step_board.h"

#include <cmath>
#include <stdexcept>

namespace gradscape {
namespace {

std::string learningRateFormula(const Schedule& s) {
    switch (s.kind) {
        case Schedule::Kind::Constant:
            return "eta";
        case Schedule::Kind::StepDecay:
            return "eta * gamma^floor(k / " + std::to_string(s.stepSize) + ")";
        case Schedule::Kind::Exponential:
            return "eta * gamma^k";
        case Schedule::Kind::InverseTime:
            return "eta / (1 + decay * k)";
        case Schedule::Kind::Cosine:
            return "eta_min + (eta - eta_min) (1 + cos(pi k / T_max)) / 2";
        case Schedule::Kind::Warmup:
            return "eta * min(1, (k + 1) / " + std::to_string(s.warmupSteps) + ")";
    }
    return "eta";
}

}  // namespace

const Vec2& stateVector(const OptimizerState& state, const std::string& name) {
    for (const auto& v : state.vectors)
        if (v.name == name) return v.value;
    throw std::logic_error("optimizer state has no vector '" + name + "'");
}

const Mat2& stateMatrix(const OptimizerState& state, const std::string& name) {
    for (const auto& m : state.matrices)
        if (m.name == name) return m.value;
    throw std::logic_error("optimizer state has no matrix '" + name + "'");
}

double stepLengthAlong(const Vec2& taken, const Vec2& d) {
    const double dd = d.squaredNorm();
    return dd > 0 ? taken.dot(d) / dd : 0;
}

void StepBoard::scalar(std::string label, std::string formula, double value) {
    StepTerm t{std::move(label), std::move(formula), StepTerm::Kind::Scalar};
    t.scalar = value;
    e_.terms.push_back(std::move(t));
}

void StepBoard::vector(std::string label, std::string formula, const Vec2& value) {
    StepTerm t{std::move(label), std::move(formula), StepTerm::Kind::Vector};
    t.vector = value;
    e_.terms.push_back(std::move(t));
}

void StepBoard::matrix(std::string label, std::string formula, const Mat2& value) {
    StepTerm t{std::move(label), std::move(formula), StepTerm::Kind::Matrix};
    t.matrix = value;
    e_.terms.push_back(std::move(t));
}

void StepBoard::arrow(StepPart part, std::string label, const Vec2& v, bool addsToStep) {
    e_.arrows.push_back({part, std::move(label), v, addsToStep});
}

void StepBoard::learningRate(const StepContext& c, const char* label) {
    const bool scheduled = c.h.schedule.kind != Schedule::Kind::Constant;
    scalar(std::string(label) + (scheduled ? " this step eta_k" : " eta"), learningRateFormula(c.h.schedule),
           c.eta);
}

Vec2 StepBoard::gradientTerms(const StepContext& c) {
    vector("gradient grad f(x_k)", "grad f(x_k)", c.gradient);
    if (c.h.weightDecay == 0) return c.gradient;
    vector("L2 weight decay lambda x_k", "lambda * x_k", c.h.weightDecay * c.x);
    const Vec2 g = c.gradient + c.h.weightDecay * c.x;
    vector("g_k", "grad f(x_k) + lambda * x_k", g);
    return g;
}

void StepBoard::gradientArrows(const StepContext& c, double scale, const std::string& scaleText, bool adds) {
    arrow(StepPart::RawGradient, scaleText + " grad f (raw gradient)", scale * c.gradient, adds);
    if (c.h.weightDecay != 0)
        arrow(StepPart::WeightDecay, scaleText + " lambda x (L2 weight decay)", scale * c.h.weightDecay * c.x,
              adds);
}

void explainAccumulatorStep(const StepContext& c, StepBoard& b, bool leaky) {
    const Hyperparameters& h = c.h;
    b.learningRate(c);
    if (leaky) b.scalar("decay alpha", "alpha", h.alpha);
    b.scalar("epsilon", "eps", h.epsilon);
    const Vec2 g = b.gradientTerms(c);
    const char* name = leaky ? "mean square s" : "accumulated squares G";
    const std::string symbol = leaky ? "s" : "G";
    const Vec2 previous = stateVector(c.before, name);
    const Vec2 accumulator = stateVector(c.after, name);
    b.vector("g_k^2", "g_k * g_k   (per coordinate)", g.cwiseProduct(g));
    if (c.k > 0) b.vector(std::string(name) + "_{k-1}", "after step k", previous);
    b.vector(std::string(name) + "_k", leaky ? "alpha * s_{k-1} + (1 - alpha) * g_k^2" : "G_{k-1} + g_k^2",
             accumulator);
    const Vec2 denominator = (accumulator.cwiseSqrt().array() + h.epsilon).matrix();
    b.vector("denominator", "sqrt(" + symbol + "_k) + eps", denominator);
    const Vec2 rate = c.eta * denominator.cwiseInverse();
    b.vector("per-coordinate step size", "eta / (sqrt(" + symbol + "_k) + eps)", rate);
    const Vec2 step = -rate.cwiseProduct(g);
    b.vector("step", "-eta * g_k / (sqrt(" + symbol + "_k) + eps)", step);
    b.arrow(StepPart::RawGradient, "-eta g (raw gradient)", -c.eta * g, false);
    b.arrow(StepPart::Rescaled, "-eta g / (sqrt(" + symbol + ") + eps) (adaptive step)", step, true);
    b.partsAddUp(true);
}

void explainAdaptiveMomentStep(const StepContext& c, StepBoard& b, bool decoupled) {
    const Hyperparameters& h = c.h;
    const long t = c.k + 1;
    b.learningRate(c);
    b.scalar("t (this step's count)", "k + 1", static_cast<double>(t));
    const Vec2 g = decoupled ? c.gradient : b.gradientTerms(c);
    if (decoupled) b.vector("gradient g_t", "grad f(x_{t-1})", g);
    const double power1 = std::pow(h.beta1, static_cast<double>(t));
    const double power2 = std::pow(h.beta2, static_cast<double>(t));
    b.scalar("b1^t", "beta1^t", power1);
    b.scalar("b2^t", "beta2^t", power2);
    const double correction1 = h.biasCorrection ? 1 - power1 : 1.0;
    const double correction2 = h.biasCorrection ? 1 - power2 : 1.0;
    if (h.biasCorrection) {
        b.scalar("bias correction 1 - b1^t", "1 - beta1^t", correction1);
        b.scalar("bias correction 1 - b2^t", "1 - beta2^t", correction2);
    }
    const Vec2 m = stateVector(c.after, "first moment m"), v = stateVector(c.after, "second moment v");
    if (c.k > 0) {
        b.vector("first moment m_{t-1}", "after step t-1", stateVector(c.before, "first moment m"));
        b.vector("second moment v_{t-1}", "after step t-1", stateVector(c.before, "second moment v"));
    }
    b.vector("first moment m_t", "b1 * m_{t-1} + (1-b1) * g_t", m);
    b.vector("second moment v_t", "b2 * v_{t-1} + (1-b2) * g_t^2", v);
    const Vec2 mHat = m / correction1, vHat = v / correction2;
    b.vector("bias-corrected m^_t", h.biasCorrection ? "m_t / (1 - b1^t)" : "m_t   (bias correction off)",
             mHat);
    b.vector("bias-corrected v^_t", h.biasCorrection ? "v_t / (1 - b2^t)" : "v_t   (bias correction off)",
             vHat);
    const std::string root = h.epsilonInsideSqrt ? "sqrt(v^_t + eps)" : "sqrt(v^_t) + eps";
    const Vec2 denominator = h.epsilonInsideSqrt ? Vec2((vHat.array() + h.epsilon).sqrt().matrix())
                                                 : Vec2((vHat.cwiseSqrt().array() + h.epsilon).matrix());
    b.vector("denominator", root, denominator);
    const Vec2 rate = c.eta * denominator.cwiseInverse();
    b.vector("per-coordinate step size", "eta / (" + root + ")", rate);
    const Vec2 adaptive = -rate.cwiseProduct(mHat);
    b.vector("adaptive step", "-eta * m^_t / (" + root + ")", adaptive);
    b.arrow(StepPart::RawGradient, "-eta g (raw gradient)", -c.eta * g, false);
    b.arrow(StepPart::Momentum, "-eta m^ (first moment)", -c.eta * mHat, false);
    b.arrow(StepPart::Rescaled,
            "-eta m^ / (" + std::string(h.epsilonInsideSqrt ? "sqrt(v^ + eps)" : "sqrt(v^) + eps") +
                ") (adaptive step)",
            adaptive, true);
    if (decoupled) {
        const Vec2 shrink = -c.eta * h.weightDecay * c.x;
        b.scalar("weight decay lambda", "lambda", h.weightDecay);
        b.vector("decoupled weight decay", "-eta * lambda * x_{t-1}", shrink);
        b.vector("step", "-eta * lambda * x_{t-1} - eta * m^_t / (" + root + ")", shrink + adaptive);
        b.arrow(StepPart::WeightDecay, "-eta lambda x (decoupled weight decay)", shrink, true);
    } else {
        b.vector("step", "-eta * m^_t / (" + root + ")", adaptive);
    }
    b.partsAddUp(true);
}

void explainQuasiNewtonStep(const StepContext& c, StepBoard& b, bool limited) {
    const Hyperparameters& h = c.h;
    b.scalar("first trial step eta", "eta", c.eta);
    const Vec2 g = b.gradientTerms(c);
    if (c.k > 0) {
        const Vec2 previous = c.replay.points[static_cast<size_t>(c.k) - 1];
        const Vec2 previousGradient = c.f.gradientAt(previous) + h.weightDecay * previous;
        const Vec2 s = c.x - previous, y = g - previousGradient;
        b.vector("s", "x_k - x_{k-1}", s);
        b.vector("y", "g_k - g_{k-1}", y);
        b.scalar("curvature y^T s", "y . s   (the pair is skipped unless > 0)", y.dot(s));
    }
    Vec2 d;
    if (limited) {
        d = stateVector(c.after, "direction d");
        b.vector("direction d", "-H_k g_k   (two-loop recursion over the stored pairs)", d);
    } else {
        const Mat2& inverseHessian = stateMatrix(c.after, "inverse Hessian estimate B");
        b.matrix("inverse Hessian estimate B_k", "BFGS update of B_{k-1} from s, y", inverseHessian);
        d = -inverseHessian * g;
        b.vector("direction d", "-B_k g_k", d);
    }
    const double a = stepLengthAlong(c.taken, d);
    b.scalar("step length a (Armijo)", "eta * 2^j: backtracked, or doubled while phi keeps falling", a);
    b.vector("step", "a * d", a * d);
    b.arrow(StepPart::RawGradient, "-eta g (raw gradient)", -c.eta * g, false);
    b.arrow(StepPart::Rescaled, "a d (quasi-Newton step)", a * d, false);
}

}  // namespace gradscape

#include "optimizers/step_explanation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <stdexcept>

namespace gradscape {
namespace {

// What every kind's explanation reads: the iterate, its gradient, and the optimizer's state on
// either side of the one step.
struct StepContext {
    const OptimizerSettings& settings;
    const Hyperparameters& h;
    const Landscape& f;
    const Trajectory& replay;  ///< The replayed path, x_0 .. x_k (and x_{k+1} unless it diverged).
    int k = 0;
    Vec2 x = Vec2::Zero();         ///< x_k.
    Vec2 gradient = Vec2::Zero();  ///< grad f(x_k), without weight decay.
    double eta = 0;                ///< This step's learning rate, from the schedule.
    OptimizerState before, after;
    Vec2 taken = Vec2::Zero();  ///< x_{k+1} - x_k as the optimizer took it.
};

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

// The optimizers' Optimizer::currentLearningRate, for the step taken after k steps.
double learningRateAt(const Hyperparameters& h, long k) {
    return h.schedule.kind == Schedule::Kind::Constant ? h.learningRate
                                                       : h.schedule.rateAt(h.learningRate, k);
}

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

// The line-search step length a of a step taken along d: the step is a d, so a = step.d / d.d.
double stepLengthAlong(const Vec2& taken, const Vec2& d) {
    const double dd = d.squaredNorm();
    return dd > 0 ? taken.dot(d) / dd : 0;
}

Vec2 sign(const Vec2& g) {
    return {static_cast<double>((g.x() > 0) - (g.x() < 0)), static_cast<double>((g.y() > 0) - (g.y() < 0))};
}

// Writes terms and arrows onto the explanation, in the order a teacher works them.
class Board {
  public:
    explicit Board(StepExplanation& e) : e_(e) {}
    void scalar(std::string label, std::string formula, double value) {
        StepTerm t{std::move(label), std::move(formula), StepTerm::Kind::Scalar};
        t.scalar = value;
        e_.terms.push_back(std::move(t));
    }
    void vector(std::string label, std::string formula, const Vec2& value) {
        StepTerm t{std::move(label), std::move(formula), StepTerm::Kind::Vector};
        t.vector = value;
        e_.terms.push_back(std::move(t));
    }
    void matrix(std::string label, std::string formula, const Mat2& value) {
        StepTerm t{std::move(label), std::move(formula), StepTerm::Kind::Matrix};
        t.matrix = value;
        e_.terms.push_back(std::move(t));
    }
    void arrow(StepPart part, std::string label, const Vec2& v, bool addsToStep) {
        e_.arrows.push_back({part, std::move(label), v, addsToStep});
    }
    void partsAddUp(bool value) { e_.partsAddUp = value; }

  private:
    StepExplanation& e_;
};

void learningRate(const StepContext& c, Board& b, const char* label = "learning rate") {
    const bool scheduled = c.h.schedule.kind != Schedule::Kind::Constant;
    b.scalar(std::string(label) + (scheduled ? " this step eta_k" : " eta"),
             learningRateFormula(c.h.schedule), c.eta);
}

// g_k = grad f(x_k) + lambda x_k, written out when weight decay is on; returns g_k.
Vec2 gradientTerms(const StepContext& c, Board& b) {
    b.vector("gradient grad f(x_k)", "grad f(x_k)", c.gradient);
    if (c.h.weightDecay == 0) return c.gradient;
    b.vector("L2 weight decay lambda x_k", "lambda * x_k", c.h.weightDecay * c.x);
    const Vec2 g = c.gradient + c.h.weightDecay * c.x;
    b.vector("g_k", "grad f(x_k) + lambda * x_k", g);
    return g;
}

// The raw-gradient arrow scale * grad f, and scale * lambda x beside it when weight decay is on.
void gradientArrows(const StepContext& c, Board& b, double scale, const std::string& scaleText, bool adds) {
    b.arrow(StepPart::RawGradient, scaleText + " grad f (raw gradient)", scale * c.gradient, adds);
    if (c.h.weightDecay != 0)
        b.arrow(StepPart::WeightDecay, scaleText + " lambda x (L2 weight decay)",
                scale * c.h.weightDecay * c.x, adds);
}

void explainGradientDescent(const StepContext& c, Board& b) {
    learningRate(c, b);
    const Vec2 g = gradientTerms(c, b);
    if (!c.h.lineSearch) {
        b.vector("step", "-eta * g_k", -c.eta * g);
        gradientArrows(c, b, -c.eta, "-eta", true);
        b.partsAddUp(true);
        return;
    }
    const double a = stepLengthAlong(c.taken, -g);
    b.scalar("step length a (Armijo)", "eta / 2^j, the first with phi(x_k - a g_k) <= phi(x_k) - c a |g_k|^2",
             a);
    b.vector("step", "-a * g_k", -a * g);
    gradientArrows(c, b, -c.eta, "-eta", false);
    b.arrow(StepPart::Rescaled, "-a g (after line search)", -a * g, false);
}

void explainSgd(const StepContext& c, Board& b) {
    learningRate(c, b);
    const Vec2 noise = stateVector(c.after, "gradient noise");
    b.vector("gradient grad f(x_k)", "grad f(x_k)", c.gradient);
    const bool data = !c.f.samples().empty();
    if (data) {
        b.vector("minibatch gradient g~_k", "(1/|B_k|) sum_{i in B_k} grad l_i(x_k)", c.gradient + noise);
        b.vector("sampling error", "g~_k - grad f(x_k)", noise);
    } else {
        b.scalar("noise level sigma", "sigma", c.h.noise);
        b.vector("noise sigma xi_k", "sigma * xi_k,  xi_k ~ N(0, I)", noise);
        b.vector("noisy gradient g~_k", "grad f(x_k) + sigma * xi_k", c.gradient + noise);
    }
    if (c.h.weightDecay != 0) b.vector("L2 weight decay lambda x_k", "lambda * x_k", c.h.weightDecay * c.x);
    const Vec2 g = c.gradient + noise + c.h.weightDecay * c.x;
    b.vector("step", c.h.weightDecay != 0 ? "-eta * (g~_k + lambda * x_k)" : "-eta * g~_k", -c.eta * g);
    gradientArrows(c, b, -c.eta, "-eta", true);
    b.arrow(StepPart::Noise, data ? "-eta (g~ - grad f) (minibatch error)" : "-eta sigma xi (noise)",
            -c.eta * noise, true);
    b.partsAddUp(true);
}

void explainMomentum(const StepContext& c, Board& b) {
    const Hyperparameters& h = c.h;
    learningRate(c, b);
    b.scalar("momentum mu", "mu", h.momentum);
    if (effectiveDampening(h) != 0) b.scalar("dampening", "dampening", effectiveDampening(h));
    gradientTerms(c, b);
    const Vec2 previous = stateVector(c.before, "velocity");
    const Vec2 velocity = stateVector(c.after, "velocity");
    const bool first = c.k == 0;
    // torch.optim.SGD seeds the buffer with the first gradient, undamped.
    const double gradientWeight = first ? 1.0 : 1 - effectiveDampening(h);
    const double momentumWeight = first ? 0.0 : h.momentum;
    if (!first) b.vector("velocity v_k", "velocity after step k", previous);
    b.vector("velocity v_{k+1}",
             first ? "g_0   (the first step seeds v with g)" : "mu * v_k + (1 - dampening) * g_k", velocity);
    b.vector("step", "-eta * v_{k+1}", -c.eta * velocity);
    gradientArrows(c, b, -c.eta * gradientWeight, first ? "-eta" : "-eta (1-dampening)", true);
    b.arrow(StepPart::Momentum, "-eta mu v_k (momentum part)", -c.eta * momentumWeight * previous, true);
    b.partsAddUp(true);
}

void explainNesterov(const StepContext& c, Board& b) {
    const Hyperparameters& h = c.h;
    learningRate(c, b);
    if (h.lookAhead) {
        b.scalar("momentum rho", "rho", h.momentum);
        const Vec2 previous = stateVector(c.before, "velocity v");
        const Vec2 velocity = stateVector(c.after, "velocity v");
        const Vec2 ahead = c.x + h.momentum * previous;
        const Vec2 gradientAhead = c.f.gradientAt(ahead);
        b.vector("velocity v_k", "velocity after step k", previous);
        b.vector("look-ahead point", "x_k + rho * v_k", ahead);
        b.vector("gradient at the look-ahead point", "grad f(x_k + rho * v_k)", gradientAhead);
        if (h.weightDecay != 0)
            b.vector("L2 weight decay", "lambda * (x_k + rho * v_k)", h.weightDecay * ahead);
        b.vector("velocity v_{k+1}", "rho * v_k - eta * grad f(x_k + rho * v_k)", velocity);
        b.vector("step", "v_{k+1}", velocity);
        b.arrow(StepPart::Momentum, "rho v_k (momentum part)", h.momentum * previous, true);
        b.arrow(StepPart::RawGradient, "-eta grad f(x + rho v) (gradient at the look-ahead)",
                -c.eta * gradientAhead, true);
        if (h.weightDecay != 0)
            b.arrow(StepPart::WeightDecay, "-eta lambda (x + rho v) (L2 weight decay)",
                    -c.eta * h.weightDecay * ahead, true);
        b.partsAddUp(true);
        return;
    }
    b.scalar("momentum mu", "mu", h.momentum);
    const Vec2 g = gradientTerms(c, b);
    const Vec2 previous = stateVector(c.before, "momentum buffer b");
    const Vec2 buffer = stateVector(c.after, "momentum buffer b");
    if (c.k > 0) b.vector("momentum buffer b_k", "buffer after step k", previous);
    b.vector("momentum buffer b_{k+1}", c.k == 0 ? "g_0   (the first step seeds b with g)" : "mu * b_k + g_k",
             buffer);
    b.vector("step", "-eta * (g_k + mu * b_{k+1})", -c.eta * (g + h.momentum * buffer));
    gradientArrows(c, b, -c.eta, "-eta", true);
    b.arrow(StepPart::Momentum, "-eta mu b_{k+1} (momentum part)", -c.eta * h.momentum * buffer, true);
    b.partsAddUp(true);
}

// AdaGrad and RMSProp: g divided per coordinate by the root of an accumulator of g^2.
void explainAccumulator(const StepContext& c, Board& b, bool leaky) {
    const Hyperparameters& h = c.h;
    learningRate(c, b);
    if (leaky) b.scalar("decay alpha", "alpha", h.alpha);
    b.scalar("epsilon", "eps", h.epsilon);
    const Vec2 g = gradientTerms(c, b);
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

void explainAdam(const StepContext& c, Board& b, bool decoupled) {
    const Hyperparameters& h = c.h;
    const long t = c.k + 1;
    learningRate(c, b);
    b.scalar("t (this step's count)", "k + 1", static_cast<double>(t));
    const Vec2 g = decoupled ? c.gradient : gradientTerms(c, b);
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

void explainSignSgd(const StepContext& c, Board& b) {
    learningRate(c, b);
    const Vec2 g = gradientTerms(c, b);
    b.vector("sign(g_k)", "sign of each coordinate of g_k", sign(g));
    const Vec2 step = -c.eta * sign(g);
    b.vector("step", "-eta * sign(g_k)", step);
    b.arrow(StepPart::RawGradient, "-eta g (raw gradient)", -c.eta * g, false);
    b.arrow(StepPart::Rescaled, "-eta sign(g) (sign step)", step, true);
    b.partsAddUp(true);
}

void explainNewton(const StepContext& c, Board& b) {
    const Hyperparameters& h = c.h;
    learningRate(c, b, "step size");
    if (h.damping != 0) b.scalar("damping delta", "delta", h.damping);
    const Vec2 g = gradientTerms(c, b);
    b.matrix("Hessian (damped)", h.weightDecay != 0 ? "H(x_k) + (delta + lambda) I" : "H(x_k) + delta I",
             stateMatrix(c.after, "Hessian"));
    const Vec2 d = stateVector(c.after, "Newton direction");
    b.vector("Newton direction d", "-(H + delta I)^-1 g_k", d);
    b.arrow(StepPart::RawGradient, "-eta g (raw gradient)", -c.eta * g, false);
    if (!h.lineSearch) {
        b.vector("step", "eta * d", c.eta * d);
        b.arrow(StepPart::Rescaled, "eta d (Newton step)", c.eta * d, true);
        b.partsAddUp(true);
        return;
    }
    const double a = stepLengthAlong(c.taken, d);
    b.scalar("step length a (Armijo)", "eta / 2^j, the first with phi(x_k + a d) <= phi(x_k) + c a g.d", a);
    b.vector("step", "a * d", a * d);
    b.arrow(StepPart::Rescaled, "a d (Newton step, line search)", a * d, false);
}

// BFGS and L-BFGS: a quasi-Newton direction from curvature pairs, then an Armijo step along it.
void explainQuasiNewton(const StepContext& c, Board& b, bool limited) {
    const Hyperparameters& h = c.h;
    b.scalar("first trial step eta", "eta", c.eta);
    const Vec2 g = gradientTerms(c, b);
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

void explainCoordinateDescent(const StepContext& c, Board& b) {
    learningRate(c, b);
    const int axis = c.k % 2;
    b.scalar("axis i", "k mod 2   (0: x, 1: y)", axis);
    const Vec2 g = gradientTerms(c, b);
    b.scalar(axis == 0 ? "partial derivative g_x" : "partial derivative g_y", "the i-th coordinate of g_k",
             g[axis]);
    Vec2 step = Vec2::Zero();
    step[axis] = -c.eta * g[axis];
    b.vector("step", "-eta * g_i e_i   (the other coordinate stays)", step);
    b.arrow(StepPart::RawGradient, "-eta g (raw gradient)", -c.eta * g, false);
    b.arrow(StepPart::Rescaled, axis == 0 ? "-eta g_x e_x (one axis)" : "-eta g_y e_y (one axis)", step,
            true);
    b.partsAddUp(true);
}

// The sample of step k is drawn again from a generator seeded as RandomSearch seeds its own: two
// standard normals per step, in the same order.
void explainRandomSearch(const StepContext& c, Board& b) {
    learningRate(c, b, "sampling radius");
    std::mt19937_64 random(c.h.seed);
    std::normal_distribution<double> normal;
    for (long i = 0; i < 2L * c.k; ++i)
        normal(random);
    const double n1 = normal(random), n2 = normal(random);
    const Vec2 xi(n1, n2);
    const Vec2 candidate = c.x + c.eta * xi;
    const double here = c.f.valueAt(c.x), there = c.f.valueAt(candidate);
    const bool accepted = there < here;
    b.vector("sample xi_k", "xi_k ~ N(0, I)", xi);
    b.vector("candidate c", "x_k + eta * xi_k", candidate);
    b.scalar("f(x_k)", "f(x_k)", here);
    b.scalar("f(c)", accepted ? "f(c) < f(x_k): accepted" : "f(c) >= f(x_k): rejected, x stays", there);
    b.vector("step", accepted ? "c - x_k" : "0", accepted ? Vec2(candidate - c.x) : Vec2::Zero());
    b.arrow(StepPart::Noise, "eta xi (the sample)", c.eta * xi, false);
    if (accepted) b.arrow(StepPart::Rescaled, "eta xi (accepted)", c.eta * xi, true);
    b.partsAddUp(true);
}

void explainKind(const StepContext& c, Board& b) {
    const std::string& kind = c.settings.kind;
    if (kind == "gd") return explainGradientDescent(c, b);
    if (kind == "sgd") return explainSgd(c, b);
    if (kind == "momentum") return explainMomentum(c, b);
    if (kind == "nesterov") return explainNesterov(c, b);
    if (kind == "adagrad") return explainAccumulator(c, b, false);
    if (kind == "rmsprop") return explainAccumulator(c, b, true);
    if (kind == "adam") return explainAdam(c, b, false);
    if (kind == "adamw") return explainAdam(c, b, true);
    if (kind == "signsgd") return explainSignSgd(c, b);
    if (kind == "newton") return explainNewton(c, b);
    if (kind == "bfgs") return explainQuasiNewton(c, b, false);
    if (kind == "lbfgs") return explainQuasiNewton(c, b, true);
    if (kind == "coordinate") return explainCoordinateDescent(c, b);
    if (kind == "random-search") return explainRandomSearch(c, b);
    throw std::logic_error("optimizer '" + kind + "' is in the catalog but has no step explanation");
}

}  // namespace

StepExplanation explainStep(const OptimizerSettings& settings, const Landscape& f, const Trajectory& path,
                            int step) {
    if (step < 0 || step > path.steps())
        throw std::invalid_argument("step must be in [0, " + std::to_string(std::max(path.steps(), 0)) +
                                    "], got " + std::to_string(step));
    std::unique_ptr<Optimizer> optimizer = makeOptimizer(settings.kind, settings.hyperparameters);
    Trajectory replay = startTrajectory(f, settings.start);
    optimizer->advance(replay, f, step);
    const size_t k = static_cast<size_t>(step);
    if (replay.steps() != step || replay.points[k] != path.points[k])
        throw std::invalid_argument("the path was not produced by these settings: replaying " +
                                    settings.kind + " does not reach its iterate at step " +
                                    std::to_string(step));

    StepExplanation e;
    e.kind = settings.kind;
    e.updateRule = updateRuleFor(settings);
    e.step = step;
    e.from = replay.points[k];
    e.lossFrom = replay.losses[k];
    StepContext c{settings, settings.hyperparameters, f, replay};
    c.k = step;
    c.x = e.from;
    f.valueAndGradientAt(c.x, c.gradient);
    c.eta = learningRateAt(settings.hyperparameters, step);
    c.before = optimizer->state();

    // The step as the solver takes it (the same fast advance), so x_{k+1} is the path's to the bit.
    optimizer->advance(replay, f, step + 1);
    c.after = optimizer->state();
    if (replay.steps() == step + 1) {
        e.to = replay.points[k + 1];
        e.lossTo = replay.losses[k + 1];
    } else {
        // A diverged iterate is never recorded: take the step again to see where it went.
        std::unique_ptr<Optimizer> again = makeOptimizer(settings.kind, settings.hyperparameters);
        Trajectory scratch = startTrajectory(f, settings.start);
        again->advance(scratch, f, step);
        e.to = again->step(f, c.x, c.gradient);
        e.lossTo = f.valueAt(e.to);
        e.diverges = true;
    }
    e.stepTaken = e.to - e.from;
    c.taken = e.stepTaken;
    e.note = c.after.note;

    Board board(e);
    explainKind(c, board);
    board.vector("step taken", "x_{k+1} - x_k", e.stepTaken);
    board.vector("next iterate x_{k+1}", "x_k + step", e.to);
    board.arrow(StepPart::StepTaken, "x_{k+1} - x_k (step taken)", e.stepTaken, false);
    // Views never get a NaN: a diverged step has numbers in its table but nothing to draw.
    if (e.diverges) e.arrows.clear(), e.partsAddUp = false;
    return e;
}

std::string formatVector(const Vec2& v, int precision) {
    char text[96];
    std::snprintf(text, sizeof text, "(%.*g, %.*g)", precision, v.x(), precision, v.y());
    return text;
}

std::string formatTermValue(const StepTerm& term, int precision) {
    char text[160];
    switch (term.kind) {
        case StepTerm::Kind::Scalar:
            std::snprintf(text, sizeof text, "%.*g", precision, term.scalar);
            return text;
        case StepTerm::Kind::Vector:
            return formatVector(term.vector, precision);
        case StepTerm::Kind::Matrix:
            std::snprintf(text, sizeof text, "[[%.*g, %.*g], [%.*g, %.*g]]", precision, term.matrix(0, 0),
                          precision, term.matrix(0, 1), precision, term.matrix(1, 0), precision,
                          term.matrix(1, 1));
            return text;
    }
    return "";
}

}  // namespace gradscape

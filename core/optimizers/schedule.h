#pragma once
// Learning-rate schedules for the first-order optimizers, as torch.optim.lr_scheduler computes them.

#include <string>

namespace gradscape {

/// The largest step count a schedule may name (step size, cosine period, warm-up steps): far past any
/// race (solver.h's kMaxStepsLimit), and an int on every platform.
inline constexpr int kMaxScheduleSteps = 1'000'000'000;

/// How the learning rate changes with the step count t (t = 0 for the first step).
struct Schedule {
    enum class Kind { Constant, StepDecay, Exponential, InverseTime, Cosine, Warmup };
    Kind kind = Kind::Constant;
    int stepSize = 100;      ///< Step decay: the rate is multiplied by gamma every stepSize steps.
    double gamma = 0.5;      ///< Step decay and exponential: the factor.
    double decay = 0.01;     ///< 1/t: eta_t = eta / (1 + decay * t).
    int period = 1000;       ///< Cosine: T_max, the steps from eta down to minimumRate.
    double minimumRate = 0;  ///< Cosine: eta_min.
    int warmupSteps = 100;   ///< Linear warm-up: eta_t = eta * min(1, (t + 1) / warmupSteps).

    /// The learning rate for step t given the base rate eta:
    ///   constant     eta
    ///   step decay   eta * gamma^floor(t / stepSize)                     (StepLR)
    ///   exponential  eta * gamma^t                                       (ExponentialLR)
    ///   1/t          eta / (1 + decay * t)
    ///   cosine       eta_min + (eta - eta_min) (1 + cos(pi t / T_max)) / 2  (CosineAnnealingLR)
    ///   warm-up      eta * min(1, (t + 1) / warmupSteps)
    double rateAt(double eta, long t) const;

    /// The spec this schedule parses from, such as "step:100:0.5".
    std::string spec() const;
    bool operator==(const Schedule&) const = default;
};

/// Parses "constant", "step:STEP_SIZE:GAMMA", "exp:GAMMA", "inv:DECAY", "cosine:T_MAX[:ETA_MIN]" or
/// "warmup:STEPS"; throws std::invalid_argument naming the part that is wrong and its allowed range.
/// Step counts must be whole numbers written as such ("1.5", "1e3" and "nan" are refused, never
/// truncated) in [1, kMaxScheduleSteps]; the spec is echoed cut to limits::kMaxEchoedCharacters.
Schedule parseSchedule(const std::string& spec);

/// "" when every field is in range, otherwise a sentence naming the field and its range (step counts in
/// [1, kMaxScheduleSteps], gamma in (0, 1], decay and minimum rate finite and >= 0). Every way into a
/// Schedule checks with it: parseSchedule, and the scene reader for a schedule read from a file.
std::string validate(const Schedule& schedule);

}  // namespace gradscape

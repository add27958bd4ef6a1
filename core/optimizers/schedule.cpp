#include "optimizers/schedule.h"

#include "support/echo.h"

#include "support/input_limits.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace gradscape {

double Schedule::rateAt(double eta, long t) const {
    switch (kind) {
        case Kind::Constant:
            return eta;
        case Kind::StepDecay:
            return eta * std::pow(gamma, static_cast<double>(t / stepSize));
        case Kind::Exponential:
            return eta * std::pow(gamma, static_cast<double>(t));
        case Kind::InverseTime:
            return eta / (1 + decay * static_cast<double>(t));
        case Kind::Cosine:
            return minimumRate + (eta - minimumRate) * (1 + std::cos(std::numbers::pi * t / period)) / 2;
        case Kind::Warmup:
            return eta * std::min(1.0, static_cast<double>(t + 1) / warmupSteps);
    }
    return eta;
}

std::string Schedule::spec() const {
    std::ostringstream out;
    switch (kind) {
        case Kind::Constant:
            out << "constant";
            break;
        case Kind::StepDecay:
            out << "step:" << stepSize << ":" << gamma;
            break;
        case Kind::Exponential:
            out << "exp:" << gamma;
            break;
        case Kind::InverseTime:
            out << "inv:" << decay;
            break;
        case Kind::Cosine:
            out << "cosine:" << period << ":" << minimumRate;
            break;
        case Kind::Warmup:
            out << "warmup:" << warmupSteps;
            break;
    }
    return out.str();
}

std::string validate(const Schedule& s) {
    using Kind = Schedule::Kind;
    auto range = [](const char* name, double v, const char* allowed) {
        std::ostringstream out;
        out << "schedule " << name << " must be in " << allowed << ", got " << v;
        return out.str();
    };
    auto count = [](const char* name, int v) -> std::string {
        if (v >= 1 && v <= kMaxScheduleSteps) return "";
        return std::string("schedule ") + name + " must be a whole number in [1, " +
               std::to_string(kMaxScheduleSteps) + "], got " + std::to_string(v);
    };
    if (s.kind == Kind::StepDecay)
        if (std::string complaint = count("step size", s.stepSize); !complaint.empty()) return complaint;
    if ((s.kind == Kind::StepDecay || s.kind == Kind::Exponential) && !(s.gamma > 0 && s.gamma <= 1))
        return range("gamma", s.gamma, "(0, 1]");
    if (s.kind == Kind::InverseTime && !(s.decay >= 0 && std::isfinite(s.decay)))
        return range("decay", s.decay, "[0, inf)");
    if (s.kind == Kind::Cosine)
        if (std::string complaint = count("period", s.period); !complaint.empty()) return complaint;
    if (s.kind == Kind::Cosine && !(s.minimumRate >= 0 && std::isfinite(s.minimumRate)))
        return range("minimum rate", s.minimumRate, "[0, inf)");
    if (s.kind == Kind::Warmup)
        if (std::string complaint = count("warm-up steps", s.warmupSteps); !complaint.empty()) return complaint;
    return "";
}


Schedule parseSchedule(const std::string& spec) {
    std::vector<std::string> parts;
    std::stringstream in(spec);
    for (std::string part; std::getline(in, part, ':');)
        parts.push_back(part);
    if (parts.empty()) throw std::invalid_argument("schedule: empty spec");
    const std::string prefix = "schedule " + echoed(spec) + ": ";
    auto present = [&](size_t i, const char* what) {
        if (i >= parts.size()) throw std::invalid_argument(prefix + "missing " + what);
        return parts[i];
    };
    auto number = [&](size_t i, const char* what) {
        const std::string text = present(i, what);
        size_t used = 0;
        double v = 0;
        try {
            v = std::stod(text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != text.size() || !std::isfinite(v))
            throw std::invalid_argument(prefix + what + " must be a finite number, got " + echoed(text));
        return v;
    };
    // Digits only, compared before any conversion: 1.5 is refused, not truncated, and 1e10 or
    // 3000000000 is named as too large instead of wrapping around an int.
    auto whole = [&](size_t i, const char* what) {
        const std::string text = present(i, what);
        const std::string rule = std::string(what) + " must be a whole number in [1, " +
                                 std::to_string(kMaxScheduleSteps) + "], got " + echoed(text);
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
            throw std::invalid_argument(prefix + rule);
        const size_t firstDigit = std::min(text.find_first_not_of('0'), text.size());
        const std::string digits = text.substr(firstDigit);
        const std::string largest = std::to_string(kMaxScheduleSteps);
        if (digits.size() > largest.size() || (digits.size() == largest.size() && digits > largest) ||
            digits.empty())
            throw std::invalid_argument(prefix + rule);
        return std::stoi(digits);
    };
    auto expectParts = [&](size_t lo, size_t hi) {
        if (parts.size() < lo || parts.size() > hi)
            throw std::invalid_argument(prefix + "wrong number of fields");
    };
    Schedule s;
    const std::string& name = parts[0];
    using Kind = Schedule::Kind;
    if (name == "constant") {
        expectParts(1, 1);
    } else if (name == "step") {
        expectParts(3, 3);
        s.kind = Kind::StepDecay, s.stepSize = whole(1, "step size"), s.gamma = number(2, "gamma");
    } else if (name == "exp") {
        expectParts(2, 2);
        s.kind = Kind::Exponential, s.gamma = number(1, "gamma");
    } else if (name == "inv") {
        expectParts(2, 2);
        s.kind = Kind::InverseTime, s.decay = number(1, "decay");
    } else if (name == "cosine") {
        expectParts(2, 3);
        s.kind = Kind::Cosine, s.period = whole(1, "period");
        if (parts.size() == 3) s.minimumRate = number(2, "minimum rate");
    } else if (name == "warmup") {
        expectParts(2, 2);
        s.kind = Kind::Warmup, s.warmupSteps = whole(1, "warm-up steps");
    } else {
        throw std::invalid_argument(prefix +
                                    "unknown kind (one of constant, step:N:GAMMA, exp:GAMMA, inv:DECAY, "
                                    "cosine:T_MAX[:ETA_MIN], warmup:N)");
    }
    if (std::string complaint = validate(s); !complaint.empty()) throw std::invalid_argument(complaint);
    return s;
}

}  // namespace gradscape

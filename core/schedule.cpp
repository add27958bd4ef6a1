#include "schedule.h"

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
    if (s.kind == Kind::StepDecay && s.stepSize < 1) return range("step size", s.stepSize, "[1, inf)");
    if ((s.kind == Kind::StepDecay || s.kind == Kind::Exponential) && !(s.gamma > 0 && s.gamma <= 1))
        return range("gamma", s.gamma, "(0, 1]");
    if (s.kind == Kind::InverseTime && !(s.decay >= 0 && std::isfinite(s.decay)))
        return range("decay", s.decay, "[0, inf)");
    if (s.kind == Kind::Cosine && s.period < 1) return range("period", s.period, "[1, inf)");
    if (s.kind == Kind::Cosine && !(s.minimumRate >= 0 && std::isfinite(s.minimumRate)))
        return range("minimum rate", s.minimumRate, "[0, inf)");
    if (s.kind == Kind::Warmup && s.warmupSteps < 1) return range("warm-up steps", s.warmupSteps, "[1, inf)");
    return "";
}

Schedule parseSchedule(const std::string& spec) {
    std::vector<std::string> parts;
    std::stringstream in(spec);
    for (std::string part; std::getline(in, part, ':');)
        parts.push_back(part);
    if (parts.empty()) throw std::invalid_argument("schedule: empty spec");
    auto number = [&](size_t i, const char* what) {
        if (i >= parts.size()) throw std::invalid_argument("schedule '" + spec + "': missing " + what);
        size_t used = 0;
        double v = 0;
        try {
            v = std::stod(parts[i], &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != parts[i].size())
            throw std::invalid_argument("schedule '" + spec + "': " + what + " is not a number: '" +
                                        parts[i] + "'");
        return v;
    };
    auto expectParts = [&](size_t lo, size_t hi) {
        if (parts.size() < lo || parts.size() > hi)
            throw std::invalid_argument("schedule '" + spec + "': wrong number of fields");
    };
    Schedule s;
    const std::string& name = parts[0];
    using Kind = Schedule::Kind;
    if (name == "constant") {
        expectParts(1, 1);
    } else if (name == "step") {
        expectParts(3, 3);
        s.kind = Kind::StepDecay, s.stepSize = static_cast<int>(number(1, "step size")),
        s.gamma = number(2, "gamma");
    } else if (name == "exp") {
        expectParts(2, 2);
        s.kind = Kind::Exponential, s.gamma = number(1, "gamma");
    } else if (name == "inv") {
        expectParts(2, 2);
        s.kind = Kind::InverseTime, s.decay = number(1, "decay");
    } else if (name == "cosine") {
        expectParts(2, 3);
        s.kind = Kind::Cosine, s.period = static_cast<int>(number(1, "period"));
        if (parts.size() == 3) s.minimumRate = number(2, "minimum rate");
    } else if (name == "warmup") {
        expectParts(2, 2);
        s.kind = Kind::Warmup, s.warmupSteps = static_cast<int>(number(1, "warm-up steps"));
    } else {
        throw std::invalid_argument("schedule '" + spec +
                                    "': unknown kind (one of constant, step:N:GAMMA, exp:GAMMA, inv:DECAY, "
                                    "cosine:T_MAX[:ETA_MIN], warmup:N)");
    }
    if (std::string complaint = validate(s); !complaint.empty()) throw std::invalid_argument(complaint);
    return s;
}

}  // namespace gradscape

#include "commands/analyze_command.h"

#include "commands/exit_status.h"
#include "optimizers/racer_labels.h"
#include "optimizers/stability.h"
#include "view/analysis.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace gradscape {
namespace {

using nlohmann::json;

json orNull(const std::optional<double>& value) {
    return value && std::isfinite(*value) ? json(*value) : json(nullptr);
}

json orNull(const std::string& text) {
    return text.empty() ? json(nullptr) : json(text);
}

// A number as a table shows it: six significant digits, "-" where there is none.
std::string cell(const json& value) {
    if (value.is_null()) return "-";
    if (value.is_number()) {
        char text[32];
        std::snprintf(text, sizeof text, "%.6g", value.get<double>());
        return text;
    }
    return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace

json analyze(const AnalyzeOptions& options) {
    const auto landscape = landscapeFromOptions(options.landscape, options.expression,
                                                options.landscapeParameters, options.regularization);
    const Vec2& at = options.at;
    if (!std::isfinite(at.x()) || !std::isfinite(at.y()))
        throw std::invalid_argument("--at: expected two finite numbers");
    const std::vector<OptimizerSettings> racers = racersFromSpecs(options.optimizers, options.common, at);

    Vec2 gradient;
    const double value = landscape->valueAndGradientAt(at, gradient);
    const Mat2 hessian = landscape->hessianAt(at);
    const Curvature curvature = curvatureAt(*landscape, at);
    json result = {
        {"landscape", options.expression.value_or(options.landscape)},
        {"at", {at.x(), at.y()}},
        {"value", value},
        {"gradient", {gradient.x(), gradient.y()}},
        {"hessian", {{hessian(0, 0), hessian(0, 1)}, {hessian(1, 0), hessian(1, 1)}}},
        {"hessian_eigenvalues", {curvature.eigenvalues[0], curvature.eigenvalues[1]}},
        // kappa = lambda_max / lambda_min, only where the Hessian is positive definite.
        {"kappa", curvature.eigenvalues[0] > 0 ? json(curvature.conditionNumber) : json(nullptr)},
        {"optimizers", json::array()},
    };
    const std::vector<std::string> labels = racerLabels(racers);
    for (size_t i = 0; i < racers.size(); ++i) {
        const OptimizerSettings& racer = racers[i];
        // The racer's own start is where it begins, but the analysis is of the point asked about.
        const StabilityAnalysis stability = stabilityAt(*landscape, at, racer);
        result["optimizers"].push_back({{"id", racer.id},
                                        {"kind", racer.kind},
                                        {"label", labels[i]},
                                        {"lr", racer.hyperparameters.learningRate},
                                        {"lr_bound", orNull(stability.learningRateBound)},
                                        {"rate", orNull(stability.rate)},
                                        {"bound_formula", orNull(stability.boundFormula)},
                                        {"why", orNull(stability.why)},
                                        {"note", orNull(stability.note)}});
    }
    return result;
}

std::string analysisText(const json& a) {
    std::ostringstream out;
    const auto& h = a["hessian"];
    out << "landscape   " << cell(a["landscape"]) << " at (" << cell(a["at"][0]) << ", " << cell(a["at"][1])
        << ")\n";
    out << "f           " << cell(a["value"]) << "\n";
    out << "gradient    (" << cell(a["gradient"][0]) << ", " << cell(a["gradient"][1]) << ")\n";
    out << "Hessian     [" << cell(h[0][0]) << ", " << cell(h[0][1]) << "; " << cell(h[1][0]) << ", "
        << cell(h[1][1]) << "]\n";
    out << "eigenvalues " << cell(a["hessian_eigenvalues"][0]) << ", " << cell(a["hessian_eigenvalues"][1])
        << "\n";
    out << "kappa       " << (a["kappa"].is_null() ? "- (not positive definite)" : cell(a["kappa"])) << "\n";
    if (a["optimizers"].empty()) return out.str();
    char row[256];
    std::snprintf(row, sizeof row, "\n%-4s %-34s %-12s %-12s %-12s %s\n", "id", "racer", "lr", "lr bound",
                  "rate/step", "bound or why none");
    out << row;
    for (const auto& o : a["optimizers"]) {
        std::string detail = !o["bound_formula"].is_null() ? cell(o["bound_formula"]) : cell(o["why"]);
        if (!o["note"].is_null()) detail += " (" + cell(o["note"]) + ")";
        std::snprintf(row, sizeof row, "%-4d %-34s %-12s %-12s %-12s ", o["id"].get<int>(),
                      cell(o["label"]).c_str(), cell(o["lr"]).c_str(), cell(o["lr_bound"]).c_str(),
                      cell(o["rate"]).c_str());
        out << row << detail << "\n";
    }
    return out.str();
}

int analyzeCommand(const AnalyzeOptions& options) {
    return exitStatusOf("gradscape analyze", [&] {
        const json analysis = analyze(options);
        if (options.format == "json")
            std::cout << analysis.dump(2) << '\n';
        else
            std::cout << analysisText(analysis);
        std::cout.flush();
        return std::cout ? 0 : kExitFailed;
    });
}

}  // namespace gradscape

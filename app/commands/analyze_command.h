#pragma once
// `gradscape analyze`: the curvature at a point and, per racer, its stability bound and predicted
// contraction, for scripts (JSON) and for reading (a table).

#include "commands/analyze_options.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace gradscape {

/// The analysis as one JSON object: "value", "gradient" [2], "hessian" [[2], [2]], "hessian_eigenvalues"
/// [2, ascending], "kappa" (null unless the Hessian is positive definite), and "optimizers": per racer in
/// order {"id", "kind", "label", "lr", "lr_bound" (null where no fixed bound exists), "rate" (the
/// predicted contraction per step at its lr, null where none), "bound_formula", "why"}. Throws
/// std::invalid_argument naming what is wrong (a landscape, a parameter, a spec).
nlohmann::json analyze(const AnalyzeOptions& options);

/// The same analysis as a table a person reads.
std::string analysisText(const nlohmann::json& analysis);

/// Runs `gradscape analyze`: 0; 2 with one line on stderr naming what is wrong.
int analyzeCommand(const AnalyzeOptions& options);

}  // namespace gradscape

#pragma once
// How every command ends on an exception: one line on standard error naming the command and what went
// wrong, and an exit status saying whose fault it was. The executable and each subcommand run their work
// through exitStatusOf instead of each catching the same exceptions in the same order.

#include <cstdio>
#include <functional>
#include <string>

namespace gradscape {

/// The status of a refusal: what the user gave is wrong (an option, a value, a scene file).
inline constexpr int kExitRefused = 2;
/// The status of a failure: the work could not be done (a full disk, a renderer or encoder that failed).
inline constexpr int kExitFailed = 1;

/// Runs `command` and returns its status. What it throws is written to `errors` as "WHO: what" on one
/// line and becomes kExitRefused for std::invalid_argument (every bad option or value, a typed formula's
/// FormulaError), SceneError (a scene file refused) and ProblemFileError (a network problem file
/// refused), kExitFailed for any other std::exception.
int exitStatusOf(const std::string& who, const std::function<int()>& command, std::FILE* errors = stderr);

}  // namespace gradscape

// The one place an exception becomes an exit status and a line on standard error.
#include "commands/exit_status.h"

#include "landscapes/formula_landscape.h"
#include "scene/scene_file.h"
#include "support/atomic_file.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <stdexcept>
#include <string>

using namespace gradscape;

namespace {

struct Outcome {
    int status;
    std::string errors;
};

// The status of `command` run through exitStatusOf, and what it wrote for standard error.
Outcome outcomeOf(const std::function<int()>& command) {
    std::FILE* errors = std::tmpfile();
    REQUIRE(errors != nullptr);
    const int status = exitStatusOf("gradscape test", command, errors);
    std::rewind(errors);
    std::string text;
    for (int c; (c = std::fgetc(errors)) != EOF;)
        text += static_cast<char>(c);
    std::fclose(errors);
    return {status, text};
}

}  // namespace

TEST_CASE("a command that returns keeps its status and writes nothing") {
    for (int status : {0, 1, 2, 7}) {
        const Outcome o = outcomeOf([&] { return status; });
        CHECK(o.status == status);
        CHECK(o.errors.empty());
    }
}

TEST_CASE(
    "what the user gave wrong is a refusal (2), anything else a failure (1), each one line naming the "
    "command") {
    const Outcome option =
        outcomeOf([]() -> int { throw std::invalid_argument("--steps: must be a whole number"); });
    CHECK(option.status == kExitRefused);
    CHECK(option.errors == "gradscape test: --steps: must be a whole number\n");

    const Outcome formula = outcomeOf([]() -> int { throw FormulaError("unexpected )", 3); });
    CHECK(formula.status == kExitRefused);

    const Outcome scene =
        outcomeOf([]() -> int { throw SceneError("a.json: /views/mode: unknown view 'x'"); });
    CHECK(scene.status == kExitRefused);
    CHECK(scene.errors == "gradscape test: a.json: /views/mode: unknown view 'x'\n");

    const Outcome disk =
        outcomeOf([]() -> int { throw FileError("cannot write out.csv: No space left on device"); });
    CHECK(disk.status == kExitFailed);
    CHECK(disk.errors == "gradscape test: cannot write out.csv: No space left on device\n");

    const Outcome other = outcomeOf([]() -> int { throw std::runtime_error("ffmpeg exited with status 1"); });
    CHECK(other.status == kExitFailed);
    CHECK(kExitRefused == 2);
    CHECK(kExitFailed == 1);
}

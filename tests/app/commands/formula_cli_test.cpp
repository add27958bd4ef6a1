// A typed formula on the command line (issue 11): whatever is typed, gradscape exits with a one-line
// message and status 2 (bad argument), never aborts (134) or prints kilobytes.
#include "support/input_limits.h"
#include "support/test_support.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace gradscape::testing;

TEST_CASE("a formula that aborted the app is refused with one line and status 2") {
    struct Case {
        std::string expression, message;
    };
    for (const Case& c : std::vector<Case>{
             {"9^99999", "the exponent 99999 is beyond the limit of ±1000"},
             {"1141^11111", "the exponent 11111 is beyond the limit of ±1000"},
             {"1e-3086666666", "a number's decimal exponent is limited to ±1000"},
             {"9^20000", "the exponent 20000 is beyond the limit of ±1000"},
             {"exp(exp(exp(exp(exp(exp(exp(exp(exp(exp(exp(exp(exp(exp(exp(exp(exp(exp(exp(exp(exp(exp(x)))))"
              ")))))))))))"
              "))))))",
              "is too complex: a derivative would be longer than 8000 characters"},
         }) {
        CAPTURE(c.expression);
        const CommandResult r =
            run(std::string(executable()) + " run --expr '" + c.expression + "' --optimizer gd --steps 3");
        CHECK(r.exitStatus == 2);
        const std::vector<std::string> output = lines(r.output);
        REQUIRE(output.size() == 1);
        CHECK(output[0].find("--expr") != std::string::npos);
        CHECK(output[0].find(c.message) != std::string::npos);
        CHECK(output[0].size() <= gradscape::limits::kMaxEchoedCharacters + 250);
    }
}

TEST_CASE("a tower x^x^x runs as x^(x^x)") {
    const CommandResult r = runData("--expr 'x^x^x' --optimizer gd --steps 3 --start 0.5,0.5");
    CHECK(r.exitStatus == 0);
    CHECK(r.output.find("power should have") == std::string::npos);
}

// Each run is a new process with its own address layout (address randomization). GiNaC's order of terms
// moves with it, so before the derivatives were printed sorted (formula_printing.h), two runs summed in
// different orders and their last digits differed.
TEST_CASE("a formula gives the same numbers, to the digit, on every run") {
    for (const std::string expression :
         {"sin(3*x)*cos(2*y) + 0.1*(x^2 + y^2) + exp(-x^2)", "(x-1)*(y-2)*(x-y)*(x+y-3)*(2*x-y+1)"}) {
        CAPTURE(expression);
        const std::string arguments =
            "--expr '" + expression + "' --optimizer gd,adam,newton --steps 300 --start 0.7,-0.4";
        const CommandResult first = runData(arguments), second = runData(arguments);
        REQUIRE(first.exitStatus == 0);
        REQUIRE(second.exitStatus == 0);
        CHECK(first.output == second.output);
    }
}

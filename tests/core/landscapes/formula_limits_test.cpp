// The limits on a typed formula (issue 11): every formula that crashed the app, took minutes or
// gigabytes, or printed kilobytes of digits is refused with a short FormulaError that names the problem.
#include "landscapes/formula_landscape.h"
#include "landscapes/formula_reading.h"
#include "support/input_limits.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace gradscape;

namespace {

// The message of the FormulaError the formula is refused with (FAILs if it is accepted or anything else
// escapes).
std::string refusal(const std::string& formula) {
    try {
        makeFormulaLandscape(formula);
    } catch (const FormulaError& e) {
        return e.what();
    }
    FAIL("accepted: " << formula);
    return "";
}

// A message is one short line: the formula echoed at most kMaxEchoedCharacters, a sentence, a position.
constexpr std::size_t kShortMessage = limits::kMaxEchoedCharacters + 200;

std::string nested(const std::string& function, int depth) {
    std::string text;
    for (int i = 0; i < depth; ++i)
        text += function + "(";
    return text + "x" + std::string(depth, ')');
}

}  // namespace

TEST_CASE("each formula that crashed or ate the machine is refused with the limit named") {
    struct Case {
        std::string formula, message;
    };
    for (const Case& c : std::vector<Case>{
             // Issue 11, item 1: muparser's "Expression too long" escaped as mu::ParserError.
             {"9^99999", "the exponent 99999 is beyond the limit of ±1000"},
             {"1141^11111", "the exponent 11111 is beyond the limit of ±1000"},
             {nested("exp", 22), "too complex: a derivative would be longer than 8000 characters"},
             // Item 2: 173 s and 5 GB; 7 s then an abort; a 38 KB line of digits.
             {"1e-3086666666", "'1e-3086666666': a number's decimal exponent is limited to ±1000"},
             {"9^9999999", "is beyond the limit of ±1000"},
             {"9^20000", "the exponent 20000 is beyond the limit of ±1000"},
             // Around them: towers, repeated powers, symbolic bases, overflowing constants.
             {"2^2^2^2^2", "the exponent 65536 is beyond the limit of ±1000"},
             {"(9^99)^99", "'(9^99)^99' is beyond the range of a double"},
             {"((((((((((((3^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)^2)", "beyond the range of a double"},
             {"x^99999", "'x^99999': the exponent 99999 is beyond the limit of ±1000"},
             {"x^1001", "the exponent 1001 is beyond the limit of ±1000"},
             {"pow(x, -5000)", "the exponent -5000 is beyond the limit of ±1000"},
             {"exp(exp(exp(1000)))", "'exp(1000)' is beyond the range of a double"},
             {"1e400", "'1e400' is beyond the range of a double"},
             {"x*1e-1001", "'1e-1001': a number's decimal exponent is limited to ±1000"},
             {"9^400 + x", "'9^400' is beyond the range of a double"},
             {"(1 + 1/10^300)^1000", "needs numbers of more than 1000 digits"},
             {"((2*x)^1000)^1000", "needs numbers of more than 1000 digits"},
             {"x*1e308*10", "beyond the range of a double"},
             {"exp(-1e300)*x", "'exp(-1e300)' needs numbers of more than 1000 digits"},
             // Found by the fuzzer: GiNaC folds 1^(...) into 1, and 4^4^14 is 160 million digits.
             {"x^4^4^14^1\n^2^2^22^23^x", "needs numbers of more than 1000 digits"},
             {"x^4^4^14^(1+0*y)", "needs numbers of more than 1000 digits"},
             {"1/0 + x", "'1/0' divides by zero"},
             {"x/(1-1)", "divides by zero"},
             {"0^-1 + x", "divides by zero"},
             {"log(x + (1-1)^y)", "'(1-1)^y' has no derivative: zero to a variable power needs log(0)"},
             {"log(0) + x", "'log(0)' is infinite"},
             {"tan(pi/2) + x", "is infinite where it is constant"},
             {"sqrt(-1)*x", "is complex, not real"},
             {"min(x, y, 1)", "min takes 2 arguments, not 3"},
             {"x < y", "'< y' cannot be read"},
             {"_pi*x", "unknown name '_pi'"},
             {"", "the formula is empty"},
         }) {
        CAPTURE(c.formula);
        const std::string message = refusal(c.formula);
        CHECK(message.find(c.message) != std::string::npos);
        CHECK(message.size() <= kShortMessage);
        CHECK(message.find('\n') == std::string::npos);
    }
}

TEST_CASE("a refused formula is echoed cut to the limit, never whole") {
    std::string formula = "(";
    while (formula.size() + 10 < kMaxFormulaLength)
        formula += "x+";
    formula += "x)^99999";  // the part refused is the whole formula
    const std::string message = refusal(formula);
    CHECK(message.find("beyond the limit of ±1000") != std::string::npos);
    CHECK(message.find("'" + formula.substr(0, limits::kMaxEchoedCharacters) + "…'") != std::string::npos);
    CHECK(message.find(formula.substr(0, limits::kMaxEchoedCharacters + 1)) == std::string::npos);
    CHECK(message.size() <= kShortMessage);
    CHECK(echoed(std::string(500, 'a')).size() == limits::kMaxEchoedCharacters + std::string("''…").size());
    CHECK(echoed("x^2") == "'x^2'");
    CHECK(echoed("x\n+\ty") == "'x + y'");
}

TEST_CASE("formulas at the limits are accepted and their derivatives stay short") {
    struct Case {
        std::string formula;
        Vec2 at;
        double value;
    };
    for (const Case& c : std::vector<Case>{
             {"x^1000", {1, 0}, 1},
             {"(x+y)^1000", {0.5, 0.5}, 1},  // never expanded: 1001 terms, each with a 300-digit binomial
             {"(x+y+1)^1000*(x-y)^1000*(x*y+2)^1000", {0.5, -0.5}, std::pow(1.75, 1000)},
             {"2^1000*x", {1, 0}, std::pow(2.0, 1000)},
             {"x*1e-1000 + y", {0, 2}, 2},
             {"1e308*x", {1, 0}, 1e308},
             {nested("exp", 4), {0, 0}, std::exp(std::exp(std::exp(1.0)))},
             {nested("sin", 12),
              {0.5, 0},
              [] {
                  double v = 0.5;
                  for (int i = 0; i < 12; ++i)
                      v = std::sin(v);
                  return v;
              }()},
         }) {
        CAPTURE(c.formula);
        const auto landscape = makeFormulaLandscape(c.formula);
        CHECK(landscape->valueAt(c.at) == doctest::Approx(c.value).epsilon(1e-12));
        const FormulaDerivatives d = formulaDerivatives(*landscape);
        for (const std::string* text : {&d.dx, &d.dy, &d.dxx, &d.dxy, &d.dyy})
            CHECK(text->size() <= limits::kMaxDerivativeCharacters);
    }
    // Not expanded: one power of the sum (printed sorted, x+y).
    const std::string dxx = formulaDerivatives(*makeFormulaLandscape("(x+y)^1000")).dxx;
    CHECK((dxx == "999000*(x+y)^998" || dxx == "999000*(y+x)^998"));
}

TEST_CASE("x^y^z is a tower, x^(y^z), as in the lectures and muparser; not GiNaC's internal error") {
    const auto tower = makeFormulaLandscape("x^x^x");
    CHECK(tower->valueAt({0.5, 0}) == doctest::Approx(std::pow(0.5, std::pow(0.5, 0.5))));
    CHECK(formulaDerivatives(*tower).dx.find("x^(x^x)") != std::string::npos);
    CHECK(makeFormulaLandscape("2^3^2 + 0*x")->valueAt({0, 0}) == 512);
    CHECK(makeFormulaLandscape("2^-3^2 + 0*x")->valueAt({0, 0}) == doctest::Approx(1.0 / 512));
    CHECK(makeFormulaLandscape("-x^2")->valueAt({3, 0}) == -9);
}

TEST_CASE("a refusal leaves the landscapes made before it as they were") {
    const auto before = makeFormulaLandscape("(1 - x)^2 + 100*(y - x^2)^2");
    const double value = before->valueAt({-1.2, 1});
    const Vec2 gradient = before->gradientAt({-1.2, 1});
    for (const std::string& bad :
         std::vector<std::string>{"9^99999", nested("exp", 22), "1e-3086666666", "x^x^"})
        CHECK_THROWS_AS(makeFormulaLandscape(bad), FormulaError);
    CHECK(before->valueAt({-1.2, 1}) == value);
    CHECK(before->gradientAt({-1.2, 1}) == gradient);
    CHECK(makeFormulaLandscape("(1 - x)^2 + 100*(y - x^2)^2")->valueAt({-1.2, 1}) == value);
}

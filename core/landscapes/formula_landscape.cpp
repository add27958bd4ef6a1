// Index:
//   [SECTION] min, max and heaviside for GiNaC
//   [SECTION] FormulaLandscape: six muparser expressions (f and its derivatives) over one x and y
//   [SECTION] Bounds on GiNaC: number size (CLN's malloc hook), messages (the text's in formula_printing.h)
//   [SECTION] makeFormulaLandscape: muparser's syntax check, the limits, GiNaC, the evaluation check
#include "landscapes/formula_landscape.h"

#include "landscapes/formula_printing.h"
#include "landscapes/formula_reading.h"
#include "support/input_limits.h"

#include <cln/malloc.h>
#include <ginac/ginac.h>
#include <muParser.h>

#include <array>
#include <cmath>
#include <mutex>
#include <new>
#include <regex>
#include <utility>

// [SECTION] min, max and heaviside for GiNaC
// min and max for GiNaC, which has neither: their derivatives are Heaviside steps.
namespace gradscape_symbolic {
using namespace GiNaC;

// The Heaviside step with derivative 0 (true everywhere but at the kink, where none exists); GiNaC's
// own step() has no derivative at all, so second derivatives of min and max could not be printed.
static ex heavisideEval(const ex& v);
static ex heavisideDerivative(const ex&, unsigned) {
    return 0;
}
DECLARE_FUNCTION_1P(heaviside)
REGISTER_FUNCTION(heaviside, eval_func(heavisideEval).derivative_func(heavisideDerivative))
static ex heavisideEval(const ex& v) {
    if (is_a<numeric>(v) && ex_to<numeric>(v).is_real()) return ex_to<numeric>(v) >= 0 ? ex(1) : ex(0);
    return heaviside(v).hold();
}

static ex minEval(const ex& a, const ex& b);
static ex maxEval(const ex& a, const ex& b);
static ex minDerivative(const ex& a, const ex& b, unsigned parameter) {
    return parameter == 0 ? heaviside(b - a) : heaviside(a - b);
}
static ex maxDerivative(const ex& a, const ex& b, unsigned parameter) {
    return parameter == 0 ? heaviside(a - b) : heaviside(b - a);
}
DECLARE_FUNCTION_2P(min)
DECLARE_FUNCTION_2P(max)
REGISTER_FUNCTION(min, eval_func(minEval).derivative_func(minDerivative))
REGISTER_FUNCTION(max, eval_func(maxEval).derivative_func(maxDerivative))
static ex minEval(const ex& a, const ex& b) {
    if (is_a<numeric>(a) && is_a<numeric>(b) && ex_to<numeric>(a).is_real() && ex_to<numeric>(b).is_real())
        return ex_to<numeric>(a) < ex_to<numeric>(b) ? a : b;
    return min(a, b).hold();
}
static ex maxEval(const ex& a, const ex& b) {
    if (is_a<numeric>(a) && is_a<numeric>(b) && ex_to<numeric>(a).is_real() && ex_to<numeric>(b).is_real())
        return ex_to<numeric>(a) < ex_to<numeric>(b) ? b : a;
    return max(a, b).hold();
}
}  // namespace gradscape_symbolic

namespace gradscape {
namespace {

double heaviside(double v) {
    return v >= 0 ? 1.0 : 0.0;
}
double complexSign(double v) {
    return (v > 0) - (v < 0);
}

// One parser per expression, all reading the same x and y.
void prepare(mu::Parser& parser, double* x, double* y, const std::string& expression) {
    parser.DefineVar("x", x);
    parser.DefineVar("y", y);
    parser.DefineConst("pi", M_PI);
    parser.DefineConst("Pi", M_PI);
    parser.DefineConst("e", M_E);
    parser.DefineFun("heaviside", heaviside);
    parser.DefineFun("csgn", complexSign);
    parser.DefineFun("pow", static_cast<double (*)(double, double)>(std::pow));
    parser.SetExpr(expression);
}

// [SECTION] FormulaLandscape
class FormulaLandscape final : public Landscape {
  public:
    FormulaLandscape(const std::string& expression, const std::array<std::string, 6>& compiled,
                     FormulaDerivatives derivatives)
        : derivatives_(std::move(derivatives)) {
        name_ = "formula";
        formula_ = expression;
        description_ = "f(x, y) = " + expression;
        displayBox_ = {-3, 3, -3, 3};
        defaultStart_ = Vec2(-2, 2);
        for (size_t i = 0; i < compiled.size(); ++i)
            prepare(parsers_[i], &x_, &y_, compiled[i]);
    }

    double valueAt(const Vec2& p) const override {
        std::lock_guard lock(mutex_);
        return evaluate(p, 0);
    }
    Vec2 gradientAt(const Vec2& p) const override {
        std::lock_guard lock(mutex_);
        return {evaluate(p, 1), evaluate(p, 2)};
    }
    double valueAndGradientAt(const Vec2& p, Vec2& gradient) const override {
        std::lock_guard lock(mutex_);
        gradient = {evaluate(p, 1), evaluate(p, 2)};
        return evaluate(p, 0);
    }
    Mat2 hessianAt(const Vec2& p) const override {
        std::lock_guard lock(mutex_);
        Mat2 h;
        h << evaluate(p, 3), evaluate(p, 4), evaluate(p, 4), evaluate(p, 5);
        return h;
    }
    // One lock for a whole band of rows, not one per sample.
    void sampleRows(const ViewBox& box, int width, int height, int rowBegin, int rowEnd,
                    float* out) const override {
        std::lock_guard lock(mutex_);
        const double dx = box.width() / width, dy = box.height() / height;
        for (int row = rowBegin; row < rowEnd; ++row)
            for (int column = 0; column < width; ++column)
                *out++ = static_cast<float>(
                    evaluate({box.xMin + (column + 0.5) * dx, box.yMin + (row + 0.5) * dy}, 0));
    }

    const FormulaDerivatives& derivatives() const { return derivatives_; }

  private:
    // muparser reports a domain problem as an exception on some builds and as NaN on others: both are NaN.
    double evaluate(const Vec2& p, int which) const {
        x_ = p.x(), y_ = p.y();
        try {
            return parsers_[which].Eval();
        } catch (const mu::Parser::exception_type&) {
            return std::numeric_limits<double>::quiet_NaN();
        }
    }

    mutable std::mutex mutex_;
    mutable double x_ = 0, y_ = 0;
    mutable std::array<mu::Parser, 6> parsers_;
    FormulaDerivatives derivatives_;
};

// [SECTION] Bounds on GiNaC
// A number past what any formula within the limits needs: GiNaC simplified something formula_reading.h
// could not foresee into a huge exact power (x^4^4^14^1^y: 1^y is 1, so 4^4^14 has 160 million digits).
struct NumberTooLarge {};

// CLN allocates every number through cln::malloc_hook; a number of more than 256 KB (600,000 digits) is
// refused there, before GMP spends minutes and gigabytes on it. Formulas within the limits need a few KB.
constexpr std::size_t kMaxNumberBytes = 256u << 10;
void* (*clnMalloc)(std::size_t) = nullptr;
void* boundedMalloc(std::size_t bytes) {
    if (bytes > kMaxNumberBytes) throw NumberTooLarge{};
    return clnMalloc(bytes);
}

// GiNaC's message without its source location ("...: division by zero").
std::string ginacMessage(const std::string& message) {
    const std::string first = message.substr(0, message.find('\n'));
    const auto colon = first.rfind(": ");
    return echoed(colon == std::string::npos ? first : first.substr(colon + 2));
}

// muparser's message with the token it names cut like any echoed text.
std::string muparserMessage(const mu::Parser::exception_type& e) {
    std::string message = e.GetMsg();
    const std::string token = e.GetToken();
    const auto at = message.find(token);
    if (token.size() > limits::kMaxEchoedCharacters && at != std::string::npos)
        message.replace(at, token.size(), echoed(token));
    for (char& c : message)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    return message;
}

// Whether a printed expression has a number no double holds ((1.0E309)*x from x*1e308*10).
bool hasInfiniteNumber(const std::string& text) {
    static const std::regex number("[0-9]+(\\.[0-9]*)?(E[-+]?[0-9]+)?");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), number); it != std::sregex_iterator(); ++it)
        if (std::isinf(std::strtod(it->str().c_str(), nullptr))) return true;
    return false;
}

// The position of the first name GiNaC complained about, or 0.
int positionOfName(const std::string& expression, const std::string& message) {
    std::smatch match;
    if (std::regex_search(message, match, std::regex("function \"([A-Za-z_0-9]+)\""))) {
        const auto at = expression.find(match[1].str());
        if (at != std::string::npos) return static_cast<int>(at);
    }
    return 0;
}

// [SECTION] makeFormulaLandscape
// makeFormulaLandscape, which may throw anything GiNaC and muparser throw.
std::shared_ptr<const Landscape> build(const std::string& expression) {
    if (expression.find_first_not_of(" \t\n\r") == std::string::npos)
        throw FormulaError("the formula is empty", 0);
    if (expression.size() > kMaxFormulaLength)
        throw FormulaError("the formula " + echoed(expression) + " is longer than " +
                               std::to_string(kMaxFormulaLength) + " characters",
                           static_cast<int>(kMaxFormulaLength));
    // Syntax first, with muparser, whose messages say where the typo is (but not why a number is one).
    checkNumbers(expression);
    {
        double x = 0.3, y = 0.7;
        mu::Parser check;
        try {
            prepare(check, &x, &y, expression);
            check.Eval();
        } catch (const mu::Parser::exception_type& e) {
            throw FormulaError(muparserMessage(e), static_cast<int>(e.GetPos()));
        }
    }
    // Then the limits, before GiNaC computes anything.
    const std::string canonical = checkedFormula(expression);
    // Then the exact derivatives, with GiNaC. Whatever it or muparser throws (GiNaC's pole_error, CLN's
    // overflow, std::bad_alloc, a muparser error, which is no std::exception) becomes a FormulaError.
    std::array<std::string, 6> compiled;
    try {
        // GiNaC shares its numbers and symbols between threads without locks.
        static std::mutex ginac;
        std::lock_guard lock(ginac);
        if (cln::malloc_hook != boundedMalloc) clnMalloc = std::exchange(cln::malloc_hook, boundedMalloc);
        using namespace GiNaC;
        realsymbol x("x"), y("y");
        symtab names;
        names["x"] = x, names["y"] = y, names["pi"] = Pi, names["e"] = exp(ex(1));
        parser reader(names, true);
        const ex f = reader(canonical);
        const ex fx = f.diff(x), fy = f.diff(y);
        const std::array<ex, 6> all = {f, fx, fy, fx.diff(x), fx.diff(y), fy.diff(y)};
        for (size_t i = 0; i < all.size(); ++i)
            compiled[i] = printFormula(all[i]);  // throws TooLong past limits::kMaxDerivativeCharacters
    } catch (const TooLong&) {
        throw FormulaError("the formula " + echoed(expression) +
                               " is too complex: a derivative would be longer than " +
                               std::to_string(limits::kMaxDerivativeCharacters) + " characters",
                           0);
    } catch (const NumberTooLarge&) {
        throw FormulaError("the formula " + echoed(expression) + " needs numbers of more than " +
                               std::to_string(limits::kMaxFormulaExponent) + " digits (the limit)",
                           0);
    } catch (const std::bad_alloc&) {
        throw FormulaError("the formula " + echoed(expression) + " needs more memory than there is", 0);
    } catch (const GiNaC::pole_error&) {
        throw FormulaError("the formula " + echoed(expression) + " is infinite where it is constant (a pole)",
                           0);
    } catch (const std::exception& e) {
        throw FormulaError("no exact derivative: " + ginacMessage(e.what()),
                           positionOfName(expression, e.what()));
    } catch (...) {
        throw FormulaError("no exact derivative of " + echoed(expression), 0);
    }
    // The derivatives must be evaluable too (a constant like sqrt(-1) is complex).
    for (const auto& text : compiled) {
        static const std::regex imaginaryUnit("(^|[^A-Za-z_0-9])I($|[^A-Za-z_0-9])");
        if (std::regex_search(text, imaginaryUnit))
            throw FormulaError(
                "the formula " + echoed(expression) +
                    " is complex, not real (a square root or logarithm of a negative constant?)",
                0);
        if (hasInfiniteNumber(text))
            throw FormulaError("a number in the derivatives of " + echoed(expression) +
                                   " is beyond the range of a double (about 1.8e308)",
                               0);
        double px = 0.3, py = 0.7;
        mu::Parser check;
        try {
            prepare(check, &px, &py, text);
            check.Eval();
        } catch (const mu::Parser::exception_type& e) {
            throw FormulaError("cannot evaluate the derivative " + echoed(text) + ": " + muparserMessage(e),
                               0);
        }
    }
    return std::make_shared<const FormulaLandscape>(
        expression, compiled,
        FormulaDerivatives{compiled[1], compiled[2], compiled[3], compiled[4], compiled[5]});
}

}  // namespace

FormulaDerivatives formulaDerivatives(const Landscape& landscape) {
    if (auto* formula = dynamic_cast<const FormulaLandscape*>(&landscape)) return formula->derivatives();
    return {};
}

// Only a FormulaError leaves: the window, a scene and the command line catch that one type.
std::shared_ptr<const Landscape> makeFormulaLandscape(const std::string& expression) {
    try {
        return build(expression);
    } catch (const FormulaError&) {
        throw;
    } catch (const mu::Parser::exception_type& e) {
        throw FormulaError("cannot evaluate " + echoed(expression) + ": " + muparserMessage(e), 0);
    } catch (const std::bad_alloc&) {
        throw FormulaError("the formula " + echoed(expression) + " needs more memory than there is", 0);
    } catch (const std::exception& e) {
        throw FormulaError("cannot read " + echoed(expression) + ": " + echoed(e.what()), 0);
    } catch (...) {
        throw FormulaError("cannot read " + echoed(expression), 0);
    }
}

}  // namespace gradscape

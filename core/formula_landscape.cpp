#include "formula_landscape.h"

#include <ginac/ginac.h>
#include <muParser.h>

#include <array>
#include <cmath>
#include <mutex>
#include <regex>
#include <sstream>

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

std::string print(const GiNaC::ex& e) {
    std::ostringstream out;
    out << e;
    return out.str();
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

}  // namespace

FormulaDerivatives formulaDerivatives(const Landscape& landscape) {
    if (auto* formula = dynamic_cast<const FormulaLandscape*>(&landscape)) return formula->derivatives();
    return {};
}

std::shared_ptr<const Landscape> makeFormulaLandscape(const std::string& expression) {
    if (expression.find_first_not_of(" \t") == std::string::npos)
        throw FormulaError("the formula is empty", 0);
    if (expression.size() > kMaxFormulaLength)
        throw FormulaError("the formula is longer than " + std::to_string(kMaxFormulaLength) + " characters",
                           static_cast<int>(kMaxFormulaLength));
    // Syntax first, with muparser, whose messages say where the typo is.
    {
        double x = 0.3, y = 0.7;
        mu::Parser check;
        prepare(check, &x, &y, expression);
        try {
            check.Eval();
        } catch (const mu::Parser::exception_type& e) {
            throw FormulaError(e.GetMsg(), static_cast<int>(e.GetPos()));
        }
    }
    // Then the exact derivatives, with GiNaC.
    using namespace GiNaC;
    realsymbol x("x"), y("y");
    symtab names;
    names["x"] = x, names["y"] = y, names["pi"] = Pi, names["e"] = exp(ex(1));
    parser reader(names, true);
    std::array<std::string, 6> compiled;
    FormulaDerivatives derivatives;
    try {
        const ex f = reader(expression);
        const ex fx = f.diff(x), fy = f.diff(y);
        const std::array<ex, 6> all = {f, fx, fy, fx.diff(x), fx.diff(y), fy.diff(y)};
        for (size_t i = 0; i < all.size(); ++i)
            compiled[i] = print(all[i]);
        derivatives = {compiled[1], compiled[2], compiled[3], compiled[4], compiled[5]};
    } catch (const std::exception& e) {
        const std::string message = e.what();
        const std::string shown = message.substr(0, message.find('\n'));
        throw FormulaError(
            "no exact derivative: " +
                shown.substr(shown.rfind(": ") == std::string::npos ? 0 : shown.rfind(": ") + 2),
            positionOfName(expression, message));
    }
    // The derivatives must be evaluable too (a constant like sqrt(-1) is complex).
    for (const auto& text : compiled) {
        double px = 0.3, py = 0.7;
        mu::Parser check;
        prepare(check, &px, &py, text);
        try {
            check.Eval();
        } catch (const mu::Parser::exception_type& e) {
            throw FormulaError("cannot evaluate the derivative " + text + ": " + e.GetMsg(), 0);
        }
    }
    return std::make_shared<const FormulaLandscape>(expression, compiled, derivatives);
}

}  // namespace gradscape

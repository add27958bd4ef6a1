// Index:
//   [SECTION] Term, Function: what GiNaC will make of one part of a formula, and the functions it knows
//   [SECTION] Reader: sum > product > signed power > power (right-associative) > primary, literal, call;
//             each part checked against the limits as soon as it is read
//   [SECTION] checkNumbers, checkedFormula
#include "landscapes/formula_reading.h"

#include "support/input_limits.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <vector>

namespace gradscape {
namespace {

using limits::kMaxFormulaExponent;

// [SECTION] Term, Function
// What GiNaC will make of one part of the formula, as far as its cost goes.
struct Term {
    std::string text;                // for GiNaC, every operation in parentheses
    std::size_t begin = 0, end = 0;  // where it was typed
    bool constant = true;            // no x or y in it
    double value = NAN;              // its value when constant (NaN where not real)
    // Upper bounds on log10 of the numerators and denominators of the exact rationals GiNaC computes in
    // it (its coefficients when not constant), and of the magnitude of its floats (1e-300 is 0 and 300).
    double numeratorDigits = 0, denominatorDigits = 0;
    bool inexact = false;  // has a float literal: GiNaC computes its numbers in floating point
};

// The functions GiNaC differentiates, with their number of arguments, and how a constant argument
// evaluates (to check it stays finite).
struct Function {
    int arguments;
    double (*evaluate)(double, double);
};
const std::map<std::string, Function>& functions() {
    static const std::map<std::string, Function> all = {
        {"sin", {1, [](double a, double) { return std::sin(a); }}},
        {"cos", {1, [](double a, double) { return std::cos(a); }}},
        {"tan", {1, [](double a, double) { return std::tan(a); }}},
        {"asin", {1, [](double a, double) { return std::asin(a); }}},
        {"acos", {1, [](double a, double) { return std::acos(a); }}},
        {"atan", {1, [](double a, double) { return std::atan(a); }}},
        {"sinh", {1, [](double a, double) { return std::sinh(a); }}},
        {"cosh", {1, [](double a, double) { return std::cosh(a); }}},
        {"tanh", {1, [](double a, double) { return std::tanh(a); }}},
        {"asinh", {1, [](double a, double) { return std::asinh(a); }}},
        {"acosh", {1, [](double a, double) { return std::acosh(a); }}},
        {"atanh", {1, [](double a, double) { return std::atanh(a); }}},
        {"exp", {1, [](double a, double) { return std::exp(a); }}},
        {"log", {1, [](double a, double) { return std::log(a); }}},
        {"sqrt", {1, [](double a, double) { return std::sqrt(a); }}},
        {"abs", {1, [](double a, double) { return std::fabs(a); }}},
        {"heaviside", {1, [](double a, double) { return a >= 0 ? 1.0 : 0.0; }}},
        {"pow", {2, [](double a, double b) { return std::pow(a, b); }}},
        {"min", {2, [](double a, double b) { return std::min(a, b); }}},
        {"max", {2, [](double a, double b) { return std::max(a, b); }}},
    };
    return all;
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

// [SECTION] Reader
class Reader {
  public:
    explicit Reader(const std::string& text) : text_(text) {}

    std::string read() {
        Term whole = sum();
        skipSpace();
        if (at_ < text_.size())
            refuse(quote(at_, text_.size()) +
                       " cannot be read: a formula has only numbers, x, y, "
                       "pi, e, + - * / ^, functions and parentheses",
                   at_);
        return whole.text;
    }

    // Every number literal, on its own: muparser reads 1e400 as an unexpected token and cannot say why.
    void readNumbers() {
        while (at_ < text_.size()) {
            const unsigned char c = static_cast<unsigned char>(text_[at_]);
            if (std::isalpha(c) || c == '_') {
                while (at_ < text_.size() &&
                       (std::isalnum(static_cast<unsigned char>(text_[at_])) || text_[at_] == '_'))
                    ++at_;
            } else if (std::isdigit(c) || (c == '.' && at_ + 1 < text_.size() &&
                                           std::isdigit(static_cast<unsigned char>(text_[at_ + 1])))) {
                literal();
            } else {
                ++at_;
            }
        }
    }

  private:
    [[noreturn]] void refuse(const std::string& message, std::size_t position) const {
        throw FormulaError(message, static_cast<int>(position));
    }
    std::string quote(std::size_t begin, std::size_t end) const {
        return echoed(text_.substr(begin, end - begin));
    }
    void skipSpace() {
        while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_])))
            ++at_;
    }
    bool next(char c) {
        skipSpace();
        if (at_ < text_.size() && text_[at_] == c) return ++at_, true;
        return false;
    }
    void expect(char c) {
        if (!next(c)) refuse(std::string("expected '") + c + "'", at_);
    }

    // A constant part must stay finite: a double cannot hold more, and GiNaC's exact result would be
    // printed in full (9^20000 is 19,000 digits) and read back as infinity.
    Term checked(Term t, bool pole) const {
        t.end = std::max(t.end, t.begin);
        if (t.constant && std::isinf(t.value))
            refuse(quote(t.begin, t.end) + (pole ? " is infinite (a division by zero or a pole)"
                                                 : " is beyond the range of a double (about 1.8e308)"),
                   t.begin);
        if (std::max(t.numeratorDigits, t.denominatorDigits) > kMaxFormulaExponent)
            refuse(quote(t.begin, t.end) + " needs numbers of more than " +
                       std::to_string(kMaxFormulaExponent) + " digits (the limit)",
                   t.begin);
        return t;
    }

    Term sum() {
        Term left = product();
        for (;;) {
            const char op = next('+') ? '+' : next('-') ? '-' : 0;
            if (!op) return left;
            const Term right = product();
            Term t;
            t.text = "(" + left.text + op + right.text + ")";
            t.begin = left.begin, t.end = right.end;
            t.constant = left.constant && right.constant;
            t.value = op == '+' ? left.value + right.value : left.value - right.value;
            t.inexact = left.inexact || right.inexact;
            if (t.inexact || !t.constant) {
                // A float absorbs what it is added to; terms in x and y keep their own coefficients (GiNaC
                // never expands a power of a sum, so (x+y+1)^1000 has no large number).
                t.numeratorDigits = std::max(left.numeratorDigits, right.numeratorDigits) +
                                    (t.constant ? std::log10(2.0) : 0.0);
                t.denominatorDigits = std::max(left.denominatorDigits, right.denominatorDigits);
            } else {  // a/b + c/d = (ad + cb)/(bd)
                t.numeratorDigits = std::max(left.numeratorDigits + right.denominatorDigits,
                                             right.numeratorDigits + left.denominatorDigits) +
                                    std::log10(2.0);
                t.denominatorDigits = left.denominatorDigits + right.denominatorDigits;
            }
            left = checked(t, false);
        }
    }

    Term product() {
        Term left = signedPower();
        for (;;) {
            const char op = next('*') ? '*' : next('/') ? '/' : 0;
            if (!op) return left;
            const Term right = signedPower();
            if (op == '/' && right.constant && right.value == 0)
                refuse(quote(left.begin, right.end) + " divides by zero", right.begin);
            Term t;
            t.text = "(" + left.text + op + right.text + ")";
            t.begin = left.begin, t.end = right.end;
            t.constant = left.constant && right.constant;
            t.inexact = left.inexact || right.inexact;
            t.value = op == '*' ? left.value * right.value : left.value / right.value;
            t.numeratorDigits =
                left.numeratorDigits + (op == '*' ? right.numeratorDigits : right.denominatorDigits);
            t.denominatorDigits =
                left.denominatorDigits + (op == '*' ? right.denominatorDigits : right.numeratorDigits);
            left = checked(t, false);
        }
    }

    // Unary minus binds looser than ^ (-x^2 is -(x^2)), as in muparser and GiNaC.
    Term signedPower() {
        skipSpace();
        const std::size_t begin = at_;
        if (next('-')) {
            Term t = signedPower();
            t.text = "(-" + t.text + ")";
            t.value = -t.value;
            t.begin = begin;
            return t;
        }
        if (next('+')) {
            Term t = signedPower();
            t.begin = begin;
            return t;
        }
        return power();
    }

    // a^b^c is a^(b^c): the exponent is itself a (signed) power.
    Term power() {
        const Term base = primary();
        if (!next('^')) return base;
        const Term exponent = signedPower();
        return raise(base, exponent, base.begin, exponent.end, false);
    }

    Term raise(const Term& base, const Term& exponent, std::size_t begin, std::size_t end, bool function) {
        if (exponent.constant && std::fabs(exponent.value) > kMaxFormulaExponent)
            refuse(quote(begin, end) + ": the exponent " + number(exponent.value) +
                       " is beyond the limit of ±" + std::to_string(kMaxFormulaExponent),
                   exponent.begin);
        // d/dy 0^y = 0^y log(0): no derivative, and GiNaC's attempt leaks what it had built.
        if (base.constant && base.value == 0 && !exponent.constant)
            refuse(quote(begin, end) + " has no derivative: zero to a variable power needs log(0)", begin);
        const bool pole = base.constant && base.value == 0 && exponent.constant && exponent.value < 0;
        if (pole) refuse(quote(begin, end) + " divides by zero", begin);
        Term t;
        t.text = function ? "pow(" + base.text + "," + exponent.text + ")"
                          : "(" + base.text + ")^(" + exponent.text + ")";
        t.begin = begin, t.end = end;
        t.constant = base.constant && exponent.constant;
        t.inexact = base.inexact || exponent.inexact;
        t.value = std::pow(base.value, exponent.value);
        if (exponent.constant) {
            // GiNaC distributes an exact power over the base's numbers: (2*x)^3 is 8*x^3.
            const double times =
                std::isfinite(exponent.value) ? std::max(1.0, std::fabs(exponent.value)) : 1.0;
            const bool flip = exponent.value < 0;
            t.numeratorDigits = times * (flip ? base.denominatorDigits : base.numeratorDigits);
            t.denominatorDigits = times * (flip ? base.numeratorDigits : base.denominatorDigits);
        } else {
            t.numeratorDigits = base.numeratorDigits + exponent.numeratorDigits;
            t.denominatorDigits = base.denominatorDigits + exponent.denominatorDigits;
        }
        return checked(t, pole);
    }

    Term primary() {
        skipSpace();
        const std::size_t begin = at_;
        if (at_ >= text_.size()) refuse("the formula ends too early", at_);
        const char c = text_[at_];
        if (next('(')) {
            Term t = sum();
            expect(')');
            t.begin = begin, t.end = at_;
            return t;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return literal();
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            while (at_ < text_.size() &&
                   (std::isalnum(static_cast<unsigned char>(text_[at_])) || text_[at_] == '_'))
                ++at_;
            const std::string name = text_.substr(begin, at_ - begin);
            skipSpace();
            if (at_ < text_.size() && text_[at_] == '(') return call(name, begin);
            Term t;
            t.begin = begin, t.end = at_;
            if (name == "x" || name == "y") {
                t.text = name, t.constant = false;
            } else if (name == "pi" || name == "Pi") {
                t.text = "pi", t.value = M_PI;
            } else if (name == "e") {
                t.text = "e", t.value = M_E;
            } else {
                refuse("unknown name " + echoed(name) + ": the variables are x and y, the constants pi and e",
                       begin);
            }
            return t;
        }
        refuse(quote(at_, at_ + 1) + " cannot be read here", at_);
    }

    Term literal() {
        const std::size_t begin = at_;
        bool exact = true;
        long long exponent = 0;
        int exponentSign = 1;
        while (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_])))
            ++at_;
        if (at_ < text_.size() && text_[at_] == '.') {
            exact = false, ++at_;
            while (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_])))
                ++at_;
        }
        if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
            std::size_t digits = at_ + 1;
            if (digits < text_.size() && (text_[digits] == '+' || text_[digits] == '-'))
                exponentSign = text_[digits++] == '-' ? -1 : 1;
            if (digits < text_.size() && std::isdigit(static_cast<unsigned char>(text_[digits]))) {
                // Read the exponent saturated: 1e-3086666666 must not wrap around.
                for (at_ = digits; at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_]));
                     ++at_)
                    exponent = std::min(exponent * 10 + (text_[at_] - '0'), 1'000'000'000'000LL);
                exact = false;
                if (exponent > kMaxFormulaExponent)
                    refuse(quote(begin, at_) + ": a number's decimal exponent is limited to ±" +
                               std::to_string(kMaxFormulaExponent),
                           begin);
            }
        }
        Term t;
        t.text = text_.substr(begin, at_ - begin);
        if (t.text == ".") refuse("a lone '.' is not a number", begin);
        t.begin = begin, t.end = at_;
        t.value = std::strtod(t.text.c_str(), nullptr);
        if (std::isinf(t.value))
            refuse(quote(begin, at_) + " is beyond the range of a double (about 1.8e308)", begin);
        // A float's magnitude grows like an exact number's digits under powers ((1e300*x)^1000).
        const double mantissa = std::strtod(t.text.substr(0, t.text.find_first_of("eE")).c_str(), nullptr);
        const double magnitude = mantissa > 0 ? std::log10(mantissa) + double(exponentSign * exponent) : 0.0;
        t.numeratorDigits = std::max(magnitude, 0.0);
        t.denominatorDigits = exact ? 0.0 : std::max(-magnitude, 0.0);
        t.inexact = !exact;
        return checked(t, false);
    }

    Term call(const std::string& name, std::size_t begin) {
        const auto found = functions().find(name);
        if (found == functions().end()) {
            static const char* inexact[] = {"log2", "log10", "ln", "sign", "csgn", "rint", "sum", "avg"};
            const bool known = std::find(std::begin(inexact), std::end(inexact), name) != std::end(inexact);
            refuse(echoed(name) + (known ? " has no exact derivative here" : " is not a function") +
                       ": the functions are sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, "
                       "atanh, "
                       "exp, log, sqrt, abs, pow, min, max",
                   begin);
        }
        expect('(');
        std::vector<Term> arguments{sum()};
        while (next(','))
            arguments.push_back(sum());
        expect(')');
        if (static_cast<int>(arguments.size()) != found->second.arguments)
            refuse(quote(begin, at_) + ": " + name + " takes " + std::to_string(found->second.arguments) +
                       (found->second.arguments == 1 ? " argument" : " arguments") + ", not " +
                       std::to_string(arguments.size()),
                   begin);
        if (name == "pow") return raise(arguments[0], arguments[1], begin, at_, true);
        Term t;
        t.begin = begin, t.end = at_;
        t.text = name + "(";
        for (std::size_t i = 0; i < arguments.size(); ++i) {
            const Term& a = arguments[i];
            t.text += (i ? "," : "") + a.text;
            t.constant = t.constant && a.constant;
            t.inexact = t.inexact || a.inexact;
            t.numeratorDigits = std::max(t.numeratorDigits, a.numeratorDigits);
            t.denominatorDigits = std::max(t.denominatorDigits, a.denominatorDigits);
        }
        t.text += ")";
        const double a = arguments[0].value, b = arguments.size() > 1 ? arguments[1].value : 0.0;
        t.value = found->second.evaluate(a, b);
        // GiNaC evaluates exp of a float: exp(-1e300) is 10^-4e299, past even CLN's floats.
        if (name == "exp" && arguments[0].constant && std::isfinite(a)) {
            t.numeratorDigits = std::max(t.numeratorDigits, a / std::log(10.0));
            t.denominatorDigits = std::max(t.denominatorDigits, -a / std::log(10.0));
        }
        return checked(t, name == "log" && a == 0);
    }

    const std::string& text_;
    std::size_t at_ = 0;
};

}  // namespace

// [SECTION] checkNumbers, checkedFormula
void checkNumbers(const std::string& expression) {
    Reader(expression).readNumbers();
}

std::string checkedFormula(const std::string& expression) {
    return Reader(expression).read();
}

}  // namespace gradscape

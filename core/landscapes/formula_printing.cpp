// The printer of formula_printing.h: each part of a GiNaC expression becomes its text and, for a sum
// inside a product or a power, the sign that makes the text independent of GiNaC's order.
#include "landscapes/formula_printing.h"

#include "support/input_limits.h"

#include <ginac/ginac.h>

#include <algorithm>
#include <ostream>
#include <streambuf>
#include <string_view>
#include <utility>
#include <vector>

namespace gradscape {
namespace {

using namespace GiNaC;
using limits::kMaxDerivativeCharacters;

// Collects what GiNaC prints of a number (or a part this printer does not take apart) and gives up once
// past the limit.
class BoundedText : public std::streambuf {
  public:
    explicit BoundedText(std::size_t limit) : limit_(limit) {}
    const std::string& text() const { return text_; }

  protected:
    int_type overflow(int_type c) override {
        if (c == traits_type::eof()) return traits_type::not_eof(c);
        if (text_.size() >= limit_) throw TooLong{};
        text_.push_back(traits_type::to_char_type(c));
        return c;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (text_.size() + static_cast<std::size_t>(n) > limit_) throw TooLong{};
        text_.append(s, static_cast<std::size_t>(n));
        return n;
    }

  private:
    std::size_t limit_;
    std::string text_;
};

// GiNaC's own text of e, as it prints it inside an operator of this precedence (level).
std::string ginacText(const ex& e, unsigned level) {
    BoundedText text(kMaxDerivativeCharacters);
    std::ostream out(&text);
    out.exceptions(std::ios::badbit);  // the stream rethrows TooLong instead of swallowing it
    e.print(print_dflt(out), level);
    return text.text();
}

const std::string& bounded(const std::string& text) {
    if (text.size() > kMaxDerivativeCharacters) throw TooLong{};
    return text;
}

// A part as printed: `whole`, which is `text`, or minus `text` where `negative`. For a sum, `text` is the
// sum or its negation, whichever sorts first, and `whole` the sum as it is.
struct Printed {
    std::string text;
    bool negative = false;
    std::string whole;
};
Printed signedPart(std::string text, bool negative) {
    std::string whole = bounded(negative ? "-" + text : text);
    return {std::move(text), negative, std::move(whole)};
}

// The order of terms: added ones before subtracted ones, each by its text (x+y-1).
bool termBefore(const std::string& a, const std::string& b) {
    return std::pair(a[0] == '-', std::string_view(a)) < std::pair(b[0] == '-', std::string_view(b));
}
std::string sumText(const std::vector<std::string>& sortedTerms) {
    std::string text;
    for (const std::string& term : sortedTerms) {
        if (!text.empty() && term[0] != '-') text += '+';
        bounded(text += term);
    }
    return text;
}

Printed printPart(const ex& e);

// A power's base or exponent as GiNaC writes it: a number in parentheses unless natural, a sum, product
// or power in parentheses.
std::string inPower(const ex& e, const std::string& text, unsigned powerLevel) {
    if (is_a<numeric>(e)) return ginacText(e, powerLevel);
    return is_a<add>(e) || is_a<mul>(e) || is_a<power>(e) ? "(" + text + ")" : text;
}

// The terms by termBefore; `text` is whichever of the sum and its negation reads first in that order.
Printed printSum(const add& sum) {
    std::vector<std::string> terms, negated;
    std::size_t length = 0;
    for (std::size_t i = 0; i < sum.nops(); ++i) {
        terms.push_back(printPart(sum.op(i)).whole);
        negated.push_back(terms.back()[0] == '-' ? terms.back().substr(1) : "-" + terms.back());
        if ((length += terms.back().size()) > kMaxDerivativeCharacters) throw TooLong{};
    }
    std::sort(terms.begin(), terms.end(), termBefore);
    std::sort(negated.begin(), negated.end(), termBefore);
    const bool negative =
        std::lexicographical_compare(negated.begin(), negated.end(), terms.begin(), terms.end(), termBefore);
    std::string whole = sumText(terms);
    return {negative ? sumText(negated) : whole, negative, std::move(whole)};
}

// The number first, as GiNaC writes it (1/2*x, (0.5)*x), then the other factors by their text.
Printed printProduct(const mul& product) {
    numeric coefficient = 1;
    bool negative = false;
    std::vector<std::string> factors;
    std::size_t length = 0;
    for (std::size_t i = 0; i < product.nops(); ++i) {
        const ex factor = product.op(i);
        if (is_a<numeric>(factor)) {
            coefficient = ex_to<numeric>(factor);
            continue;
        }
        Printed part = printPart(factor);
        negative = negative != part.negative;
        factors.push_back(is_a<add>(factor) ? "(" + part.text + ")" : std::move(part.text));
        if ((length += factors.back().size()) > kMaxDerivativeCharacters) throw TooLong{};
    }
    if (coefficient.is_real() && coefficient.is_negative()) negative = !negative, coefficient = -coefficient;
    std::sort(factors.begin(), factors.end());
    std::string text;
    if (!coefficient.is_equal(1))
        text = ginacText(coefficient, coefficient.is_rational() ? 0 : product.precedence()) + "*";
    for (std::size_t i = 0; i < factors.size(); ++i)
        bounded(text += (i > 0 ? "*" : "") + factors[i]);
    return signedPart(std::move(text), negative);
}

// x^(1/2) is sqrt(x), as GiNaC writes it. A sum to an integer power takes the sum's sorted sign, which an
// odd power passes on; under any other power the sum keeps its own sign ((-x)^(1/3) is not -x^(1/3)).
Printed printPower(const power& p) {
    const ex base = p.op(0), exponent = p.op(1);
    const Printed below = printPart(base);
    if (exponent.is_equal(numeric(1, 2))) return signedPart("sqrt(" + below.whole + ")", false);
    const std::string raised = "^" + inPower(exponent, printPart(exponent).whole, p.precedence());
    if (is_a<numeric>(exponent) && exponent.info(info_flags::integer) && !is_a<numeric>(base))
        return signedPart(inPower(base, below.text, p.precedence()) + raised,
                          below.negative && exponent.info(info_flags::odd));
    return signedPart(inPower(base, below.whole, p.precedence()) + raised, false);
}

Printed printPart(const ex& e) {
    if (is_a<numeric>(e)) {
        const numeric& n = ex_to<numeric>(e);
        const bool negative = n.is_real() && n.is_negative();
        return {ginacText(negative ? -n : n, 0), negative, ginacText(n, 0)};
    }
    if (is_a<add>(e)) return printSum(ex_to<add>(e));
    if (is_a<mul>(e)) return printProduct(ex_to<mul>(e));
    if (is_a<power>(e)) return printPower(ex_to<power>(e));
    if (is_exactly_a<function>(e)) {
        std::string text = ex_to<function>(e).get_name() + "(";
        for (std::size_t i = 0; i < e.nops(); ++i)
            bounded(text += (i > 0 ? "," : "") + printPart(e.op(i)).whole);
        return signedPart(text + ")", false);
    }
    // A symbol, a constant (Pi), a derivative GiNaC could not take.
    return signedPart(ginacText(e, 0), false);
}

}  // namespace

std::string printFormula(const GiNaC::ex& e) {
    return printPart(e).whole;
}

}  // namespace gradscape

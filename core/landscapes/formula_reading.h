#pragma once
// Reads a typed formula before GiNaC sees it: every limit is checked here, where refusing is cheap, because
// GiNaC computes with exact numbers of any size and would spend minutes and gigabytes on a few
// characters (1e-3086666666, 9^9999999), and its own parser refuses x^x^x with an internal message.

#include "landscapes/formula_landscape.h"

#include "support/echo.h"

#include <string>

namespace gradscape {

/// The formula as GiNaC should read it: every operation in parentheses, so that a^b^c is a^(b^c) as in
/// the lectures and in muparser (a tower, right-associative), and pi and Pi both the constant.
/// Throws FormulaError, naming the part of the text and the limit, when the formula:
///   - has a number whose decimal exponent is beyond limits::kMaxFormulaExponent (1e-3086666666) or that
///     is not a finite double (1e400);
///   - raises to a constant power beyond limits::kMaxFormulaExponent (x^99999, 2^2^2^2^2);
///   - has a constant part that is infinite or beyond a double's range (9^400, exp(exp(exp(1000))), 1/0);
///   - would make GiNaC compute numbers of more than limits::kMaxFormulaExponent digits (exact ones, or
///     floats past 10^±1000)
///     ((1 + 1/10^300)^1000, (9^99)^99);
///   - uses a function with no exact derivative (sign) or the wrong number of arguments, or any syntax
///     that is not + - * / ^, parentheses, functions, numbers, x, y, pi and e.
/// The text is at most kMaxFormulaLength characters and muparser has already read it.
std::string checkedFormula(const std::string& expression);

/// Checks only the number literals of a formula (the first two cases above), before muparser reads it.
void checkNumbers(const std::string& expression);


}  // namespace gradscape

#pragma once
// A landscape typed by the user as a formula f(x, y), with exact symbolic derivatives.

#include "landscapes/landscape.h"

#include <memory>
#include <stdexcept>
#include <string>

namespace gradscape {

/// Why a typed formula was refused, and where: `position` counts characters from 0.
class FormulaError : public std::invalid_argument {
  public:
    FormulaError(const std::string& message, int position)
        : std::invalid_argument(message + " (at position " + std::to_string(position) + ")"),
          position_(position) {}
    int position() const { return position_; }

  private:
    int position_;
};

/// The symbolic derivatives of a typed formula, as the window shows them and muparser evaluates them:
/// the same text on every run and machine (printFormula in formula_printing.h).
struct FormulaDerivatives {
    std::string dx, dy, dxx, dxy, dyy;
};

/// The exact derivatives of a formula landscape (empty for any other landscape).
FormulaDerivatives formulaDerivatives(const Landscape& landscape);

/// Builds f(x, y) from text with the usual operators (+ - * / ^) and functions (sin, cos, tan, asin,
/// acos, atan, sinh, cosh, tanh, asinh, acosh, atanh, exp, log, sqrt, abs, pow, min, max) and the
/// constants pi and e. a^b^c is the tower a^(b^c), as in the lectures (and muparser); -x^2 is -(x^2).
/// GiNaC differentiates it exactly; muparser evaluates f and the derivatives. A typo is refused with a
/// FormulaError saying what and where; nothing is ever evaluated by finite differences. Where f is not
/// finite (log of a negative) its value is NaN: drawn masked, and a path that enters diverges.
/// The limits (formula_reading.h, input_limits.h) are checked before GiNaC computes anything, so no
/// formula takes more than milliseconds or megabytes: numbers and constant exponents within
/// limits::kMaxFormulaExponent, constants within a double's range, derivatives of at most
/// limits::kMaxDerivativeCharacters characters. FormulaError is the only exception that leaves, whatever
/// GiNaC, CLN or muparser throw, and its message echoes at most limits::kMaxEchoedCharacters of the text.
std::shared_ptr<const Landscape> makeFormulaLandscape(const std::string& expression);

/// The longest formula accepted (symbolic derivatives of longer ones could grow without bound).
inline constexpr size_t kMaxFormulaLength = 400;

}  // namespace gradscape

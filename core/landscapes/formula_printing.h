#pragma once
// The text of a typed formula's f and derivatives that muparser evaluates and the window shows, printed
// from GiNaC's expression tree so that it is the same on every run and machine, to the digit.

#include <string>

namespace GiNaC {
class ex;
}

namespace gradscape {

/// Thrown by printFormula for a text longer than limits::kMaxDerivativeCharacters: the formula is too
/// complex to differentiate here.
struct TooLong {};

/// An expression as GiNaC's default output writes it (the operators + - * / ^, its parentheses, its
/// numbers: 1/2*x, (0.5)*x, (1.0E309)*x, x^(-1), sqrt(x), I, Pi, function names), but with the terms of
/// each sum and the factors of each product sorted by their text (added terms first: y-x^2), and each sum
/// inside a product or an integer power written with whichever sign sorts first (-(x-y)*z, never
/// (y-x)*z on one run and -(x-y)*z on another). GiNaC's own order comes from hash values seeded with
/// addresses, which move from run to run; printed in it, a sum would be added up in another order (other
/// last digits) on each run. Throws TooLong as soon as any part of the text passes the limit, so a huge
/// derivative costs no more than printing the limit at each level of nesting, never the whole.
std::string printFormula(const GiNaC::ex& e);

}  // namespace gradscape

#pragma once
// The lectures' formulas as a board writes them: the ASCII spelling the code uses ("eta * grad f(x)",
// "beta1^t", "x <- x - ...") turned into the notation a class reads ("η · ∇f(x)", "β₁ᵗ", "x ← x − ...").

#include <string>

namespace gradscape {

/// The formula in UTF-8 mathematical notation: Greek letters for their names as whole words (eta, beta1,
/// b1, lambda, mu, rho, alpha, sigma, xi, delta, eps, kappa, theta, phi), ∇ for "grad", ← for "<-", ≤ and
/// ≥, √ for "sqrt", superscript 2 and -1, · for " * ", and a true minus sign between spaces. Other text,
/// and names that merely contain a Greek name ("metadata", "Adam"), stay as they are.
std::string mathNotation(const std::string& ascii);

/// A number as the views label it: 4 significant digits (%.4g), and 0 for anything within 1e-12 of it.
std::string viewNumber(double value);

}  // namespace gradscape

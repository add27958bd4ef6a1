#include "view/notation.h"

#include <doctest/doctest.h>

using namespace gradscape;

TEST_CASE("formulas read as a board writes them") {
    CHECK(mathNotation("x <- x - eta * grad f(x)") == "x \u2190 x \u2212 \u03b7 \u00b7 \u2207f(x)");
    CHECK(mathNotation("m <- b1 m + (1-b1) g") == "m \u2190 \u03b2\u2081 m + (1-\u03b2\u2081) g");
    CHECK(mathNotation("G <- G + g^2") == "G \u2190 G + g\u00b2");
    CHECK(mathNotation("(H + delta I)^-1") == "(H + \u03b4 I)\u207b\u00b9");
    CHECK(mathNotation("sqrt(v^ + eps)") == "\u221a(v^ + \u03b5)");
    CHECK(mathNotation("2 g'g / g'Hg, eta <= 2 / lambda_max") ==
          "2 g'g / g'Hg, \u03b7 \u2264 2 / \u03bb_max");
    CHECK(mathNotation("beta1^t") == "\u03b2\u2081^t");
}

TEST_CASE("names that only contain a Greek name stay as they are") {
    CHECK(mathNotation("Adam, metadata, etas, mute, gradient") == "Adam, metadata, etas, mute, gradient");
    CHECK(mathNotation("") == "");
    CHECK(mathNotation("x_k") == "x_k");
}

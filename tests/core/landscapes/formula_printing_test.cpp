// The printed derivatives of a typed formula (formula_printing.h): a fixed text, the same on every run and
// machine, and the exact derivative (each text is what muparser evaluates, checked by finite differences).
#include "landscapes/formula_landscape.h"

#include "support/finite_differences.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace gradscape;

TEST_CASE("a formula's derivatives print sorted by text, and each printed text is the exact derivative") {
    struct Case {
        std::string formula, dx, dy, dxx, dxy, dyy;
    };
    for (const Case& c : std::vector<Case>{
             // The formula whose last digits changed from run to run (GiNaC's order moved with addresses).
             {"sin(3*x)*cos(2*y) + 0.1*(x^2 + y^2) + exp(-x^2)", "(0.2)*x+3*cos(2*y)*cos(3*x)-2*exp(-x^2)*x",
              "(0.2)*y-2*sin(2*y)*sin(3*x)", "0.2+4*exp(-x^2)*x^2-2*exp(-x^2)-9*cos(2*y)*sin(3*x)",
              "-6*cos(3*x)*sin(2*y)", "0.2-4*cos(2*y)*sin(3*x)"},
             // log, sqrt and abs; a quotient is a power -1, a root over a sum a power -1/2.
             {"log(1 + x^2) + sqrt(y^2 + 1) + abs(x - y)", "(x-y)*abs(x-y)^(-1)+2*(1+x^2)^(-1)*x",
              "(1+y^2)^(-1/2)*y-(x-y)*abs(x-y)^(-1)", "2*(1+x^2)^(-1)-4*(1+x^2)^(-2)*x^2", "0",
              "(1+y^2)^(-1/2)-(1+y^2)^(-3/2)*y^2"},
             // min and max differentiate to Heaviside steps; rationals stay exact (1/3, -1/2).
             {"min(x, y^2) + max(2*x, y) + x/3 - y/2", "1/3+2*heaviside(2*x-y)+heaviside(y^2-x)",
              "2*heaviside(x-y^2)*y+heaviside(y-2*x)-1/2", "0", "0", "2*heaviside(x-y^2)"},
             // Powers (x^(1/2) is sqrt(x)), and floats as GiNaC writes them, E exponents included.
             {"(x - 2*y)^3 + x^(3/2) + 2.5e-3*x*y + 3e-7*y^2", "(0.0025)*y+3*(2*y-x)^2+3/2*sqrt(x)",
              "(0.0025)*x+(6.0E-7)*y-6*(2*y-x)^2", "3/4*x^(-1/2)+6*x-12*y", "0.0025+24*y-12*x",
              "24*x+6.0E-7-48*y"},
             // A sum inside a product or power takes the sign that sorts first, y-x as -(x-y): GiNaC picks
             // either sign by its address-dependent order.
             {"(y - x)^3 + (x - y)*(x + 2)", "2+2*x-3*(x-y)^2-y", "3*(x-y)^2-2-x", "2+6*y-6*x", "6*x-1-6*y",
              "6*y-6*x"},
         }) {
        CAPTURE(c.formula);
        const auto f = makeFormulaLandscape(c.formula);
        const FormulaDerivatives d = formulaDerivatives(*f);
        CHECK(d.dx == c.dx);
        CHECK(d.dy == c.dy);
        CHECK(d.dxx == c.dxx);
        CHECK(d.dxy == c.dxy);
        CHECK(d.dyy == c.dyy);
        // Away from the kinks of abs, min and max, and where x^(3/2) is real.
        for (const Vec2& p : {Vec2(0.31, -0.47), Vec2(1.13, 0.72), Vec2(0.87, 1.4)}) {
            testing::checkDerivativesAgainstDifferences(*f, p);
        }
    }
}

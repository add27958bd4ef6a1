// `gradscape analyze`: every number checked against a closed form computed here, independently.

#include "support/test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <complex>
#include <numbers>
#include <sstream>

using namespace gradscape::testing;
using nlohmann::json;

namespace {

CommandResult analyzeRun(const std::string& arguments) {
    return run(std::string(executable()) + " analyze " + arguments);
}

json analyzeJson(const std::string& arguments) {
    const CommandResult r = run(std::string(executable()) + " analyze " + arguments + " --format json 2>/dev/null");
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    return json::parse(r.output);
}

// Heavy ball on one eigen-direction lambda: z^2 - (1 + mu - eta lambda) z + mu = 0; the larger |root|.
double heavyBallRate(double eta, double mu, double lambda) {
    const std::complex<double> b = 1 + mu - eta * lambda;
    const std::complex<double> root = std::sqrt(b * b - 4.0 * mu);
    return std::max(std::abs((b + root) / 2.0), std::abs((b - root) / 2.0));
}

}  // namespace

TEST_CASE("analyze on the quadratic: Hessian, eigenvalues and kappa in closed form, GD's bound 2/lambda_max") {
    for (const double kappa : {4.0, 20.0, 50.0})
        for (const double theta : {0.0, 30.0, -65.0}) {
            CAPTURE(kappa);
            CAPTURE(theta);
            std::ostringstream args;
            args << "--landscape quadratic --param kappa=" << kappa << " --param theta=" << theta
                 << " --at 1,-2 --optimizer gd:lr=0.05 --optimizer momentum:lr=0.01,momentum=0.9 "
                    "--optimizer adam:lr=0.1";
            const json a = analyzeJson(args.str());
            // H = R' diag(kappa, 1) R with R the rotation by theta.
            const double t = theta * std::numbers::pi / 180, c = std::cos(t), s = std::sin(t);
            const double h00 = kappa * c * c + s * s, h01 = (kappa - 1) * c * s, h11 = kappa * s * s + c * c;
            CHECK(a["hessian"][0][0].get<double>() == doctest::Approx(h00));
            CHECK(a["hessian"][0][1].get<double>() == doctest::Approx(h01));
            CHECK(a["hessian"][1][0].get<double>() == doctest::Approx(h01));
            CHECK(a["hessian"][1][1].get<double>() == doctest::Approx(h11));
            CHECK(a["hessian_eigenvalues"][0].get<double>() == doctest::Approx(1));
            CHECK(a["hessian_eigenvalues"][1].get<double>() == doctest::Approx(kappa));
            CHECK(a["kappa"].get<double>() == doctest::Approx(kappa));
            // f = x'Hx / 2 and grad f = H x at (1, -2).
            CHECK(a["value"].get<double>() == doctest::Approx(0.5 * (h00 - 4 * h01 + 4 * h11)));
            CHECK(a["gradient"][0].get<double>() == doctest::Approx(h00 - 2 * h01));
            CHECK(a["gradient"][1].get<double>() == doctest::Approx(h01 - 2 * h11));

            REQUIRE(a["optimizers"].size() == 3);
            const json& gd = a["optimizers"][0];
            CHECK(gd["id"] == 1);
            CHECK(gd["kind"] == "gd");
            CHECK(gd["lr"] == 0.05);
            CHECK(gd["lr_bound"].get<double>() == doctest::Approx(2 / kappa));
            CHECK(gd["rate"].get<double>() == doctest::Approx(std::max(std::abs(1 - 0.05 * kappa), 0.95)));
            const json& momentum = a["optimizers"][1];
            CHECK(momentum["lr_bound"].get<double>() == doctest::Approx((2 + 2 * 0.9) / kappa));
            CHECK(momentum["rate"].get<double>() ==
                  doctest::Approx(std::max(heavyBallRate(0.01, 0.9, kappa), heavyBallRate(0.01, 0.9, 1))));
            // Adam's step is no fixed linear map: no bound, no rate, and a reason.
            const json& adam = a["optimizers"][2];
            CHECK(adam["lr_bound"].is_null());
            CHECK(adam["rate"].is_null());
            CHECK(adam["why"].is_string());
        }
}

TEST_CASE("analyze: Rosenbrock's Hessian at the minimum, a saddle's kappa is null, L2 adds 2 lambda2") {
    const json a = analyzeJson("--landscape rosenbrock --at 1,1 --optimizer gd:lr=0.001");
    CHECK(a["value"].get<double>() == doctest::Approx(0));
    CHECK(a["hessian"] == json::array({json::array({802.0, -400.0}), json::array({-400.0, 200.0})}));
    const double root = std::sqrt(602.0 * 602.0 + 4 * 400.0 * 400.0);
    CHECK(a["hessian_eigenvalues"][0].get<double>() == doctest::Approx((1002 - root) / 2));
    CHECK(a["hessian_eigenvalues"][1].get<double>() == doctest::Approx((1002 + root) / 2));
    CHECK(a["optimizers"][0]["lr_bound"].get<double>() == doctest::Approx(4 / (1002 + root)));

    const json saddle = analyzeJson("--expr 'x^2 - y^2' --at 0.5,0.5 --optimizer gd");
    CHECK(saddle["hessian_eigenvalues"] == json::array({-2.0, 2.0}));
    CHECK(saddle["kappa"].is_null());

    const json regularized = analyzeJson("--landscape quadratic --param kappa=10 --l2 0.5 --at 1,1 --optimizer gd");
    CHECK(regularized["hessian_eigenvalues"][0].get<double>() == doctest::Approx(2));
    CHECK(regularized["hessian_eigenvalues"][1].get<double>() == doctest::Approx(11));
    CHECK(regularized["optimizers"][0]["lr_bound"].get<double>() == doctest::Approx(2.0 / 11));
}

TEST_CASE("analyze prints a readable table by default, and refuses bad input with status 2 in one line") {
    const CommandResult text = analyzeRun("--landscape quadratic --at 1,1 --optimizer gd:lr=0.1 --optimizer adam");
    REQUIRE(text.exitStatus == 0);
    for (const char* word : {"Hessian", "eigenvalues", "kappa       10", "lr bound", "Adam", "0.2 "})
        CHECK(text.output.find(word) != std::string::npos);
    struct Case {
        std::string arguments, message;
    };
    for (const Case& c : std::vector<Case>{
             {"--landscape quadratic --optimizer gd", "--at is required"},
             {"--landscape quadratic --at 1", "--at: expected two finite numbers as X,Y"},
             {"--landscape quadratic --at 1,1 --optimizer gd:lr=0", "(racer 1): lr: learning rate must be in"},
             {"--landscape quadratic --at 1,1 --param kappa=-1", "kappa must be in"},
             {"--landscape banana --at 1,1", "unknown landscape 'banana'"},
             {"--at 1,1", "--landscape"},
             {"--landscape quadratic --at 1,1 --format xml", "--format"},
         }) {
        CAPTURE(c.arguments);
        const CommandResult r = analyzeRun(c.arguments);
        CHECK(r.exitStatus == 2);
        CHECK(r.output.find(c.message) != std::string::npos);
        std::istringstream in(r.output);
        int lines = 0;
        for (std::string line; std::getline(in, line);)
            ++lines;
        CHECK(lines == 1);
    }
}

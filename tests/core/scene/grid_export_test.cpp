// A loss on a grid as CSV (render --grid-csv): a network's loss on its plane equals the loss worked out
// independently, a scalar forward pass at w = origin + a first + b second, to 1e-12 relative; a landscape's
// grid is its value at each point; the CSV reads back to the same doubles, x growing fastest.

#include "landscapes/landscape.h"
#include "networks/problem_spec.h"
#include "scene/grid_export.h"
#include "support/input_limits.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace gradscape;

namespace {

// The network's mean loss at the trained parameters w, one sample and one neuron at a time from the
// parameter layout (each layer's W row by row, then its b) and the definitions of the activations and
// losses: nothing of Mlp's passes or of valuesOnPlane.
double scalarNetworkLoss(const NetworkProblem& problem, const VecX& w) {
    const VecX all = problem.networkParameters(w);
    const MlpShape& shape = problem.network().shape();
    const Dataset& data = problem.data();
    double sum = 0;
    for (int s = 0; s < data.sampleCount(); ++s) {
        std::vector<double> a(data.inputs.col(s).data(), data.inputs.col(s).data() + data.inputs.rows());
        Eigen::Index offset = 0;
        for (int l = 0; l < shape.layerCount(); ++l) {
            const int in = shape.layers[static_cast<std::size_t>(l)], out = shape.layers[static_cast<std::size_t>(l) + 1];
            std::vector<double> z(static_cast<std::size_t>(out));
            for (int o = 0; o < out; ++o) {
                double v = all[offset + static_cast<Eigen::Index>(out) * in + o];
                for (int i = 0; i < in; ++i)
                    v += all[offset + static_cast<Eigen::Index>(o) * in + i] * a[static_cast<std::size_t>(i)];
                const bool hidden = l + 1 < shape.layerCount();
                if (hidden && shape.activation == Activation::Tanh) v = std::tanh(v);
                if (hidden && shape.activation == Activation::Relu) v = std::max(v, 0.0);
                z[static_cast<std::size_t>(o)] = v;
            }
            offset += static_cast<Eigen::Index>(out) * in + out;
            a = z;
        }
        const double z = a.front(), t = data.targets(0, s);
        sum += problem.loss() == Loss::Bce ? std::max(z, 0.0) - z * t + std::log1p(std::exp(-std::abs(z)))
                                           : (z - t) * (z - t);
    }
    return sum / data.sampleCount();
}

std::shared_ptr<const NetworkProblem> gridNetwork(std::vector<int> layers, Activation activation, DatasetKind data,
                                                  bool probe) {
    ProblemSpec spec;
    spec.layers = std::move(layers);
    spec.activation = activation;
    spec.data = {data, 48, 0.1, 6, 1};
    spec.loss = isClassification(data) ? Loss::Bce : Loss::Mse;
    spec.probe = probe;
    spec.seed = 6;
    return makeProblem(spec);
}

}  // namespace

TEST_CASE("a network's loss on its plane as a grid: the loss at origin + a first + b second, to 1e-12") {
    for (const auto& problem : {gridNetwork({2, 8, 1}, Activation::Tanh, DatasetKind::Moons, false),
                                gridNetwork({1, 8, 4, 1}, Activation::Relu, DatasetKind::Sine, true)}) {
        CAPTURE(problem->name());
        const LossPlane plane = makeLossPlane(*problem, {PlaneKind::Random, 2}, {});
        const ViewBox box{-1.5, 0.5, -0.75, 1.25};
        const LossGrid grid = planeGrid(*problem, plane, box, 7, 3);
        CHECK(grid.side == 7);
        CHECK(grid.xName == "a");
        CHECK(grid.yName == "b");
        REQUIRE(grid.values.size() == 49);
        // Corners included, evenly spaced.
        CHECK(grid.xAt(0) == -1.5);
        CHECK(grid.xAt(6) == 0.5);
        CHECK(grid.yAt(0) == -0.75);
        CHECK(grid.yAt(6) == 1.25);
        CHECK(grid.xAt(3) == doctest::Approx(-0.5).epsilon(1e-15));
        for (auto [i, j] : {std::pair{0, 0}, {6, 6}, {6, 0}, {3, 2}, {1, 5}}) {
            CAPTURE(i);
            CAPTURE(j);
            const double a = grid.xAt(i), b = grid.yAt(j);
            const VecX w = plane.origin + a * plane.first + b * plane.second;
            const double expected = scalarNetworkLoss(*problem, w);
            const double got = grid.values[static_cast<std::size_t>(j * 7 + i)];
            CHECK(std::abs(got - expected) <= 1e-12 * std::abs(expected));
            CHECK(std::abs(got - problem->valueAt(w)) <= 1e-12 * std::abs(expected));
        }
        // The same on one thread as on three.
        CHECK(planeGrid(*problem, plane, box, 7, 1).values == grid.values);
    }
}

TEST_CASE("a landscape's grid is its value at each point; the CSV reads back to the same doubles") {
    const auto himmelblau = makeLandscape("himmelblau");
    const LossGrid grid = landscapeGrid(*himmelblau, {-5, 5, -4, 2}, 4, 2);
    CHECK(grid.xName == "x");
    for (int j = 0; j < 4; ++j)
        for (int i = 0; i < 4; ++i)
            CHECK(grid.values[static_cast<std::size_t>(j * 4 + i)] == himmelblau->valueAt(Vec2(grid.xAt(i), grid.yAt(j))));
    std::ostringstream out;
    writeGridCsv(out, grid);
    std::istringstream in(out.str());
    std::string line;
    std::getline(in, line);
    CHECK(line == "x,y,loss");
    // Row by row from the bottom, x growing fastest.
    for (int j = 0; j < 4; ++j)
        for (int i = 0; i < 4; ++i) {
            REQUIRE(std::getline(in, line));
            char* end = nullptr;
            const double x = std::strtod(line.c_str(), &end);
            const double y = std::strtod(end + 1, &end);
            const double loss = std::strtod(end + 1, &end);
            CHECK(x == grid.xAt(i));
            CHECK(y == grid.yAt(j));
            CHECK(loss == grid.values[static_cast<std::size_t>(j * 4 + i)]);
        }
    CHECK_FALSE(std::getline(in, line));
    CHECK(out.str().rfind("x,y,loss\n-5,-4,", 0) == 0);
}

TEST_CASE("a grid is refused below 2 or above kMaxGridCsvSide points a side, on an empty box or a plane of another size") {
    const auto quadratic = makeLandscape("quadratic");
    const ViewBox box{-1, 1, -1, 1};
    CHECK_THROWS_WITH_AS(landscapeGrid(*quadratic, box, 1), doctest::Contains("it takes 2 to 1024"), std::invalid_argument);
    CHECK_THROWS_AS(landscapeGrid(*quadratic, box, limits::kMaxGridCsvSide + 1), std::invalid_argument);
    CHECK_THROWS_AS(landscapeGrid(*quadratic, {1, 1, -1, 1}, 8), std::invalid_argument);
    CHECK_THROWS_AS(landscapeGrid(*quadratic, {-1, std::numeric_limits<double>::quiet_NaN(), -1, 1}, 8),
                    std::invalid_argument);
    const auto problem = gridNetwork({2, 4, 1}, Activation::Tanh, DatasetKind::Xor, false);
    LossPlane plane = makeLossPlane(*problem, {PlaneKind::Random, 1}, {});
    plane.second = VecX::Zero(3);
    CHECK_THROWS_WITH_AS(planeGrid(*problem, plane, box, 4), doctest::Contains("dimension"), std::invalid_argument);
}

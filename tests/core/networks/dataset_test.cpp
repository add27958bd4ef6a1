// The generated data sets and the portable generator under them: the same from a seed, of the right
// shapes, balanced, different from another seed.

#include "networks/dataset.h"
#include "networks/portable_random.h"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

using namespace gradscape;

TEST_CASE("the portable generator is splitmix64: its published first outputs from seed 0") {
    PortableRandom random(0);
    CHECK(random.nextBits() == 0xE220A8397B1DCDAFull);
    CHECK(random.nextBits() == 0x6E789E6AA1B965F4ull);
    CHECK(random.nextBits() == 0x06C45D188009454Full);
    PortableRandom uniforms(7);
    double sum = 0, squares = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        const double u = uniforms.uniform();
        REQUIRE(u >= 0);
        REQUIRE(u < 1);
        const double z = uniforms.normal();
        sum += z, squares += z * z;
    }
    CHECK(std::abs(sum / n) < 0.03);
    CHECK(std::abs(squares / n - 1) < 0.05);
}

TEST_CASE("every data set is the same from its seed, has the right shapes, and another seed differs") {
    for (const auto& row : kDatasetKindNames) {
        CAPTURE(row.name);
        DatasetSpec spec{row.value, 101, 0.1, 42, 3};
        const Dataset a = makeDataset(spec);
        const Dataset b = makeDataset(spec);
        const int d = row.value == DatasetKind::Linear ? 3 : row.value == DatasetKind::Sine ? 1 : 2;
        CHECK(a.inputs.rows() == d);
        CHECK(a.inputs.cols() == 101);
        CHECK(a.targets.rows() == 1);
        CHECK(a.targets.cols() == 101);
        CHECK(a.inputs == b.inputs);
        CHECK(a.targets == b.targets);
        CHECK(a.inputs.allFinite());
        CHECK(a.targets.allFinite());
        spec.seed = 43;
        const Dataset c = makeDataset(spec);
        CHECK(c.inputs != a.inputs);
        CHECK((c.targets != a.targets) == !isClassification(row.value));
        CHECK(valueNamed(kDatasetKindNames, row.name) == row.value);
    }
}

TEST_CASE("the classification sets are balanced 0/1 and sit where their shapes say") {
    for (const DatasetKind kind : {DatasetKind::Moons, DatasetKind::Circles, DatasetKind::Spirals, DatasetKind::Xor}) {
        CAPTURE(nameOf(kDatasetKindNames, kind));
        const Dataset data = makeDataset({kind, 200, 0.0, 5});
        CHECK((data.targets.array() == 0 || data.targets.array() == 1).all());
        CHECK(data.targets.sum() == 100);
        for (int i = 0; i < 200; ++i) {
            const Eigen::Vector2d p = data.inputs.col(i);
            const int label = static_cast<int>(data.targets(0, i));
            if (kind == DatasetKind::Circles) CHECK(p.norm() == doctest::Approx(label == 0 ? 1.0 : 0.5));
            if (kind == DatasetKind::Xor) CHECK((p.x() * p.y() < 0) == (label == 1));
            if (kind == DatasetKind::Spirals) CHECK(p.norm() <= 1.0);
            if (kind == DatasetKind::Moons && label == 0) CHECK(p.norm() == doctest::Approx(1.0));
        }
    }
    // Noise moves the points and keeps the labels: the same draws, jittered.
    const Dataset clean = makeDataset({DatasetKind::Moons, 50, 0.0, 9});
    const Dataset noisy = makeDataset({DatasetKind::Moons, 50, 0.2, 9});
    CHECK(clean.targets == noisy.targets);
    const double jitter = (clean.inputs - noisy.inputs).norm() / std::sqrt(100.0);
    CHECK(jitter > 0.1);
    CHECK(jitter < 0.3);
}

TEST_CASE("sine and linear regression: targets from their formula plus the noise") {
    const Dataset sine = makeDataset({DatasetKind::Sine, 300, 0.0, 1});
    CHECK(sine.inputs.minCoeff() >= -std::numbers::pi);
    CHECK(sine.inputs.maxCoeff() < std::numbers::pi);
    for (int i = 0; i < 300; ++i)
        CHECK(sine.targets(0, i) == std::sin(sine.inputs(0, i)));

    const Dataset linear = makeDataset({DatasetKind::Linear, 64, 0.0, 3, 4});
    REQUIRE(linear.trueCoefficients.size() == 5);
    const Eigen::RowVectorXd expected =
        linear.trueCoefficients.head(4).transpose() * linear.inputs +
        Eigen::RowVectorXd::Constant(64, linear.trueCoefficients[4]);
    CHECK((linear.targets - expected).cwiseAbs().maxCoeff() < 1e-12);
    const Dataset noisy = makeDataset({DatasetKind::Linear, 64, 0.5, 3, 4});
    CHECK(noisy.trueCoefficients == linear.trueCoefficients);
    const double residual = (noisy.targets - expected).norm() / std::sqrt(64.0);
    CHECK(residual == doctest::Approx(0.5).epsilon(0.3));
    CHECK(makeDataset({DatasetKind::Linear, 64, 0.0, 4, 4}).trueCoefficients != linear.trueCoefficients);
}

TEST_CASE("a data set refuses no samples, a negative noise and no features") {
    CHECK_THROWS_AS(makeDataset({DatasetKind::Moons, 0}), std::invalid_argument);
    CHECK_THROWS_AS(makeDataset({DatasetKind::Moons, 10, -1}), std::invalid_argument);
    CHECK_THROWS_AS(makeDataset({DatasetKind::Moons, 10, NAN}), std::invalid_argument);
    CHECK_THROWS_AS(makeDataset({DatasetKind::Linear, 10, 0.1, 0, 0}), std::invalid_argument);
}

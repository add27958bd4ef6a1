// The MLP's kernels on both compiled paths (the AVX2 + FMA one where the CPU has it): tanh against the C
// library's over a dense sweep, in ulp, with its special values; the product against a plain triple loop
// on every shape of tile and tail, strides either way round.

#include "networks/mlp_kernels.h"

#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using namespace gradscape;

namespace {

std::vector<KernelPath> kernelPathsHere() {
    std::vector<KernelPath> paths = {KernelPath::Portable};
    if (networkKernelPath() == KernelPath::Avx2Fma) paths.push_back(KernelPath::Avx2Fma);
    return paths;
}

std::string kernelPathName(KernelPath path) { return path == KernelPath::Avx2Fma ? "avx2+fma" : "portable"; }

// The distance in ulp between two finite doubles of the same sign (their bit patterns are ordered).
std::int64_t ulpDistance(double a, double b) {
    if (a == b) return 0;
    if (std::signbit(a) != std::signbit(b)) return std::numeric_limits<std::int64_t>::max();
    const std::int64_t ia = std::bit_cast<std::int64_t>(std::abs(a)), ib = std::bit_cast<std::int64_t>(std::abs(b));
    return ia > ib ? ia - ib : ib - ia;
}

// tanh over every x of the sweep against the rounded tanh (long double's, 64 bits of mantissa, rounded
// to double): the largest distance in ulp; the slopes are 1 - y^2 to the rounding of that formula.
std::int64_t worstTanhUlps(KernelPath path, const std::vector<double>& xs) {
    std::vector<double> ys(xs.size()), slopes(xs.size());
    tanhWithSlope(path, xs.data(), ys.data(), slopes.data(), xs.size());
    std::int64_t worst = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        worst = std::max(worst, ulpDistance(ys[i], static_cast<double>(std::tanh(static_cast<long double>(xs[i])))));
        if (std::abs(slopes[i] - (1 - ys[i] * ys[i])) > 4e-16) {
            FAIL_CHECK("the slope at " << xs[i] << " is " << slopes[i]);
            break;
        }
    }
    return worst;
}

// The largest difference (relative, or absolute below 1) between columnProduct and a triple loop on made-up values: B depth x columns by
// columns (strides 1, depth) or, transposed, by rows (columns, 1); mode 0 plain, 1 with a bias, 2 also
// accumulating into C.
double productError(KernelPath path, int rows, int columns, int depth, bool transposed, int mode) {
    std::vector<double> m(static_cast<std::size_t>(depth) * rows), b(static_cast<std::size_t>(depth) * columns),
        bias(rows), c(static_cast<std::size_t>(rows) * columns);
    for (std::size_t i = 0; i < m.size(); ++i) m[i] = std::sin(0.7 * i + 0.1);
    for (std::size_t i = 0; i < b.size(); ++i) b[i] = std::cos(1.3 * i + 0.2);
    for (std::size_t i = 0; i < bias.size(); ++i) bias[i] = 0.5 - 0.1 * i;
    for (std::size_t i = 0; i < c.size(); ++i) c[i] = 0.25 * i;
    const std::vector<double> before = c;
    const ProductShape shape{rows, columns, depth, transposed ? columns : 1, transposed ? 1 : depth};
    columnProduct(path, shape, m.data(), b.data(), mode > 0 ? bias.data() : nullptr, c.data(), mode == 2);
    double worst = 0;
    for (int j = 0; j < columns; ++j)
        for (int r = 0; r < rows; ++r) {
            double expected = (mode == 2 ? before[j * rows + r] : 0) + (mode > 0 ? bias[r] : 0);
            for (int k = 0; k < depth; ++k)
                expected += m[k * rows + r] * b[k * shape.bStrideK + j * shape.bStrideJ];
            worst = std::max(worst, std::abs(c[j * rows + r] - expected) / std::max(1.0, std::abs(expected)));
        }
    return worst;
}

}  // namespace

TEST_CASE("vectorized tanh: within 4 ulp of the rounded tanh over a dense sweep, on every path") {
    std::vector<double> xs;
    for (double x = -25; x <= 25; x += 1.0 / 4099)  // every scale of |x| the range reduction meets
        xs.push_back(x);
    for (double x = 1e-300; x < 1; x *= 1.003)  // tiny arguments, where tanh(x) = x to the last bit
        xs.push_back(x), xs.push_back(-x);
    for (double x : {0x1p-1022, 0x1p-1074, 1e-8, 0.3465, 0.3466, 0.34658, 0.6931, 19.06, 19.07, 20.0, 40.0, 1e300})
        xs.push_back(x), xs.push_back(-x);
    for (KernelPath path : kernelPathsHere()) {
        CAPTURE(kernelPathName(path));
        CHECK(worstTanhUlps(path, xs) <= 4);
    }
}

TEST_CASE("vectorized tanh: exact at 0 and beyond 19.1, NaN for NaN, in place, tails like full vectors") {
    constexpr double inf = std::numeric_limits<double>::infinity();
    const std::vector<double> special = {0.0, -0.0, 19.1, -19.1, 1e6, -1e6, inf, -inf, std::nan("")};
    for (KernelPath path : kernelPathsHere()) {
        CAPTURE(kernelPathName(path));
        std::vector<double> ys(special.size()), slopes(special.size());
        tanhWithSlope(path, special.data(), ys.data(), slopes.data(), special.size());
        CHECK(std::bit_cast<std::uint64_t>(ys[0]) == std::bit_cast<std::uint64_t>(0.0));
        CHECK(std::bit_cast<std::uint64_t>(ys[1]) == std::bit_cast<std::uint64_t>(-0.0));
        CHECK(slopes[0] == 1.0);
        for (std::size_t i = 2; i < 8; ++i) {
            CHECK(ys[i] == (special[i] > 0 ? 1.0 : -1.0));
            CHECK(slopes[i] == 0.0);
        }
        CHECK(std::isnan(ys[8]));
        CHECK(std::isnan(slopes[8]));

        // 1 to 7 values: the last ones go through padded lanes and equal what a full vector gives; no
        // slopes asked, none written; y may be x.
        std::vector<double> xs = {0.1, -0.7, 2.5, -3.25, 0.001, 7.0, -0.4};
        std::vector<double> whole(8);
        std::vector<double> padded = xs;
        padded.push_back(0);
        tanhWithSlope(path, padded.data(), whole.data(), nullptr, 8);
        for (std::size_t n = 1; n <= xs.size(); ++n) {
            std::vector<double> inPlace(xs.begin(), xs.begin() + n);
            tanhWithSlope(path, inPlace.data(), inPlace.data(), nullptr, n);
            for (std::size_t i = 0; i < n; ++i)
                CHECK(inPlace[i] == whole[i]);
        }
    }
}

TEST_CASE("the column product equals a plain triple loop: tiles, loose rows and columns, both strides") {
    for (KernelPath path : kernelPathsHere())
        for (int rows : {1, 2, 3, 4, 5, 15, 16, 17, 20, 33})
            for (int columns : {1, 2, 3, 4, 5, 9})
                for (int depth : {1, 2, 7, 13})
                    for (bool transposed : {false, true})
                        for (int mode = 0; mode < 3; ++mode) {
                            CAPTURE(kernelPathName(path));
                            CAPTURE(rows);
                            CAPTURE(columns);
                            CAPTURE(depth);
                            CAPTURE(transposed);
                            CAPTURE(mode);
                            CHECK(productError(path, rows, columns, depth, transposed, mode) <= 1e-14);
                        }
}

TEST_CASE("bce on logits: each term and slope as the C library's formula gives them, any logit, NaN kept") {
    std::vector<double> z, t;
    for (double x = -40; x <= 40; x += 1.0 / 64)
        z.push_back(x), t.push_back(static_cast<double>(z.size() % 3) / 2);  // targets 0, 0.5 and 1
    for (double x : {1e-300, 1e-9, 0.4142, 0.8813, 100.0, 707.0, 709.0, 800.0, 1e300})
        for (double sign : {1.0, -1.0})
            z.push_back(sign * x), t.push_back(1), z.push_back(sign * x), t.push_back(0);
    const double scale = 0.25;
    for (KernelPath path : kernelPathsHere()) {
        CAPTURE(kernelPathName(path));
        long double expectedSum = 0;
        double worstTerm = 0, worstSlope = 0;
        for (std::size_t i = 0; i < z.size(); ++i) {
            const long double e = std::exp(-std::abs(static_cast<long double>(z[i])));
            const long double term = std::max(static_cast<long double>(z[i]), 0.0L) - z[i] * static_cast<long double>(t[i]) +
                                     std::log1p(e);
            const long double sigmoid = z[i] >= 0 ? 1 / (1 + e) : e / (1 + e);
            expectedSum += term;
            // One at a time: the padded lanes of the last vector give each term alone.
            double slope = 0;
            const double got = logisticLossSum(path, &z[i], &t[i], &slope, scale, 1);
            // Beyond |z| = 708 e^-|z| is taken as e^-708, below 1e-307: a term that small counts for nothing.
            const long double error = std::abs(got - term);
            worstTerm = std::max(worstTerm, static_cast<double>(std::abs(z[i]) <= 708 ? error / std::max(term, 1e-300L)
                                                                                       : error / 1e-292L));
            worstSlope = std::max(worstSlope, static_cast<double>(std::abs(slope - (sigmoid - t[i]) * scale)));
        }
        CHECK(worstTerm <= 1e-15);
        CHECK(worstSlope <= 1e-16);
        // The whole sum through full vectors and a tail of one, with and without slopes.
        std::vector<double> slopes(z.size());
        const double sum = logisticLossSum(path, z.data(), t.data(), slopes.data(), scale, z.size());
        CHECK(std::abs(sum - expectedSum) <= 1e-14 * expectedSum);
        CHECK(logisticLossSum(path, z.data(), t.data(), nullptr, scale, z.size()) == sum);
        const double nan = std::nan(""), one = 1;
        CHECK(std::isnan(logisticLossSum(path, &nan, &one, nullptr, scale, 1)));
    }
}

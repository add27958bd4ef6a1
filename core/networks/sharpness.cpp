// Lanczos with full reorthogonalization on a Problem's Hessian-vector products (the method is in the
// header), and the sharpness along a path with warm starts.

#include "networks/sharpness.h"

#include "networks/portable_random.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace gradscape {

namespace {

// A unit vector of n normals from `seed`.
VecX seededUnitVector(Eigen::Index n, std::uint64_t seed) {
    PortableRandom random(seed);
    VecX v(n);
    for (Eigen::Index i = 0; i < n; ++i)
        v[i] = random.normal();
    return v / v.norm();
}

void checkLanczosSize(const VecX& v, int dimension, const char* what) {
    if (v.size() != dimension)
        throw std::invalid_argument(std::string(what) + " has " + std::to_string(v.size()) +
                                    " entries, the problem has " + std::to_string(dimension) + " parameters");
}

// The Ritz pair of T (its eigensolver) at column `column`: the eigenvector Q s and the residual beta
// |s_last|.
HessianEigenpair ritzPair(const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>& ritz, Eigen::Index column,
                          const Eigen::MatrixXd& basis, Eigen::Index size, double beta) {
    HessianEigenpair pair;
    pair.value = ritz.eigenvalues()[column];
    const VecX s = ritz.eigenvectors().col(column);
    pair.vector = basis.leftCols(size) * s;
    pair.vector /= pair.vector.norm();
    pair.residual = beta * std::abs(s[size - 1]);
    return pair;
}

HessianExtremes notFiniteExtremes(Eigen::Index n, int iterations, bool smallest) {
    HessianExtremes out;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    out.largest = {nan, VecX::Constant(n, nan), nan};
    if (smallest) out.smallest = out.largest;
    out.iterations = iterations;
    return out;
}

}  // namespace

void LanczosSettings::check() const {
    if (!(maxIterations >= 1 && maxIterations <= 1000))
        throw std::invalid_argument("maxIterations must be in [1, 1000], got " +
                                    std::to_string(maxIterations));
    if (!(tolerance > 0 && tolerance < 1))
        throw std::invalid_argument("tolerance must be in (0, 1), got " + std::to_string(tolerance));
}

HessianExtremes hessianExtremes(const Problem& problem, const VecX& w, const LanczosSettings& settings,
                                const VecX* start) {
    settings.check();
    const int n = problem.dimension();
    checkLanczosSize(w, n, "the parameter vector");
    if (start) checkLanczosSize(*start, n, "the start vector");
    const int m = std::min(settings.maxIterations, n);

    // The Krylov basis, one column per Lanczos vector (one more than products, for the last q).
    Eigen::MatrixXd basis(n, m + 1);
    const double startNorm = start ? start->norm() : 0.0;
    if (start && startNorm > 0 && std::isfinite(startNorm))
        basis.col(0) = *start / startNorm;
    else
        basis.col(0) = seededUnitVector(n, settings.seed);

    VecX alpha(m), beta(m);
    VecX product, r, overlap;
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> ritz;
    for (int j = 0; j < m; ++j) {
        problem.hessianVectorProduct(w, basis.col(j), product);
        if (!product.allFinite()) return notFiniteExtremes(n, j + 1, settings.smallest);
        alpha[j] = basis.col(j).dot(product);
        r = product - alpha[j] * basis.col(j);
        if (j > 0) r -= beta[j - 1] * basis.col(j - 1);
        // Full reorthogonalization, twice: rounding leaves the once-orthogonalized r a little along the q's.
        for (int pass = 0; pass < 2; ++pass) {
            overlap.noalias() = basis.leftCols(j + 1).transpose() * r;
            r.noalias() -= basis.leftCols(j + 1) * overlap;
        }
        beta[j] = r.norm();

        const Eigen::Index size = j + 1;
        ritz.computeFromTridiagonal(alpha.head(size), beta.head(size - 1), Eigen::ComputeEigenvectors);
        const double scale =
            std::max(std::abs(ritz.eigenvalues()[0]), std::abs(ritz.eigenvalues()[size - 1]));
        // beta vanishing: the Krylov space is invariant and T's eigenvalues are exactly H's.
        const bool invariant = beta[j] <= 1e-14 * std::max(scale, std::numeric_limits<double>::min());
        HessianExtremes out;
        out.iterations = j + 1;
        out.largest = ritzPair(ritz, size - 1, basis, size, beta[j]);
        if (settings.smallest) out.smallest = ritzPair(ritz, 0, basis, size, beta[j]);
        const double allowed = settings.tolerance * scale;
        out.converged = invariant || (out.largest.residual <= allowed &&
                                      (!settings.smallest || out.smallest->residual <= allowed));
        if (out.converged || j + 1 == m) return out;
        basis.col(j + 1) = r / beta[j];
    }
    return {};  // not reached: m >= 1
}

double sharpnessAt(const Problem& problem, const VecX& w, const LanczosSettings& settings) {
    return hessianExtremes(problem, w, settings).largest.value;
}

SharpnessTracker::SharpnessTracker(LanczosSettings settings) : settings_(settings) {
    settings_.check();
}

SharpnessSample SharpnessTracker::measure(const Problem& problem, const VecX& w, long step) {
    const Eigen::Index n = problem.dimension();
    if (random_.size() != n) random_ = seededUnitVector(n, settings_.seed);
    HessianExtremes found;
    if (previous_.size() == n && previous_.allFinite()) {
        const VecX start = previous_ + 0.01 * random_;
        found = hessianExtremes(problem, w, settings_, &start);
    } else {
        found = hessianExtremes(problem, w, settings_, &random_);
    }
    if (std::isfinite(found.largest.value)) previous_ = found.largest.vector;
    return {step, found.largest.value, found.iterations, found.converged};
}

std::vector<SharpnessSample> sharpnessAlongIterates(const Problem& problem, std::span<const VecX> iterates,
                                                    long stride, long every,
                                                    const LanczosSettings& settings) {
    if (stride < 1) throw std::invalid_argument("stride must be at least 1, got " + std::to_string(stride));
    if (every < 1) throw std::invalid_argument("every must be at least 1, got " + std::to_string(every));
    SharpnessTracker tracker(settings);
    std::vector<SharpnessSample> samples;
    for (std::size_t j = 0; j < iterates.size(); ++j) {
        const long step = static_cast<long>(j) * stride;
        if (step % every == 0) samples.push_back(tracker.measure(problem, iterates[j], step));
    }
    return samples;
}

}  // namespace gradscape

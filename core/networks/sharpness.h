#pragma once
// Sharpness: the largest eigenvalue of a loss's Hessian, lambda_max(H(w)), from Hessian-vector products
// alone (issue 15, the edge of stability). Gradient descent with learning rate eta is stable on a
// quadratic exactly when lambda_max < 2 / eta; on a network, full-batch GD tends to raise the sharpness
// until it reaches 2 / eta (progressive sharpening) and then hovers there, the loss spiking whenever it
// crosses (Cohen et al. 2021). Plotting sharpness against 2 / eta along a path shows both.
//
// The method is Lanczos with full reorthogonalization. From a unit start q_1 (drawn from a seed, or
// handed in: the previous point's eigenvector, a warm start), each iteration takes one product H q_j and
//   alpha_j = q_j . H q_j,   r = H q_j - alpha_j q_j - beta_{j-1} q_{j-1},
// r then orthogonalized twice against every q so far (classical Gram-Schmidt, twice is enough), and
//   beta_j = |r|,   q_{j+1} = r / beta_j.
// The tridiagonal T_j (alpha on its diagonal, beta beside it) is H restricted to the Krylov space
// span{q_1, H q_1, ..., H^{j-1} q_1}; its eigenvalues (Ritz values) theta approach H's extreme eigenvalues
// from inside, the largest first and fastest. For a Ritz pair (theta, s) of T_j, y = Q_j s has the residual
//   |H y - theta y| = beta_j |s_j|    (s_j the last entry of s),
// known without another product; the iteration stops when it is at most tolerance x max |theta| (and
// theta is then within that residual of an eigenvalue of H, and typically within its square over the gap
// to the next), when beta_j vanishes (the Krylov space is invariant, T_j's eigenvalues are exactly H's),
// or after maxIterations products. A space of dimension n is invariant after at most n iterations, so a
// network of n <= maxIterations parameters gets its extremes exactly, to rounding.
//
// Memory: the Krylov basis, n x (iterations + 1) doubles. Cost: one Hessian-vector product per iteration
// (about two to three gradients for a network) plus O(n x iterations) for the reorthogonalization. The
// Problem's products run in their own per-thread workspaces, so these functions may run on any thread.

#include "landscapes/problem.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace gradscape {

/// The Lanczos iteration's settings; every default is the one documented here.
struct LanczosSettings {
    int maxIterations = 30;   ///< Hessian-vector products at most, in [1, 1000] (fewer when n is smaller).
    double tolerance = 1e-8;  ///< Stop when the Ritz residual is at most this x max |theta|, in (0, 1).
    std::uint64_t seed = 0;   ///< Of the start vector when none is handed in: PortableRandom normals.
    bool smallest = false;    ///< Also the smallest (most negative) eigenvalue; then both must converge.

    /// Throws std::invalid_argument naming the field and its range.
    void check() const;
};

/// An eigenvalue estimate of H(w), with its unit eigenvector estimate y and the residual |H y - value y|
/// (Lanczos's estimate beta_j |s_j|, absolute).
struct HessianEigenpair {
    double value = 0;
    VecX vector;
    double residual = 0;
};

/// What hessianExtremes found.
struct HessianExtremes {
    HessianEigenpair largest;                  ///< lambda_max: the sharpness.
    std::optional<HessianEigenpair> smallest;  ///< lambda_min, with LanczosSettings::smallest.
    int iterations = 0;                        ///< Hessian-vector products taken.
    bool converged = false;  ///< Within the tolerance (or an invariant space found); false also when a
                             ///< product was not finite, and then the values are NaN.
};

/// The extreme eigenvalues of problem's Hessian at w by Lanczos. `start` (of the problem's dimension, not
/// zero) is the first Lanczos vector; without it, one drawn from settings.seed. Throws
/// std::invalid_argument for bad settings, a w or start of the wrong size.
HessianExtremes hessianExtremes(const Problem& problem, const VecX& w, const LanczosSettings& settings = {},
                                const VecX* start = nullptr);

/// lambda_max(H(w)): hessianExtremes(...).largest.value.
double sharpnessAt(const Problem& problem, const VecX& w, const LanczosSettings& settings = {});

/// The sharpness at one step of a path.
struct SharpnessSample {
    long step = 0;
    double sharpness = 0;  ///< lambda_max; NaN when a product was not finite.
    int iterations = 0;    ///< Hessian-vector products it took.
    bool converged = false;
};

/// Sharpness along a path, point after point, each Lanczos run warm-started from the previous point's
/// eigenvector plus 1/100 of the seeded random vector (so a start is never orthogonal to the new top
/// eigenvector by accident): along a path the top eigenvector turns slowly, and a warm start converges in
/// a few products. Deterministic: the same points give the same samples.
class SharpnessTracker {
  public:
    /// Throws std::invalid_argument for bad settings.
    explicit SharpnessTracker(LanczosSettings settings = {});

    /// lambda_max at w, the iterate after `step`.
    SharpnessSample measure(const Problem& problem, const VecX& w, long step);
    /// Forgets the warm start.
    void reset() { previous_.resize(0); }

    const LanczosSettings& settings() const { return settings_; }

  private:
    LanczosSettings settings_;
    VecX random_;    // the seeded start, drawn once per dimension
    VecX previous_;  // the last eigenvector; empty before the first point
};

/// Sharpness at the kept iterates of a path whose iterates[j] is the iterate after step j x stride (a
/// ParameterPath's `iterates` and `keptStride`): at those whose step is a multiple of `every`, in order,
/// with a SharpnessTracker. Throws std::invalid_argument unless stride >= 1 and every >= 1.
std::vector<SharpnessSample> sharpnessAlongIterates(const Problem& problem, std::span<const VecX> iterates,
                                                    long stride, long every,
                                                    const LanczosSettings& settings = {});

}  // namespace gradscape

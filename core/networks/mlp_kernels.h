#pragma once
// The MLP's hot loops on plain arrays of doubles: tanh with its slope, the one matrix product every
// layer's pass is made of, and the bce loss on logits. mlp.cpp and network_problem.cpp call them with
// their Eigen matrices' storage.
//
// Each kernel is compiled twice in mlp_kernels.cpp, for AVX2 with FMA (picked at run time when the CPU has
// both) and for baseline x86-64, from one body over GCC's vectors of four doubles, as core/maps/map_lanes
// does. No Eigen there: Eigen picks its packets per translation unit, and an AVX2 copy of one of its inline
// templates could be the one the linker keeps for every caller. The two paths round differently (FMA), by
// a few ulp at most.

#include <cstddef>

namespace gradscape {

/// Which compiled copy of the kernels runs.
enum class KernelPath {
    Avx2Fma,   ///< AVX2 and FMA: four doubles a register, fused multiply-adds.
    Portable,  ///< Baseline x86-64 (SSE2), on a CPU without them.
};

/// The copy this CPU runs: Avx2Fma where __builtin_cpu_supports says both are there.
KernelPath networkKernelPath();

/// y[i] = tanh(x[i]) for i < n, and slope[i] = 1 - y[i]^2 unless slope is null. Within 3 ulp of the
/// rounded tanh on the AVX2 + FMA path, 4 on the portable one (over 42 million points of [0, 20];
/// mlp_kernels_test holds a sweep to that bound); tanh(+-0) = +-0, +-1 from |x| >= 19.1 (where the rounded
/// tanh is 1), NaN for NaN. y may be x (in place).
void tanhWithSlope(const double* x, double* y, double* slope, std::size_t n);
/// The same on a chosen path (Avx2Fma only on a CPU that has it): for tests.
void tanhWithSlope(KernelPath path, const double* x, double* y, double* slope, std::size_t n);

/// The product every layer's pass is made of: C = M^T B (+ C, with `accumulate`; + bias per row, when
/// bias is not null), column by column:
///   C[r + j rows] = bias[r] + sum over k < depth of M[k rows + r] B[k bStrideK + j bStrideJ]
/// for r < rows, j < columns. M is depth x rows, stored row by row (each row contiguous); C is rows x
/// columns, stored column by column; B is read through its two strides, so it may be either way round.
/// The forward pass is Z = W A + b with M = W^T (W column by column), B = A; backpropagation's W^T G has
/// M = W (row by row), B = G; its dW^T = A G^T has M = A^T (A's storage), B = G^T (strides swapped).
struct ProductShape {
    int rows = 0, columns = 0, depth = 0;
    std::ptrdiff_t bStrideK = 1, bStrideJ = 1;
};
void columnProduct(const ProductShape& shape, const double* m, const double* b, const double* bias, double* c,
                   bool accumulate);
void columnProduct(KernelPath path, const ProductShape& shape, const double* m, const double* b,
                   const double* bias, double* c, bool accumulate);

/// The binary cross-entropy on logits summed over i < n, max(z_i, 0) - z_i t_i + log1p(e^-|z_i|) (stable for
/// any z), and unless slope is null slope[i] = (sigmoid(z_i) - t_i) scale, the loss's derivative in z_i
/// times `scale`. Within a few ulp of each term (mlp_kernels_test compares it with the C library's); NaN
/// for a NaN logit.
double logisticLossSum(const double* z, const double* t, double* slope, double scale, std::size_t n);
double logisticLossSum(KernelPath path, const double* z, const double* t, double* slope, double scale,
                       std::size_t n);

}  // namespace gradscape

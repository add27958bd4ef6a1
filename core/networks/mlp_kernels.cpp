#include "networks/mlp_kernels.h"
// [SECTION] lanes       four doubles as one GCC vector, loads and stores
// [SECTION] tanh        e^(2|x|) by range reduction and Cephes' rational exp, one division, x's sign
// [SECTION] product     C = M^T B in tiles of 16 rows by 2 columns
// [SECTION] logistic    bce on logits: e^-|z| as tanh's exp, log1p by atanh's series, the sigmoid
// [SECTION] dispatch    each body compiled for AVX2 + FMA and for x86-64; the CPU picks once

#include <cstring>

// Vectors of four doubles pass between always-inlined functions only; no call between differently
// compiled code takes one by value, so the ABI note GCC gives for them does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace gradscape {
namespace {

// [SECTION] lanes
// In the AVX2 copy one is a ymm register; in the portable copy, two xmm registers. Products and sums
// are written plainly: the AVX2 copy fuses a * b + c into one FMA (the build's -ffp-contract=fast).
typedef double KernelLanes __attribute__((vector_size(32)));
typedef long long KernelBits __attribute__((vector_size(32)));

#define GRADSCAPE_KERNEL_INLINE [[gnu::always_inline]] inline

GRADSCAPE_KERNEL_INLINE KernelLanes splatLanes(double value) { return KernelLanes{value, value, value, value}; }
GRADSCAPE_KERNEL_INLINE KernelLanes loadLanes(const double* p) {
    KernelLanes v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
GRADSCAPE_KERNEL_INLINE void storeLanes(double* p, const KernelLanes& v) { std::memcpy(p, &v, sizeof v); }

// [SECTION] tanh
// With y = 2|x| (clamped to 40: tanh is 1 to the last bit well before), tanh|x| = (e^y - 1) / (e^y + 1).
// Reduce y = n ln2 + r, n the nearest integer to y / ln2, |r| <= ln2 / 2 (Cody and Waite's two-part ln2,
// so n ln2_hi is exact). On that range Cephes' exp is e^r = (Q + p) / (Q - p), p = r P(r^2), with P of
// degree 2 and Q of degree 3 in r^2; with s = 2^n,
//   tanh|x| = (s (Q + p) - (Q - p)) / (s (Q + p) + (Q - p)) = ((s - 1) Q + (s + 1) p) / ((s + 1) Q + (s - 1) p),
// one division, and for n = 0 it is p / Q with nothing cancelled, so small x keep every bit (tiny x give
// r / 2 = |x| exactly). Short chains matter more than operations here: on a CPU that splits each AVX2
// operation in two, a long polynomial kept too few loop iterations in flight. A NaN passes through every
// operation (the clamp keeps it: NaN > 40 is false); -0 gives -0.
constexpr double kLog2E = 1.4426950408889634074;
constexpr double kLn2High = 6.93147180369123816490e-01;  // 0x3FE62E42FEE00000: n ln2_hi exact for n < 2^11
constexpr double kLn2Low = 1.90821492927058770002e-10;
// y / ln2 + this has n + 1023, 2^n's biased exponent, in its low bits (the sum's ulp is 1).
constexpr double kRoundShifter = 0x1.8p52 + 1023;
constexpr long long kSignBit = static_cast<long long>(0x8000000000000000ull);
// Cephes' exp.c: P and Q, highest degree first.
constexpr double kExpP0 = 1.26177193074810590878e-4, kExpP1 = 3.02994407707441961300e-2, kExpP2 = 9.99999999999999999910e-1;
constexpr double kExpQ0 = 3.00198505138664455042e-6, kExpQ1 = 2.52448340349684104192e-3,
                 kExpQ2 = 2.27265548208155028766e-1, kExpQ3 = 2.00000000000000000009e0;

GRADSCAPE_KERNEL_INLINE KernelLanes tanhLanes(const KernelLanes& x) {
    const KernelBits bits = reinterpret_cast<KernelBits>(x);
    const KernelBits sign = bits & kSignBit;
    KernelLanes y = reinterpret_cast<KernelLanes>(bits ^ sign);
    y = y + y;
    y = y > 40.0 ? splatLanes(40.0) : y;
    const KernelLanes shifted = y * kLog2E + kRoundShifter;
    const KernelLanes n = shifted - kRoundShifter;
    KernelLanes r = y - n * kLn2High;
    r = r - n * kLn2Low;
    const KernelLanes rr = r * r;
    const KernelLanes p = ((kExpP0 * rr + kExpP1) * rr + kExpP2) * r;
    const KernelLanes q = ((kExpQ0 * rr + kExpQ1) * rr + kExpQ2) * rr + kExpQ3;
    const KernelLanes s = reinterpret_cast<KernelLanes>(reinterpret_cast<KernelBits>(shifted) << 52);
    const KernelLanes sMinus = s - 1.0, sPlus = s + 1.0;
    const KernelLanes magnitude = (sMinus * q + sPlus * p) / (sPlus * q + sMinus * p);
    return reinterpret_cast<KernelLanes>(reinterpret_cast<KernelBits>(magnitude) | sign);
}

GRADSCAPE_KERNEL_INLINE void tanhBody(const double* x, double* y, double* slope, std::size_t n) {
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const KernelLanes t = tanhLanes(loadLanes(x + i));
        storeLanes(y + i, t);
        if (slope) storeLanes(slope + i, 1.0 - t * t);
    }
    if (i == n) return;
    // The last one to three through the same lanes, padded with zeros: the same values as a full vector.
    double in[4] = {0, 0, 0, 0}, out[4], outSlope[4];
    std::memcpy(in, x + i, (n - i) * sizeof(double));
    const KernelLanes t = tanhLanes(loadLanes(in));
    storeLanes(out, t);
    storeLanes(outSlope, 1.0 - t * t);
    std::memcpy(y + i, out, (n - i) * sizeof(double));
    if (slope) std::memcpy(slope + i, outSlope, (n - i) * sizeof(double));
}

// [SECTION] product
// One tile: rows [r, r + 4V) of columns [j, j + J). Each k loads V vectors of M's row k once and uses
// them for every column of the tile: 4V x J accumulators (16 rows by 2 columns: 8 of 16 registers). The
// loops over the tile are unrolled, or the accumulators would live in memory.
template <int V, int J>
GRADSCAPE_KERNEL_INLINE void productTile(const ProductShape& s, const double* m, const double* b, const double* bias,
                                         double* c, bool accumulate, int r, int j) {
    KernelLanes sum[J][V];
    #pragma GCC unroll 4
    for (int jj = 0; jj < J; ++jj)
        #pragma GCC unroll 4
        for (int v = 0; v < V; ++v) {
            KernelLanes start = accumulate ? loadLanes(c + static_cast<std::ptrdiff_t>(j + jj) * s.rows + r + 4 * v)
                                           : splatLanes(0.0);
            if (bias) start = start + loadLanes(bias + r + 4 * v);
            sum[jj][v] = start;
        }
    const double* bColumn = b + static_cast<std::ptrdiff_t>(j) * s.bStrideJ;
    for (int k = 0; k < s.depth; ++k) {
        const double* mRow = m + static_cast<std::ptrdiff_t>(k) * s.rows + r;
        KernelLanes row[V];
        #pragma GCC unroll 4
        for (int v = 0; v < V; ++v)
            row[v] = loadLanes(mRow + 4 * v);
        const double* bk = bColumn + k * s.bStrideK;
        #pragma GCC unroll 4
        for (int jj = 0; jj < J; ++jj) {
            const KernelLanes factor = splatLanes(bk[jj * s.bStrideJ]);
            #pragma GCC unroll 4
            for (int v = 0; v < V; ++v)
                sum[jj][v] = sum[jj][v] + row[v] * factor;
        }
    }
    #pragma GCC unroll 4
    for (int jj = 0; jj < J; ++jj)
        #pragma GCC unroll 4
        for (int v = 0; v < V; ++v)
            storeLanes(c + static_cast<std::ptrdiff_t>(j + jj) * s.rows + r + 4 * v, sum[jj][v]);
}

// Rows [r, r + 4V) of every column: pairs of columns, then the last one alone.
template <int V>
GRADSCAPE_KERNEL_INLINE void productRowBlock(const ProductShape& s, const double* m, const double* b,
                                             const double* bias, double* c, bool accumulate, int r) {
    int j = 0;
    for (; j + 2 <= s.columns; j += 2)
        productTile<V, 2>(s, m, b, bias, c, accumulate, r, j);
    if (j < s.columns) productTile<V, 1>(s, m, b, bias, c, accumulate, r, j);
}

// A row that no vector covers (rows not a multiple of 4): four columns at a time, B's four entries of each
// k gathered into one vector (one load where they are adjacent, as in a first layer's dW^T = X G^T).
GRADSCAPE_KERNEL_INLINE void productLooseRow(const ProductShape& s, const double* m, const double* b,
                                             const double* bias, double* c, bool accumulate, int r) {
    const std::ptrdiff_t sj = s.bStrideJ, rows = s.rows;
    std::ptrdiff_t j = 0;
    for (; j + 4 <= s.columns; j += 4) {
        KernelLanes sum = accumulate ? KernelLanes{c[j * rows + r], c[(j + 1) * rows + r], c[(j + 2) * rows + r],
                                                   c[(j + 3) * rows + r]}
                                     : splatLanes(0.0);
        if (bias) sum = sum + bias[r];
        // Four sums over k in turn, so that the additions do not wait on each other (depth is long here).
        const double* bColumns = b + j * sj;
        const auto bAt = [&](int k) {
            const double* bk = bColumns + k * s.bStrideK;
            return sj == 1 ? loadLanes(bk) : KernelLanes{bk[0], bk[sj], bk[2 * sj], bk[3 * sj]};
        };
        KernelLanes sum1 = splatLanes(0.0), sum2 = splatLanes(0.0), sum3 = splatLanes(0.0);
        int k = 0;
        for (; k + 4 <= s.depth; k += 4) {
            sum = sum + splatLanes(m[k * rows + r]) * bAt(k);
            sum1 = sum1 + splatLanes(m[(k + 1) * rows + r]) * bAt(k + 1);
            sum2 = sum2 + splatLanes(m[(k + 2) * rows + r]) * bAt(k + 2);
            sum3 = sum3 + splatLanes(m[(k + 3) * rows + r]) * bAt(k + 3);
        }
        for (; k < s.depth; ++k)
            sum = sum + splatLanes(m[k * rows + r]) * bAt(k);
        sum = (sum + sum1) + (sum2 + sum3);
        for (int jj = 0; jj < 4; ++jj)
            c[(j + jj) * rows + r] = sum[jj];
    }
    for (; j < s.columns; ++j) {
        double sum = (accumulate ? c[j * rows + r] : 0.0) + (bias ? bias[r] : 0.0);
        for (int k = 0; k < s.depth; ++k)
            sum += m[k * rows + r] * b[k * s.bStrideK + j * sj];
        c[j * rows + r] = sum;
    }
}

// A single row whose M and B columns are both contiguous in k (the output layer's forward pass, one
// output: z_j = w . a_j + b): dot products in vectors along k, four columns at a time.
GRADSCAPE_KERNEL_INLINE void productDotRow(const ProductShape& s, const double* m, const double* b,
                                           const double* bias, double* c, bool accumulate) {
    const std::ptrdiff_t sj = s.bStrideJ;
    const int whole = s.depth & ~3;
    std::ptrdiff_t j = 0;
    for (; j < s.columns; ++j) {
        const double* bj = b + j * sj;
        KernelLanes partial = splatLanes(0.0);
        for (int k = 0; k < whole; k += 4)
            partial = partial + loadLanes(m + k) * loadLanes(bj + k);
        double sum = (partial[0] + partial[1]) + (partial[2] + partial[3]);
        for (int k = whole; k < s.depth; ++k)
            sum += m[k] * bj[k];
        c[j] = (accumulate ? c[j] : 0.0) + (bias ? bias[0] : 0.0) + sum;
    }
}

GRADSCAPE_KERNEL_INLINE void productBody(const ProductShape& s, const double* m, const double* b, const double* bias,
                                         double* c, bool accumulate) {
    int r = 0;
    for (; r + 16 <= s.rows; r += 16)
        productRowBlock<4>(s, m, b, bias, c, accumulate, r);
    for (; r + 4 <= s.rows; r += 4)
        productRowBlock<1>(s, m, b, bias, c, accumulate, r);
    if (s.rows == 1 && s.bStrideK == 1 && s.depth >= 8) {
        productDotRow(s, m, b, bias, c, accumulate);
        return;
    }
    for (; r < s.rows; ++r)
        productLooseRow(s, m, b, bias, c, accumulate, r);
}

// [SECTION] logistic
// Per sample max(z, 0) - z t + log1p(e) with e = e^-|z|, and sigmoid(z) = (z >= 0 ? 1 : e) / (1 + e), as
// network_problem.cpp's scalar loop writes them. e: |z| clamped to 708 (e^-708 is still a normal double,
// and below it log1p(e) adds nothing a sum of losses keeps), reduced as in tanh and Cephes' rational on r.
// log1p(e) for e in (0, 1]: above sqrt(2) - 1 as ln 2 + log1p((e - 1) / 2), so its argument v is in
// [-0.293, 0.415); then log1p(v) = 2 atanh(s) with s = v / (2 + v), |s| < 0.172, by atanh's series to
// s^21 (the next term is below 2^-55 of the sum). A NaN logit passes through to its loss.
constexpr double kLn2 = 0.69314718055994530942;

GRADSCAPE_KERNEL_INLINE KernelLanes expOfNegativeLanes(const KernelLanes& a) {
    const KernelLanes y = -(a > 708.0 ? splatLanes(708.0) : a);
    const KernelLanes shifted = y * kLog2E + kRoundShifter;
    const KernelLanes n = shifted - kRoundShifter;
    KernelLanes r = y - n * kLn2High;
    r = r - n * kLn2Low;
    const KernelLanes rr = r * r;
    const KernelLanes p = ((kExpP0 * rr + kExpP1) * rr + kExpP2) * r;
    const KernelLanes q = ((kExpQ0 * rr + kExpQ1) * rr + kExpQ2) * rr + kExpQ3;
    const KernelLanes s = reinterpret_cast<KernelLanes>(reinterpret_cast<KernelBits>(shifted) << 52);
    return s * ((q + p) / (q - p));
}

// log1p(e) for e in [0, 1] (or NaN).
GRADSCAPE_KERNEL_INLINE KernelLanes log1pOfUnitLanes(const KernelLanes& e) {
    const KernelBits high = e > 0.41421356237309504880;
    const KernelLanes v = high ? (e - 1.0) * 0.5 : e;
    const KernelLanes s = v / (v + 2.0);
    const KernelLanes w = s * s;
    KernelLanes series = splatLanes(1.0 / 21);
    for (int k = 19; k >= 3; k -= 2)
        series = series * w + 1.0 / k;
    const KernelLanes atanh2 = (s + s) + (s + s) * w * series;
    return high ? atanh2 + kLn2 : atanh2;
}

GRADSCAPE_KERNEL_INLINE KernelLanes logisticLossLanes(const KernelLanes& z, const KernelLanes& t, KernelLanes& slope,
                                                      double scale) {
    const KernelLanes absolute = reinterpret_cast<KernelLanes>(reinterpret_cast<KernelBits>(z) & ~kSignBit);
    const KernelLanes e = expOfNegativeLanes(absolute);
    const KernelBits positive = z >= 0.0;
    slope = ((positive ? splatLanes(1.0) : e) / (e + 1.0) - t) * scale;
    return ((positive ? z : splatLanes(0.0)) - z * t) + log1pOfUnitLanes(e);
}

GRADSCAPE_KERNEL_INLINE double logisticLossBody(const double* z, const double* t, double* slope, double scale,
                                                std::size_t n) {
    KernelLanes sum = splatLanes(0.0), slopes;
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        sum = sum + logisticLossLanes(loadLanes(z + i), loadLanes(t + i), slopes, scale);
        if (slope) storeLanes(slope + i, slopes);
    }
    double total = (sum[0] + sum[1]) + (sum[2] + sum[3]);
    if (i == n) return total;
    // The last one to three through padded lanes, of which only theirs are kept.
    double zs[4] = {0, 0, 0, 0}, ts[4] = {0, 0, 0, 0}, losses[4], tailSlopes[4];
    std::memcpy(zs, z + i, (n - i) * sizeof(double));
    std::memcpy(ts, t + i, (n - i) * sizeof(double));
    storeLanes(losses, logisticLossLanes(loadLanes(zs), loadLanes(ts), slopes, scale));
    storeLanes(tailSlopes, slopes);
    for (std::size_t k = 0; k < n - i; ++k)
        total += losses[k];
    if (slope) std::memcpy(slope + i, tailSlopes, (n - i) * sizeof(double));
    return total;
}

// [SECTION] dispatch
[[gnu::target("avx2,fma")]] void tanhAvx2Fma(const double* x, double* y, double* slope, std::size_t n) {
    tanhBody(x, y, slope, n);
}
void tanhPortable(const double* x, double* y, double* slope, std::size_t n) { tanhBody(x, y, slope, n); }

[[gnu::target("avx2,fma")]] void productAvx2Fma(const ProductShape& s, const double* m, const double* b,
                                                const double* bias, double* c, bool accumulate) {
    productBody(s, m, b, bias, c, accumulate);
}
void productPortable(const ProductShape& s, const double* m, const double* b, const double* bias, double* c,
                     bool accumulate) {
    productBody(s, m, b, bias, c, accumulate);
}

[[gnu::target("avx2,fma")]] double logisticLossAvx2Fma(const double* z, const double* t, double* slope, double scale,
                                                       std::size_t n) {
    return logisticLossBody(z, t, slope, scale, n);
}
double logisticLossPortable(const double* z, const double* t, double* slope, double scale, std::size_t n) {
    return logisticLossBody(z, t, slope, scale, n);
}

}  // namespace

KernelPath networkKernelPath() {
    static const KernelPath path = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")
                                       ? KernelPath::Avx2Fma
                                       : KernelPath::Portable;
    return path;
}

void tanhWithSlope(KernelPath path, const double* x, double* y, double* slope, std::size_t n) {
    if (path == KernelPath::Avx2Fma)
        tanhAvx2Fma(x, y, slope, n);
    else
        tanhPortable(x, y, slope, n);
}

void tanhWithSlope(const double* x, double* y, double* slope, std::size_t n) {
    tanhWithSlope(networkKernelPath(), x, y, slope, n);
}

void columnProduct(KernelPath path, const ProductShape& shape, const double* m, const double* b, const double* bias,
                   double* c, bool accumulate) {
    if (shape.rows <= 0 || shape.columns <= 0) return;
    if (path == KernelPath::Avx2Fma)
        productAvx2Fma(shape, m, b, bias, c, accumulate);
    else
        productPortable(shape, m, b, bias, c, accumulate);
}

void columnProduct(const ProductShape& shape, const double* m, const double* b, const double* bias, double* c,
                   bool accumulate) {
    columnProduct(networkKernelPath(), shape, m, b, bias, c, accumulate);
}

double logisticLossSum(KernelPath path, const double* z, const double* t, double* slope, double scale, std::size_t n) {
    return path == KernelPath::Avx2Fma ? logisticLossAvx2Fma(z, t, slope, scale, n)
                                       : logisticLossPortable(z, t, slope, scale, n);
}

double logisticLossSum(const double* z, const double* t, double* slope, double scale, std::size_t n) {
    return logisticLossSum(networkKernelPath(), z, t, slope, scale, n);
}

}  // namespace gradscape

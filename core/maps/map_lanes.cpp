#include "maps/map_lanes.h"
// [SECTION] lane vectors    four doubles as one GCC vector, and the operations the kernels use
// [SECTION] surfaces        the landscapes' valueAndGradientAt over lanes, as written in classic_landscapes.h
// [SECTION] methods         GD, momentum and Adam's updates over lanes, as written in optimizers/
// [SECTION] kernels         the stepping loop and the tolerance scan, compiled for AVX2 and for x86-64
// [SECTION] the block       setting the lanes up, running them, summing each lane up

#include "landscapes/classic_landscapes.h"
#include "maps/run_summary.h"
#include "optimizers/adam.h"
#include "optimizers/gradient_descent.h"
#include "optimizers/momentum.h"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <typeinfo>

// Vectors of four doubles pass between always-inlined functions only; no call between differently
// compiled code takes one by value, so the ABI note GCC gives for them does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace gradscape {
namespace {

// [SECTION] lane vectors
// Four lanes of doubles, and the masks their comparisons give (every bit set where true). In the AVX2 code
// one is a ymm register; in the portable code, two xmm registers.
typedef double Lanes4 __attribute__((vector_size(32)));
typedef long long Mask4 __attribute__((vector_size(32)));
constexpr int kVectors = kMapLanes / 4;

#define GRADSCAPE_LANES_INLINE [[gnu::always_inline]] inline

GRADSCAPE_LANES_INLINE Lanes4 broadcast(double value) { return Lanes4{value, value, value, value}; }
GRADSCAPE_LANES_INLINE Lanes4 absLanes(Lanes4 v) {
    return reinterpret_cast<Lanes4>(reinterpret_cast<Mask4>(v) & 0x7fffffffffffffffLL);
}
// Correctly rounded in every lane, as std::sqrt (the build has -fno-math-errno: no errno branch).
GRADSCAPE_LANES_INLINE Lanes4 sqrtLanes(Lanes4 v) {
    return Lanes4{__builtin_sqrt(v[0]), __builtin_sqrt(v[1]), __builtin_sqrt(v[2]), __builtin_sqrt(v[3])};
}
GRADSCAPE_LANES_INLINE Mask4 sameBits(const Lanes4& a, const Lanes4& b) {
    return reinterpret_cast<Mask4>(a) == reinterpret_cast<Mask4>(b);
}

// Everything a block of lanes steps with: per lane, its iterate and gradient, its hyperparameters and its
// optimizer's state. Vector v holds lanes 4v .. 4v + 3.
struct alignas(32) LaneState {
    Lanes4 x[kVectors], y[kVectors];    // the latest usable iterate
    Lanes4 gx[kVectors], gy[kVectors];  // grad f there (without weight decay)
    Lanes4 loss[kVectors];              // f there
    Mask4 live[kVectors];               // still stepping: usable so far, and a lane in use
    Lanes4 divergedAt[kVectors];        // the step whose result was unusable; -1 while none
    Lanes4 learningRate[kVectors], weightDecay[kVectors];
    Lanes4 momentum[kVectors], gradientWeight[kVectors];  // mu and 1 - dampening
    Lanes4 beta1[kVectors], oneMinusBeta1[kVectors], beta2[kVectors], oneMinusBeta2[kVectors];
    Lanes4 epsilon[kVectors];
    Lanes4 vx[kVectors], vy[kVectors];  // momentum's velocity; Adam's first moment m
    Lanes4 wx[kVectors], wy[kVectors];  // Adam's w = v / (1 - beta2)
    Lanes4 beta1Power[kVectors], beta2Power[kVectors];
    bool biasCorrection = true, epsilonInsideSqrt = false;
};

// [SECTION] surfaces
// Each is its landscape's valueAndGradientAt, operation by operation in the same order.

// (x^2 + y - 11)^2 + (x + y^2 - 7)^2: Landscape::valueAndGradientAt (gradientAt, then valueAt).
struct HimmelblauLanes {
    GRADSCAPE_LANES_INLINE Lanes4 valueAndGradient(const Lanes4& x, const Lanes4& y, Lanes4& gx, Lanes4& gy) const {
        const Lanes4 a = x * x + y - 11.0, b = x + y * y - 7.0;
        gx = 4.0 * x * a + 2.0 * b;
        gy = 2.0 * a + 4.0 * y * b;
        return a * a + b * b;
    }
};

// (a - x)^2 + b (y - x^2)^2.
struct RosenbrockLanes {
    double a, b;
    GRADSCAPE_LANES_INLINE Lanes4 valueAndGradient(const Lanes4& x, const Lanes4& y, Lanes4& gx, Lanes4& gy) const {
        const Lanes4 u = a - x, v = y - x * x;
        gx = -2.0 * u - 4.0 * b * x * v;
        gy = 2.0 * b * v;
        return u * u + b * v * v;
    }
};

// 0.5 p.H p: g = H p (each row's two products summed), f = 0.5 (x gx + y gy).
struct QuadraticLanes {
    double h00, h01, h10, h11;
    GRADSCAPE_LANES_INLINE Lanes4 valueAndGradient(const Lanes4& x, const Lanes4& y, Lanes4& gx, Lanes4& gy) const {
        gx = h00 * x + h01 * y;
        gy = h10 * x + h11 * y;
        return 0.5 * (x * gx + y * gy);
    }
};

// [SECTION] methods
// update(s, v, k, x, y, gx, gy, nx, ny): step k (1 on the first) of vector v from (x, y), where g already
// holds L2 weight decay; the next iterate into (nx, ny). Each is its optimizer's update(), the same
// operations in the same order.

// kSettlesFrom: the first step from which a step that leaves a lane's whole state as it was (its iterate,
// gradient and velocity, bit for bit) leaves it so for good: the next step computes the same numbers from
// the same numbers. Adam's corrections change with the step count, so its lanes never settle.

// GradientDescent::update without line search: x - eta g.
struct GdLanes {
    static constexpr int kSettlesFrom = 1;
    GRADSCAPE_LANES_INLINE static void update(LaneState& s, int v, int, const Lanes4& x, const Lanes4& y, const Lanes4& gx, const Lanes4& gy,
                                              Lanes4& nx, Lanes4& ny) {
        nx = x - s.learningRate[v] * gx;
        ny = y - s.learningRate[v] * gy;
    }
};

// Momentum::update: v = g on the first step, then mu v + (1 - dampening) g; x - eta v.
struct MomentumLanes {
    static constexpr int kSettlesFrom = 2;  // the first step seeds v with g
    GRADSCAPE_LANES_INLINE static void update(LaneState& s, int v, int k, const Lanes4& x, const Lanes4& y, const Lanes4& gx,
                                              const Lanes4& gy, Lanes4& nx, Lanes4& ny) {
        if (k == 1) {
            s.vx[v] = gx, s.vy[v] = gy;
        } else {
            s.vx[v] = s.momentum[v] * s.vx[v] + s.gradientWeight[v] * gx;
            s.vy[v] = s.momentum[v] * s.vy[v] + s.gradientWeight[v] * gy;
        }
        nx = x - s.learningRate[v] * s.vx[v];
        ny = y - s.learningRate[v] * s.vy[v];
    }
};

// Adam::update through AdaptiveMoments::step. Its corrections are worked out again every step: the scalar
// code skips that only when nothing they depend on changed, and the same inputs give the same values.
struct AdamLanes {
    static constexpr int kSettlesFrom = std::numeric_limits<int>::max();
    GRADSCAPE_LANES_INLINE static void update(LaneState& s, int v, int, const Lanes4& x, const Lanes4& y, const Lanes4& gx, const Lanes4& gy,
                                              Lanes4& nx, Lanes4& ny) {
        s.vx[v] = s.beta1[v] * s.vx[v] + s.oneMinusBeta1[v] * gx;
        s.vy[v] = s.beta1[v] * s.vy[v] + s.oneMinusBeta1[v] * gy;
        s.wx[v] = s.beta2[v] * s.wx[v] + gx * gx;
        s.wy[v] = s.beta2[v] * s.wy[v] + gy * gy;
        // updateCorrections: beta^t as running products that stop at 1e-18.
        const Lanes4 tiny = broadcast(1e-18), one = broadcast(1.0);
        s.beta1Power[v] = s.beta1Power[v] > tiny ? s.beta1Power[v] * s.beta1[v] : s.beta1Power[v];
        s.beta2Power[v] = s.beta2Power[v] > tiny ? s.beta2Power[v] * s.beta2[v] : s.beta2Power[v];
        const Lanes4 correction1 = s.biasCorrection ? 1.0 - s.beta1Power[v] : one;
        const Lanes4 correction2 = s.biasCorrection ? 1.0 - s.beta2Power[v] : one;
        const Lanes4 eta = s.learningRate[v];
        if (s.epsilonInsideSqrt) {
            const Lanes4 scale = -(eta / correction1);
            nx = x + (scale * s.vx[v]) / sqrtLanes(s.oneMinusBeta2[v] * s.wx[v] / correction2 + s.epsilon[v]);
            ny = y + (scale * s.vy[v]) / sqrtLanes(s.oneMinusBeta2[v] * s.wy[v] / correction2 + s.epsilon[v]);
            return;
        }
        const Lanes4 r = sqrtLanes(s.oneMinusBeta2[v] / correction2);
        const Lanes4 stepScale = eta / (correction1 * r), scaledEpsilon = s.epsilon[v] / r;
        nx = x + (-stepScale * s.vx[v]) / (sqrtLanes(s.wx[v]) + scaledEpsilon);
        ny = y + (-stepScale * s.vy[v]) / (sqrtLanes(s.wy[v]) + scaledEpsilon);
    }
};

// [SECTION] kernels
// runSteps over lanes: row k of (xs, ys) gets every lane's iterate after step k (a stopped lane repeats its
// last usable one). Returns the last row written: it stops early once every lane has stopped or settled
// (every later row would repeat that one).
template <class Surface, class Method>
GRADSCAPE_LANES_INLINE int stepLanesBody(const Surface& f, LaneState& s, int steps, Lanes4* xs, Lanes4* ys) {
    const Lanes4 largest = broadcast(DBL_MAX), radius = broadcast(kDivergenceRadius);
    for (int v = 0; v < kVectors; ++v)
        xs[v] = s.x[v], ys[v] = s.y[v];
    for (int k = 1; k <= steps; ++k) {
        const Lanes4 step = broadcast(k);
        Mask4 anyMoving = {0, 0, 0, 0};
        for (int v = 0; v < kVectors; ++v) {
            const Lanes4 x = s.x[v], y = s.y[v], oldGx = s.gx[v], oldGy = s.gy[v], oldVx = s.vx[v], oldVy = s.vy[v];
            // SteppedOptimizer::stepWith: g = grad f(x) + lambda x.
            const Lanes4 gx = s.gx[v] + s.weightDecay[v] * x, gy = s.gy[v] + s.weightDecay[v] * y;
            Lanes4 nx, ny, ngx, ngy;
            Method::update(s, v, k, x, y, gx, gy, nx, ny);
            const Lanes4 loss = f.valueAndGradient(nx, ny, ngx, ngy);
            // isUsableIterate: a finite loss, both coordinates within the divergence radius.
            const Mask4 usable = (absLanes(loss) <= largest) & (absLanes(nx) <= radius) & (absLanes(ny) <= radius);
            const Mask4 live = s.live[v], keep = live & usable;
            s.divergedAt[v] = (live & ~usable) ? step : s.divergedAt[v];
            s.live[v] = keep;
            s.x[v] = keep ? nx : x;
            s.y[v] = keep ? ny : y;
            s.gx[v] = keep ? ngx : s.gx[v];
            s.gy[v] = keep ? ngy : s.gy[v];
            s.loss[v] = keep ? loss : s.loss[v];
            xs[k * kVectors + v] = s.x[v];
            ys[k * kVectors + v] = s.y[v];
            const Mask4 unchanged = sameBits(nx, x) & sameBits(ny, y) & sameBits(ngx, oldGx) & sameBits(ngy, oldGy) &
                                    sameBits(s.vx[v], oldVx) & sameBits(s.vy[v], oldVy);
            anyMoving |= k >= Method::kSettlesFrom ? keep & ~unchanged : keep;
        }
        if (!anyMoving[0] && !anyMoving[1] && !anyMoving[2] && !anyMoving[3]) return k;
    }
    return steps;
}

// For each lane, the last row k <= lastRow of (xs, ys) whose squared distance to (tx, ty) is not within
// `within` (left as it is when there is none).
GRADSCAPE_LANES_INLINE void lastOutsideBody(const Lanes4* xs, const Lanes4* ys, int rows, const Lanes4* tx,
                                            const Lanes4* ty, const Lanes4* lastRow, double within,
                                            Lanes4* lastOutside) {
    const Lanes4 limit = broadcast(within);
    for (int k = 0; k < rows; ++k) {
        const Lanes4 row = broadcast(k);
        for (int v = 0; v < kVectors; ++v) {
            const Lanes4 dx = xs[k * kVectors + v] - tx[v], dy = ys[k * kVectors + v] - ty[v];
            const Lanes4 squared = dx * dx + dy * dy;
            const Mask4 outside = ~(squared <= limit) & (row <= lastRow[v]);
            lastOutside[v] = outside ? row : lastOutside[v];
        }
    }
}

// Each kernel twice: for AVX2 (picked at run time; no FMA, which would fuse and round differently from
// the scalar code) and for the baseline x86-64 the rest of the program is built for.
template <class Surface, class Method>
[[gnu::target("avx2")]] int stepLanesAvx2(const Surface& f, LaneState& s, int steps, Lanes4* xs, Lanes4* ys) {
    return stepLanesBody<Surface, Method>(f, s, steps, xs, ys);
}
template <class Surface, class Method>
int stepLanesPortable(const Surface& f, LaneState& s, int steps, Lanes4* xs, Lanes4* ys) {
    return stepLanesBody<Surface, Method>(f, s, steps, xs, ys);
}
[[gnu::target("avx2")]] void lastOutsideAvx2(const Lanes4* xs, const Lanes4* ys, int rows, const Lanes4* tx,
                                             const Lanes4* ty, const Lanes4* lastRow, double within,
                                             Lanes4* lastOutside) {
    lastOutsideBody(xs, ys, rows, tx, ty, lastRow, within, lastOutside);
}
void lastOutsidePortable(const Lanes4* xs, const Lanes4* ys, int rows, const Lanes4* tx, const Lanes4* ty,
                         const Lanes4* lastRow, double within, Lanes4* lastOutside) {
    lastOutsideBody(xs, ys, rows, tx, ty, lastRow, within, lastOutside);
}

// [SECTION] the block
enum class LaneMethod { None, Gd, Momentum, Adam };

// Which lane method runs this racer; None when the lanes path does not (or its settings are refused:
// runCell then throws as before).
LaneMethod laneMethodOf(const OptimizerSettings& racer) {
    const Hyperparameters& h = racer.hyperparameters;
    if (h.schedule.kind != Schedule::Kind::Constant) return LaneMethod::None;
    std::unique_ptr<Optimizer> optimizer;
    try {
        optimizer = makeOptimizer(racer.kind, h);
    } catch (const std::invalid_argument&) {
        return LaneMethod::None;
    }
    if (dynamic_cast<const GradientDescent*>(optimizer.get()))
        return h.lineSearch ? LaneMethod::None : LaneMethod::Gd;
    if (dynamic_cast<const Momentum*>(optimizer.get())) return LaneMethod::Momentum;
    if (dynamic_cast<const Adam*>(optimizer.get())) return LaneMethod::Adam;
    return LaneMethod::None;
}

// Calls work(surface) with the lane surface of `landscape`; returns false when it has none.
template <class Work>
bool withLaneSurface(const Landscape& landscape, const Work& work) {
    const std::type_info& type = typeid(landscape);
    if (type == typeid(Himmelblau)) return work(HimmelblauLanes{}), true;
    if (type == typeid(Rosenbrock)) {
        const auto& parameters = landscape.parameters();
        return work(RosenbrockLanes{parameters.at(0).value, parameters.at(1).value}), true;
    }
    if (type == typeid(Quadratic)) {
        const Mat2 h = landscape.hessianAt(Vec2::Zero());
        return work(QuadraticLanes{h(0, 0), h(0, 1), h(1, 0), h(1, 1)}), true;
    }
    return false;
}

bool hasLaneSurface(const Landscape& landscape) {
    return withLaneSurface(landscape, [](const auto&) {});
}

// Whether two cells of one map step alike: the switches and the schedule every lane of a block shares.
bool sameSwitches(const OptimizerSettings& a, const OptimizerSettings& b) {
    const Hyperparameters &g = a.hyperparameters, &h = b.hyperparameters;
    return a.kind == b.kind && g.biasCorrection == h.biasCorrection && g.epsilonInsideSqrt == h.epsilonInsideSqrt &&
           g.dampeningFollowsMomentum == h.dampeningFollowsMomentum && g.lineSearch == h.lineSearch &&
           g.schedule == h.schedule;
}

// The largest square whose root is within `tolerance`: sqrt is correctly rounded, so monotonic, and
// sqrt(s) <= tolerance exactly when s <= this.
double largestSquareWithin(double tolerance) {
    double s = tolerance * tolerance;
    while (s > 0 && !(std::sqrt(s) <= tolerance))
        s = std::nextafter(s, 0.0);
    for (double next = std::nextafter(s, HUGE_VAL); std::sqrt(next) <= tolerance; next = std::nextafter(s, HUGE_VAL))
        s = next;
    return s;
}

// The lanes' rows of iterates, aligned for the vectors, in the scratch memory.
Lanes4* alignedRows(MapLaneScratch& scratch, std::size_t vectors) {
    scratch.iterates.resize(vectors * 4 + 4);
    auto address = reinterpret_cast<std::uintptr_t>(scratch.iterates.data());
    return reinterpret_cast<Lanes4*>((address + 31) & ~std::uintptr_t(31));
}

MapCell unusableStartCell() {
    MapCell cell;
    cell.diverged = true;
    cell.finalLoss = std::numeric_limits<double>::quiet_NaN();
    cell.rate = std::numeric_limits<double>::quiet_NaN();
    return cell;
}

}  // namespace

bool lanesHaveAvx2() {
    static const bool avx2 = __builtin_cpu_supports("avx2");
    return avx2;
}

bool lanesRun(const Landscape& landscape, const OptimizerSettings& racer, int steps) {
    return steps >= 0 && steps <= kMaxLaneSteps && hasLaneSurface(landscape) &&
           laneMethodOf(racer) != LaneMethod::None;
}

void runCellLanes(const Landscape& landscape, std::span<const OptimizerSettings> racers, int steps,
                  double tolerance, std::span<MapCell> cells, MapLaneScratch& scratch, LaneCode code) {
    const int lanes = static_cast<int>(std::min<std::size_t>(racers.size(), kMapLanes));
    if (lanes == 0) return;
    const LaneMethod method = laneMethodOf(racers[0]);
    bool together = method != LaneMethod::None && hasLaneSurface(landscape) && steps >= 0 &&
                    steps <= kMaxLaneSteps && tolerance > 0 && std::isfinite(tolerance);
    for (int l = 1; together && l < lanes; ++l)
        together = sameSwitches(racers[l], racers[0]) && (racers[l].hyperparameters == racers[0].hyperparameters ||
                                                          validate(racers[l].hyperparameters).empty());
    if (!together || racers.size() > static_cast<std::size_t>(kMapLanes)) {
        for (std::size_t l = 0; l < racers.size(); ++l)
            cells[l] = runCell(landscape, racers[l], steps, tolerance);
        return;
    }

    // The lanes' starts and settings; a lane past the racers, or with an unusable start, is never live.
    LaneState s;
    s.biasCorrection = racers[0].hyperparameters.biasCorrection;
    s.epsilonInsideSqrt = racers[0].hyperparameters.epsilonInsideSqrt;
    bool startUsable[kMapLanes] = {};
    for (int l = 0; l < kMapLanes; ++l) {
        const int v = l / 4, i = l % 4;
        const Hyperparameters& h = racers[std::min(l, lanes - 1)].hyperparameters;
        s.learningRate[v][i] = h.learningRate, s.weightDecay[v][i] = h.weightDecay;
        s.momentum[v][i] = h.momentum, s.gradientWeight[v][i] = 1 - effectiveDampening(h);
        s.beta1[v][i] = h.beta1, s.oneMinusBeta1[v][i] = 1 - h.beta1;
        s.beta2[v][i] = h.beta2, s.oneMinusBeta2[v][i] = 1 - h.beta2;
        s.epsilon[v][i] = h.epsilon;
        s.vx[v][i] = s.vy[v][i] = s.wx[v][i] = s.wy[v][i] = 0;
        s.beta1Power[v][i] = s.beta2Power[v][i] = 1;
        s.divergedAt[v][i] = -1;
        s.x[v][i] = s.y[v][i] = s.gx[v][i] = s.gy[v][i] = s.loss[v][i] = 0;
        s.live[v][i] = 0;
        if (l >= lanes) continue;
        // startTrajectory, then the gradient runSteps starts from.
        const Vec2 start = racers[l].start;
        const double loss = landscape.valueAt(start);
        if (!isUsableIterate(start, loss)) continue;
        Vec2 gradient;
        landscape.valueAndGradientAt(start, gradient);
        startUsable[l] = true;
        s.x[v][i] = start.x(), s.y[v][i] = start.y(), s.loss[v][i] = loss;
        s.gx[v][i] = gradient.x(), s.gy[v][i] = gradient.y();
        s.live[v][i] = -1;
    }

    const std::size_t rowCount = static_cast<std::size_t>(steps) + 1;
    Lanes4* const rows = alignedRows(scratch, 2 * rowCount * kVectors);
    Lanes4* const xs = rows;
    Lanes4* const ys = rows + rowCount * kVectors;
    const bool avx2 = code == LaneCode::Best && lanesHaveAvx2();
    int lastRow = steps;  // rows past it repeat it
    withLaneSurface(landscape, [&]<class Surface>(const Surface& f) {
        const auto run = [&]<class Method>() {
            lastRow = (avx2 ? stepLanesAvx2<Surface, Method> : stepLanesPortable<Surface, Method>)(f, s, steps, xs, ys);
        };
        if (method == LaneMethod::Gd) run.template operator()<GdLanes>();
        if (method == LaneMethod::Momentum) run.template operator()<MomentumLanes>();
        if (method == LaneMethod::Adam) run.template operator()<AdamLanes>();
    });

    // summarizeRun, lane by lane; the arrival step for all lanes at once below.
    const std::vector<Vec2>& minima = landscape.knownMinima();
    alignas(32) Lanes4 tx[kVectors], ty[kVectors], lastScanned[kVectors], lastOutside[kVectors];
    int rowsToScan = 0;
    for (int l = 0; l < kMapLanes; ++l) {
        const int v = l / 4, i = l % 4;
        tx[v][i] = ty[v][i] = 0, lastScanned[v][i] = -1, lastOutside[v][i] = -1;
        if (l >= lanes) continue;
        if (!startUsable[l]) {
            cells[l] = unusableStartCell();
            continue;
        }
        MapCell& cell = cells[l];
        cell = MapCell{};
        cell.diverged = s.divergedAt[v][i] >= 0;
        cell.stepsRun = cell.diverged ? static_cast<int>(s.divergedAt[v][i]) - 1 : steps;
        cell.end = Vec2(s.x[v][i], s.y[v][i]);
        cell.finalLoss = s.loss[v][i];
        const int nearest = nearestMinimum(minima, cell.end);
        if (nearest < 0) {
            cell.rate = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        const Vec2& target = minima[nearest];
        const auto rowAt = [&](std::size_t k) {
            const std::size_t row = std::min<std::size_t>(k, lastRow) * kVectors + v;
            return Vec2(xs[row][i], ys[row][i]);
        };
        const double settledDistance = distanceBetween(rowAt(lastRow), target);
        cell.rate = measuredRate(
            static_cast<std::size_t>(cell.stepsRun) + 1,
            [&](std::size_t k) {
                return k >= static_cast<std::size_t>(lastRow) ? settledDistance : distanceBetween(rowAt(k), target);
            },
            lastRow);
        // The rows past the last one written repeat the end, which is within the tolerance.
        if (!cell.diverged && distanceBetween(target, cell.end) <= tolerance) {
            cell.minimum = nearest;
            tx[v][i] = target.x(), ty[v][i] = target.y(), lastScanned[v][i] = std::min(cell.stepsRun, lastRow);
            rowsToScan = std::max(rowsToScan, static_cast<int>(lastScanned[v][i]) + 1);
        }
    }
    if (rowsToScan == 0) return;
    // The step from which a lane stays within the tolerance: one past the last step outside it.
    const double within = largestSquareWithin(tolerance);
    (avx2 ? lastOutsideAvx2 : lastOutsidePortable)(xs, ys, rowsToScan, tx, ty, lastScanned, within, lastOutside);
    for (int l = 0; l < lanes; ++l)
        if (cells[l].minimum >= 0) cells[l].steps = static_cast<int>(lastOutside[l / 4][l % 4]) + 1;
}

}  // namespace gradscape

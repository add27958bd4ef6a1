#pragma once
// The lanes path of a map: up to kMapLanes cells' runs stepped together, one run per SIMD lane (their
// coordinates, gradients and optimizer states kept as arrays over the lanes), on the processor's widest
// vectors (AVX2 where it has them, chosen at run time; the portable x86-64 code otherwise).
//
// Each lane repeats its scalar run operation by operation in the same order (no reassociation, and no fused
// multiply-add: the AVX2 code is compiled without FMA, the file with -ffp-contract=off), so every cell
// equals runCell's field by field, bit for bit:
//  - iterates: SteppedOptimizer's step (g = grad f(x) + lambda x, then the method's update) and the
//    landscape's valueAndGradientAt, as written in optimizers/ and landscapes/classic_landscapes.h;
//  - divergence: a lane stops at the step whose result fails isUsableIterate; its stepsRun, end and
//    final loss are those of its last usable iterate, as in runSteps;
//  - the summary: the nearest known minimum and measuredRate come from maps/run_summary.h, as in
//    summarizeRun, and the rate reads the lane's recorded iterates. The step from which a lane stays
//    within the tolerance compares squared distances with the largest square whose root is within it
//    (sqrt is correctly rounded, hence monotonic: the same test as |p - m| <= tolerance).
//  - settling: a block stops stepping once every lane has diverged or settled, a step having left its whole
//    state (iterate, gradient, velocity) as it was, bit for bit: every later step would compute the same
//    numbers again, so the rows it would record repeat the last one (gd and momentum; Adam's corrections
//    change with the step count, so its blocks run every step).
// What it runs: gd (constant rate, no line search), momentum (torch's SGD momentum with dampening, or the
// lecture's EMA form) and adam (bias correction on or off, eps inside the square root or not), weight
// decay allowed, on Himmelblau, Rosenbrock and Quadratic as they are (not wrapped, as with
// regularization), for up to kMaxLaneSteps steps. Anything else goes through runCell.

#include "maps/map.h"

#include <span>
#include <vector>

namespace gradscape {

/// Runs stepped together in one block.
inline constexpr int kMapLanes = 16;

/// The most steps the lanes path records (a block keeps every lane's iterates: 16 bytes per lane per step,
/// 16 MiB per thread at this limit); longer runs go through runCell.
inline constexpr int kMaxLaneSteps = 1 << 16;

/// Whether the lanes path runs `racer` on `landscape` for `steps` steps (see the header comment).
bool lanesRun(const Landscape& landscape, const OptimizerSettings& racer, int steps);

/// Memory a thread reuses from block to block (the recorded iterates).
struct MapLaneScratch {
    std::vector<double> iterates;
};

/// Which code steps the lanes: the best the processor runs, or the portable x86-64 code (for tests).
enum class LaneCode { Best, Portable };

/// Whether this processor runs the AVX2 code.
bool lanesHaveAvx2();

/// runCell(landscape, racers[i], steps, tolerance) into cells[i] for each of the (at most kMapLanes)
/// racers, equal field by field. The racers are the cells of one map: one kind with the same switches,
/// each its own start and hyperparameters. Racers the lanes path does not run (lanesRun, or switches
/// unlike the first's) go through runCell.
void runCellLanes(const Landscape& landscape, std::span<const OptimizerSettings> racers, int steps,
                  double tolerance, std::span<MapCell> cells, MapLaneScratch& scratch,
                  LaneCode code = LaneCode::Best);

}  // namespace gradscape

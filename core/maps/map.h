#pragma once
// Maps: where every start and every setting leads. A basin map runs one racer from every start on a
// grid over a box; a parameter map runs it from its own start with two of its hyperparameters varied
// over a grid. Each cell is one whole run, exactly as `gradscape run` would make it (the same optimizer,
// the same landscape, the same loop), summed up in a MapCell.

#include "landscapes/landscape.h"
#include "maps/map_axis.h"
#include "optimizers/optimizer.h"
#include "optimizers/trajectory.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace gradscape {

enum class MapKind {
    Basins,      ///< x and y are the start's coordinates.
    Parameters,  ///< x and y are two of the racer's hyperparameters.
};

/// What colours a map's cells in its picture.
enum class MapColouring {
    Minimum,  ///< Basins: the minimum reached, darker the more steps it took; grey not yet, black diverged.
    Loss,     ///< The final loss above the lowest cell's, log scale (viridis); diverged cells red.
    Steps,    ///< Steps to reach the tolerance (viridis, fewer brighter); grey not reached, red diverged.
    Rate,     ///< The measured contraction rate per step (viridis, faster brighter); red diverged.
};

/// What one run from one cell came to.
struct MapCell {
    /// The index (in Landscape::knownMinima) of the known minimum the run ends within `tolerance` of;
    /// -1 if none (diverged, not there yet, or no minimum known).
    int minimum = -1;
    /// The step from which the run stays within `tolerance` of that minimum (0 when it starts there);
    /// -1 when minimum is -1.
    int steps = -1;
    double finalLoss = 0;  ///< The loss at the last recorded iterate (the last row `gradscape run` prints).
    bool diverged = false;
    /// The measured contraction rate: how much the distance to the known minimum nearest the end shrinks
    /// per step, (E(b) / E(a))^(1 / (b - a)) with E the distance's running maximum over a quarter of the
    /// window [a, b] = [b / 2, b] and b the last step still above 1e-10 of the start's distance (or 1e-13):
    /// max |1 - eta lambda| for GD on a quadratic, the spectral radius for heavy ball. NaN when it cannot
    /// be measured (no known minimum, fewer than 2 steps above the floor, a start on the minimum).
    double rate = 0;
    int stepsRun = 0;  ///< Steps recorded: the race's steps, or the step before divergence.
    Vec2 end = Vec2::Zero();  ///< The last recorded iterate.
};

/// Sums up a finished run: the known minimum it ends at, when it arrived, its rate, its end.
MapCell summarizeRun(const Trajectory& trajectory, const std::vector<Vec2>& minima, double tolerance);

/// One racer's run for `steps` steps from its settings' start, summed up (the run `gradscape run` makes).
MapCell runCell(const Landscape& landscape, const OptimizerSettings& racer, int steps, double tolerance);

/// Everything a map is computed from.
struct MapRequest {
    MapKind kind = MapKind::Basins;
    OptimizerSettings racer;  ///< Its start (parameter maps) and hyperparameters (the ones not mapped).
    MapAxis x{"x", -1, 1, false}, y{"y", -1, 1, false};
    int width = 64, height = 64;  ///< Cells along x and along y.
    int steps = 1000;
    double tolerance = 1e-3;  ///< Distance to a known minimum that counts as there.
    bool operator==(const MapRequest&) const = default;
};

/// The largest map side, and the most steps per cell times cells a request may ask for.
inline constexpr int kMaxMapSide = 4096;
inline constexpr double kMaxMapSteps = 1e11;

/// Why `request` cannot be computed for this racer, as one sentence naming the axis or value ("--y: adam
/// does not read momentum; it reads lr, beta1, beta2, eps, weight-decay"); "" when it can. Checks the axes'
/// names (x and y for basins; hyperparameters the racer's kind reads, or batch-size, for parameters), that
/// every value along them is allowed, the sizes, the steps and the tolerance.
std::string checkMapRequest(const MapRequest& request);

/// The racer of cell (i, j): i along x from its min, j along y from its min. On a basin map each start
/// draws its own noise (SGD's noise, minibatches, random search): cell (i, j) runs with seed
/// racer.seed + j * width + i, so the map shows how noise blurs the borders, as many runs from each start
/// would. A parameter map keeps the racer's seed in every cell: each setting meets the same noise.
OptimizerSettings cellRacer(const MapRequest& request, int i, int j);

/// Sets hyperparameter `name` (a spec name, or batch-size rounded to a whole number) of `settings`.
void setMappedParameter(OptimizerSettings& settings, const std::string& name, double value);
/// The value of hyperparameter `name` (a spec name, or batch-size) of `settings`.
double mappedParameter(const OptimizerSettings& settings, const std::string& name);

/// A computed map: cells row by row, j = 0 (y's min) first.
struct MapResult {
    MapRequest request;
    std::vector<MapCell> cells;
    bool complete = false;  ///< Every cell computed (false when cancelled part-way).
    const MapCell& at(int i, int j) const { return cells[static_cast<size_t>(j) * request.width + i]; }
};

/// How a map computation reports: cells done of all, called from the computing threads one at a time.
using MapProgress = std::function<void(long done, long total)>;

/// Computes every cell of a checked request (throws std::invalid_argument with checkMapRequest's sentence
/// otherwise) with `threads` threads, the caller's included. `cancel`, when set, stops it between cells
/// (the result is then not complete). `progress`, if any, hears about every finished row.
MapResult computeMap(const Landscape& landscape, const MapRequest& request, int threads,
                     const std::atomic<bool>* cancel = nullptr, const MapProgress& progress = {});

}  // namespace gradscape

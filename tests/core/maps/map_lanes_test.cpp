// The maps' lanes path (issue 14): every cell it computes equals runCell's field by field, bit for bit,
// in the AVX2 code and in the portable code, for every kind and landscape it runs, converging and
// diverging, and computeMap gives the same map through it as cell by cell.

#include "maps/map_lanes.h"

#include "maps/map.h"
#include "maps/map_axis.h"

#include <doctest/doctest.h>

#include <bit>
#include <functional>
#include <map>
#include <span>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using namespace gradscape;

namespace {

bool sameDouble(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

void checkSameCell(const MapCell& lanes, const MapCell& scalar) {
    CHECK(lanes.minimum == scalar.minimum);
    CHECK(lanes.steps == scalar.steps);
    CHECK(sameDouble(lanes.finalLoss, scalar.finalLoss));
    CHECK(lanes.diverged == scalar.diverged);
    CHECK(sameDouble(lanes.rate, scalar.rate));
    CHECK(lanes.stepsRun == scalar.stepsRun);
    CHECK(sameDouble(lanes.end.x(), scalar.end.x()));
    CHECK(sameDouble(lanes.end.y(), scalar.end.y()));
}

OptimizerSettings laneRacer(const std::string& kind, double lr, const std::function<void(Hyperparameters&)>& tweak = {}) {
    OptimizerSettings racer;
    racer.kind = kind;
    racer.hyperparameters = optimizerInfo(kind).defaults;
    racer.hyperparameters.learningRate = lr;
    if (tweak) tweak(racer.hyperparameters);
    return racer;
}

// Starts on a grid over [lo, hi]^2 (37 of them: two full blocks and a ragged one), the landscape's
// minima themselves, far starts that diverge, and starts that are themselves unusable.
std::vector<Vec2> laneStarts(const Landscape& landscape, double lo, double hi) {
    std::vector<Vec2> starts;
    for (int j = 0; j < 5; ++j)
        for (int i = 0; i < 6; ++i)
            starts.emplace_back(lo + (hi - lo) * (i + 0.5) / 6, lo + (hi - lo) * (j + 0.25) / 5);
    for (const Vec2& m : landscape.knownMinima())
        starts.push_back(m);
    starts.emplace_back(40, -35);
    starts.emplace_back(900, 900);
    starts.emplace_back(2e6, 0);  // beyond the divergence radius
    starts.emplace_back(std::numeric_limits<double>::quiet_NaN(), 1);
    while (starts.size() < 37)
        starts.emplace_back(0.1 * starts.size(), -0.05 * starts.size());
    return starts;
}

// What the compared cells covered: diverged, arrived (after some steps), under way, with a measured rate.
struct LaneCoverage {
    int diverged = 0, arrived = 0, underWay = 0, measured = 0;
};

// Every start through the lanes (in blocks of kMapLanes) against runCell.
LaneCoverage checkLanesAgainstRunCell(const Landscape& landscape, OptimizerSettings racer, const std::vector<Vec2>& starts,
                              int steps, double tolerance) {
    REQUIRE(lanesRun(landscape, racer, steps));
    std::vector<OptimizerSettings> racers;
    std::vector<MapCell> scalar;
    for (const Vec2& start : starts) {
        racer.start = start;
        racers.push_back(racer);
        scalar.push_back(runCell(landscape, racer, steps, tolerance));
    }
    LaneCoverage coverage;
    for (const MapCell& cell : scalar) {
        coverage.diverged += cell.diverged;
        coverage.arrived += cell.minimum >= 0 && cell.steps > 0;
        coverage.underWay += !cell.diverged && cell.minimum < 0;
        coverage.measured += std::isfinite(cell.rate);
    }
    MapLaneScratch scratch;
    for (LaneCode code : {LaneCode::Best, LaneCode::Portable}) {
        std::vector<MapCell> lanes(racers.size());
        for (size_t begin = 0; begin < racers.size(); begin += kMapLanes) {
            const size_t count = std::min<size_t>(kMapLanes, racers.size() - begin);
            runCellLanes(landscape, std::span(racers).subspan(begin, count), steps, tolerance,
                         std::span(lanes).subspan(begin, count), scratch, code);
        }
        for (size_t c = 0; c < racers.size(); ++c) {
            CAPTURE(c);
            CAPTURE(code == LaneCode::Best ? "best" : "portable");
            CAPTURE(racers[c].start.x());
            CAPTURE(racers[c].start.y());
            checkSameCell(lanes[c], scalar[c]);
        }
    }
    return coverage;
}

struct LaneCase {
    std::string landscape;
    std::map<std::string, double> parameters;
    double lo, hi;
};

const std::vector<LaneCase>& laneCases() {
    static const std::vector<LaneCase> cases = {
        {"himmelblau", {}, -6, 6},
        {"rosenbrock", {}, -2.5, 3},
        {"rosenbrock", {{"a", -0.7}, {"b", 8}}, -2, 2},
        {"quadratic", {{"kappa", 10}, {"theta", 30}}, -2, 2},
    };
    return cases;
}

// Each kind with the settings that change its arithmetic, and learning rates that diverge.
std::vector<std::pair<std::string, OptimizerSettings>> laneRacers() {
    return {
        {"gd", laneRacer("gd", 0.01)},
        {"gd, a rate that diverges", laneRacer("gd", 0.25)},
        {"gd, weight decay", laneRacer("gd", 0.005, [](Hyperparameters& h) { h.weightDecay = 0.3; })},
        {"momentum", laneRacer("momentum", 0.002)},
        {"momentum, dampening", laneRacer("momentum", 0.01, [](Hyperparameters& h) { h.dampening = 0.4; })},
        {"momentum, EMA form", laneRacer("momentum", 0.02, [](Hyperparameters& h) {
             h.momentum = 0.8, h.dampeningFollowsMomentum = true;
         })},
        {"momentum, decay and a rate that diverges",
         laneRacer("momentum", 0.2, [](Hyperparameters& h) { h.weightDecay = 0.05; })},
        {"adam", laneRacer("adam", 0.05)},
        {"adam, no bias correction", laneRacer("adam", 0.05, [](Hyperparameters& h) { h.biasCorrection = false; })},
        {"adam, eps inside the root", laneRacer("adam", 0.1, [](Hyperparameters& h) {
             h.epsilonInsideSqrt = true, h.epsilon = 1e-6;
         })},
        {"adam, both switches, decay, betas", laneRacer("adam", 0.03, [](Hyperparameters& h) {
             h.biasCorrection = false, h.epsilonInsideSqrt = true, h.weightDecay = 0.01, h.beta1 = 0.5,
             h.beta2 = 0.9;
         })},
    };
}

}  // namespace

TEST_CASE("the lanes run gd, momentum and adam on Himmelblau, Rosenbrock and the quadratic, and nothing else") {
    const auto himmelblau = makeLandscape("himmelblau");
    CHECK(lanesRun(*himmelblau, laneRacer("gd", 0.01), 1000));
    CHECK(lanesRun(*makeLandscape("rosenbrock"), laneRacer("momentum", 0.01), 1000));
    CHECK(lanesRun(*makeLandscape("quadratic"), laneRacer("adam", 0.01), 1000));
    CHECK_FALSE(lanesRun(*himmelblau, laneRacer("gd", 0.01, [](Hyperparameters& h) { h.lineSearch = true; }), 10));
    CHECK_FALSE(lanesRun(*himmelblau, laneRacer("gd", 0.01, [](Hyperparameters& h) {
                             h.schedule.kind = Schedule::Kind::StepDecay;
                         }), 10));
    CHECK_FALSE(lanesRun(*himmelblau, laneRacer("nesterov", 0.01), 10));
    CHECK_FALSE(lanesRun(*himmelblau, laneRacer("adamw", 0.01), 10));
    CHECK_FALSE(lanesRun(*makeLandscape("beale"), laneRacer("gd", 0.01), 10));
    CHECK_FALSE(lanesRun(*himmelblau, laneRacer("gd", 0.01), kMaxLaneSteps + 1));
    CHECK_FALSE(lanesRun(*himmelblau, laneRacer("gd", -1), 10));  // refused: runCell says why
}

TEST_CASE("every lane equals runCell bit for bit: each kind, landscape and switch, AVX2 and portable") {
    MESSAGE(std::string(lanesHaveAvx2() ? "this processor runs the AVX2 lanes" : "no AVX2 here: portable lanes"));
    LaneCoverage all;
    for (const LaneCase& c : laneCases()) {
        const auto landscape = makeLandscape(c.landscape, c.parameters);
        const std::vector<Vec2> starts = laneStarts(*landscape, c.lo, c.hi);
        for (const auto& [name, racer] : laneRacers()) {
            CAPTURE(c.landscape);
            CAPTURE(name);
            const LaneCoverage coverage = checkLanesAgainstRunCell(*landscape, racer, starts, 400, 1e-3);
            all.diverged += coverage.diverged, all.arrived += coverage.arrived;
            all.underWay += coverage.underWay, all.measured += coverage.measured;
        }
    }
    // The cases exercise every branch of the summary, not only converging runs.
    CHECK(all.diverged > 50);
    CHECK(all.arrived > 50);
    CHECK(all.underWay > 50);
    CHECK(all.measured > 50);
}

TEST_CASE("the lanes agree on short runs, a wide tolerance and a tolerance met exactly") {
    const auto quadratic = makeLandscape("quadratic", {{"kappa", 10}, {"theta", 30}});
    const std::vector<Vec2> starts = laneStarts(*quadratic, -2, 2);
    for (int steps : {0, 1, 2, 3, 17})
        for (const auto& [name, racer] : laneRacers()) {
            CAPTURE(steps);
            CAPTURE(name);
            checkLanesAgainstRunCell(*quadratic, racer, starts, steps, 0.5);
        }
    // A tolerance equal to one iterate's distance (the comparison's edge), and the double just below it.
    OptimizerSettings gd = laneRacer("gd", 0.03);
    gd.start = Vec2(-1.5, 1.1);
    auto optimizer = makeOptimizer(gd.kind, gd.hyperparameters);
    Trajectory trajectory = startTrajectory(*quadratic, gd.start);
    advanceTrajectory(trajectory, *optimizer, *quadratic, 300);
    const double edge = trajectory.points[120].norm();
    for (double tolerance : {edge, std::nextafter(edge, 0.0), std::nextafter(edge, 1.0)}) {
        CAPTURE(tolerance);
        std::vector<Vec2> near = {gd.start, gd.start + Vec2(1e-12, 0), gd.start - Vec2(0, 1e-9)};
        checkLanesAgainstRunCell(*quadratic, gd, near, 300, tolerance);
    }
}

TEST_CASE("long runs agree after the lanes settle (a step that changes nothing stops stepping them)") {
    for (const char* name : {"himmelblau", "quadratic"}) {
        const auto landscape = makeLandscape(name);
        std::vector<Vec2> starts;
        for (int i = 0; i < 16; ++i)
            starts.emplace_back(-1.9 + 0.23 * i, 1.7 - 0.19 * i);
        for (const OptimizerSettings& racer :
             {laneRacer("gd", 0.01), laneRacer("gd", 0.002, [](Hyperparameters& h) { h.weightDecay = 0.1; }),
              laneRacer("momentum", 0.005), laneRacer("momentum", 0.01, [](Hyperparameters& h) { h.dampening = 0.9; }),
              laneRacer("adam", 0.02)}) {
            CAPTURE(name);
            CAPTURE(racer.kind);
            checkLanesAgainstRunCell(*landscape, racer, starts, 6000, 1e-6);
        }
    }
}

TEST_CASE("computeMap through the lanes equals the map cell by cell") {
    const auto himmelblau = makeLandscape("himmelblau");
    MapRequest basins;
    basins.racer = laneRacer("gd", 0.01);
    basins.x = {"x", -5, 5, false}, basins.y = {"y", -5, 5, false};
    basins.width = 37, basins.height = 9, basins.steps = 300;
    MapRequest parameters;
    parameters.kind = MapKind::Parameters;
    parameters.racer = laneRacer("momentum", 0.01);
    parameters.racer.start = Vec2(-1.2, 1);
    parameters.x = parseMapAxis("lr:0.0001:0.01:log", "--x");
    parameters.y = parseMapAxis("momentum:0:0.99", "--y");
    parameters.width = 21, parameters.height = 7, parameters.steps = 500;
    for (const auto& [landscape, request] :
         {std::pair{himmelblau, basins}, std::pair{makeLandscape("rosenbrock"), parameters}}) {
        REQUIRE(lanesRun(*landscape, request.racer, request.steps));
        const MapResult map = computeMap(*landscape, request, 2);
        REQUIRE(map.complete);
        for (int j = 0; j < request.height; ++j)
            for (int i = 0; i < request.width; ++i) {
                CAPTURE(i);
                CAPTURE(j);
                checkSameCell(map.at(i, j),
                              runCell(*landscape, cellRacer(request, i, j), request.steps, request.tolerance));
            }
    }
}

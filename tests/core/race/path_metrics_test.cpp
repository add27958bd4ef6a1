#include "race/path_metrics.h"
#include "optimizers/optimizer.h"
#include "race/solver.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

using namespace gradscape;

namespace {

std::shared_ptr<const Trajectory> run(const Landscape& f, const std::string& kind, double learningRate,
                                      const Vec2& start, int steps) {
    auto optimizer = makeOptimizer(kind, Hyperparameters{.learningRate = learningRate});
    Trajectory t = startTrajectory(f, start);
    advanceTrajectory(t, *optimizer, f, steps);
    return std::make_shared<const Trajectory>(std::move(t));
}

}  // namespace

TEST_CASE("GD on the quadratic: gradient norm and distance shrink by 1 - eta lambda each step") {
    // f = 0.5 (10 x^2 + y^2); from (1, 0) GD with eta 0.05 gives x_k = (1 - 0.05 * 10)^k = 0.5^k.
    auto f = makeLandscape("quadratic");
    auto path = run(*f, "gd", 0.05, {1, 0}, 40);
    PathMetricsCache cache;
    const PathSeries& s = cache.update(f, path);
    REQUIRE(s.gradientNorm.size() == 41);
    REQUIRE(s.distanceToMinimum.size() == 41);
    for (int k = 0; k <= 40; ++k) {
        CAPTURE(k);
        CHECK(s.gradientNorm[k] == doctest::Approx(10 * std::pow(0.5, k)).epsilon(1e-12));
        CHECK(s.distanceToMinimum[k] == doctest::Approx(std::pow(0.5, k)).epsilon(1e-12));
        CHECK(s.loss[k] == doctest::Approx(5 * std::pow(0.25, k)).epsilon(1e-12));
    }

    // From (1, 1) the slow axis (lambda 1) sets the rate: distance^2 = 0.25^k + 0.95^(2k).
    auto both = run(*f, "gd", 0.05, {1, 1}, 60);
    const PathSeries& b = cache.update(f, both);
    for (int k = 0; k <= 60; k += 5) {
        CAPTURE(k);
        const double x = std::pow(0.5, k), y = std::pow(0.95, k);
        CHECK(b.distanceToMinimum[k] == doctest::Approx(std::hypot(x, y)).epsilon(1e-12));
        CHECK(b.gradientNorm[k] == doctest::Approx(std::hypot(10 * x, y)).epsilon(1e-12));
    }
    CHECK(b.gradientNorm[60] / b.gradientNorm[59] == doctest::Approx(0.95).epsilon(1e-6));
}

TEST_CASE("the loss series is the trajectory's own losses, and each step agrees with metricsAt") {
    auto f = makeLandscape("rosenbrock");
    auto path = run(*f, "adam", 0.05, {-1.2, 1}, 300);
    PathMetricsCache cache;
    const PathSeries& s = cache.update(f, path);
    CHECK(s.loss == path->losses);
    for (int k : {0, 1, 17, 150, 300}) {
        CAPTURE(k);
        const StepMetrics m = metricsAt(*f, *path, k);
        CHECK(m.step == k);
        CHECK(m.loss == s.loss[k]);
        CHECK(m.gradientNorm == s.gradientNorm[k]);
        CHECK(m.gradientNorm == f->gradientAt(path->points[k]).norm());
        CHECK(m.distanceToMinimum == s.distanceToMinimum[k]);
        CHECK(m.distanceToMinimum == (path->points[k] - Vec2(1, 1)).norm());
    }
}

TEST_CASE("the distance is to the nearest of several minima, and NaN where none is known") {
    auto himmelblau = makeLandscape("himmelblau");
    REQUIRE(himmelblau->knownMinima().size() == 4);
    for (const Vec2& m : himmelblau->knownMinima()) {
        CAPTURE(m.transpose());
        const Vec2 offset(0.03, -0.04);
        CHECK(distanceToNearest(himmelblau->knownMinima(), m + offset) == doctest::Approx(0.05));
    }
    // Halfway between (3, 2) and (3.584, -1.848) the two are equally near and the others far.
    const Vec2 a(3, 2), b(3.584428340330492, -1.848126526964404);
    CHECK(distanceToNearest(himmelblau->knownMinima(), (a + b) / 2) == doctest::Approx((a - b).norm() / 2));

    // GD from near (-2.8, 3.1) ends at that minimum, and the series measures the distance to it.
    auto path = run(*himmelblau, "gd", 0.01, {-2.5, 2.5}, 200);
    PathMetricsCache cache;
    const PathSeries& s = cache.update(himmelblau, path);
    const Vec2 nearest = himmelblau->knownMinima()[1];
    CHECK(s.distanceToMinimum.front() == doctest::Approx((Vec2(-2.5, 2.5) - nearest).norm()));
    CHECK(s.distanceToMinimum.back() < 1e-6);

    auto saddle = makeLandscape("saddle");
    REQUIRE(saddle->knownMinima().empty());
    auto saddlePath = run(*saddle, "gd", 0.1, {-1.8, 0.01}, 20);
    const PathSeries& none = cache.update(saddle, saddlePath);
    CHECK(none.distanceToMinimum.empty());
    CHECK(none.gradientNorm.size() == saddlePath->points.size());
    CHECK(std::isnan(metricsAt(*saddle, *saddlePath, 3).distanceToMinimum));
}

TEST_CASE("a grown path reuses its cached prefix (the chunks it shares), a restarted one is recomputed") {
    auto f = makeLandscape("rosenbrock");
    auto optimizer = makeOptimizer("gd", Hyperparameters{.learningRate = 1e-3});
    Trajectory t = startTrajectory(*f, {-1.2, 1});
    advanceTrajectory(t, *optimizer, *f, 1000);
    auto first = std::make_shared<const Trajectory>(t);
    advanceTrajectory(t, *optimizer, *f, 1500);
    auto grown = std::make_shared<const Trajectory>(t);

    PathMetricsCache cache;
    cache.update(f, first);
    CHECK(cache.computedSteps() == 1001);
    cache.update(f, first);  // the same snapshot again: nothing to do
    CHECK(cache.computedSteps() == 1001);
    const PathSeries grownSeries = cache.update(f, grown);
    CHECK(cache.computedSteps() == 1501);  // only steps 1001..1500 are new

    // The reused values are exactly those computed from scratch.
    PathMetricsCache fresh;
    const PathSeries& scratch = fresh.update(f, grown);
    CHECK(grownSeries.gradientNorm == scratch.gradientNorm);
    CHECK(grownSeries.distanceToMinimum == scratch.distanceToMinimum);
    CHECK(grownSeries.loss == scratch.loss);

    // A new learning rate makes another path, in storage of its own: every step is computed again.
    auto other = run(*f, "gd", 2e-3, {-1.2, 1}, 1500);
    const PathSeries& otherSeries = cache.update(f, other);
    CHECK(cache.computedSteps() == 1501 + 1501);
    CHECK(otherSeries.gradientNorm.back() == f->gradientAt(other->points.back()).norm());

    // A new landscape recomputes every step, even where the points agree.
    auto steeper = makeLandscape("rosenbrock", {{"b", 200}});
    const PathSeries& steep = cache.update(steeper, other);
    CHECK(cache.computedSteps() == 1501 + 1501 + 1501);
    CHECK(steep.gradientNorm[0] == steeper->gradientAt(other->points[0]).norm());
}

TEST_CASE("decimation keeps each pixel column's extremes, so a one-step spike survives") {
    std::vector<double> values(100000);
    for (size_t k = 0; k < values.size(); ++k)
        values[k] = 1.0 / (1 + k) + 1e-3 * std::sin(0.37 * k);
    values[54321] = 50;   // a spike far above its neighbours
    values[70000] = -20;  // and one far below
    const auto points = decimateByColumn(values, 99999, 300);
    CHECK(points.size() <= 2 * 300 + 2);
    CHECK(points.size() >= 300);
    CHECK(points.front().step == 0);
    CHECK(points.back().step == 99999);
    for (size_t i = 1; i < points.size(); ++i)
        REQUIRE(points[i].step > points[i - 1].step);
    for (const auto& p : points)
        REQUIRE(p.value == values[p.step]);
    const auto has = [&](int step) {
        return std::any_of(points.begin(), points.end(),
                           [&](const SeriesPoint& p) { return p.step == step; });
    };
    CHECK(has(54321));
    CHECK(has(70000));
    CHECK(has(0));  // the largest regular value is the first
    // In every column the kept points include that column's largest and smallest value.
    const long long span = 100000;
    for (int column = 0; column < 300; column += 37) {
        CAPTURE(column);
        int lowest = -1, highest = -1;
        for (int k = 0; k < 100000; ++k) {
            if (k * 300LL / span != column) continue;
            if (lowest < 0 || values[k] < values[lowest]) lowest = k;
            if (highest < 0 || values[k] > values[highest]) highest = k;
        }
        CHECK(has(lowest));
        CHECK(has(highest));
    }
}

TEST_CASE("decimation returns a short series whole, leaves out non-finite values and honours a wider axis") {
    const std::vector<double> shortSeries = {3, 2, std::numeric_limits<double>::quiet_NaN(), 1};
    const auto whole = decimateByColumn(shortSeries, 3, 100);
    REQUIRE(whole.size() == 3);
    CHECK(whole[0].step == 0);
    CHECK(whole[1].step == 1);
    CHECK(whole[2].step == 3);
    CHECK(whole[2].value == 1);

    // A path that stopped at step 999 on an axis up to step 9999 fills only the first tenth of the columns.
    std::vector<double> ramp(1000);
    for (size_t k = 0; k < ramp.size(); ++k)
        ramp[k] = static_cast<double>(k);
    const auto points = decimateByColumn(ramp, 9999, 200);
    CHECK(points.size() <= 2 * 20 + 2);
    CHECK(points.back().step == 999);
    CHECK(decimateByColumn({}, 10, 10).empty());
}

namespace {

SeriesSummary summaryOf(const ChunkedVector<double>& values) {
    SeriesSummary summary;
    summary.extend(values);
    return summary;
}

}  // namespace

TEST_CASE("a path's series share their chunks with the snapshots', and their summaries grow with them") {
    auto f = makeLandscape("rosenbrock");
    auto optimizer = makeOptimizer("gd", Hyperparameters{.learningRate = 1e-3});
    Trajectory t = startTrajectory(*f, {-1.2, 1});
    advanceTrajectory(t, *optimizer, *f, 9000);
    auto first = std::make_shared<const Trajectory>(t);
    PathMetricsCache cache;
    const PathSeries published = cache.update(f, first);  // what a snapshot holds: a copy

    // The loss is the trajectory's own; the copy shares every chunk of the cache's series.
    CHECK(published.loss.sharedPrefix(first->losses) == 9001);
    advanceTrajectory(t, *optimizer, *f, 20000);
    auto grown = std::make_shared<const Trajectory>(t);
    const PathSeries& series = cache.update(f, grown);
    CHECK(cache.computedSteps() == 20001);
    CHECK(series.gradientNorm.sharedPrefix(published.gradientNorm) == 9001);
    CHECK(series.distanceToMinimum.sharedPrefix(published.distanceToMinimum) == 9001);
    CHECK(series.loss.sharedPrefix(grown->losses) == 20001);
    // The snapshot's copy still holds what it held.
    CHECK(published.gradientNorm.size() == 9001);
    CHECK(published.gradientNormSummary == summaryOf(published.gradientNorm));

    // Extended step by step, the summaries are those of the whole series built at once.
    CHECK(series.lossSummary == summaryOf(series.loss));
    CHECK(series.gradientNormSummary == summaryOf(series.gradientNorm));
    CHECK(series.distanceSummary == summaryOf(series.distanceToMinimum));

    // A restart (here: another start) is other storage: every step again, summaries from scratch.
    auto restarted = run(*f, "gd", 1e-3, {-1.0, 1.5}, 5000);
    const PathSeries& again = cache.update(f, restarted);
    CHECK(cache.computedSteps() == 20001 + 5001);
    CHECK(again.gradientNorm.size() == 5001);
    CHECK(again.lossSummary == summaryOf(again.loss));
    CHECK(again.gradientNormSummary == summaryOf(again.gradientNorm));
    CHECK(again.distanceSummary == summaryOf(again.distanceToMinimum));
}

TEST_CASE("a cut path's series are prefixes sharing the whole path's chunks, read through its summaries") {
    auto f = makeLandscape("rosenbrock");
    auto path = run(*f, "momentum", 1e-3, {-1.2, 1}, 10000);
    PathMetricsCache cache;
    const PathSeries& whole = cache.update(f, path);
    const PathSeries cut = whole.prefix(5000);
    CHECK(cut.gradientNorm.size() == 5000);
    CHECK(cut.gradientNorm.sharedPrefix(whole.gradientNorm) == 4096);  // the chunk holding the end is copied
    const std::vector<double> values = cut.gradientNorm.toVector();
    CHECK(values == std::vector<double>(whole.gradientNorm.begin(), whole.gradientNorm.begin() + 5000));
    // The whole path's summary answers for the prefix as the prefix's own would.
    const SeriesSummary own = summaryOf(cut.gradientNorm);
    const auto a = decimateByColumn(cut.gradientNorm, cut.gradientNormSummary, 5000, 300);
    const auto b = decimateByColumn(cut.gradientNorm, own, 5000, 300);
    const auto c = decimateByColumn(values, 5000, 300);
    REQUIRE(a.size() == c.size());
    REQUIRE(b.size() == c.size());
    for (size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].step == c[i].step);
        CHECK(b[i].step == c[i].step);
        CHECK(a[i].value == c[i].value);
    }
}

// The solver extends the series and their summaries in chunks the published snapshots share, while the
// UI reads them on its own thread (ThreadSanitizer's build checks that no byte is both written and read).
TEST_CASE("published series are read on another thread while the solver extends them") {
    auto f = makeLandscape("rosenbrock");
    std::vector<OptimizerSettings> racers;
    for (const auto& [id, kind] : {std::pair{1, "gd"}, std::pair{2, "momentum"}}) {
        OptimizerSettings s;
        s.id = id;
        s.kind = kind;
        s.hyperparameters = optimizerInfo(kind).defaults;
        s.hyperparameters.learningRate = 1e-3;
        s.start = {-1.2, 1};
        racers.push_back(s);
    }
    Solver solver(f, racers, 200'000);
    AnalysisRequest request;
    request.metrics = true;
    solver.post(command::SetAnalyses{request});
    solver.post(command::SetSpeed{1e6});
    solver.post(command::Play{});
    std::atomic<bool> done{false};
    std::thread reader([&] {
        while (!done) {
            const auto snapshot = solver.snapshot();
            for (const auto& path : snapshot->paths) {
                if (!path.analysis->series) continue;
                const PathSeries& s = *path.analysis->series;
                CHECK(s.gradientNorm.size() == path.trajectory->points.size());
                CHECK(s.gradientNormSummary.size() >= s.gradientNorm.size());
                const auto points = decimateByColumn(s.gradientNorm, s.gradientNormSummary, 200'000, 300);
                if (!points.empty()) CHECK(points.back().value == s.gradientNorm.back());
                CHECK(s.lossSummary.extremes(s.loss, 0, s.loss.size()).lowest > 0);
            }
        }
    });
    // Moved starts make new paths (new storage) while others grow.
    for (int i = 0; i < 20; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        solver.post(command::SetStart{1, {-1.2 + 0.01 * i, 1}});
    }
    solver.post(command::Pause{});
    const auto last = solver.sync();
    done = true;
    reader.join();
    const PathSeries& s = *last->paths[1].analysis->series;
    CHECK(s.gradientNormSummary.size() == s.gradientNorm.size());
    CHECK(s.loss == last->paths[1].trajectory->losses);
}

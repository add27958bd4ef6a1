// Every "try this" prompt of every lesson in assets/lessons, performed as the window would perform it
// (the lesson scene loaded, the one change the prompt asks for applied, the race run with the real
// optimizers), and what the prompt's text promises asserted. One test case per lesson.

#include "view/analysis.h"
#include "landscapes/formula_landscape.h"
#include "maps/map.h"
#include "maps/map_settings.h"
#include "maps/map_theory.h"
#include "maps/tune.h"
#include "scene/scene_file.h"
#include "optimizers/trajectory.h"

#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <numbers>
#include <numeric>

using namespace gradscape;

namespace {

Scene lesson(const std::string& stem) {
    return loadScene(std::string(GRADSCAPE_ASSETS_DIR) + "/lessons/" + stem + ".json");
}

std::shared_ptr<const Landscape> landscapeOf(const Scene& scene) {
    return regularize(scene.formula.empty() ? makeLandscape(scene.landscape, scene.landscapeParameters)
                                            : makeFormulaLandscape(scene.formula),
                      scene.regularization);
}

OptimizerSettings& racer(Scene& scene, int id) {
    for (auto& settings : scene.optimizers)
        if (settings.id == id) return settings;
    FAIL("no racer " << id);
    throw;
}

// One racer's path for `steps` steps on `landscape`.
Trajectory run(const Landscape& landscape, const OptimizerSettings& settings, int steps) {
    auto optimizer = makeOptimizer(settings.kind, settings.hyperparameters);
    Trajectory t = startTrajectory(landscape, settings.start);
    advanceTrajectory(t, *optimizer, landscape, steps);
    return t;
}

Trajectory run(const Scene& scene, int id, int steps) {
    Scene copy = scene;
    return run(*landscapeOf(scene), racer(copy, id), steps);
}

// The landscape picked from the landscape list: every racer moves to its classic start (Session::use).
void switchLandscape(Scene& scene, const std::string& name) {
    scene.landscape = name;
    scene.landscapeParameters.clear();
    const Vec2 start = landscapeOf(scene)->defaultStart();
    for (auto& settings : scene.optimizers)
        settings.start = start;
}

// An optimizer added with the window's "Add optimizer": the catalog's defaults, at the shared start.
OptimizerSettings added(const Scene& scene, const std::string& kind) {
    OptimizerSettings settings = defaultSettings(kind, scene.optimizers.front().start);
    settings.id = 1 + std::accumulate(scene.optimizers.begin(), scene.optimizers.end(), 0,
                                      [](int m, const OptimizerSettings& s) { return std::max(m, s.id); });
    return settings;
}

double distance(const Trajectory& t, const Vec2& target, int step) {
    return (t.points.at(size_t(step)) - target).norm();
}

// The first step from which the path stays within `radius` of `target`; -1 when it never does.
int stepsToReach(const Trajectory& t, const Vec2& target, double radius) {
    for (int k = t.steps(); k >= 0; --k)
        if ((t.points[size_t(k)] - target).norm() > radius) return k == t.steps() ? -1 : k + 1;
    return 0;
}

// The mean distance from `target` over the steps [from, to].
double meanDistance(const Trajectory& t, const Vec2& target, int from, int to) {
    double sum = 0;
    for (int k = from; k <= to; ++k)
        sum += distance(t, target, k);
    return sum / (to - from + 1);
}

// The prompt performed names what the test does: each of `words` is in prompt `index`'s text, so a
// prompt rewritten to ask for something else fails here until its test follows.
void promptSays(const Scene& scene, size_t index, std::initializer_list<std::string> words) {
    REQUIRE(index < scene.lesson.tryThis.size());
    const std::string& prompt = scene.lesson.tryThis[index];
    CAPTURE(prompt);
    for (const std::string& word : words) {
        CAPTURE(word);
        CHECK(prompt.find(word) != std::string::npos);
    }
}

Vec2 minimumOf(const Scene& scene) {
    return landscapeOf(scene)->knownMinima().front();
}

}  // namespace

TEST_CASE("lesson 1, GD and the learning-rate bound: 0.199 settles, kappa 20 leaves only the 0.1 racer") {
    Scene scene = lesson("01-gd-learning-rate");
    promptSays(scene, 0, {"0.199"});
    promptSays(scene, 1, {"κ to 20", "2/20 = 0.1", "η = 0.1"});
    promptSays(scene, 2, {"curvature overlay"});
    const Vec2 minimum = minimumOf(scene);
    // The explanation: lambda_max = kappa = 10, so the bound is 2 / 10 = 0.2.
    const Curvature c = curvatureAt(*landscapeOf(scene), Vec2(0.3, -0.7));
    CHECK(c.eigenvalues[1] == doctest::Approx(10));
    CHECK(run(scene, 3, 500).diverged());  // 0.21: each bounce wider than the last
    // "Set it to 0.199": it now settles, zig-zagging (the y error flips sign every step).
    racer(scene, 3).hyperparameters.learningRate = 0.199;
    const Trajectory settled = run(scene, 3, 5000);
    CHECK(!settled.diverged());
    CHECK(distance(settled, minimum, 5000) < 1e-6);
    const Vec2 steep = c.eigenvectors.col(1);
    CHECK((settled.points[1] - minimum).dot(steep) * (settled.points[2] - minimum).dot(steep) < 0);
    // "Raise kappa to 20": the bound is now 2 / 20 = 0.1; 0.19 and 0.199 diverge, 0.1 sits exactly on the
    // bound and bounces across the valley forever with the same width, neither settling nor diverging.
    scene.landscapeParameters["kappa"] = 20;
    CHECK(curvatureAt(*landscapeOf(scene), minimum).eigenvalues[1] == doctest::Approx(20));
    CHECK(run(scene, 2, 500).diverged());
    CHECK(run(scene, 3, 500).diverged());
    const Trajectory edge = run(scene, 1, 500);
    CHECK(!edge.diverged());
    CHECK(std::abs((edge.points.back() - minimum).dot(steep)) ==
          doctest::Approx(std::abs((edge.points.front() - minimum).dot(steep))).epsilon(1e-6));
    CHECK(std::abs((edge.points.back() - minimum).dot(c.eigenvectors.col(0))) < 1e-9);
    // "Hover the bowl with the curvature overlay": the larger eigenvalue shown is lambda_max everywhere.
    for (const Vec2& p : {Vec2(1, 1), Vec2(-0.5, 1.2)})
        CHECK(curvatureAt(*landscapeOf(scene), p).eigenvalues[1] == doctest::Approx(20));
}

TEST_CASE("lesson 2, ill-conditioning: coordinate descent with theta 0, GD with kappa 50, the field") {
    Scene scene = lesson("02-ill-conditioning");
    promptSays(scene, 0, {"θ to 0", "2t"});
    promptSays(scene, 1, {"κ to 50", "2/50 = 0.04"});
    promptSays(scene, 2, {"gradient field"});
    const Vec2 minimum = minimumOf(scene);
    // The explanation's rate: GD at its best step 2 / (lambda_min + lambda_max) shrinks the error by
    // (kappa - 1) / (kappa + 1) per step.
    {
        Scene best = scene;
        racer(best, 1).hyperparameters.learningRate = 2.0 / (1 + 10);
        const Trajectory t = run(best, 1, 60);
        const double rate = std::pow(distance(t, minimum, 60) / distance(t, minimum, 30), 1.0 / 30);
        CHECK(rate == doctest::Approx(9.0 / 11).epsilon(1e-3));
    }
    // "Set theta to 0": the coordinates no longer interact, so after 2t steps coordinate descent is
    // exactly where GD with its eta is after t. (Tilted, they interact: it is somewhere else.)
    auto halfSpeed = [](const Scene& s) {
        OptimizerSettings gd = s.optimizers.at(1);
        gd.kind = "gd";
        const Trajectory coordinate = run(s, 2, 40), plain = run(*landscapeOf(s), gd, 20);
        double worst = 0;
        for (int t = 0; t <= 20; ++t)
            worst = std::max(worst, (coordinate.points[size_t(2 * t)] - plain.points[size_t(t)]).norm());
        return worst;
    };
    Scene aligned = scene;
    aligned.landscapeParameters["theta"] = 0;
    CHECK(halfSpeed(aligned) < 1e-12);
    CHECK(halfSpeed(scene) > 0.1);
    // "Raise kappa to 50 and lower GD's eta below 2 / 50 = 0.04": 0.19 diverges, 0.039 survives and needs
    // about five times the steps it needed at kappa 10.
    const int before = stepsToReach(run(scene, 1, 20000), minimum, 1e-3);
    scene.landscapeParameters["kappa"] = 50;
    CHECK(run(scene, 1, 2000).diverged());
    for (double factor : {1.02, 0.98}) {  // the bound is 2 / 50 = 0.04 exactly
        Scene edge = scene;
        racer(edge, 1).hyperparameters.learningRate = factor * 2 / 50;
        CHECK(run(edge, 1, 3000).diverged() == (factor > 1));
    }
    racer(scene, 1).hyperparameters.learningRate = 0.039;
    const Trajectory slow = run(scene, 1, 20000);
    CHECK(!slow.diverged());
    const int after = stepsToReach(slow, minimum, 1e-3);
    INFO("GD steps to 1e-3: kappa 10 at 0.19: " << before << ", kappa 50 at 0.039: " << after);
    CHECK(after > 2.5 * before);
    // "Turn on the gradient field": off the valley floor the arrows point across the valley (along the
    // steep eigen-direction) much more than down it.
    const Curvature c = curvatureAt(*landscapeOf(scene), minimum);
    const Vec2 shallow = c.eigenvectors.col(0), steep = c.eigenvectors.col(1);
    const Vec2 p = minimum + 1.5 * shallow + 0.3 * steep;
    const Vec2 g = landscapeOf(scene)->gradientAt(p).normalized();
    CHECK(std::abs(g.dot(steep)) > 0.9);
}

namespace {

// How often the path's coordinate along `direction` (from `minimum`) changes sign: overshoots.
int crossings(const Trajectory& t, const Vec2& minimum, const Vec2& direction) {
    int count = 0;
    for (size_t k = 1; k < t.points.size(); ++k)
        count += (t.points[k - 1] - minimum).dot(direction) * (t.points[k] - minimum).dot(direction) < 0;
    return count;
}

// The farthest the path goes past the minimum along `direction`, against where it came from.
double overshoot(const Trajectory& t, const Vec2& minimum, const Vec2& direction) {
    const double side = (t.points.front() - minimum).dot(direction) > 0 ? 1 : -1;
    double most = 0;
    for (const Vec2& p : t.points)
        most = std::max(most, -side * (p - minimum).dot(direction));
    return most;
}

}  // namespace

TEST_CASE("lesson 3, momentum: beta 0.99 overshoots and spirals, beta 0 is GD, Nesterov overshoots less") {
    Scene scene = lesson("03-momentum");
    promptSays(scene, 0, {"β = 0.99"});
    promptSays(scene, 1, {"β = 0"});
    promptSays(scene, 2, {"Nesterov"});
    const Vec2 minimum = minimumOf(scene);
    const auto landscape = landscapeOf(scene);
    const Vec2 shallow = curvatureAt(*landscape, minimum).eigenvectors.col(0);
    const Trajectory heavy = run(scene, 2, 3000), nesterov = run(scene, 3, 3000);
    // The formula's effective step eta / (1 - beta): on a constant slope the steps grow to it.
    {
        const auto slope = makeFormulaLandscape("3*x + y");
        OptimizerSettings settings = racer(scene, 2);
        const Trajectory t = run(*slope, settings, 200);
        const double eta = settings.hyperparameters.learningRate, beta = settings.hyperparameters.momentum;
        CHECK((t.points[200] - t.points[199]).norm() ==
              doctest::Approx(eta / (1 - beta) * std::sqrt(10.0)).epsilon(1e-9));
    }
    // The explanation: Nesterov brakes earlier and overshoots less than the heavy ball.
    CHECK(overshoot(nesterov, minimum, shallow) < overshoot(heavy, minimum, shallow));
    // "Set beta = 0.99": it overshoots and spirals (crosses the minimum again and again) and the filter is
    // too slow: after as many steps it is much farther from the minimum than at beta 0.8.
    Scene ball = scene;
    racer(ball, 2).hyperparameters.momentum = 0.99;
    const Trajectory spiral = run(ball, 2, 300);
    CHECK(!spiral.diverged());
    INFO("crossings beta 0.8: " << crossings(run(scene, 2, 300), minimum, shallow)
                                << ", beta 0.99: " << crossings(spiral, minimum, shallow));
    CHECK(crossings(spiral, minimum, shallow) >= 5);
    CHECK(overshoot(spiral, minimum, shallow) > 2 * overshoot(heavy, minimum, shallow));
    CHECK(distance(spiral, minimum, 300) > 100 * distance(heavy, minimum, 300));
    // "Set beta = 0": momentum is plain gradient descent, step for step.
    Scene plain = scene;
    racer(plain, 2).hyperparameters.momentum = 0;
    OptimizerSettings gd = racer(plain, 2);
    gd.kind = "gd";
    const Trajectory a = run(plain, 2, 200), b = run(*landscapeOf(plain), gd, 200);
    REQUIRE(a.points.size() == b.points.size());
    for (size_t k = 0; k < a.points.size(); ++k)
        CHECK((a.points[k] - b.points[k]).norm() < 1e-12);
    // "Compare Nesterov's look-ahead gradient with the heavy ball's": from the same point with the same
    // velocity they step differently (the look-ahead gradient is taken where the velocity carries it).
    CHECK((heavy.points[2] - nesterov.points[2]).norm() > 1e-6);
}

TEST_CASE("lesson 4, SGD and minibatches: a full batch straightens the path, half the step a smaller cloud") {
    Scene scene = lesson("04-sgd-minibatch");
    promptSays(scene, 0, {"to 40"});
    promptSays(scene, 1, {"Halve η"});
    promptSays(scene, 2, {"noise"});
    const Vec2 minimum = minimumOf(scene);
    const auto landscape = landscapeOf(scene);
    const int n = int(landscape->samples().size());
    INFO("linreg samples: " << n);
    // "Set the batch size of the B = 1 racer to 40, every sample": the path straightens out into GD's.
    CHECK(n == 40);
    Scene full = scene;
    racer(full, 2).hyperparameters.batchSize = 40;
    const Trajectory straight = run(full, 2, 300), gd = run(scene, 1, 300);
    CHECK(distance(straight, gd.points.back(), 300) < 1e-9);
    // "Halve eta for the B = 1 racer": the cloud it wanders in near the optimum shrinks (to about half
    // its mean radius squared), averaged over seeds.
    double cloud = 0, halved = 0;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        Scene s = scene;
        racer(s, 2).hyperparameters.seed = seed;
        cloud += meanDistance(run(s, 2, 6000), minimum, 2000, 6000);
        racer(s, 2).hyperparameters.learningRate = 0.05;
        halved += meanDistance(run(s, 2, 6000), minimum, 2000, 6000);
    }
    INFO("mean distance near the optimum, eta 0.1: " << cloud / 8 << ", eta 0.05: " << halved / 8);
    CHECK(halved < 0.85 * cloud);
    // "Raise the data's noise": the single-sample gradients at the optimum scatter more.
    auto scatter = [&](double noise) {
        Scene s = scene;
        s.landscapeParameters["noise"] = noise;
        const auto f = landscapeOf(s);
        const Vec2 w = f->knownMinima().front();
        double sum = 0;
        for (int i = 0; i < int(f->samples().size()); ++i)
            sum += f->minibatchGradientAt(w, {i}).squaredNorm();
        return sum / f->samples().size();
    };
    CHECK(scatter(2) > 2 * scatter(1));
}

TEST_CASE("lesson 5, interpolation: noise makes SGD hover, 1/t brings it back slowly, noise 0 hits 1e-30") {
    Scene scene = lesson("05-interpolation");
    promptSays(scene, 0, {"noise parameter from 0 to 1"});
    promptSays(scene, 1, {"1/t"});
    promptSays(scene, 2, {"noise 0"});
    // "Compare the loss plot: with noise 0 SGD's loss falls to machine precision on a straight line in
    // log scale" (a constant rate: the log-loss falls by as much from 500 to 1000 as from 1000 to 1500).
    const Trajectory exact = run(scene, 1, 3000);
    INFO("SGD loss with noise 0 after 3000 steps: " << exact.losses.back());
    CHECK(exact.losses.back() < 1e-15);
    const double first = std::log(exact.losses[500] / exact.losses[1000]);
    const double second = std::log(exact.losses[1000] / exact.losses[1500]);
    CHECK(first == doctest::Approx(second).epsilon(0.2));
    // The formula's rate: with every sample fit, E|w_{t+1} - w*|^2 <= (1 - eta mu) E|w_t - w*|^2 for
    // eta <= 1 / L_max (L_max the largest per-sample curvature, mu the loss's smallest): eta is within
    // that, and the mean over seeds contracts at least that fast.
    {
        const auto f = landscapeOf(scene);
        const Vec2 w = f->knownMinima().front();
        double largest = 0;
        for (int i = 0; i < int(f->samples().size()); ++i) {
            // The per-sample gradient is linear in w: its Hessian from two differences.
            Mat2 h;
            for (int k = 0; k < 2; ++k)
                h.col(k) = f->minibatchGradientAt(w + Vec2::Unit(k), {i}) - f->minibatchGradientAt(w, {i});
            largest = std::max(largest, Eigen::SelfAdjointEigenSolver<Mat2>(h).eigenvalues().maxCoeff());
        }
        const double eta = racer(scene, 1).hyperparameters.learningRate;
        const double mu = curvatureAt(*f, w).eigenvalues[0];
        INFO("L_max " << largest << ", mu " << mu << ", 1 / L_max " << 1 / largest);
        CHECK(eta <= 1 / largest);
        CHECK(scene.lesson.formula.find("for η ≤ 1/L_max") != std::string::npos);
        double before = 0, after = 0;
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            Scene s = scene;
            racer(s, 1).hyperparameters.seed = seed;
            const Trajectory t = run(s, 1, 200);
            before += std::pow(distance(t, w, 100), 2), after += std::pow(distance(t, w, 200), 2);
        }
        INFO("contraction over 100 steps: " << after / before << ", bound " << std::pow(1 - eta * mu, 100));
        CHECK(after / before <= std::pow(1 - eta * mu, 100));
    }
    // "Raise the noise from 0 to 1": SGD hovers at a distance from the optimum instead of converging.
    scene.landscapeParameters["noise"] = 1;
    const Vec2 minimum = minimumOf(scene);
    const double hovering = meanDistance(run(scene, 1, 3000), minimum, 2000, 3000);
    INFO("SGD with noise 1, constant eta: mean distance " << hovering);
    CHECK(hovering > 0.02);
    // "With noise on, give SGD the 1/t schedule": it converges again, but slowly.
    racer(scene, 1).hyperparameters.schedule = parseSchedule("inv:0.01");
    const Trajectory decaying = run(scene, 1, 3000);
    const double closer = meanDistance(decaying, minimum, 2000, 3000);
    INFO("SGD with noise 1, 1/t: mean distance " << closer);
    CHECK(closer < hovering / 3);
    CHECK(closer > 1e-4);  // slowly: nowhere near machine precision
}

namespace {

// The first step at which the path is in the left (deeper) valley, x < -0.5; -1 if it never gets there.
int escapeStep(const Trajectory& t) {
    for (int k = 0; k <= t.steps(); ++k)
        if (t.points[size_t(k)].x() < -0.5) return k;
    return -1;
}

}  // namespace

TEST_CASE("lesson 6, saddles and local minima: weak kicks stay, seeds escape at different times, saddle") {
    Scene scene = lesson("06-saddles-local-minima");
    promptSays(scene, 0, {"σ to 0.5"});
    promptSays(scene, 1, {"seeds"});
    promptSays(scene, 2, {"saddle"});
    // "Set sigma to 0.5": the kicks are too weak and SGD stays in the wrong (right) valley too.
    for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
        Scene weak = scene;
        racer(weak, 2).hyperparameters.noise = 0.5;
        racer(weak, 2).hyperparameters.seed = seed;
        CHECK(escapeStep(run(weak, 2, 3000)) == -1);
    }
    // "Try other seeds": some runs escape within a few dozen steps, others only after several hundred.
    std::vector<int> escapes;
    for (std::uint64_t seed = 0; seed < 30; ++seed) {
        racer(scene, 2).hyperparameters.seed = seed;
        escapes.push_back(escapeStep(run(scene, 2, 3000)));
    }
    std::string list;
    for (int e : escapes)
        list += std::to_string(e) + " ";
    INFO("escape steps by seed: " << list);
    CHECK(std::count_if(escapes.begin(), escapes.end(), [](int e) { return e >= 0 && e < 50; }) >= 3);
    CHECK(std::count_if(escapes.begin(), escapes.end(), [](int e) { return e >= 400; }) >= 3);
    // "Open the saddle landscape": GD started exactly on the x-axis never leaves it (it walks into the
    // saddle point); any noise does.
    switchLandscape(scene, "saddle");
    racer(scene, 1).start = racer(scene, 2).start = Vec2(-1.8, 0);
    const Trajectory onAxis = run(scene, 1, 500);
    CHECK(std::all_of(onAxis.points.begin(), onAxis.points.end(), [](const Vec2& p) { return p.y() == 0; }));
    CHECK(onAxis.points.back().norm() < 1e-9);
    racer(scene, 2).hyperparameters.noise = 0.01;
    const Trajectory kicked = run(scene, 2, 500);
    CHECK((kicked.diverged() || std::abs(kicked.points.back().y()) > 1));
}

TEST_CASE("lesson 7, adaptive methods: theta 45 takes their lead, AdaGrad at 0.01 crawls, GD is bound") {
    Scene scene = lesson("07-adaptive-methods");
    promptSays(scene, 0, {"θ to 45°", "300 steps"});
    promptSays(scene, 1, {"η to 0.01", "2000 steps", "halfway"});
    promptSays(scene, 2, {"2/κ"});
    const Vec2 minimum = minimumOf(scene);
    const int steps = 300;
    // The lead of the adaptive methods: how much closer the best of them is than GD after `steps` steps.
    auto lead = [&](const Scene& s) {
        double best = 1e300;
        for (int id : {2, 3, 4})
            best = std::min(best, distance(run(s, id, steps), minimum, steps));
        const double gd = distance(run(s, 1, steps), minimum, steps);
        INFO("GD " << gd << ", best adaptive " << best);
        return gd / best;
    };
    const double aligned = lead(scene);
    // "Compare GD: it must keep eta < 2 / kappa": just above 0.02 it diverges, and at 0.015 it is the
    // slowest racer here.
    for (int id : {2, 3, 4})
        CHECK(distance(run(scene, id, steps), minimum, steps) <
              distance(run(scene, 1, steps), minimum, steps));
    {
        Scene over = scene;
        racer(over, 1).hyperparameters.learningRate = 1.02 * 2 / 100;
        CHECK(run(over, 1, 2000).diverged());
        racer(over, 1).hyperparameters.learningRate = 0.98 * 2 / 100;
        CHECK(!run(over, 1, 2000).diverged());
    }
    // "Set theta to 45": the per-coordinate scaling no longer matches the valley and the lead is gone.
    Scene tilted = scene;
    tilted.landscapeParameters["theta"] = 45;
    const double rotated = lead(tilted);
    INFO("lead at theta 0: " << aligned << ", at theta 45: " << rotated);
    CHECK(aligned > 1e3);
    CHECK(rotated < 1);
    // "Lower AdaGrad's eta to 0.01": its ever-growing sum keeps shrinking its steps (its 2000th is a
    // tenth of its first), and after 2000 steps it is still only about halfway to the minimum.
    Scene stalled = scene;
    racer(stalled, 2).hyperparameters.learningRate = 0.01;
    const Trajectory crawl = run(stalled, 2, 2000);
    const double left = distance(crawl, minimum, 2000) / distance(crawl, minimum, 0);
    INFO("AdaGrad at 0.01 has " << left << " of the way left after 2000 steps");
    CHECK(left > 0.4);
    CHECK(left < 0.6);
    CHECK((crawl.points[2000] - crawl.points[1999]).norm() <
          0.1 * (crawl.points[1] - crawl.points[0]).norm());
}

TEST_CASE("lesson 8, Adam's bias and SignSGD: first steps, half the chatter, the cosine schedule") {
    Scene scene = lesson("08-adam-bias-signsgd");
    promptSays(scene, 1, {"Halve SignSGD"});
    promptSays(scene, 2, {"cosine"});
    const Vec2 minimum = minimumOf(scene);
    // "Compare the first steps of the two Adam racers": lesson_files_test checks the ratio, 3.16.
    // "Halve SignSGD's eta": the box it chatters in is half as wide, and it needs twice the steps to get
    // there (every step has the same length eta * sqrt(2)).
    auto chatter = [&](const Trajectory& t) {
        double most = 0;
        for (int k = t.steps() - 100; k <= t.steps(); ++k)
            most = std::max(most, (t.points[size_t(k)] - minimum).lpNorm<Eigen::Infinity>());
        return most;
    };
    Scene halved = scene;
    racer(halved, 3).hyperparameters.learningRate = 0.05;
    const Trajectory full = run(scene, 3, 2000), half = run(halved, 3, 2000);
    INFO("SignSGD chatter: eta 0.1: " << chatter(full) << ", eta 0.05: " << chatter(half));
    CHECK(chatter(half) / chatter(full) == doctest::Approx(0.5).epsilon(0.15));
    const int arriveFull = stepsToReach(full, minimum, 3 * chatter(full));
    const int arriveHalf = stepsToReach(half, minimum, 3 * chatter(full));
    INFO("SignSGD arrival: eta 0.1: " << arriveFull << ", eta 0.05: " << arriveHalf);
    CHECK(double(arriveHalf) / arriveFull == doctest::Approx(2).epsilon(0.15));
    // "Give SignSGD the cosine schedule": over its period (1000 steps) the steps shrink to nothing and the
    // chatter dies out.
    Scene cosine = scene;
    racer(cosine, 3).hyperparameters.schedule = parseSchedule("cosine:1000");
    const Trajectory calm = run(cosine, 3, 1000);
    CHECK((calm.points[1000] - calm.points[999]).norm() < 1e-4);
    CHECK(distance(calm, minimum, 1000) < chatter(full) / 10);
}

TEST_CASE("lesson 9, AdamW against Adam + L2: no decay is one path, GD + L2 ends where Adam + L2 does") {
    Scene scene = lesson("09-adamw-vs-l2");
    promptSays(scene, 0, {"to 0"});
    promptSays(scene, 1, {"0.5"});
    promptSays(scene, 2, {"η = 0.001", "weight decay 0.3", "0.15|w|²"});
    // "Set both weight decays to 0": the two paths become identical.
    Scene none = scene;
    racer(none, 1).hyperparameters.weightDecay = racer(none, 2).hyperparameters.weightDecay = 0;
    const Trajectory adam = run(none, 1, 2000), adamw = run(none, 2, 2000);
    REQUIRE(adam.points.size() == adamw.points.size());
    for (size_t k = 0; k < adam.points.size(); ++k)
        CHECK(adam.points[k] == adamw.points[k]);
    // Adam + L2 minimizes f + (lambda / 2)|w|^2: it ends at that optimum; AdamW ends elsewhere.
    auto l2Optimum = [&](double weightDecay) {
        return regularize(landscapeOf(scene), {weightDecay / 2, 0})->knownMinima().front();
    };
    const Vec2 at03 = run(scene, 1, 20000).points.back(), w03 = run(scene, 2, 20000).points.back();
    INFO("wd 0.3: Adam + L2 ends at " << at03.transpose() << ", AdamW at " << w03.transpose()
                                      << ", the L2 optimum is " << l2Optimum(0.3).transpose());
    CHECK((at03 - l2Optimum(0.3)).norm() < 0.02);
    CHECK((w03 - at03).norm() > 0.01);
    // "Raise the weight decay to 0.5 on both": each stops nearer the origin than before, still apart.
    Scene more = scene;
    racer(more, 1).hyperparameters.weightDecay = racer(more, 2).hyperparameters.weightDecay = 0.5;
    const Vec2 at05 = run(more, 1, 20000).points.back(), w05 = run(more, 2, 20000).points.back();
    INFO("wd 0.5: Adam + L2 ends at " << at05.transpose() << ", AdamW at " << w05.transpose());
    CHECK((at05 - l2Optimum(0.5)).norm() < 0.02);
    CHECK(at05.norm() < at03.norm());
    CHECK(w05.norm() < w03.norm());
    CHECK((w05 - at05).norm() > 0.01);
    // "Add plain GD with eta 0.001 and weight decay 0.3": for GD the decay is the L2 term, so it ends
    // where Adam + L2 ends.
    OptimizerSettings gd = added(scene, "gd");
    gd.hyperparameters.learningRate = 0.001;
    gd.hyperparameters.weightDecay = 0.3;
    const Trajectory plain = run(*landscapeOf(scene), gd, 20000);
    INFO("GD + L2 ends at " << plain.points.back().transpose());
    CHECK(!plain.diverged());
    CHECK((plain.points.back() - at03).norm() < 0.02);
}

TEST_CASE("lesson 10, L1 against L2: ridge leaves the axis, a large L1 switches the model off, elastic net") {
    Scene scene = lesson("10-l1-vs-l2");
    promptSays(scene, 0, {"L1 slider to 0", "L2 up to 0.5"});
    promptSays(scene, 1, {"both weights are zero"});
    promptSays(scene, 2, {"elastic net", "rounded diamond"});
    // The lesson opens on the textbook figure: the data loss's contours with the diamond drawn.
    CHECK(scene.showConstraintRegion);
    CHECK(scene.contours == ContourSource::DataLoss);
    // As it opens (lambda1 = 0.2) the contour touches the diamond at a corner: one weight exactly zero.
    const Vec2 lasso = minimumOf(scene);
    INFO("lasso optimum " << lasso.transpose());
    CHECK((lasso.x() == 0.0) != (lasso.y() == 0.0));
    // Both racers end there.
    for (int id : {1, 2})
        CHECK(distance(run(scene, id, 3000), lasso, 3000) < 0.02);
    // "Move the L1 slider to 0 and L2 up to 0.5": the optimum leaves the axis, both weights non-zero.
    Scene ridge = scene;
    ridge.regularization = {0.5, 0};
    const Vec2 w = minimumOf(ridge);
    CHECK(std::abs(w.x()) > 0.05);
    CHECK(std::abs(w.y()) > 0.05);
    // "Raise lambda1 until both weights are zero": from lambda1 = max |df/dw_i(0)| of the data loss on,
    // within the slider's range [0, 2].
    const auto data = makeLandscape(scene.landscape, scene.landscapeParameters);
    const double off = data->gradientAt(Vec2::Zero()).lpNorm<Eigen::Infinity>();
    INFO("lambda1 that switches the model off: " << off);
    CHECK(off < 2);
    Scene strong = scene;
    strong.regularization.l1 = off * 1.01;
    CHECK(minimumOf(strong).norm() == 0);
    strong.regularization.l1 = off * 0.99;
    CHECK(minimumOf(strong).norm() > 0);
    // "Set both sliders (elastic net)": the region is a rounded diamond (between the diamond and the disc
    // through the same point on an axis), and a weight can still be exactly zero.
    Scene net = scene;
    net.regularization = {0.2, 0.2};
    const auto region = constraintRegion(*landscapeOf(net));
    REQUIRE(region);
    const double axis = region->boundaryAt(0).norm(),
                 diagonal = region->boundaryAt(std::numbers::pi / 4).norm();
    CHECK(diagonal > axis / std::sqrt(2) * 1.01);
    CHECK(diagonal < axis * 0.99);
    const Vec2 elastic = minimumOf(net);
    INFO("elastic net optimum " << elastic.transpose());
    CHECK((elastic.x() == 0.0) != (elastic.y() == 0.0));
}

TEST_CASE("lesson 11, early stopping: GD stopped at step 20 is near the ridge optimum the prompt names") {
    Scene scene = lesson("11-early-stopping");
    promptSays(scene, 0, {"step 20", "about 1", "1/(ηt) = 2.5"});
    promptSays(scene, 1, {"scale to 5"});
    promptSays(scene, 2, {"step 20"});
    const Vec2 minimum = minimumOf(scene);
    const auto landscape = landscapeOf(scene);
    // GD at eta is stable: below 2 / lambda_max of the data.
    CHECK(racer(scene, 1).hyperparameters.learningRate < 2 / curvatureAt(*landscape, minimum).eigenvalues[1]);
    // "Pause at step 20 and note where the path is; then set L2 lambda to about 1 (alpha = 2 lambda ~
    // 1 / (eta t) = 2.5)": the ridge optimum lies next to where the path from zero was at step 20.
    const Vec2 early = run(scene, 1, 20).points[20];
    double bestLambda = 0, bestDistance = 1e300;
    for (double lambda = 0.01; lambda < 5; lambda *= 1.02) {
        Scene ridge = scene;
        ridge.regularization = {lambda, 0};
        const double d = (minimumOf(ridge) - early).norm();
        if (d < bestDistance) bestDistance = d, bestLambda = lambda;
    }
    INFO("step 20 at " << early.transpose() << ", optimum " << minimum.transpose() << "; nearest ridge "
                       << "optimum at lambda2 = " << bestLambda << ", " << bestDistance << " away");
    Scene ridge = scene;
    ridge.regularization = {1, 0};
    CHECK((minimumOf(ridge) - early).norm() < 0.1 * (minimum - early).norm());
    // The rule itself: alpha = 1 / (eta t), lambda = alpha / 2.
    ridge.regularization = {1 / (2 * 0.02 * 20), 0};
    CHECK((minimumOf(ridge) - early).norm() < 0.2 * (minimum - early).norm());
    // The explanation's fractions: from zero, GD's component along an eigen-direction with curvature
    // lambda is 1 - (1 - eta lambda)^t of the optimum's; ridge's (penalty lambda2 |w|^2, alpha = 2 lambda2)
    // is lambda / (lambda + alpha).
    {
        const Curvature c = curvatureAt(*landscape, minimum);
        const double eta = racer(scene, 1).hyperparameters.learningRate, lambda2 = 1;
        Scene ridge = scene;
        ridge.regularization = {lambda2, 0};
        const Vec2 shrunk = minimumOf(ridge);
        for (int i = 0; i < 2; ++i) {
            const Vec2 u = c.eigenvectors.col(i);
            const double lambda = c.eigenvalues[i];
            CHECK(early.dot(u) / minimum.dot(u) == doctest::Approx(1 - std::pow(1 - eta * lambda, 20)));
            CHECK(shrunk.dot(u) / minimum.dot(u) == doctest::Approx(lambda / (lambda + 2 * lambda2)));
        }
    }
    // "Raise the second feature's scale to 5": the landscape is more ill-conditioned and the early path from
    // zero bends more (the angle between its first step and its direction at step 20 grows).
    auto bend = [&](const Scene& s) {
        const Trajectory t = run(s, 1, 21);
        const Vec2 first = (t.points[1] - t.points[0]).normalized();
        const Vec2 late = (t.points[21] - t.points[20]).normalized();
        return std::acos(std::clamp(first.dot(late), -1.0, 1.0));
    };
    Scene steeper = scene;
    steeper.landscapeParameters["scale"] = 5;
    INFO("bend at scale 3: " << bend(scene) << ", at scale 5: " << bend(steeper));
    CHECK(!run(steeper, 1, 200).diverged());
    CHECK(bend(steeper) > bend(scene));
    // "Watch the second racer, started far from zero": stopped early it is not shrunk towards zero (its norm
    // at step 20 exceeds the optimum's), while the racer from zero is.
    CHECK(run(scene, 2, 20).points[20].norm() > minimum.norm());
    CHECK(early.norm() < minimum.norm());
}

TEST_CASE("lesson 12, minimum norm: each start ends at its projection, Adam leaves the row space, field") {
    Scene scene = lesson("12-min-norm");
    promptSays(scene, 0, {"nearest"});
    promptSays(scene, 1, {"Adam with η = 0.05", "(2/3, 2/3)"});
    promptSays(scene, 2, {"(1, 0.5)"});
    const auto landscape = landscapeOf(scene);
    // The fits: x . w = 1 with x = (1, 0.5).
    const Vec2 x(1, 0.5);
    const auto projection = [&](const Vec2& start) {
        return start - (x.dot(start) - 1) / x.squaredNorm() * x;
    };
    // "Drag the second racer's start": it always ends at the point of the line nearest to its start.
    for (const Vec2& start : {Vec2(-1, 2), Vec2(1.5, 1.5), Vec2(-2, -1), Vec2(0.3, -1.7)}) {
        CAPTURE(start.transpose());
        racer(scene, 2).start = start;
        CHECK(distance(run(scene, 2, 2000), projection(start), 2000) < 1e-9);
    }
    // "Add Adam with eta 0.05 at the origin": it moves both weights alike and ends at the exact fit
    // (2/3, 2/3), not the minimum-norm point.
    OptimizerSettings adam = added(scene, "adam");
    adam.hyperparameters.learningRate = 0.05;
    CHECK(adam.start == Vec2::Zero());
    const Trajectory t = run(*landscape, adam, 3000);
    INFO("Adam from the origin ends at " << t.points.back().transpose() << ", loss " << t.losses.back());
    CHECK(t.losses.back() < 1e-6);
    CHECK((t.points.back() - Vec2(2.0 / 3, 2.0 / 3)).norm() < 1e-6);
    // "Turn on the gradient field": every arrow is parallel to x.
    for (const Vec2& p : {Vec2(1, 2), Vec2(-1.5, 0.3), Vec2(0.2, -2)}) {
        const Vec2 g = landscape->gradientAt(p);
        CHECK(std::abs(g.x() * x.y() - g.y() * x.x()) < 1e-12 * g.norm());
    }
}

TEST_CASE("lesson 13, Newton and BFGS: on Rosenbrock Newton needs a handful of steps and GD thousands") {
    Scene scene = lesson("13-newton-bfgs");
    promptSays(scene, 0, {"Rosenbrock", "0.001", "λ_max ≈ 1000"});
    promptSays(scene, 1, {"Taylor model"});
    promptSays(scene, 2, {"memory to 1", "BFGS"});
    // GD's eta is stable on the quadratic: below 2 / lambda_max = 2 / 50.
    CHECK(racer(scene, 1).hyperparameters.learningRate < 2.0 / 50);
    // "Switch to Rosenbrock" (every racer moves to its start, (-1.2, 1)) "and lower GD's eta to 0.001
    // (the curvature reaches lambda_max ~ 1000 at the minimum, so 0.035 diverges)".
    switchLandscape(scene, "rosenbrock");
    const Vec2 minimum(1, 1);
    const Trajectory newton = run(scene, 2, 100);
    const int newtonSteps = stepsToReach(newton, minimum, 1e-6);
    INFO("Newton: " << newtonSteps << " steps; GD at the lesson's eta diverges at step "
                    << run(scene, 1, 100).divergedAtStep);
    const double stiffest = curvatureAt(*landscapeOf(scene), minimum).eigenvalues[1];
    CHECK(stiffest == doctest::Approx(1000).epsilon(0.01));
    CHECK(run(scene, 1, 100).diverged());
    CHECK(newtonSteps > 1);
    CHECK(newtonSteps <= 10);
    racer(scene, 1).hyperparameters.learningRate = 0.001;
    const Trajectory gd = run(scene, 1, 100000);
    CHECK(!gd.diverged());
    const int gdSteps = stepsToReach(gd, minimum, 1e-3);
    INFO("GD at 0.001 reaches 1e-3 of (1, 1) after " << gdSteps << " steps");
    CHECK(gdSteps >= 1000);
    // "Turn on the Taylor model and drag its centre": Newton's step goes to the model's minimum, where
    // the model's gradient g + H d vanishes.
    const auto landscape = landscapeOf(scene);
    for (const Vec2& c : {Vec2(-1.2, 1), Vec2(0.5, 0.2), Vec2(1.5, 2.2)}) {
        CAPTURE(c.transpose());
        OptimizerSettings settings = racer(scene, 2);
        settings.start = c;
        const Vec2 d = run(*landscape, settings, 1).points[1] - c;
        CHECK((landscape->gradientAt(c) + landscape->hessianAt(c) * d).norm() < 1e-9);
    }
    // "Set L-BFGS's memory to 1 and compare it with BFGS on Rosenbrock": it needs more steps.
    const int bfgs = stepsToReach(run(scene, 3, 500), minimum, 1e-6);
    racer(scene, 4).hyperparameters.memory = 1;
    const int lbfgs1 = stepsToReach(run(scene, 4, 500), minimum, 1e-6);
    INFO("BFGS: " << bfgs << " steps, L-BFGS with memory 1: " << lbfgs1);
    CHECK(bfgs > 0);
    CHECK((lbfgs1 == -1 || lbfgs1 > bfgs));
}

namespace {

// The map the window's panel computes for the racer the scene's map settings follow (`racerId` when given)
// over `box`, the box the contour view shows, as mapRequestFor makes it; with `size` cells along its
// longer side instead of the lesson's finer grid, so the test stays quick.
MapResult lessonMapOf(const Scene& scene, int racerId, const ViewBox& box, int size) {
    MapSettings settings = scene.maps;
    settings.size = size;
    if (racerId > 0 && racerId != settings.racerId) {
        settings.racerId = racerId;  // picked in the panel's racer list: the new racer's own default axes
        settings.x.name.clear(), settings.y.name.clear();
    }
    const OptimizerSettings* mapped = mappedRacer(settings, scene.optimizers);
    REQUIRE(mapped);
    return computeMap(*landscapeOf(scene), mapRequestFor(settings, *mapped, box, scene.steps), 2);
}

// A basin map's cell start (its centre).
Vec2 cellStart(const MapResult& map, int i, int j) {
    return cellRacer(map.request, i, j).start;
}

// Of the neighbouring pairs of cells (across and up) that `counted` keeps, the share whose runs end
// differently (another minimum, or none).
double neighbourBorders(const MapResult& map, const std::function<bool(int, int)>& counted) {
    long pairs = 0, differ = 0;
    const int w = map.request.width, h = map.request.height;
    for (int j = 0; j < h; ++j)
        for (int i = 0; i < w; ++i) {
            if (!counted(i, j)) continue;
            for (auto [a, b] : {std::pair{i + 1, j}, std::pair{i, j + 1}})
                if (a < w && b < h && counted(a, b)) ++pairs, differ += map.at(i, j).minimum != map.at(a, b).minimum;
        }
    REQUIRE(pairs > 0);
    return double(differ) / double(pairs);
}

double neighbourBorders(const MapResult& map) {
    return neighbourBorders(map, [](int, int) { return true; });
}

// Cells whose run ends at a minimum of `wanted` (indices into knownMinima), and cells that diverged.
int cellsEndingIn(const MapResult& map, std::initializer_list<int> wanted) {
    return int(std::count_if(map.cells.begin(), map.cells.end(), [&](const MapCell& c) {
        return std::find(wanted.begin(), wanted.end(), c.minimum) != wanted.end();
    }));
}

int divergedCells(const MapResult& map) {
    return int(std::count_if(map.cells.begin(), map.cells.end(), [](const MapCell& c) { return c.diverged; }));
}

}  // namespace

TEST_CASE("lesson 14, Newton's basins on Himmelblau: GD's four quadrants, Newton's fractal, grey starts end at the maximum") {
    Scene scene = lesson("14-newton-basins");
    promptSays(scene, 0, {"Newton and gradient descent", "four quadrants", "fractal"});
    promptSays(scene, 1, {"grey cell near the middle", "ends at the maximum (−0.27, −0.92)", "gradient is zero"});
    promptSays(scene, 2, {"fractal border", "its neighbour", "two different minima"});
    for (const char* words : {"square into four smooth quadrants", "another basin or off the map (black)",
                              "a stationary point that is no minimum"}) {
        CAPTURE(words);
        CHECK(scene.lesson.explanation.find(words) != std::string::npos);
    }
    const auto landscape = landscapeOf(scene);
    const auto& minima = landscape->knownMinima();
    REQUIRE(minima.size() == 4);
    REQUIRE(racer(scene, 1).kind == "newton");
    REQUIRE(racer(scene, 2).kind == "gd");
    // The maximum, as the prompt names it: the gradient vanishes there and both curvatures are negative.
    const Vec2 maximum(-0.270845, -0.923039);
    CHECK(landscape->gradientAt(maximum).norm() < 1e-4);
    CHECK(curvatureAt(*landscape, maximum).eigenvalues[1] < 0);
    // The map covers the box the contour view shows: the landscape's square -5..5, or wider in a wide
    // window (a 1600 x 1000 window shows about x -10.5..10.5): every claim is checked on both.
    const ViewBox square = landscape->displayBox();
    CHECK(square.xMin == -5);
    CHECK(square.yMax == 5);
    for (const ViewBox& box : {square, ViewBox{-10.5, 10.5, -5, 5}}) {
        CAPTURE(box.xMax);
        const MapResult newton = lessonMapOf(scene, 0, box, 64), gd = lessonMapOf(scene, 2, box, 64);
        REQUIRE(newton.request.racer.kind == "newton");
        REQUIRE(gd.request.racer.kind == "gd");
        const auto inSquare = [&](int i, int j) { return square.contains(cellStart(gd, i, j)); };
        // "The four quadrants against the fractal": within the square GD reaches one of the four minima from
        // nearly every start, each from a large share, almost always the minimum of its start's quadrant, in
        // smooth regions (few neighbouring cells differ); Newton's borders are several times more.
        int inside = 0, reached = 0, ownQuadrant = 0, outside = 0, outsideOwn = 0;
        std::array<int, 4> perMinimum{};
        for (int j = 0; j < gd.request.height; ++j)
            for (int i = 0; i < gd.request.width; ++i) {
                const MapCell& c = gd.at(i, j);
                const Vec2 s = cellStart(gd, i, j);
                const bool own = c.minimum >= 0 && (s.x() > 0) == (minima[size_t(c.minimum)].x() > 0) &&
                                 (s.y() > 0) == (minima[size_t(c.minimum)].y() > 0);
                if (!inSquare(i, j)) {
                    ++outside, outsideOwn += own;
                    continue;
                }
                ++inside, reached += c.minimum >= 0, ownQuadrant += own;
                if (c.minimum >= 0) ++perMinimum[size_t(c.minimum)];
            }
        const double gdBorders = neighbourBorders(gd, inSquare), newtonBorders = neighbourBorders(newton, inSquare);
        INFO("GD within the square: " << reached << " of " << inside << " starts reach a minimum, " << ownQuadrant
                                      << " their quadrant's; neighbours differ: GD " << gdBorders << ", Newton "
                                      << newtonBorders);
        CHECK(reached >= 0.95 * inside);
        for (int count : perMinimum)
            CHECK(count >= 0.15 * inside);
        CHECK(ownQuadrant >= 0.9 * inside);
        CHECK(gdBorders < 0.06);
        CHECK(newtonBorders > 3 * gdBorders);
        // Beyond the square (a wide window) the walls are so steep that GD's first steps throw it into
        // another quadrant's basin or off the map (black), as the explanation says.
        if (outside > 0) {
            INFO("GD beyond the square: " << outsideOwn << " of " << outside << " starts end in their quadrant's minimum, "
                                          << divergedCells(gd) << " diverge");
            CHECK(outsideOwn < 0.6 * outside);
            CHECK(divergedCells(gd) > 0.1 * outside);
        } else {
            CHECK(divergedCells(gd) == 0);
        }
        // "Hover a grey cell near the middle": grey cells are Newton's runs that end at a stationary point that
        // is no minimum (a saddle or the maximum); near the middle most end at the maximum.
        int grey = 0, greyMiddle = 0, atMaximum = 0;
        for (int j = 0; j < newton.request.height; ++j)
            for (int i = 0; i < newton.request.width; ++i) {
                const MapCell& c = newton.at(i, j);
                if (c.diverged || c.minimum >= 0) continue;
                ++grey;
                CAPTURE(c.end.transpose());
                CHECK(landscape->gradientAt(c.end).norm() < 1e-6);
                CHECK(curvatureAt(*landscape, c.end).eigenvalues[0] < 0);
                if (cellStart(newton, i, j).norm() > 1) continue;
                ++greyMiddle;
                if ((c.end - maximum).norm() > 1e-4) continue;
                ++atMaximum;
                // The hovered cell's run (the ghost on the contour view) is the cell's: 60 Newton steps from its centre.
                const Trajectory ghost = run(*landscape, cellRacer(newton.request, i, j), newton.request.steps);
                CHECK((ghost.points.back() - c.end).norm() < 1e-12);
                CHECK(std::abs(c.end.x() - -0.27) < 0.005);
                CHECK(std::abs(c.end.y() - -0.92) < 0.005);
            }
        INFO("Newton: " << grey << " grey cells, " << greyMiddle << " within 1 of the middle, " << atMaximum
                        << " of them end at the maximum");
        CHECK(greyMiddle >= 10);
        CHECK(atMaximum >= 0.8 * greyMiddle);
        // "Click a cell on a fractal border ..., click its neighbour": a click moves Newton's start to the point
        // under the mouse (here the cells' centres); from neighbouring starts its race ends at two different
        // minima, where GD's ends at the same one from both.
        int pairs = 0;
        for (int j = 0; j < newton.request.height; ++j)
            for (int i = 0; i + 1 < newton.request.width; ++i) {
                const int a = newton.at(i, j).minimum, b = newton.at(i + 1, j).minimum;
                if (a < 0 || b < 0 || a == b || gd.at(i, j).minimum != gd.at(i + 1, j).minimum) continue;
                ++pairs;
                if (pairs > 3) continue;
                Scene clicked = scene;
                Vec2 ends[2];
                for (int k : {0, 1}) {
                    racer(clicked, 1).start = cellStart(newton, i + k, j);
                    ends[k] = run(clicked, 1, scene.steps).points.back();
                }
                CAPTURE(cellStart(newton, i, j).transpose());
                CHECK((cellStart(newton, i, j) - cellStart(newton, i + 1, j)).norm() < 0.35);
                CHECK((ends[0] - minima[size_t(a)]).norm() < 1e-3);
                CHECK((ends[1] - minima[size_t(b)]).norm() < 1e-3);
            }
        INFO("neighbouring starts where Newton ends at two different minima and GD at one: " << pairs);
        CHECK(pairs >= 20);
    }
}

TEST_CASE("lesson 15, the momentum map: 2/3 against 12/13, the brightest cells at the diamond, the edge 2 + 2 beta") {
    Scene scene = lesson("15-momentum-map");
    promptSays(scene, 0, {"brightest cells", "diamond", "both critical-damping curves cross"});
    promptSays(scene, 1, {"Drag on the map", "(η, β)", "bold edge", "fly off"});
    promptSays(scene, 2, {"final loss", "stable region is the same"});
    const std::string& explanation = scene.lesson.explanation;
    for (const char* figure : {"κ = 25", "2/3", "12/13", "2 + 2β", "2/(λ_min + λ_max)"}) {
        CAPTURE(figure);
        CHECK(explanation.find(figure) != std::string::npos);
    }
    const auto landscape = landscapeOf(scene);
    const OptimizerSettings ball = racer(scene, 1), gd = racer(scene, 2);
    REQUIRE(ball.kind == "momentum");
    REQUIRE(gd.kind == "gd");
    // The curvatures, from the Hessian: 1 and 25.
    const Curvature c = curvatureAt(*landscape, ball.start);
    CHECK(c.eigenvalues[0] == doctest::Approx(1));
    CHECK(c.eigenvalues[1] == doctest::Approx(25));
    const double lMin = 1, lMax = 25, kappa = lMax / lMin;
    // The theory the map draws: its numbers are the explanation's.
    const MapResult map = lessonMapOf(scene, 0, landscape->displayBox(), 64);
    const MapRequest& r = map.request;
    REQUIRE(r.x.name == "lr");
    REQUIRE(r.y.name == "momentum");
    const std::optional<MapTheory> theory = mapTheory(*landscape, r);
    REQUIRE(theory);
    CHECK(theory->lambdaMin == doctest::Approx(lMin));
    CHECK(theory->lambdaMax == doctest::Approx(lMax));
    CHECK(theory->optimalRate == doctest::Approx((std::sqrt(kappa) - 1) / (std::sqrt(kappa) + 1)));
    CHECK(theory->optimalRate == doctest::Approx(2.0 / 3));
    REQUIRE(theory->optimum);
    const Vec2 diamond = *theory->optimum;
    CHECK(diamond.x() == doctest::Approx(std::pow(2 / (std::sqrt(lMin) + std::sqrt(lMax)), 2)));
    CHECK(diamond.y() == doctest::Approx(std::pow((std::sqrt(kappa) - 1) / (std::sqrt(kappa) + 1), 2)));
    // Where both critical-damping curves beta = (1 - sqrt(eta lambda))^2 cross, solved by hand:
    // 1 - sqrt(eta) = sqrt(25 eta) - 1, so sqrt(eta) = 1/3: (1/9, 4/9), the diamond.
    CHECK(diamond.x() == doctest::Approx(1.0 / 9));
    CHECK(diamond.y() == doctest::Approx(4.0 / 9));
    for (double lambda : {lMin, lMax})
        CHECK(std::pow(1 - std::sqrt(diamond.x() * lambda), 2) == doctest::Approx(diamond.y()));
    // The second racer runs at GD's best rate 2 / (lambda_min + lambda_max) and contracts by 12/13 per step;
    // heavy ball at the diamond by 2/3 (measured a little above it: critical damping adds a factor t).
    CHECK(gd.hyperparameters.learningRate == doctest::Approx(2 / (lMin + lMax)));
    CHECK(runCell(*landscape, gd, r.steps, r.tolerance).rate == doctest::Approx(12.0 / 13).epsilon(1e-4));
    OptimizerSettings best = ball;
    best.hyperparameters.learningRate = diamond.x(), best.hyperparameters.momentum = diamond.y();
    const double bestRate = runCell(*landscape, best, r.steps, r.tolerance).rate;
    CHECK(bestRate > 2.0 / 3 - 1e-9);
    CHECK(bestRate < 0.7);
    // "Hover the brightest cells": the fastest contracting cells of the map sit at the diamond, within a
    // cell or two of it along each axis; no cell beats theory's 2/3.
    const auto cellsFrom = [](const MapAxis& axis, int n, double a, double b) {
        return std::abs(axis.cellOf(a, n) - axis.cellOf(b, n));
    };
    double fastest = 1;
    for (const MapCell& cell : map.cells)
        if (!cell.diverged && std::isfinite(cell.rate)) fastest = std::min(fastest, cell.rate);
    CHECK(fastest > 0.65);  // measured over a finite window: within a few percent of the spectral radius
    CHECK(fastest < 0.72);
    bool fastestNearDiamond = false;
    int bright = 0;
    for (int j = 0; j < r.height; ++j)
        for (int i = 0; i < r.width; ++i) {
            const MapCell& cell = map.at(i, j);
            if (cell.diverged || !(cell.rate < 1.03 * fastest)) continue;
            ++bright;
            const double eta = r.x.valueAt(i, r.width), beta = r.y.valueAt(j, r.height);
            CAPTURE(eta);
            CAPTURE(beta);
            CAPTURE(cell.rate);
            const double across = cellsFrom(r.x, r.width, eta, diamond.x()), up = cellsFrom(r.y, r.height, beta, diamond.y());
            CHECK(across <= 3);
            CHECK(up <= 3);
            if (cell.rate == fastest) fastestNearDiamond = across <= 2 && up <= 2;
        }
    CHECK(bright >= 1);
    CHECK(fastestNearDiamond);
    // Above both critical-damping curves every direction turns and shrinks by sqrt(beta) per step.
    int above = 0;
    for (int j = 0; j < r.height; ++j)
        for (int i = 0; i < r.width; ++i) {
            const double eta = r.x.valueAt(i, r.width), beta = r.y.valueAt(j, r.height);
            const auto critical = [&](double lambda) { return std::pow(std::max(0.0, 1 - std::sqrt(eta * lambda)), 2); };
            if (!(beta > 1.2 * std::max(critical(lMin), critical(lMax)) + 0.02 && eta * lMax < 0.95 * (2 + 2 * beta)))
                continue;
            ++above;
            CHECK(map.at(i, j).rate == doctest::Approx(std::sqrt(beta)).epsilon(0.03));
        }
    CHECK(above > 100);
    // Stable exactly where eta lambda_max < 2 + 2 beta: every cell clearly on either side of the bold edge
    // diverges or not as theory says (within 5% of it a run needs more than the map's steps to fly off).
    int stable = 0, unstable = 0;
    for (int j = 0; j < r.height; ++j)
        for (int i = 0; i < r.width; ++i) {
            const double edge = r.x.valueAt(i, r.width) * lMax / (2 + 2 * r.y.valueAt(j, r.height));
            if (std::abs(edge - 1) < 0.05) continue;
            CAPTURE(edge);
            CHECK(map.at(i, j).diverged == (edge > 1));
            ++(edge > 1 ? unstable : stable);
        }
    CHECK(stable > 100);
    CHECK(unstable > 100);
    // "Drag on the map": the racer takes the (eta, beta) under the mouse, and its path is the one that cell
    // ran. Across the bold edge (its beta = 0.6, the edge at eta = 3.2 / 25 = 0.128) it flies off within the
    // race's 200 steps; just inside it settles.
    {
        const int i = 40, j = 20;
        OptimizerSettings dragged = ball;
        setMappedParameter(dragged, "lr", r.x.valueAt(i, r.width));
        setMappedParameter(dragged, "momentum", r.y.valueAt(j, r.height));
        const MapCell there = runCell(*landscape, dragged, r.steps, r.tolerance);
        CHECK(there.finalLoss == map.at(i, j).finalLoss);
        CHECK((there.end - map.at(i, j).end).norm() == 0);
    }
    const double beta = ball.hyperparameters.momentum;
    CHECK(beta == 0.6);
    for (double factor : {0.97, 1.05}) {
        Scene dragged = scene;
        setMappedParameter(racer(dragged, 1), "lr", factor * (2 + 2 * beta) / lMax);
        const Trajectory t = run(dragged, 1, scene.steps);
        INFO("eta = " << factor << " x the edge: " << (t.diverged() ? t.divergenceMessage() : "settles"));
        CHECK(t.diverged() == (factor > 1));
    }
    // "Switch the colour to final loss": the stable region is the same cells (diverged is what both
    // colourings paint red), but the final loss no longer tells speeds apart: the picture's log scale
    // stops at 1e-16 above the lowest loss, and the many cells that get there within the 500 steps share
    // its brightest colour, though they contract at very different rates.
    double lowest = INFINITY;
    for (const MapCell& cell : map.cells)
        if (!cell.diverged) lowest = std::min(lowest, cell.finalLoss);
    double slowest = 0;
    int floorCells = 0;
    for (const MapCell& cell : map.cells)
        if (!cell.diverged && cell.finalLoss - lowest < 1e-16 * std::max(1.0, lowest)) {
            ++floorCells;
            slowest = std::max(slowest, cell.rate);
        }
    INFO(floorCells << " cells at the loss picture's floor, contracting by " << fastest << " to " << slowest << " per step");
    CHECK(floorCells > 0.15 * stable);
    CHECK(slowest > 0.9);
}

namespace {

// Each enabled racer tuned as "Tune every racer" tunes it: its lr and second knob, within the map's steps,
// by `criterion`, to the map's tolerance, with 2 threads; the racer then carries the tuned setting.
std::vector<TuneResult> tuneEveryRacer(Scene& scene, TuneCriterion criterion) {
    const auto landscape = landscapeOf(scene);
    std::vector<TuneResult> results;
    for (OptimizerSettings& settings : scene.optimizers) {
        if (!settings.enabled || tunedParameters(settings).empty()) continue;
        TuneRequest request;
        request.racer = settings;
        request.steps = scene.maps.steps > 0 ? scene.maps.steps : scene.steps;
        request.tolerance = scene.maps.tolerance;
        request.criterion = criterion;
        results.push_back(tune(*landscape, request, 2));
        settings.hyperparameters = results.back().tuned.hyperparameters;
    }
    return results;
}

// The racers' ids, lowest final loss after the race's steps first (the legend's losses).
std::vector<int> orderByLoss(const Scene& scene) {
    std::vector<std::pair<double, int>> losses;
    for (const OptimizerSettings& settings : scene.optimizers)
        losses.emplace_back(run(scene, settings.id, scene.steps).losses.back(), settings.id);
    std::sort(losses.begin(), losses.end());
    std::vector<int> ids;
    for (const auto& [loss, id] : losses)
        ids.push_back(id);
    return ids;
}

}  // namespace

TEST_CASE("lesson 16, tune before comparing: tuning reorders the race, steps tune differently, GD's narrow band") {
    Scene scene = lesson("16-tune-before-comparing");
    promptSays(scene, 0, {"Tune every racer", "the order changes"});
    promptSays(scene, 1, {"criterion to steps", "arrives sooner", "ends a little higher"});
    promptSays(scene, 2, {"learning rate against weight decay", "η ≈ 0.006", "whatever the decay", "narrow band",
                          "under 1 in 300 steps"});
    const auto landscape = landscapeOf(scene);
    // The explanation: everyone at torch's default learning rate (and momentum, beta1), the same budget
    // of 300 steps from the same start.
    CHECK(scene.steps == 300);
    CHECK(scene.maps.steps == 300);
    for (const OptimizerSettings& settings : scene.optimizers) {
        CAPTURE(settings.kind);
        CHECK(settings.start == scene.optimizers.front().start);
        CHECK(settings.hyperparameters == defaultSettings(settings.kind, settings.start).hyperparameters);
    }
    // "The map shows Adam's final loss over its learning rate and beta1: the default (the ring) sits far
    // from its best region": every cell within 100 times the lowest loss is more than two decades of lr
    // away from the default's 0.001.
    {
        const MapResult adam = lessonMapOf(scene, 0, landscape->displayBox(), 32);
        const MapRequest& r = adam.request;
        REQUIRE(r.racer.kind == "adam");
        REQUIRE(r.x.name == "lr");
        REQUIRE(r.y.name == "beta1");
        const double lr = racer(scene, 3).hyperparameters.learningRate;
        double lowest = INFINITY, nearest = INFINITY;
        for (const MapCell& c : adam.cells)
            if (!c.diverged) lowest = std::min(lowest, c.finalLoss);
        for (int j = 0; j < r.height; ++j)
            for (int i = 0; i < r.width; ++i)
                if (!adam.at(i, j).diverged && adam.at(i, j).finalLoss < 100 * lowest)
                    nearest = std::min(nearest, std::abs(std::log10(r.x.valueAt(i, r.width) / lr)));
        const double own = runCell(*landscape, racer(scene, 3), r.steps, r.tolerance).finalLoss;
        INFO("Adam's lowest loss on the map " << lowest << ", at its default " << own << "; the best region is "
                                              << nearest << " decades of lr away");
        CHECK(own > 1000 * lowest);
        CHECK(nearest > 2);
    }
    // "Note the order ..., then press Tune every racer": each racer's name says what was tuned and how, and
    // the order of the final losses changes.
    const std::vector<int> before = orderByLoss(scene);
    Scene byLoss = scene;
    const std::vector<TuneResult> tuned = tuneEveryRacer(byLoss, TuneCriterion::FinalLoss);
    REQUIRE(tuned.size() == 3);
    CHECK(tuned[0].summary == "tuned lr by final loss after 300 steps");
    CHECK(tuned[1].summary == "tuned lr, momentum by final loss after 300 steps");
    CHECK(tuned[2].summary == "tuned lr, beta1 by final loss after 300 steps");
    for (const TuneResult& t : tuned)
        CHECK(t.improved);
    const std::vector<int> after = orderByLoss(byLoss);
    INFO("order by final loss before: " << before[0] << before[1] << before[2] << ", after tuning: " << after[0]
                                        << after[1] << after[2]);
    CHECK(before != after);
    // "Switch the tuning criterion to steps and tune again": heavy ball's setting changes; it now arrives
    // within the tolerance sooner but ends a little higher than tuned by final loss.
    Scene bySteps = scene;
    const std::vector<TuneResult> fastest = tuneEveryRacer(bySteps, TuneCriterion::Steps);
    REQUIRE(fastest.size() == 3);
    CHECK(fastest[1].summary == "tuned lr, momentum by steps to the tolerance after 300 steps");
    const MapCell lowestEnd = tuned[1].after, soonest = fastest[1].after;
    INFO("heavy ball tuned by final loss: there from step " << lowestEnd.steps << ", final loss " << lowestEnd.finalLoss
                                                            << "; by steps: from step " << soonest.steps
                                                            << ", final loss " << soonest.finalLoss);
    REQUIRE(lowestEnd.minimum >= 0);
    REQUIRE(soonest.minimum >= 0);
    CHECK(soonest.steps < lowestEnd.steps);
    CHECK(soonest.finalLoss > lowestEnd.finalLoss);
    // "Map gradient descent's learning rate against weight decay" (its own default axes: lr 1e-5..0.1 on
    // a log scale, weight decay 0..1): on every row GD diverges from the same column, at eta ~ 0.006,
    // and the cells that bring the loss under 1 are a narrow band just left of it, a factor 2 to 4 in lr
    // (an eighth of the map's four decades or less), where the stable region spans over 2.5 decades.
    {
        const MapResult map = lessonMapOf(scene, 1, landscape->displayBox(), 48);
        const MapRequest& r = map.request;
        REQUIRE(r.racer.kind == "gd");
        REQUIRE(r.x.name == "lr");
        REQUIRE(r.y.name == "weight-decay");
        CHECK(r.x.min == doctest::Approx(1e-5));
        CHECK(r.x.max == doctest::Approx(0.1));
        CHECK(r.y.max == 1);
        int edge = -1;
        for (int j = 0; j < r.height; ++j) {
            int first = r.width, low = r.width;
            for (int i = 0; i < r.width; ++i) {
                if (map.at(i, j).diverged) first = std::min(first, i);
                else if (map.at(i, j).finalLoss < 1) low = std::min(low, i);
            }
            CAPTURE(j);
            if (edge < 0) edge = first;
            CHECK(first == edge);
            for (int i = first; i < r.width; ++i)
                CHECK(map.at(i, j).diverged);
            int under = 0;
            for (int i = low; i < first; ++i)
                under += map.at(i, j).finalLoss < 1;
            CHECK(under >= 0.75 * (first - low));  // at most one cell right at the edge, oscillating, above 1
            const double band = std::log10(r.x.valueAt(first, r.width) / r.x.valueAt(low, r.width));
            INFO("row " << j << ": loss under 1 from lr " << r.x.valueAt(low, r.width) << ", diverges from "
                        << r.x.valueAt(first, r.width) << " (" << band << " decades)");
            CHECK(low < first);
            CHECK(band > std::log10(2.0));
            CHECK(band < std::log10(4.0));
            CHECK(std::log10(r.x.valueAt(first, r.width) / r.x.min) > 2.5);
        }
        const double edgeLr = r.x.valueAt(edge, r.width);
        CHECK(edgeLr > 0.005);
        CHECK(edgeLr < 0.0075);
    }
}

TEST_CASE("lesson 17, basins side by side on the six-hump camel: momentum coasts past the shallow minima, SGD's speckle, Adam on the walls") {
    Scene scene = lesson("17-basins-compared");
    promptSays(scene, 0, {"(±1.61, ±0.57)", "less than half as many starts as GD", "two global minima"});
    promptSays(scene, 1, {"SGD's borders", "one start in seven", "GD's run from the same point"});
    promptSays(scene, 2, {"|x| > 3", "GD and momentum diverge", "Adam never does", "about lr long"});
    const auto landscape = landscapeOf(scene);
    // The explanation's minima: two global ones near (±0.09, ∓0.71), two at (±1.70, ∓0.80), two shallow
    // ones at (±1.61, ±0.57) (indices 0-1, 2-3 and 4-5 of the known minima): stationary, each pair lower
    // than the next.
    const auto& minima = landscape->knownMinima();
    REQUIRE(minima.size() == 6);
    const Vec2 named[6] = {{0.09, -0.71}, {-0.09, 0.71}, {1.70, -0.80}, {-1.70, 0.80}, {1.61, 0.57}, {-1.61, -0.57}};
    for (size_t k = 0; k < 6; ++k) {
        CAPTURE(k);
        CHECK((minima[k] - named[k]).lpNorm<Eigen::Infinity>() <= 0.005);
        CHECK(landscape->gradientAt(minima[k]).norm() < 1e-3);
        CHECK(curvatureAt(*landscape, minima[k]).eigenvalues[0] > 0);
    }
    CHECK(landscape->valueAt(minima[0]) < landscape->valueAt(minima[2]));
    CHECK(landscape->valueAt(minima[2]) < landscape->valueAt(minima[4]));
    CHECK(scene.maps.kind == MapKind::Basins);
    CHECK(scene.maps.allRacers);
    CHECK(scene.maps.steps == 500);
    CHECK(scene.maps.tolerance == 0.2);
    CHECK(racer(scene, 3).hyperparameters.momentum == 0.9);
    const std::vector<const OptimizerSettings*> mapped = mappedRacers(scene.maps, scene.optimizers);
    REQUIRE(mapped.size() == 4);
    const std::vector<std::string> kinds{"gd", "sgd", "momentum", "adam"};
    for (size_t k = 0; k < 4; ++k)
        REQUIRE(mapped[k]->kind == kinds[k]);
    // Each racer's map (only those of `wanted`; the others stay empty).
    const auto basins = [&](const ViewBox& box, int size, std::initializer_list<size_t> wanted) {
        std::vector<MapResult> maps(mapped.size());
        for (size_t k : wanted)
            maps[k] = lessonMapOf(scene, mapped[k]->id, box, size);
        return maps;
    };
    // The panel maps the box the contour view shows, whose aspect is the window's: the landscape's box,
    // and a wider one (a wide window); each claim holds on both.
    const ViewBox display = landscape->displayBox();
    CHECK(display.xMax == 2.2);
    CHECK(display.yMax == 1.3);
    for (const ViewBox& box : {display, ViewBox{-3.548, 3.548, -1.3, 1.3}}) {
        CAPTURE(box.xMax);
        const std::vector<MapResult> maps = basins(box, 64, {0, 1, 2});
        const MapResult &gd = maps[0], &sgd = maps[1], &momentum = maps[2];
        // "Count the shallow minima's colours": momentum ends there from less than half as many starts as
        // GD, and more of its runs end in a global minimum.
        const int gdShallow = cellsEndingIn(gd, {4, 5}), momentumShallow = cellsEndingIn(momentum, {4, 5});
        const int gdGlobal = cellsEndingIn(gd, {0, 1}), momentumGlobal = cellsEndingIn(momentum, {0, 1});
        INFO("shallow minima: GD " << gdShallow << " starts, momentum " << momentumShallow << "; global: GD " << gdGlobal
                                   << ", momentum " << momentumGlobal << " of " << gd.cells.size());
        CHECK(momentumShallow < 0.5 * gdShallow);
        CHECK(momentumGlobal > gdGlobal);
        // "Look along SGD's borders": neighbouring starts end differently over twice as often as GD's, and
        // about one start in seven (among those where neither diverges) ends otherwise than GD's run from
        // the same point: another minimum, or none within 0.2.
        const auto neitherDiverges = [&](int i, int j) { return !gd.at(i, j).diverged && !sgd.at(i, j).diverged; };
        const double gdBorders = neighbourBorders(gd, neitherDiverges), sgdBorders = neighbourBorders(sgd, neitherDiverges);
        int both = 0, differ = 0;
        for (size_t k = 0; k < gd.cells.size(); ++k) {
            if (gd.cells[k].diverged || sgd.cells[k].diverged) continue;
            ++both, differ += gd.cells[k].minimum != sgd.cells[k].minimum;
        }
        const double share = double(differ) / both;
        INFO("neighbours differ: GD " << gdBorders << ", SGD " << sgdBorders << "; SGD ends otherwise than GD from "
                                      << differ << " of " << both << " starts (" << share << ")");
        CHECK(sgdBorders > 2 * gdBorders);
        CHECK(share > 0.10);
        CHECK(share < 0.20);
    }
    // "Scroll out until the steep walls at |x| > 3 show": zoomed out to |x| up to 5 (the display box's
    // aspect, and the wide one's), GD and momentum diverge from nearly every start on the walls, Adam
    // from none.
    for (const ViewBox& box : {ViewBox{-5, 5, -2.955, 2.955}, ViewBox{-5, 5, -1.832, 1.832}}) {
        CAPTURE(box.yMax);
        const std::vector<MapResult> maps = basins(box, 40, {0, 2, 3});
        for (size_t k : {size_t(0), size_t(2)}) {
            CAPTURE(kinds[k]);
            int wall = 0, flown = 0;
            for (int j = 0; j < maps[k].request.height; ++j)
                for (int i = 0; i < maps[k].request.width; ++i)
                    if (std::abs(cellStart(maps[k], i, j).x()) > 3.3) ++wall, flown += maps[k].at(i, j).diverged;
            INFO(flown << " of " << wall << " starts beyond |x| = 3.3 diverge");
            CHECK(flown >= 0.9 * wall);
        }
        CHECK(divergedCells(maps[3]) == 0);
        // Adam's steps stay about lr long, however steep the wall: from the corners no coordinate moves by more
        // than a few lr in one step.
        const double lr = mapped[3]->hyperparameters.learningRate;
        for (const Vec2& corner : {Vec2(box.xMax, box.yMax), Vec2(box.xMin, 0.0), Vec2(box.xMax, box.yMin)}) {
            OptimizerSettings adam = *mapped[3];
            adam.start = corner;
            const Trajectory t = run(*landscape, adam, scene.maps.steps);
            double longest = 0;
            for (size_t s = 1; s < t.points.size(); ++s)
                longest = std::max(longest, (t.points[s] - t.points[s - 1]).lpNorm<Eigen::Infinity>());
            CAPTURE(corner.transpose());
            CHECK(!t.diverged());
            CHECK(longest < 3 * lr);
        }
    }
}

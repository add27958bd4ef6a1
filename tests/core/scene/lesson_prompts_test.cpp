// Every "try this" prompt of every lesson in assets/lessons, performed as the window would perform it
// (the lesson scene loaded, the one change the prompt asks for applied, the race run with the real
// optimizers), and what the prompt's text promises asserted. One test case per lesson.

#include "view/analysis.h"
#include "landscapes/formula_landscape.h"
#include "scene/scene_file.h"
#include "optimizers/trajectory.h"

#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
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

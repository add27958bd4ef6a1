#include "commands/bench_network.h"

#include "networks/portable_random.h"
#include "networks/problem_spec.h"
#include "optimizers/optimizer.h"
#include "optimizers/parameter_optimizer.h"
#include "support/parallel_rows.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace gradscape {
namespace {

double networkSecondsOf(auto&& work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double medianOf(std::vector<double> values) {
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

// Issue 15's problem: what `gradscape run --problem mlp --layers 2,32,32,1 --activation tanh --data moons
// --samples 256 --loss bce --seed 3` races on, and what its --export-problem file gives torch.
std::shared_ptr<const NetworkProblem> issueProblem() {
    ProblemSpec spec;
    spec.layers = {2, 32, 32, 1};
    spec.activation = Activation::Tanh;
    spec.loss = Loss::Bce;
    spec.data.kind = DatasetKind::Moons;
    spec.data.samples = 256;
    spec.seed = spec.data.seed = 3;
    return makeProblem(spec);
}

// A direction of standard normal entries scaled to the length of `like` (the weights'), from `seed`.
VecX randomDirection(const VecX& like, std::uint64_t seed) {
    PortableRandom random(seed);
    VecX d(like.size());
    for (Eigen::Index i = 0; i < d.size(); ++i)
        d[i] = random.normal();
    return d * (like.norm() / d.norm());
}

}  // namespace

NetworkFigures networkFigures(bool quick) {
    const auto problem = issueProblem();
    const VecX start = problem->initialParameters();
    Hyperparameters h = optimizerInfo("gd").defaults;
    h.learningRate = 0.1;
    const int steps = quick ? 20 : 1000, runs = quick ? 1 : 7;
    NetworkFigures figures;

    // One unmeasured run warms the caches, the clock and the thread's workspace, as torch's script does.
    std::vector<double> rates;
    for (int run = 0; run <= runs; ++run) {
        auto optimizer = makeParameterOptimizer("gd", h);
        ParameterPath path = startParameterPath(*problem, start);
        const double seconds = networkSecondsOf([&] { advanceParameterPath(path, *optimizer, *problem, steps); });
        if (run > 0) rates.push_back(path.steps() / seconds);
    }
    figures.stepsPerSecond = medianOf(rates);

    // Coordinates in [-1, 1]^2, row by row; 16 bands taken in turn by 2 threads.
    const int side = quick ? 16 : 128;
    std::vector<Vec2> coordinates;
    for (int row = 0; row < side; ++row)
        for (int column = 0; column < side; ++column)
            coordinates.emplace_back(-1 + 2.0 * column / (side - 1), -1 + 2.0 * row / (side - 1));
    const VecX d1 = randomDirection(start, 1), d2 = randomDirection(start, 2);
    std::vector<double> values(coordinates.size());
    const std::vector<int> bands = evenBands(side, 16);
    std::vector<double> seconds;
    for (int run = 0; run <= runs; ++run) {
        const double s = networkSecondsOf([&] {
            forEachBand(bands, 2, [&](std::size_t, int begin, int end) {
                const std::size_t first = static_cast<std::size_t>(begin) * side;
                const std::size_t count = static_cast<std::size_t>(end - begin) * side;
                problem->valuesOnPlane(start, d1, d2, std::span(coordinates).subspan(first, count),
                                       std::span(values).subspan(first, count));
            });
        });
        if (run > 0) seconds.push_back(s);
    }
    figures.planeSeconds = medianOf(seconds);
    return figures;
}

}  // namespace gradscape

#include "schedule.h"

#include "optimizer.h"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

using namespace gradscape;

TEST_CASE("each schedule gives torch.optim.lr_scheduler's rate at step t") {
    const double eta = 0.1;
    CHECK(parseSchedule("constant").rateAt(eta, 500) == eta);
    const Schedule step = parseSchedule("step:30:0.5");
    CHECK(step.rateAt(eta, 0) == eta);
    CHECK(step.rateAt(eta, 29) == eta);
    CHECK(step.rateAt(eta, 30) == doctest::Approx(0.05));
    CHECK(step.rateAt(eta, 95) == doctest::Approx(0.0125));
    CHECK(parseSchedule("exp:0.9").rateAt(eta, 3) == doctest::Approx(eta * 0.729));
    CHECK(parseSchedule("inv:0.5").rateAt(eta, 4) == doctest::Approx(eta / 3));
    const Schedule cosine = parseSchedule("cosine:100:0.01");
    CHECK(cosine.rateAt(eta, 0) == doctest::Approx(eta));
    CHECK(cosine.rateAt(eta, 50) == doctest::Approx(0.01 + 0.09 * 0.5));
    CHECK(cosine.rateAt(eta, 100) == doctest::Approx(0.01));
    CHECK(parseSchedule("cosine:10").minimumRate == 0);
    const Schedule warmup = parseSchedule("warmup:4");
    CHECK(warmup.rateAt(eta, 0) == doctest::Approx(0.025));
    CHECK(warmup.rateAt(eta, 2) == doctest::Approx(0.075));
    CHECK(warmup.rateAt(eta, 3) == doctest::Approx(eta));
    CHECK(warmup.rateAt(eta, 1000) == doctest::Approx(eta));
    for (const char* spec : {"constant", "step:30:0.5", "exp:0.9", "inv:0.5", "cosine:100:0.01", "warmup:4"})
        CHECK(parseSchedule(parseSchedule(spec).spec()) == parseSchedule(spec));
}

TEST_CASE("malformed schedules are refused with what is wrong") {
    CHECK_THROWS_WITH(parseSchedule("linear:3"), doctest::Contains("unknown kind"));
    CHECK_THROWS_WITH(parseSchedule("step:30"), doctest::Contains("wrong number of fields"));
    CHECK_THROWS_WITH(parseSchedule("exp:fast"), doctest::Contains("gamma is not a number: 'fast'"));
    CHECK_THROWS_WITH(parseSchedule("exp:1.5"), "schedule gamma must be in (0, 1], got 1.5");
    CHECK_THROWS_WITH(parseSchedule("step:0:0.5"), doctest::Contains("step size must be in [1, inf)"));
    CHECK_THROWS_WITH(parseSchedule("cosine:100:-1"), doctest::Contains("minimum rate"));
    CHECK_THROWS_WITH(parseSchedule(""), doctest::Contains("empty"));
}

TEST_CASE("a first-order optimizer takes its step with the scheduled rate") {
    auto f = makeLandscape("quadratic");  // gradient (10 x, y)
    Hyperparameters h{.learningRate = 0.01};
    h.schedule = parseSchedule("step:1:0.5");  // 0.01, 0.005, 0.0025, ...
    auto gd = makeOptimizer("gd", h);
    Trajectory t = startTrajectory(*f, {1, 1});
    advanceTrajectory(t, *gd, *f, 3);
    double x = 1, y = 1;
    for (double eta : {0.01, 0.005, 0.0025})
        x -= eta * 10 * x, y -= eta * y;
    CHECK(t.points[3].x() == doctest::Approx(x).epsilon(1e-15));
    CHECK(t.points[3].y() == doctest::Approx(y).epsilon(1e-15));
}

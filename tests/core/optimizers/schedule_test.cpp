#include "optimizers/schedule.h"

#include "optimizers/optimizer.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

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
    CHECK_THROWS_WITH(parseSchedule("exp:fast"), doctest::Contains("gamma must be a finite number, got 'fast'"));
    CHECK_THROWS_WITH(parseSchedule("exp:1.5"), "schedule gamma must be in (0, 1], got 1.5");
    CHECK_THROWS_WITH(parseSchedule("step:0:0.5"),
                      "schedule 'step:0:0.5': step size must be a whole number in [1, 1000000000], got '0'");
    CHECK_THROWS_WITH(parseSchedule("cosine:100:-1"), doctest::Contains("minimum rate"));
    CHECK_THROWS_WITH(parseSchedule(""), doctest::Contains("empty"));
}

// Issue 11, item 6: step counts were read as doubles and cast to int (undefined past INT_MAX, 1.5
// truncated to 1, 3000000000 reported as -2.14748e+09).
TEST_CASE("a schedule's step counts are whole numbers in range, compared before any conversion") {
    CHECK_THROWS_WITH(parseSchedule("step:1.5:0.5"),
                      "schedule 'step:1.5:0.5': step size must be a whole number in [1, 1000000000], got '1.5'");
    CHECK_THROWS_WITH(parseSchedule("step:3000000000:0.5"),
                      "schedule 'step:3000000000:0.5': step size must be a whole number in [1, 1000000000], got "
                      "'3000000000'");
    CHECK_THROWS_WITH(parseSchedule("step:1e10:0.5"), doctest::Contains("step size must be a whole number"));
    CHECK_THROWS_WITH(parseSchedule("step:nan"), doctest::Contains("wrong number of fields"));
    CHECK_THROWS_WITH(parseSchedule("step:nan:0.5"), doctest::Contains("got 'nan'"));
    CHECK_THROWS_WITH(parseSchedule("step:-3:0.5"), doctest::Contains("got '-3'"));
    CHECK_THROWS_WITH(parseSchedule("cosine:1e10"), doctest::Contains("period must be a whole number"));
    CHECK_THROWS_WITH(parseSchedule("warmup:inf"), doctest::Contains("warm-up steps must be a whole number"));
    CHECK_THROWS_WITH(parseSchedule("warmup:99999999999999999999999999"), doctest::Contains("[1, 1000000000]"));
    CHECK_THROWS_WITH(parseSchedule("step:10:nan"), doctest::Contains("gamma must be a finite number, got 'nan'"));
    CHECK_THROWS_WITH(parseSchedule("inv:inf"), doctest::Contains("decay must be a finite number"));
    // The largest count is taken as it is; leading zeros are a whole number still.
    CHECK(parseSchedule("step:1000000000:0.5").stepSize == 1'000'000'000);
    CHECK(parseSchedule("warmup:007").warmupSteps == 7);
    CHECK_THROWS_WITH(parseSchedule("step:1000000001:0.5"), doctest::Contains("got '1000000001'"));
    // A long spec is echoed cut, not whole.
    const std::string pasted = "step:" + std::string(5000, '7') + ":0.5";
    std::string message;
    try {
        parseSchedule(pasted);
    } catch (const std::invalid_argument& e) {
        message = e.what();
    }
    CHECK(message.size() < 300);
    CHECK(message.find("…") != std::string::npos);
}

TEST_CASE("validate bounds a schedule built in code or read from a scene as parseSchedule does") {
    Schedule s;
    s.kind = Schedule::Kind::Cosine;
    s.period = kMaxScheduleSteps;
    CHECK(validate(s).empty());
    s.period = 0;
    CHECK(validate(s) == "schedule period must be a whole number in [1, 1000000000], got 0");
    s.kind = Schedule::Kind::Warmup;
    s.warmupSteps = std::numeric_limits<int>::max();
    CHECK(validate(s) == "schedule warm-up steps must be a whole number in [1, 1000000000], got 2147483647");
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

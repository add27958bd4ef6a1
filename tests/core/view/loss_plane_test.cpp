// Planes through a network's parameter space: filter normalization, principal directions against an
// independent SVD, the three-point plane's marks, projection and its honesty measures, and the plane as a 2D
// landscape (its values, gradient and Hessian against the problem's).

#include "networks/problem_spec.h"
#include "optimizers/parameter_optimizer.h"
#include "view/loss_plane.h"

#include <doctest/doctest.h>

#include <Eigen/Dense>

#include <cmath>

using namespace gradscape;

namespace {

std::shared_ptr<const NetworkProblem> planeTestProblem() {
    ProblemSpec spec;
    spec.layers = {2, 6, 5, 1};
    spec.activation = Activation::Tanh;
    spec.loss = Loss::Bce;
    spec.seed = 5;
    spec.data = {DatasetKind::Moons, 40, 0.1, 9, 2};
    return makeProblem(spec);
}

ParameterPath planeTestRun(const Problem& problem, const std::string& kind, double lr, int steps) {
    Hyperparameters h;
    h.learningRate = lr;
    auto optimizer = makeParameterOptimizer(kind, h);
    ParameterPath path = startParameterPath(problem, problem.initialParameters());
    advanceParameterPath(path, *optimizer, problem, steps);
    return path;
}

}  // namespace

TEST_CASE("a random plane passes through the anchor's final weights along filter-normalized directions") {
    auto problem = planeTestProblem();
    const ParameterPath path = planeTestRun(*problem, "adam", 0.05, 30);
    const PlanePath paths[] = {{"Adam", &path}};
    const LossPlane plane = makeLossPlane(*problem, {PlaneKind::Random, 7}, paths);
    CHECK(plane.origin == path.last);
    for (const ParameterGroup& group : problem->parameterGroups()) {
        const double own = path.last.segment(group.offset, group.size).norm();
        for (const VecX* d : {&plane.first, &plane.second}) {
            const double norm = d->segment(group.offset, group.size).norm();
            if (group.bias)
                CHECK(norm == 0);
            else
                CHECK(norm == doctest::Approx(own).epsilon(1e-9));
        }
    }
    // The seed decides the directions, and the same seed gives the same plane.
    CHECK(makeLossPlane(*problem, {PlaneKind::Random, 7}, paths).first == plane.first);
    CHECK(makeLossPlane(*problem, {PlaneKind::Random, 8}, paths).first != plane.first);
    CHECK(plane.description.find("Adam's final weights") != std::string::npos);
    // A random plane hides almost all of the motion: the start is far off it.
    const ProjectedPath projected = projectPath(*problem, plane, path);
    CHECK(projected.explained < 0.5);
    CHECK(projected.distance.back() < 1e-9);  // the final weights lie on it
    CHECK(projected.points.back().norm() < 1e-9);
}

TEST_CASE("the pca plane's directions are the top two right singular vectors of the centred iterates") {
    auto problem = planeTestProblem();
    const ParameterPath a = planeTestRun(*problem, "gd", 0.5, 40);
    const ParameterPath b = planeTestRun(*problem, "momentum", 0.2, 40);
    const PlanePath paths[] = {{"GD", &a}, {"Momentum", &b}};
    const LossPlane plane = makeLossPlane(*problem, {PlaneKind::Principal, 1}, paths);
    CHECK(plane.origin == a.last);
    // Independently: a thin SVD of every kept iterate (40 + 1 each, fewer than the row cap) and both lasts.
    std::vector<VecX> rows;
    for (const ParameterPath* p : {&a, &b}) {
        for (const VecX& w : p->iterates)
            rows.push_back(w - a.last);
        rows.push_back(p->last - a.last);
    }
    Eigen::MatrixXd x(static_cast<Eigen::Index>(rows.size()), problem->dimension());
    for (std::size_t i = 0; i < rows.size(); ++i)
        x.row(static_cast<Eigen::Index>(i)) = rows[i].transpose();
    x.rowwise() -= x.colwise().mean();
    Eigen::JacobiSVD<Eigen::MatrixXd> svd(x, Eigen::ComputeThinV);
    const Eigen::VectorXd s2 = svd.singularValues().array().square();
    CHECK(std::abs(plane.first.dot(svd.matrixV().col(0))) == doctest::Approx(1).epsilon(1e-8));
    CHECK(std::abs(plane.second.dot(svd.matrixV().col(1))) == doctest::Approx(1).epsilon(1e-8));
    CHECK(plane.explainedVariance[0] == doctest::Approx(s2[0] / s2.sum()).epsilon(1e-8));
    CHECK(plane.explainedVariance[1] == doctest::Approx(s2[1] / s2.sum()).epsilon(1e-8));
    CHECK(plane.firstLabel.find("PC1") == 0);
    // The start lies on the negative side of both directions.
    CHECK(plane.first.dot(a.iterates.front() - plane.origin) <= 0);
    // On a pca plane most of the motion is in the plane.
    CHECK(projectPath(*problem, plane, a).explained > 0.5);
}

TEST_CASE("the points plane puts the start at (0, 0) and the two ends at (1, 0) and (0, 1)") {
    auto problem = planeTestProblem();
    const ParameterPath a = planeTestRun(*problem, "gd", 0.5, 25);
    const ParameterPath b = planeTestRun(*problem, "adam", 0.03, 25);
    const PlanePath paths[] = {{"GD", &a}, {"Adam", &b}};
    const LossPlane plane = makeLossPlane(*problem, {PlaneKind::Points, 1}, paths);
    const ProjectedPath pa = projectPath(*problem, plane, a), pb = projectPath(*problem, plane, b);
    CHECK(pa.points.front().norm() < 1e-9);
    CHECK((pa.points.back() - Vec2(1, 0)).norm() < 1e-9);
    CHECK((pb.points.back() - Vec2(0, 1)).norm() < 1e-9);
    CHECK(pa.distance.front() < 1e-9);
    CHECK(pa.distance.back() < 1e-9);
    // On the plane at the three points, the plane's loss is the true loss.
    CHECK(pa.planeLoss.front() == doctest::Approx(pa.trueLoss.front()).epsilon(1e-12));
    CHECK(pa.planeLoss.back() == doctest::Approx(pa.trueLoss.back()).epsilon(1e-12));
    CHECK(pb.planeLoss.back() == doctest::Approx(pb.trueLoss.back()).epsilon(1e-12));
    const ViewBox box = planeBox(plane, std::vector<ProjectedPath>{pa, pb});
    CHECK(box.contains({0, 0}));
    CHECK(box.contains({1, 0}));
    CHECK(box.contains({0, 1}));
    CHECK(box.width() == doctest::Approx(box.height()));
}

TEST_CASE("projection: coordinates by least squares, distances, motion share and the loss gap") {
    auto problem = planeTestProblem();
    const ParameterPath path = planeTestRun(*problem, "gd", 0.5, 20);
    const PlanePath paths[] = {{"GD", &path}};
    const LossPlane plane = makeLossPlane(*problem, {PlaneKind::Random, 3}, paths);
    const ProjectedPath projected = projectPath(*problem, plane, path, 5);
    REQUIRE(projected.points.size() == path.iterates.size());
    int computed = 0;
    double gap = 0;
    for (std::size_t j = 0; j < projected.points.size(); ++j) {
        const VecX& w = path.iterates[j];
        const VecX foot = plane.at(projected.points[j]);
        // The residual is orthogonal to both directions, and its norm is the distance.
        CHECK(std::abs((w - foot).dot(plane.first)) < 1e-9 * plane.first.squaredNorm() + 1e-12);
        CHECK(std::abs((w - foot).dot(plane.second)) < 1e-9 * plane.second.squaredNorm() + 1e-12);
        CHECK((w - foot).norm() == doctest::Approx(projected.distance[j]).epsilon(1e-9));
        CHECK(projected.trueLoss[j] == path.losses[static_cast<std::size_t>(j)]);
        if (std::isfinite(projected.planeLoss[j])) {
            ++computed;
            CHECK(projected.planeLoss[j] == doctest::Approx(problem->valueAt(foot)).epsilon(1e-12));
            gap = std::max(gap, std::abs(projected.planeLoss[j] - projected.trueLoss[j]));
        }
    }
    CHECK(computed == 5);
    CHECK(std::isfinite(projected.planeLoss.front()));
    CHECK(std::isfinite(projected.planeLoss.back()));
    CHECK(projected.maxLossGap == doctest::Approx(gap));
    CHECK(projected.maxLossGap > 0);  // the start is off the plane and its loss differs from the plane's
}

TEST_CASE("the plane as a landscape: its value, gradient and Hessian are the problem's along the plane") {
    auto problem = planeTestProblem();
    const ParameterPath path = planeTestRun(*problem, "gd", 0.5, 10);
    const PlanePath paths[] = {{"GD", &path}};
    LossPlane plane = makeLossPlane(*problem, {PlaneKind::Random, 4}, paths);
    const ViewBox box{-1, 1, -1, 1};
    auto landscape = makePlaneLandscape(problem, plane, box);
    REQUIRE(lossPlaneOf(*landscape) != nullptr);
    CHECK(lossPlaneOf(*landscape)->origin == plane.origin);
    const Vec2 p(0.3, -0.2);
    CHECK(landscape->valueAt(p) == problem->valueAt(plane.at(p)));
    // Gradient and Hessian against central differences on the plane.
    const double h = 1e-5;
    for (int axis = 0; axis < 2; ++axis) {
        const Vec2 e = axis == 0 ? Vec2(h, 0) : Vec2(0, h);
        CHECK(landscape->gradientAt(p)[axis] ==
              doctest::Approx((landscape->valueAt(p + e) - landscape->valueAt(p - e)) / (2 * h)).epsilon(1e-6));
        const Vec2 column = (landscape->gradientAt(p + e) - landscape->gradientAt(p - e)) / (2 * h);
        CHECK(landscape->hessianAt(p).col(axis).x() == doctest::Approx(column.x()).epsilon(1e-5));
        CHECK(landscape->hessianAt(p).col(axis).y() == doctest::Approx(column.y()).epsilon(1e-5));
    }
    // A grid of rows is the loss at each cell centre.
    std::vector<float> rows(4 * 3);
    landscape->sampleRows(box, 4, 3, 0, 3, rows.data());
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 4; ++c) {
            const Vec2 centre(-1 + (c + 0.5) * 0.5, -1 + (r + 0.5) * 2.0 / 3);
            CHECK(rows[static_cast<std::size_t>(r * 4 + c)] == static_cast<float>(landscape->valueAt(centre)));
        }
    CHECK(lossPlaneOf(*makeLandscape("rosenbrock")) == nullptr);
}

TEST_CASE("planes that cannot be made are refused with a sentence") {
    auto problem = planeTestProblem();
    const ParameterPath path = planeTestRun(*problem, "gd", 0.5, 10);
    const PlanePath one[] = {{"GD", &path}};
    CHECK_THROWS_WITH_AS(makeLossPlane(*problem, {PlaneKind::Points, 1}, one),
                         doctest::Contains("at least two racers"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(makeLossPlane(*problem, {PlaneKind::Principal, 1}, {}),
                         doctest::Contains("no path"), std::invalid_argument);
    const PlanePath same[] = {{"GD", &path}, {"GD again", &path}};
    CHECK_THROWS_WITH_AS(makeLossPlane(*problem, {PlaneKind::Points, 1}, same),
                         doctest::Contains("lie on one line"), std::invalid_argument);
    const ParameterPath still = planeTestRun(*problem, "gd", 0.5, 0);  // the start alone
    const PlanePath flat[] = {{"GD", &still}};
    CHECK_THROWS_WITH_AS(makeLossPlane(*problem, {PlaneKind::Principal, 1}, flat),
                         doctest::Contains("fewer than two directions"), std::invalid_argument);
}

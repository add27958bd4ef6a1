// Choosing a plane through parameter space, projecting paths onto it, and its loss as a 2D landscape.

#include "view/loss_plane.h"

#include "networks/portable_random.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace gradscape {
namespace {

// At most this many kept iterates of all paths together go into the principal directions: evenly spread
// along each path, they fix the top two directions as well as all of them would, at a small Gram matrix.
constexpr int kMaxPrincipalRows = 512;

// A random direction, filter by filter given the norm of that filter of `w`; biases 0 (Li et al. 2018).
VecX filterNormalizedDirection(const Problem& problem, const VecX& w, PortableRandom& random) {
    VecX d(w.size());
    for (Eigen::Index i = 0; i < d.size(); ++i)
        d[i] = random.normal();
    for (const ParameterGroup& group : problem.parameterGroups()) {
        auto part = d.segment(group.offset, group.size);
        if (group.bias) {
            part.setZero();
            continue;
        }
        part *= w.segment(group.offset, group.size).norm() / (part.norm() + 1e-10);
    }
    return d;
}

std::string percent(double share) {
    return std::to_string(static_cast<int>(std::lround(100 * share))) + "%";
}

const ParameterPath& pathOf(const PlanePath& p) {
    return *p.path;
}

}  // namespace

Vec2 LossPlane::project(const VecX& w, double* distance) const {
    const VecX offset = w - origin;
    Eigen::Matrix2d gram;
    gram << first.dot(first), first.dot(second), first.dot(second), second.dot(second);
    const Vec2 right(first.dot(offset), second.dot(offset));
    const Vec2 c = gram.ldlt().solve(right);
    if (distance) *distance = (offset - c.x() * first - c.y() * second).norm();
    return c;
}

LossPlane makeLossPlane(const Problem& problem, const PlaneSettings& settings, std::span<const PlanePath> paths) {
    std::vector<PlanePath> usable;
    for (const PlanePath& p : paths)
        if (p.path && !p.path->iterates.empty() && p.path->last.size() == problem.dimension()) usable.push_back(p);

    LossPlane plane;
    plane.settings = settings;
    const std::string anchor = usable.empty() ? "the initial weights" : usable.front().name + "'s final weights";
    switch (settings.kind) {
    case PlaneKind::Random: {
        plane.origin = usable.empty() ? problem.initialParameters() : pathOf(usable.front()).last;
        PortableRandom random(settings.seed);
        plane.first = filterNormalizedDirection(problem, plane.origin, random);
        plane.second = filterNormalizedDirection(problem, plane.origin, random);
        if (plane.first.norm() == 0 || plane.second.norm() == 0)
            throw std::invalid_argument("random plane: the weights it passes through are all zero, so "
                                        "filter-normalized directions are zero; choose pca or points");
        plane.description = "through " + anchor + " along two filter-normalized random directions (seed " +
                            std::to_string(settings.seed) + ")";
        plane.firstLabel = "random direction 1";
        plane.secondLabel = "random direction 2";
        break;
    }
    case PlaneKind::Principal: {
        if (usable.empty()) throw std::invalid_argument("pca plane: there is no path to take directions from");
        plane.origin = pathOf(usable.front()).last;
        std::size_t total = 0;
        for (const PlanePath& p : usable)
            total += pathOf(p).iterates.size();
        const double keep = std::min(1.0, static_cast<double>(kMaxPrincipalRows) / static_cast<double>(total));
        std::vector<const VecX*> rows;
        for (const PlanePath& p : usable) {
            const auto& iterates = pathOf(p).iterates;
            const int n = static_cast<int>(iterates.size());
            const int count = std::min(n, std::max(2, static_cast<int>(std::lround(keep * n))));
            for (int j = 0; j < count; ++j)
                rows.push_back(&iterates[static_cast<std::size_t>(
                    count == 1 ? 0 : std::lround(static_cast<double>(j) * (n - 1) / (count - 1)))]);
            rows.push_back(&pathOf(p).last);
        }
        const int m = static_cast<int>(rows.size()), dimension = static_cast<int>(plane.origin.size());
        Eigen::MatrixXd centred(dimension, m);
        for (int j = 0; j < m; ++j)
            centred.col(j) = *rows[static_cast<std::size_t>(j)] - plane.origin;
        centred.colwise() -= centred.rowwise().mean();
        const Eigen::MatrixXd gram = centred.transpose() * centred;
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(gram);
        const Eigen::VectorXd values = eigen.eigenvalues();  // ascending
        const double sum = values.cwiseMax(0.0).sum();
        if (m < 3 || !(values[m - 2] > 1e-12 * std::max(sum, 1e-300)) || !(sum > 0))
            throw std::invalid_argument("pca plane: the paths move along fewer than two directions; take more "
                                        "steps, add a racer, or choose the random plane");
        for (int k = 0; k < 2; ++k) {
            VecX d = centred * eigen.eigenvectors().col(m - 1 - k);
            d.normalize();
            // The start on the negative side: the paths run left to right and bottom to top.
            if (d.dot(pathOf(usable.front()).iterates.front() - plane.origin) > 0) d = -d;
            (k == 0 ? plane.first : plane.second) = d;
            plane.explainedVariance[static_cast<std::size_t>(k)] = values[m - 1 - k] / sum;
        }
        plane.description = "through " + anchor + " along the top two principal directions of the paths (" +
                            percent(plane.explainedVariance[0] + plane.explainedVariance[1]) +
                            " of their variance)";
        plane.firstLabel = "PC1: " + percent(plane.explainedVariance[0]) + " of the variance";
        plane.secondLabel = "PC2: " + percent(plane.explainedVariance[1]) + " of the variance";
        break;
    }
    case PlaneKind::Points: {
        if (usable.size() < 2)
            throw std::invalid_argument("points plane: it goes through the start and two racers' ends; give at "
                                        "least two racers");
        const ParameterPath &a = pathOf(usable[0]), &b = pathOf(usable[1]);
        plane.origin = a.iterates.front();
        plane.first = a.last - plane.origin;
        plane.second = b.last - plane.origin;
        const double na = plane.first.norm(), nb = plane.second.norm();
        const double cross = na * na * nb * nb - std::pow(plane.first.dot(plane.second), 2);
        if (!(na > 0 && nb > 0 && cross > 1e-12 * na * na * nb * nb))
            throw std::invalid_argument("points plane: the start and the ends of " + usable[0].name + " and " +
                                        usable[1].name + " lie on one line; choose other racers or the pca plane");
        plane.description = "through the start, " + usable[0].name + "'s end (1, 0) and " + usable[1].name +
                            "'s end (0, 1)";
        plane.firstLabel = "toward " + usable[0].name + "'s end";
        plane.secondLabel = "toward " + usable[1].name + "'s end";
        break;
    }
    }
    return plane;
}

ProjectedPath projectPath(const Problem& problem, const LossPlane& plane, const ParameterPath& path,
                          int planeLossSamples) {
    ProjectedPath out;
    const std::size_t n = path.iterates.size();
    out.points.reserve(n);
    const VecX& start = n ? path.iterates.front() : path.last;
    // The directions' span, orthonormalized, for the share of the motion.
    Eigen::MatrixXd basis(plane.first.size(), 2);
    basis.col(0) = plane.first;
    basis.col(1) = plane.second;
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(basis);
    const Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(plane.first.size(), 2);
    double motion = 0, inPlane = 0;
    for (std::size_t j = 0; j < n; ++j) {
        const VecX& w = path.iterates[j];
        double distance = 0;
        out.points.push_back(plane.project(w, &distance));
        const long step = path.stepOfIterate(j);
        out.steps.push_back(step);
        out.trueLoss.push_back(path.losses[static_cast<std::size_t>(step)]);
        out.distance.push_back(distance);
        out.maxDistance = std::max(out.maxDistance, distance);
        const VecX moved = w - start;
        motion += moved.squaredNorm();
        inPlane += (q.transpose() * moved).squaredNorm();
    }
    out.explained = motion > 0 ? std::clamp(inPlane / motion, 0.0, 1.0) : 1.0;
    out.planeLoss.assign(n, std::numeric_limits<double>::quiet_NaN());
    if (n == 0 || planeLossSamples < 1) return out;
    // The plane's loss under evenly spread kept iterates, the first and last included.
    const std::size_t samples = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(planeLossSamples, 2)));
    std::vector<std::size_t> which;
    for (std::size_t s = 0; s < samples; ++s) {
        const std::size_t j = samples == 1 ? 0 : (s * (n - 1) + (samples - 1) / 2) / (samples - 1);
        if (which.empty() || which.back() != j) which.push_back(j);
    }
    std::vector<Vec2> coordinates;
    for (std::size_t j : which)
        coordinates.push_back(out.points[j]);
    std::vector<double> values(coordinates.size());
    problem.valuesOnPlane(plane.origin, plane.first, plane.second, coordinates, values);
    for (std::size_t s = 0; s < which.size(); ++s) {
        out.planeLoss[which[s]] = values[s];
        if (std::isfinite(values[s]) && std::isfinite(out.trueLoss[which[s]]))
            out.maxLossGap = std::max(out.maxLossGap, std::abs(out.trueLoss[which[s]] - values[s]));
    }
    return out;
}

ViewBox planeBox(const LossPlane& plane, std::span<const ProjectedPath> paths) {
    double xMin = std::numeric_limits<double>::infinity(), xMax = -xMin, yMin = xMin, yMax = -xMin;
    auto include = [&](const Vec2& p) {
        if (!std::isfinite(p.x()) || !std::isfinite(p.y())) return;
        xMin = std::min(xMin, p.x()), xMax = std::max(xMax, p.x());
        yMin = std::min(yMin, p.y()), yMax = std::max(yMax, p.y());
    };
    include({0, 0});
    if (plane.settings.kind == PlaneKind::Random) include({-1, -1}), include({1, 1});
    if (plane.settings.kind == PlaneKind::Points) include({1, 0}), include({0, 1});
    for (const ProjectedPath& path : paths)
        for (const Vec2& p : path.points)
            include(p);
    const Vec2 centre(0.5 * (xMin + xMax), 0.5 * (yMin + yMax));
    const double half = 0.5 * std::max({xMax - xMin, yMax - yMin, 1e-6}) * 1.25;
    return {centre.x() - half, centre.x() + half, centre.y() - half, centre.y() + half};
}

namespace {

class PlaneLandscape final : public Landscape {
  public:
    PlaneLandscape(std::shared_ptr<const Problem> problem, LossPlane plane, const ViewBox& box)
        : problem_(std::move(problem)), plane_(std::move(plane)) {
        name_ = "plane";
        description_ = problem_->name() + ", on the plane " + plane_.description;
        formula_ = "L(w0 + a d1 + b d2), " + problem_->name();
        displayBox_ = box;
        defaultStart_ = plane_.project(problem_->initialParameters());
    }

    double valueAt(const Vec2& p) const override { return problem_->valueAt(plane_.at(p)); }
    Vec2 gradientAt(const Vec2& p) const override {
        Vec2 g;
        valueAndGradientAt(p, g);
        return g;
    }
    double valueAndGradientAt(const Vec2& p, Vec2& gradient) const override {
        VecX g;
        const double value = problem_->valueAndGradientAt(plane_.at(p), g);
        gradient = Vec2(plane_.first.dot(g), plane_.second.dot(g));
        return value;
    }
    Mat2 hessianAt(const Vec2& p) const override {
        const VecX w = plane_.at(p);
        VecX h1, h2;
        problem_->hessianVectorProduct(w, plane_.first, h1);
        problem_->hessianVectorProduct(w, plane_.second, h2);
        const double off = 0.5 * (plane_.first.dot(h2) + plane_.second.dot(h1));
        Mat2 h;
        h << plane_.first.dot(h1), off, off, plane_.second.dot(h2);
        return h;
    }
    void sampleRows(const ViewBox& box, int width, int height, int rowBegin, int rowEnd, float* out) const override {
        const double dx = box.width() / width, dy = box.height() / height;
        std::vector<Vec2> coordinates;
        coordinates.reserve(static_cast<std::size_t>(width));
        std::vector<double> values(static_cast<std::size_t>(width));
        for (int row = rowBegin; row < rowEnd; ++row) {
            coordinates.clear();
            const double y = box.yMin + (row + 0.5) * dy;
            for (int column = 0; column < width; ++column)
                coordinates.emplace_back(box.xMin + (column + 0.5) * dx, y);
            problem_->valuesOnPlane(plane_.origin, plane_.first, plane_.second, coordinates, values);
            for (double v : values)
                *out++ = static_cast<float>(v);
        }
    }

    const LossPlane& plane() const { return plane_; }

  private:
    std::shared_ptr<const Problem> problem_;
    LossPlane plane_;
};

}  // namespace

std::shared_ptr<const Landscape> makePlaneLandscape(std::shared_ptr<const Problem> problem, LossPlane plane,
                                                    const ViewBox& box) {
    if (!problem) throw std::invalid_argument("plane landscape: no problem given");
    if (plane.origin.size() != problem->dimension() || plane.first.size() != problem->dimension() ||
        plane.second.size() != problem->dimension())
        throw std::invalid_argument("plane landscape: the plane's vectors do not have the problem's dimension");
    return std::make_shared<const PlaneLandscape>(std::move(problem), std::move(plane), box);
}

const LossPlane* lossPlaneOf(const Landscape& landscape) {
    const auto* plane = dynamic_cast<const PlaneLandscape*>(&landscape);
    return plane ? &plane->plane() : nullptr;
}

}  // namespace gradscape

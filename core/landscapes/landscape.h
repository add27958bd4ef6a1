#pragma once
// A loss landscape f(x, y): the surface every optimizer walks on.

#include <Eigen/Core>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gradscape {

/// A point or a direction of the two-parameter plane (x, y).
using Vec2 = Eigen::Vector2d;
/// A 2x2 matrix, such as the Hessian of a landscape.
using Mat2 = Eigen::Matrix2d;

/// An axis-aligned rectangle of the (x, y) plane, used for display boxes and views.
struct ViewBox {
    double xMin = -1, xMax = 1, yMin = -1, yMax = 1;

    double width() const { return xMax - xMin; }
    double height() const { return yMax - yMin; }
    Vec2 center() const { return {0.5 * (xMin + xMax), 0.5 * (yMin + yMax)}; }
    bool contains(const Vec2& p) const {
        return p.x() >= xMin && p.x() <= xMax && p.y() >= yMin && p.y() <= yMax;
    }
    bool operator==(const ViewBox&) const = default;
};

/// A named, bounded, user-editable parameter of a landscape (for example kappa of the quadratic).
struct LandscapeParameter {
    std::string name;
    std::string description;
    double value = 0;
    double minimum = 0;
    double maximum = 0;
};

/// One training example of a data landscape: its input (one or two features) and its target.
struct DataSample {
    Vec2 input = Vec2::Zero();
    double target = 0;
};

/// A differentiable loss f(x, y) with exact first and second derivatives.
///
/// Landscapes are immutable once built, so one instance can be shared by the solver thread, the grid
/// sampler and the UI at once. Changing a parameter means building a new landscape.
class Landscape {
  public:
    virtual ~Landscape() = default;

    /// The loss f at the point p.
    virtual double valueAt(const Vec2& p) const = 0;
    /// The exact gradient of f at p.
    virtual Vec2 gradientAt(const Vec2& p) const = 0;
    /// The exact Hessian of f at p.
    virtual Mat2 hessianAt(const Vec2& p) const = 0;
    /// The loss and its gradient together; landscapes override it where both share work.
    virtual double valueAndGradientAt(const Vec2& p, Vec2& gradient) const {
        gradient = gradientAt(p);
        return valueAt(p);
    }

    /// f at the cell centres of rows [rowBegin, rowEnd) of a width x height grid over `box` (row 0 at
    /// yMin), row-major into `out` (which points at row rowBegin), as float. Landscapes with separable
    /// parts override it to compute those once per row and column.
    virtual void sampleRows(const ViewBox& box, int width, int height, int rowBegin, int rowEnd,
                            float* out) const;

    /// Data landscapes: the samples the loss is the mean over; empty for a formula.
    const std::vector<DataSample>& samples() const { return samples_; }
    /// Data landscapes: the gradient of the mean loss over the listed samples only (a minibatch).
    virtual Vec2 minibatchGradientAt(const Vec2& p, const std::vector<int>& sampleIndices) const {
        return gradientAt(p);
    }

    /// The short name used in the picker and on the command line, such as "rosenbrock".
    const std::string& name() const { return name_; }
    /// One line describing the landscape and why a teacher would show it.
    const std::string& description() const { return description_; }
    /// The formula as a reader would write it, such as "(1-x)^2 + 100(y-x^2)^2".
    const std::string& formula() const { return formula_; }
    /// The region of the plane that shows the interesting part of the landscape.
    const ViewBox& displayBox() const { return displayBox_; }
    /// The known local and global minima (empty where there is none, as on a saddle).
    const std::vector<Vec2>& knownMinima() const { return knownMinima_; }
    /// A start point from which the classic demonstration runs.
    const Vec2& defaultStart() const { return defaultStart_; }
    /// The editable parameters with their current values and allowed ranges.
    const std::vector<LandscapeParameter>& parameters() const { return parameters_; }

  protected:
    std::string name_, description_, formula_;
    ViewBox displayBox_;
    std::vector<Vec2> knownMinima_;
    Vec2 defaultStart_ = Vec2::Zero();
    std::vector<LandscapeParameter> parameters_;
    std::vector<DataSample> samples_;
};

/// The names of the built-in landscapes, in the order the picker lists them.
std::vector<std::string> namedLandscapeNames();

/// Builds the built-in landscape `name` with the given parameter values (others keep their defaults).
/// Throws std::invalid_argument naming the landscape or the parameter and its allowed range.
std::shared_ptr<const Landscape> makeLandscape(const std::string& name,
                                               const std::map<std::string, double>& parameters = {});

}  // namespace gradscape

#pragma once
// The small data sets a network problem trains on, made in the program from a seed: the same samples on
// every machine (portable_random.h), so a scene or a problem file names its data by a few numbers.
//
// The classification sets have 2D inputs and binary targets 0/1, alternating (sample i has class i % 2),
// so the classes are balanced exactly; their noise is a Gaussian of that standard deviation added to
// each coordinate. The regression sets' noise is added to the target.

#include "support/enum_names.h"

#include <Eigen/Core>

#include <cstdint>

namespace gradscape {

enum class DatasetKind {
    Moons,    ///< Two interleaved half circles (sklearn's make_moons): class 0 the upper, 1 the lower.
    Circles,  ///< Two concentric circles, radii 1 (class 0) and 0.5 (class 1).
    Spirals,  ///< Two interleaved spirals of one and a half turns, radius growing to 1.
    Xor,      ///< Points in the four quadrants of [-1, 1]^2; class 1 where x and y have opposite signs.
    Sine,     ///< One input x uniform in [-pi, pi]; target sin(x) + noise.
    Linear,   ///< `features` standard normal inputs; target w*.x + b* + noise, w* and b* standard normal.
};

inline constexpr EnumName<DatasetKind> kDatasetKindNames[] = {
    {DatasetKind::Moons, "moons", "two moons"},   {DatasetKind::Circles, "circles", "circles"},
    {DatasetKind::Spirals, "spirals", "spirals"}, {DatasetKind::Xor, "xor", "XOR"},
    {DatasetKind::Sine, "sine", "sine regression"}, {DatasetKind::Linear, "linear", "linear regression"},
};

/// Whether the kind's targets are classes 0/1 (a classification set) rather than real numbers.
bool isClassification(DatasetKind kind);
/// The number of inputs a sample of `kind` has: 2 for the classification sets, 1 for sine, `features`
/// for linear.
int inputDimension(DatasetKind kind, int features);

/// What a data set is made from. Limits are checked by ProblemSpec's validate (problem_spec.h).
struct DatasetSpec {
    DatasetKind kind = DatasetKind::Moons;
    int samples = 256;
    /// Standard deviation of the Gaussian noise (on the inputs of a classification set, on the target
    /// of a regression set).
    double noise = 0.1;
    std::uint64_t seed = 0;
    /// Number of inputs of the linear set; the other kinds ignore it.
    int features = 1;

    bool operator==(const DatasetSpec&) const = default;
};

/// Samples as columns.
struct Dataset {
    Eigen::MatrixXd inputs;   ///< d x n, one column per sample.
    Eigen::MatrixXd targets;  ///< 1 x n.
    /// The linear set's true coefficients (w*_1..w*_d, then b*); empty for the other kinds.
    Eigen::VectorXd trueCoefficients;

    int sampleCount() const { return static_cast<int>(inputs.cols()); }
    int inputDimension() const { return static_cast<int>(inputs.rows()); }
};

/// Makes the data set `spec` describes. Throws std::invalid_argument for fewer than one sample, a
/// negative or non-finite noise, or fewer than one feature.
Dataset makeDataset(const DatasetSpec& spec);

}  // namespace gradscape

// The data sets, each drawn sample by sample from one PortableRandom in a fixed order (documented per kind
// below), so another language can draw the same ones. The noise draws are made whatever the noise level,
// so a set with noise 0.1 and one with noise 0 from the same seed are the same points, jittered or not.

#include "networks/dataset.h"

#include "networks/portable_random.h"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace gradscape {

bool isClassification(DatasetKind kind) { return kind != DatasetKind::Sine && kind != DatasetKind::Linear; }

int inputDimension(DatasetKind kind, int features) {
    if (kind == DatasetKind::Sine) return 1;
    if (kind == DatasetKind::Linear) return features;
    return 2;
}

namespace {

constexpr double kDatasetPi = std::numbers::pi;

// One 2D sample of class `label` (before noise), drawing what it needs from `random`.
Eigen::Vector2d classSample(DatasetKind kind, int label, PortableRandom& random) {
    switch (kind) {
        case DatasetKind::Moons: {  // t uniform in [0, pi)
            const double t = kDatasetPi * random.uniform();
            return label == 0 ? Eigen::Vector2d(std::cos(t), std::sin(t))
                              : Eigen::Vector2d(1 - std::cos(t), 0.5 - std::sin(t));
        }
        case DatasetKind::Circles: {  // angle uniform in [0, 2 pi)
            const double angle = 2 * kDatasetPi * random.uniform();
            const double radius = label == 0 ? 1.0 : 0.5;
            return {radius * std::cos(angle), radius * std::sin(angle)};
        }
        case DatasetKind::Spirals: {  // t uniform in [0, 1): radius t, angle 3 pi t, the second arm turned by pi
            const double t = random.uniform();
            const double angle = 3 * kDatasetPi * t + label * kDatasetPi;
            return {t * std::cos(angle), t * std::sin(angle)};
        }
        default: {  // Xor: a sign for x (u < 0.5 is negative), then |x| and |y| uniform in [0, 1)
            const double signX = random.uniform() < 0.5 ? -1.0 : 1.0;
            const double signY = label == 1 ? -signX : signX;
            const double x = random.uniform();
            const double y = random.uniform();
            return {signX * x, signY * y};
        }
    }
}

}  // namespace

Dataset makeDataset(const DatasetSpec& spec) {
    if (spec.samples < 1)
        throw std::invalid_argument("a data set has at least 1 sample, got " + std::to_string(spec.samples));
    if (!(spec.noise >= 0) || !std::isfinite(spec.noise))
        throw std::invalid_argument("a data set's noise must be a finite number >= 0");
    if (spec.kind == DatasetKind::Linear && spec.features < 1)
        throw std::invalid_argument("the linear data set has at least 1 feature, got " +
                                    std::to_string(spec.features));
    const int n = spec.samples;
    const int d = inputDimension(spec.kind, spec.features);
    PortableRandom random(spec.seed);
    Dataset data;
    data.inputs.resize(d, n);
    data.targets.resize(1, n);

    if (isClassification(spec.kind)) {
        // Per sample: the kind's draws, then the noise of x and of y.
        for (int i = 0; i < n; ++i) {
            const int label = i % 2;
            Eigen::Vector2d p = classSample(spec.kind, label, random);
            p.x() += spec.noise * random.normal();
            p.y() += spec.noise * random.normal();
            data.inputs.col(i) = p;
            data.targets(0, i) = label;
        }
    } else if (spec.kind == DatasetKind::Sine) {
        // Per sample: x, then the target's noise.
        for (int i = 0; i < n; ++i) {
            const double x = random.uniform(-kDatasetPi, kDatasetPi);
            data.inputs(0, i) = x;
            data.targets(0, i) = std::sin(x) + spec.noise * random.normal();
        }
    } else {
        // First w*_1..w*_d and b*, then per sample its d inputs and the target's noise.
        data.trueCoefficients.resize(d + 1);
        for (int k = 0; k <= d; ++k)
            data.trueCoefficients[k] = random.normal();
        for (int i = 0; i < n; ++i) {
            double target = data.trueCoefficients[d];
            for (int k = 0; k < d; ++k) {
                data.inputs(k, i) = random.normal();
                target += data.trueCoefficients[k] * data.inputs(k, i);
            }
            data.targets(0, i) = target + spec.noise * random.normal();
        }
    }
    return data;
}

}  // namespace gradscape

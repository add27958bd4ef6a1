#include "view/colour_vision.h"

#include <algorithm>
#include <cmath>

namespace gradscape {
namespace {

using Matrix = std::array<std::array<double, 3>, 3>;

// Machado et al. (2009), Table 1 (supplementary), severity 1.0, acting on linear RGB.
constexpr Matrix kProtanopia = {{{0.152286, 1.052583, -0.204868},
                                 {0.114503, 0.786281, 0.099216},
                                 {-0.003882, -0.048116, 1.051998}}};
constexpr Matrix kDeuteranopia = {{{0.367322, 0.860646, -0.227968},
                                   {0.280085, 0.672501, 0.047413},
                                   {-0.011820, 0.042940, 0.968881}}};
constexpr Matrix kTritanopia = {{{1.255528, -0.076749, -0.178779},
                                 {-0.078411, 0.930809, 0.147602},
                                 {0.004733, 0.691367, 0.303900}}};

double toLinear(double channel) {
    const double c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double toGamma(double linear) {
    const double c = std::clamp(linear, 0.0, 1.0);
    return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055);
}

}  // namespace

Srgb simulateColourVision(const Srgb& colour, ColourVision vision) {
    if (vision == ColourVision::Normal) return colour;
    const Matrix& m = vision == ColourVision::Protanopia     ? kProtanopia
                      : vision == ColourVision::Deuteranopia ? kDeuteranopia
                                                             : kTritanopia;
    const double in[3] = {toLinear(colour.r), toLinear(colour.g), toLinear(colour.b)};
    double out[3];
    for (int i = 0; i < 3; ++i)
        out[i] = m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2];
    return {toGamma(out[0]), toGamma(out[1]), toGamma(out[2])};
}

std::array<double, 3> toLab(const Srgb& colour) {
    const double r = toLinear(colour.r), g = toLinear(colour.g), b = toLinear(colour.b);
    // sRGB (D65) to XYZ, then relative to the D65 white.
    const double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
    const double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    const double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
    const auto f = [](double t) {
        constexpr double epsilon = 216.0 / 24389, kappa = 24389.0 / 27;
        return t > epsilon ? std::cbrt(t) : (kappa * t + 16) / 116;
    };
    const double fx = f(x), fy = f(y), fz = f(z);
    return {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
}

double deltaE76(const Srgb& a, const Srgb& b) {
    const auto p = toLab(a), q = toLab(b);
    return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

double deltaE76As(const Srgb& a, const Srgb& b, ColourVision vision) {
    return deltaE76(simulateColourVision(a, vision), simulateColourVision(b, vision));
}

}  // namespace gradscape

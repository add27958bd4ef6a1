// Landscapes made for the lectures' figures: the wrong valley SGD escapes, a plateau ending in a cliff.

#include "landscapes/landscape_registry.h"

#include <array>
#include <cmath>

namespace gradscape {
namespace {

// The root near `guess` of 4 x^3 - 4 x + tilt (where the double well's slope along x vanishes).
double wellBottom(double tilt, double guess) {
    double x = guess;
    for (int i = 0; i < 50; ++i)
        x -= (4 * x * x * x - 4 * x + tilt) / (12 * x * x - 4);
    return x;
}

// f = (x^2 - 1)^2 + tilt x + y^2: two valleys along x; the tilt makes the left one deeper.
class TwoValleys final : public TemplateLandscape<TwoValleys> {
  public:
    explicit TwoValleys(double tilt)
        : TemplateLandscape(
              {"two-valleys",
               "A shallow valley on the right, a deeper one on the left: GD settles in the wrong one, "
               "noise can carry SGD over the ridge",
               "(x^2 - 1)^2 + tilt x + y^2",
               {-2, 2, -1.5, 1.5},
               {{wellBottom(tilt, -1), 0}, {wellBottom(tilt, 1), 0}},
               {1.7, 1.1}},
              {{"tilt", "how much deeper the left valley is", tilt, 0, 1}}),
          tilt_(tilt) {}
    template <class T>
    T value(const T& x, const T& y) const {
        const T w = x * x - 1;
        return w * w + tilt_ * x + y * y;
    }
    template <class T>
    std::array<T, 2> gradient(const T& x, const T& y) const {
        return {4 * x * (x * x - 1) + tilt_, 2 * y};
    }

  private:
    double tilt_;
};

// f = 1 / (1 + exp(-10 (x - 0.5))) + 0.02 ((x + 1.5)^2 + y^2): a high plateau (x > 1) whose gradient
// is almost nothing, a cliff near x = 0.5, and a wide shallow bowl below it.
class PlateauCliff final : public TemplateLandscape<PlateauCliff> {
  public:
    PlateauCliff()
        : TemplateLandscape(
              {"plateau-cliff",
               "A plateau where GD crawls, then a cliff where a fixed step overshoots: why step sizes adapt",
               "1 / (1 + exp(-10 (x - 0.5))) + 0.02 ((x + 1.5)^2 + y^2)",
               {-2.5, 3, -1.5, 1.5},
               {{-1.5, 0}},
               {2.6, 1}}) {}
    template <class T>
    T value(const T& x, const T& y) const {
        using std::exp;
        return 1 / (1 + exp(-10 * (x - 0.5))) + 0.02 * ((x + 1.5) * (x + 1.5) + y * y);
    }
    template <class T>
    std::array<T, 2> gradient(const T& x, const T& y) const {
        using std::exp;
        const T s = 1 / (1 + exp(-10 * (x - 0.5)));
        return {10 * s * (1 - s) + 0.04 * (x + 1.5), 0.04 * y};
    }
};

}  // namespace

std::vector<LandscapeEntry> lectureLandscapes() {
    return {
        {"two-valleys",
         [](const auto& given) {
             const auto v = parameterValues("two-valleys", given, TwoValleys(0.3).parameters());
             return std::make_shared<TwoValleys>(v[0]);
         }},
        {"plateau-cliff", [](const auto&) { return std::make_shared<PlateauCliff>(); }},
    };
}

}  // namespace gradscape

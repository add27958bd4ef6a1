// The CPU contour layer given rectangles no view box should produce (issue 11: a scene's view of
// [-1e308, 1e308] reached a NaN-to-int cast here): it colours what it can and never casts out of range.
#include "render/cpu/cpu_contour_layer.h"
#include "support/test_support.h"
#include "view/grid.h"
#include "render/cpu/software_rasterizer.h"

#include <doctest/doctest.h>

#include <cmath>
#include <memory>

using namespace gradscape;
using gradscape::testing::rasterize;

namespace {

std::shared_ptr<const Grid> rampGrid(float low, float high) {
    auto grid = std::make_shared<Grid>();
    grid->width = 8, grid->height = 6;
    for (int i = 0; i < grid->width * grid->height; ++i)
        grid->values.push_back(low + (high - low) * static_cast<float>(i) / 47.0f);
    grid->minimum = low, grid->maximum = high;
    return grid;
}

// One 64x48 frame in which the layer paints `grid` into [topLeft, bottomRight]; the pixels not black.
int paintedPixels(const std::shared_ptr<const Grid>& grid, ImVec2 topLeft, ImVec2 bottomRight) {
    CpuContourLayer layer(2);
    layer.upload(grid);
    const Image image = rasterize([&](ImDrawList* list) { layer.addTo(list, topLeft, bottomRight); });
    int painted = 0;
    for (size_t i = 0; i < image.rgba.size(); i += 4)
        painted += image.rgba[i] != 0 || image.rgba[i + 1] != 0 || image.rgba[i + 2] != 0;
    return painted;
}

}  // namespace

TEST_CASE("the CPU contour layer paints an ordinary rectangle, and nothing for one that is not a number") {
    const auto grid = rampGrid(0, 10);
    CHECK(paintedPixels(grid, {8, 8}, {40, 32}) == 32 * 24);
    CHECK(paintedPixels(grid, {NAN, 8}, {40, 32}) == 0);
    CHECK(paintedPixels(grid, {8, 8}, {INFINITY, INFINITY}) == 0);
    CHECK(paintedPixels(grid, {40, 8}, {8, 32}) == 0);  // turned inside out
}

TEST_CASE("a rectangle reaching far beyond the image covers it, without an int out of range") {
    const auto grid = rampGrid(0, 10);
    CHECK(paintedPixels(grid, {-1e30f, -1e30f}, {1e30f, 1e30f}) == 64 * 48);
    CHECK(paintedPixels(grid, {-3e9f, 4}, {3e9f, 8}) == 64 * 4);
    // A rectangle a fraction of a pixel wide: sampled at its edge, not at a NaN texel.
    CHECK(paintedPixels(grid, {20, 8}, {20.0001f, 32}) <= 24);
    // Values spanning the whole float range.
    CHECK(paintedPixels(rampGrid(-3e38f, 3e38f), {0, 0}, {64, 48}) == 64 * 48);
}

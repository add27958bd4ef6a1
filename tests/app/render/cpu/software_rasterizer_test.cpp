#include "render/cpu/software_rasterizer.h"
#include "support/test_support.h"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>

using namespace gradscape;
using gradscape::testing::rasterize;

namespace {

int countColour(const Image& image, int r, int g, int b) {
    int count = 0;
    for (size_t i = 0; i < image.rgba.size(); i += 4)
        count += image.rgba[i] == r && image.rgba[i + 1] == g && image.rgba[i + 2] == b;
    return count;
}

}  // namespace

TEST_CASE("a triangle reaching far beyond the image is clipped, not overflowed, and still covers it") {
    // A path on its way to divergence: corners a trillion pixels away. The part over the image is whole.
    const Image image = rasterize([](ImDrawList* list) {
        list->Flags = ImDrawListFlags_None;  // no anti-aliased fringe: exact coverage
        list->AddTriangleFilled({-1e12f, -1e12f}, {1e12f, -1e12f}, {0, 1e12f}, IM_COL32(255, 0, 0, 255));
    });
    CHECK(countColour(image, 255, 0, 0) == 64 * 48);
}

TEST_CASE("a triangle with a corner that is not a number draws nothing") {
    const Image image = rasterize([](ImDrawList* list) {
        list->Flags = ImDrawListFlags_None;
        list->AddTriangleFilled({10, 10}, {50, 10}, {NAN, 40}, IM_COL32(0, 255, 0, 255));
    });
    CHECK(countColour(image, 0, 255, 0) == 0);
    CHECK(countColour(image, 0, 0, 0) == 64 * 48);
}

TEST_CASE("a rectangle fills exactly its pixels, its edges shared once") {
    const Image image = rasterize([](ImDrawList* list) {
        list->Flags = ImDrawListFlags_None;
        list->AddRectFilled({8, 4}, {24, 20}, IM_COL32(0, 0, 255, 255));
    });
    CHECK(countColour(image, 0, 0, 255) == 16 * 16);
}

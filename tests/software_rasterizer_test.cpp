#include "software_rasterizer.h"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>

using namespace gradscape;

namespace {

// One ImGui frame whose background list gets `draw`, rasterized over a cleared 64x48 image.
Image rasterize(const std::function<void(ImDrawList*)>& draw) {
    ImGuiContext* context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(64, 48);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
    ImGui::NewFrame();
    draw(ImGui::GetBackgroundDrawList());
    ImGui::Render();
    Image image{64, 48, {}};
    clearImage(image, 0, 0, 0);
    rasterizeDrawData(*ImGui::GetDrawData(), {pixels, width, height}, image);
    ImGui::DestroyContext(context);
    return image;
}

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

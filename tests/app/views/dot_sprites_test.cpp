// Step dots drawn as one quad from discs baked into the font atlas, and bulk lines at whole-pixel widths
// (issue 13): both are there to cut triangles, which is what a software rasterizer's frame time follows.
// The quads must cover what ImGui's own anti-aliased circle covers.

#include "views/dot_sprites.h"
#include "render/cpu/software_rasterizer.h"
#include "render/image.h"
#include "theme.h"
#include "support/test_support.h"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <numbers>

using namespace gradscape;
using gradscape::testing::HeadlessImGui;

namespace {

// One frame in the headless context: `draw` on the background list, rasterized over black.
Image drawnAlone(int width, int height, const std::function<void(ImDrawList*)>& draw) {
    ImGui::NewFrame();
    draw(ImGui::GetBackgroundDrawList());
    ImGui::Render();
    Image image{width, height, {}};
    clearImage(image, 0, 0, 0);
    unsigned char* pixels = nullptr;
    int atlasWidth = 0, atlasHeight = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &atlasWidth, &atlasHeight);
    rasterizeDrawData(*ImGui::GetDrawData(), {pixels, atlasWidth, atlasHeight}, image);
    return image;
}

// The red channel's mass (in pixels of full coverage) and its centre.
struct Mass {
    double total = 0, x = 0, y = 0;
};

Mass massOf(const Image& image) {
    Mass m;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const double v = image.rgba[4 * (size_t(y) * image.width + x)] / 255.0;
            m.total += v, m.x += v * (x + 0.5), m.y += v * (y + 0.5);
        }
    if (m.total > 0) m.x /= m.total, m.y /= m.total;
    return m;
}

}  // namespace

TEST_CASE("the font atlas carries the discs, each painted with its area and clear at its border") {
    HeadlessImGui imgui(64, 48);
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    REQUIRE(hasDotSprites(atlas));
    const int count = int((kLargestDotSprite - 0.5f) / kDotSpriteStep + 0.5f) + 1;
    for (int i = 0; i < count; ++i) {
        const ImFontAtlasCustomRect& rect = atlas.CustomRects[i];
        const double r = 0.5 + i * kDotSpriteStep;
        double sum = 0, border = 0;
        for (int y = 0; y < rect.Height; ++y)
            for (int x = 0; x < rect.Width; ++x) {
                const double v = atlas.TexPixelsAlpha8[(rect.Y + y) * atlas.TexWidth + rect.X + x] / 255.0;
                sum += v;
                if (x == 0 || y == 0 || x == rect.Width - 1 || y == rect.Height - 1) border += v;
            }
        CAPTURE(r);
        // Coverage falling from 1 to 0 over the pixel across the rim has the area pi (r^2 + 1/12);
        // sampled at texel centres, to within a fifth of a pixel and 3%.
        const double area = std::numbers::pi * (r * r + 1.0 / 12);
        CHECK(std::abs(sum - area) < 0.2 + 0.03 * area);
        CHECK(border == 0);
    }
}

TEST_CASE("a dot is one quad where a disc is baked, and covers what ImGui's filled circle covers") {
    HeadlessImGui imgui(64, 48);
    for (float radius : {1.8f, 2.6f, 4.5f}) {
        for (ImVec2 centre : {ImVec2(20, 20), ImVec2(20.5f, 20.5f), ImVec2(31.3f, 17.8f)}) {
            CAPTURE(radius);
            CAPTURE(centre.x);
            CAPTURE(centre.y);
            int vertices = 0;
            const Image sprite = drawnAlone(64, 48, [&](ImDrawList* list) {
                addDot(list, centre, radius, IM_COL32(255, 255, 255, 255));
                vertices = list->VtxBuffer.Size;
            });
            CHECK(vertices == 4);
            const Image circle = drawnAlone(64, 48, [&](ImDrawList* list) {
                list->AddCircleFilled(centre, radius, IM_COL32(255, 255, 255, 255), 64);
            });
            const Mass a = massOf(sprite), b = massOf(circle);
            CHECK(a.total == doctest::Approx(b.total).epsilon(0.06));
            CHECK(a.total == doctest::Approx(std::numbers::pi * radius * radius).epsilon(0.08));
            CHECK(std::abs(a.x - b.x) < 0.1);
            CHECK(std::abs(a.y - b.y) < 0.1);
            CHECK(std::abs(a.x - centre.x) < 0.1);
            CHECK(std::abs(a.y - centre.y) < 0.1);
        }
    }
}

TEST_CASE("a disc larger than the baked ones, or a context without them, is ImGui's circle") {
    {
        HeadlessImGui imgui(64, 48);
        ImGui::NewFrame();
        ImDrawList* list = ImGui::GetBackgroundDrawList();
        addDot(list, {30, 20}, kLargestDotSprite + 2, IM_COL32_WHITE);
        CHECK(list->VtxBuffer.Size > 4);
        ImGui::EndFrame();
    }
    ImGuiContext* bare = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(64, 48);
    io.Fonts->Build();  // fonts without the discs
    CHECK_FALSE(hasDotSprites(*io.Fonts));
    ImGui::NewFrame();
    ImDrawList* list = ImGui::GetBackgroundDrawList();
    addDot(list, {30, 20}, 2.6f, IM_COL32_WHITE);
    CHECK(list->VtxBuffer.Size > 4);
    ImGui::EndFrame();
    ImGui::DestroyContext(bare);
}

TEST_CASE("bulk lines are whole pixels wide, so ImGui draws each segment as 2 textured triangles") {
    HeadlessImGui imgui(64, 48);
    for (Theme theme : {Theme::Dark, Theme::HighContrast})
        for (float scale : {1.0f, 1.25f, 1.5f, 2.0f}) {
            applyLook(theme, scale);
            for (float width : {1.0f, 2.0f, 3.0f, 4.0f}) {
                const float stroke = look().stroke(width);
                CAPTURE(scale);
                CAPTURE(width);
                CHECK(stroke == std::round(stroke));
                CHECK(stroke >= 1);
                CHECK(std::abs(stroke - look().line(width)) <= 0.5f);
                ImGui::NewFrame();
                ImDrawList* list = ImGui::GetBackgroundDrawList();
                const ImVec2 points[] = {{2, 2}, {20, 10}, {40, 4}, {60, 30}};
                const int before = list->IdxBuffer.Size;
                list->AddPolyline(points, 4, IM_COL32_WHITE, 0, stroke);
                CHECK(list->IdxBuffer.Size - before == 3 * 6);  // 3 segments, 2 triangles each
                ImGui::EndFrame();
            }
        }
    applyLook(Theme::Dark, 1);
}

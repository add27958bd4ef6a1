// The GL surface layer draws its mesh once into a cached colour and depth target and copies it while
// nothing the mesh depends on changes: only the paths are drawn every frame. A cached frame, paths and
// depth included, is the very frame the mesh drawn straight into the framebuffer gives.

#include "render/gl/surface_layer.h"
#include "frames/headless_context.h"
#include "frames/ui_frame.h"
#include "render/gl/framebuffer_read.h"

#include <backends/imgui_impl_opengl3.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace gradscape;

namespace {

// The frame's background, drawn as an opaque rectangle under the layer (a view's, in the app).
constexpr ImU32 kBackground = IM_COL32(40, 44, 52, 255);

// A framebuffer with a depth buffer as the window's (24 bits, 8 of stencil) and an ImGui context of its
// size (in window pixels, `scale` framebuffer pixels each) that paint one surface layer per frame over a
// grey background, clipped to a rectangle.
class SurfaceCanvas {
  public:
    SurfaceCanvas(int width, int height, float scale = 1)
        : width_(int(width * scale)), height_(int(height * scale)) {
        glGenFramebuffers(1, &framebuffer_);
        glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
        glGenRenderbuffers(2, renderbuffers_);
        glBindRenderbuffer(GL_RENDERBUFFER, renderbuffers_[0]);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width_, height_);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, renderbuffers_[0]);
        glBindRenderbuffer(GL_RENDERBUFFER, renderbuffers_[1]);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, width_, height_);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER,
                                  renderbuffers_[1]);
        REQUIRE(glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE);
        imgui_ = createFrameContext(width, height);
        ImGui::GetIO().DisplayFramebufferScale = ImVec2(scale, scale);
        ImGui_ImplOpenGL3_Init("#version 330 core");
    }
    ~SurfaceCanvas() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui::DestroyContext(imgui_);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glDeleteRenderbuffers(2, renderbuffers_);
        glDeleteFramebuffers(1, &framebuffer_);
    }
    SurfaceCanvas(const SurfaceCanvas&) = delete;
    SurfaceCanvas& operator=(const SurfaceCanvas&) = delete;

    struct Frame {
        Image colour;
        std::vector<GLuint> depth;  ///< the depth buffer's 24 bits, over the clip rectangle
        bool operator==(const Frame& other) const {
            return colour.rgba == other.colour.rgba && depth == other.depth;
        }
    };

    // One frame: the background, then the layer in `viewport`, clipped to [clipMin, clipMax].
    Frame draw(SurfaceLayer& layer, const OrbitCamera& camera, const Viewport& viewport, ImVec2 clipMin,
               ImVec2 clipMax, std::vector<SurfaceLine> lines, ImU32 layerBackground = kBackground) {
        ImGui::SetCurrentContext(imgui_);
        glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
        ImGui_ImplOpenGL3_NewFrame();
        ImGui::NewFrame();
        ImDrawList* list = ImGui::GetBackgroundDrawList();
        list->AddRectFilled({0, 0}, ImGui::GetIO().DisplaySize, kBackground);
        list->PushClipRect(clipMin, clipMax, true);
        REQUIRE(layer.addTo(list, camera, viewport, std::move(lines), layerBackground));
        list->PopClipRect();
        ImGui::Render();
        glViewport(0, 0, width_, height_);
        glClearColor(0, 0, 0, 1);
        glClearDepth(0.25);  // anything but the layer's own: the depth outside the picture is not its
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glFinish();
        Frame frame{readFramebuffer(0, 0, width_, height_, height_), {}};
        // The depth inside both the viewport and the clip rectangle (as the layer rounds them), where the
        // paths are depth-tested: what lies outside the viewport is not the layer's.
        const float scale = ImGui::GetIO().DisplayFramebufferScale.x;
        const int viewportX = int(viewport.x * scale),
                  viewportY = int(height_ - (viewport.y + viewport.height) * scale);
        const int clipX = int(clipMin.x * scale), clipY = int(height_ - clipMax.y * scale);
        const int x0 = std::max(viewportX, clipX), y0 = std::max(viewportY, clipY);
        const int x1 =
            std::min(viewportX + int(viewport.width * scale), clipX + int((clipMax.x - clipMin.x) * scale));
        const int y1 =
            std::min(viewportY + int(viewport.height * scale), clipY + int((clipMax.y - clipMin.y) * scale));
        REQUIRE(x1 - x0 > 50);
        REQUIRE(y1 - y0 > 50);
        frame.depth.resize(size_t(x1 - x0) * (y1 - y0));
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(x0, y0, x1 - x0, y1 - y0, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, frame.depth.data());
        return frame;
    }

  private:
    int width_, height_;
    GLuint framebuffer_ = 0, renderbuffers_[2] = {};
    ImGuiContext* imgui_ = nullptr;
};

// A bowl f = x^2 + 2 y^2 on [-1, 1]^2 with a hole (f undefined) near one corner, so the background shows
// through the mesh there.
std::shared_ptr<const Grid> bowl(int side, double depth = 1) {
    auto g = std::make_shared<Grid>();
    g->width = g->height = side;
    g->minimum = std::numeric_limits<double>::infinity(), g->maximum = -g->minimum;
    for (int row = 0; row < side; ++row)
        for (int column = 0; column < side; ++column) {
            const Vec2 p = g->cellCenter(column, row);
            const bool hole = (p - Vec2(0.55, -0.5)).norm() < 0.2;
            const double f = depth * (p.x() * p.x() + 2 * p.y() * p.y());
            g->values.push_back(hole ? std::numeric_limits<float>::quiet_NaN() : float(f));
            if (!hole) g->minimum = std::min(g->minimum, f), g->maximum = std::max(g->maximum, f);
        }
    return g;
}

// Two paths across the bowl, one partly behind its rim from most cameras; `shift` moves them.
std::vector<SurfaceLine> paths(const SurfaceLayer& layer, double shift = 0) {
    std::vector<SurfaceLine> lines;
    std::vector<Vec2> across, around;
    for (int i = 0; i <= 40; ++i) {
        const double t = i / 40.0;
        across.emplace_back(-0.95 + 1.9 * t, 0.7 * std::sin(5 * t) + shift);
        around.emplace_back(0.9 * std::cos(6.2 * t), 0.9 * std::sin(6.2 * t) - shift);
    }
    for (const auto& [points, colour] :
         {std::pair{across, IM_COL32(230, 159, 0, 255)}, std::pair{around, IM_COL32(86, 180, 233, 200)}})
        for (auto& piece : drapeOnSurface(*layer.grid(), layer.mapping(), points, 0.004))
            lines.push_back({std::move(piece), colour});
    return lines;
}

OrbitCamera camera(double yaw, double pitch, double distance) {
    OrbitCamera c;
    c.yaw = yaw, c.pitch = pitch, c.distance = distance;
    return c;
}

template <class T>
size_t differences(const std::vector<T>& a, const std::vector<T>& b) {
    size_t count = a.size() == b.size() ? 0 : std::max(a.size(), b.size());
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        count += a[i] != b[i];
    return count;
}

// How many pixels of the frame's clip rectangle differ from the background: the mesh is there.
int pixelsDrawn(const SurfaceCanvas::Frame& frame) {
    int drawn = 0;
    for (size_t i = 0; i < frame.colour.rgba.size(); i += 4)
        drawn +=
            frame.colour.rgba[i] != 40 || frame.colour.rgba[i + 1] != 44 || frame.colour.rgba[i + 2] != 52;
    return drawn;
}

}  // namespace

TEST_CASE(
    "the surface mesh is drawn again only when the camera, the grid, the height scale or the viewport "
    "changes, not when only the paths do") {
    HeadlessContext context;
    SurfaceCanvas canvas(200, 150);
    SurfaceLayer layer;
    const auto grid = bowl(40);
    layer.upload(grid, false);
    const Viewport viewport{12.5, 9, 170, 128};
    const ImVec2 clipMin(12, 9), clipMax(182, 137);
    const OrbitCamera first = camera(-0.75, 0.65, 4.2);
    const auto draw = [&](const OrbitCamera& c, std::vector<SurfaceLine> lines, const Viewport& v) {
        return canvas.draw(layer, c, v, clipMin, clipMax, std::move(lines));
    };

    const auto one = draw(first, paths(layer), viewport);
    CHECK(layer.meshDraws() == 1);
    CHECK(pixelsDrawn(one) > 5000);
    // Other paths, or none: the mesh is copied, and the picture changes with the paths alone.
    const auto moved = draw(first, paths(layer, 0.2), viewport);
    const auto bare = draw(first, {}, viewport);
    const auto again = draw(first, paths(layer), viewport);
    CHECK(layer.meshDraws() == 1);
    CHECK(moved.colour.rgba != one.colour.rgba);
    CHECK(bare.colour.rgba != one.colour.rgba);
    CHECK(again == one);

    // Each thing the mesh's picture depends on draws it again, once.
    OrbitCamera turned = first;
    turned.yaw += 1e-3;
    draw(turned, paths(layer), viewport);
    draw(turned, paths(layer, 0.1), viewport);
    CHECK(layer.meshDraws() == 2);
    OrbitCamera zoomed = turned;
    zoomed.fieldOfView *= 0.9;
    draw(zoomed, paths(layer), viewport);
    CHECK(layer.meshDraws() == 3);
    draw(zoomed, paths(layer), {viewport.x + 0.5, viewport.y, viewport.width, viewport.height});
    CHECK(layer.meshDraws() == 4);
    draw(zoomed, paths(layer), {viewport.x, viewport.y, viewport.width - 1, viewport.height});
    CHECK(layer.meshDraws() == 5);
    layer.upload(grid, false);  // the same grid and scale: nothing new
    draw(zoomed, paths(layer), viewport);
    CHECK(layer.meshDraws() == 6);  // (back to the first viewport)
    draw(zoomed, paths(layer), viewport);
    CHECK(layer.meshDraws() == 6);
    layer.upload(grid, true);  // the log height scale
    draw(zoomed, paths(layer), viewport);
    CHECK(layer.meshDraws() == 7);
    layer.upload(bowl(40, 2), true);  // another grid
    draw(zoomed, paths(layer), viewport);
    CHECK(layer.meshDraws() == 8);
    // The clip rectangle alone is not the mesh's: the cache holds the whole viewport.
    canvas.draw(layer, zoomed, viewport, {40, 20}, {150, 120}, paths(layer));
    CHECK(layer.meshDraws() == 8);
}

TEST_CASE("a cached surface frame, paths and depth included, is the frame of the mesh drawn straight") {
    HeadlessContext context;
    const auto grid = bowl(48);
    const OrbitCamera cameras[] = {camera(-0.75, 0.65, 4.2), camera(2.1, 0.3, 2.2), camera(0.4, 1.3, 3.0),
                                   camera(-0.75, 0.65, 4.2)};
    for (const float scale : {1.0f, 2.0f}) {
        CAPTURE(scale);
        SurfaceCanvas canvas(180, 140, scale);
        SurfaceLayer cached;
        cached.upload(grid, false);
        const Viewport viewport{10.25, 7.5, 150, 120};
        // Clipped short of the viewport's bottom and right, as a view scrolled in its window is.
        const ImVec2 clipMin(10, 7), clipMax(150, 120);
        int frames = 0;
        for (const OrbitCamera& c : cameras) {
            for (double shift : {0.0, 0.15}) {
                CAPTURE(frames);
                SurfaceLayer direct(false);
                direct.upload(grid, false);
                const auto expected =
                    canvas.draw(direct, c, viewport, clipMin, clipMax, paths(direct, shift));
                const auto got = canvas.draw(cached, c, viewport, clipMin, clipMax, paths(cached, shift));
                CHECK(pixelsDrawn(got) > 4000);
                INFO("differing colour bytes: " << differences(got.colour.rgba, expected.colour.rgba)
                                                << ", depth values: "
                                                << differences(got.depth, expected.depth));
                CHECK(got.colour.rgba == expected.colour.rgba);
                CHECK(got.depth == expected.depth);
                ++frames;
            }
        }
        // Drawn once per camera (the last is the first again, but the cache held the third).
        CHECK(cached.meshDraws() == 4);
    }
}

TEST_CASE("the surface's cache is made again when the framebuffer's size changes, and only then") {
    HeadlessContext context;
    const auto grid = bowl(32);
    SurfaceLayer layer;
    layer.upload(grid, false);
    const OrbitCamera c = camera(0.9, 0.5, 3.5);
    {
        SurfaceCanvas canvas(160, 120);
        canvas.draw(layer, c, {10, 10, 140, 100}, {10, 10}, {150, 110}, paths(layer));
        canvas.draw(layer, c, {20, 5, 120, 110}, {20, 5}, {140, 115}, paths(layer));
        CHECK(layer.cache().allocations() == 1);
        CHECK(layer.meshDraws() == 2);
    }
    SurfaceCanvas larger(220, 170);
    const Viewport viewport{30, 20, 170, 140};
    const auto got = larger.draw(layer, c, viewport, {30, 20}, {200, 160}, paths(layer));
    CHECK(layer.cache().allocations() == 2);
    CHECK(layer.cache().width() == 220);
    CHECK(layer.cache().height() == 170);
    CHECK(layer.meshDraws() == 3);
    SurfaceLayer direct(false);
    direct.upload(grid, false);
    CHECK(got == larger.draw(direct, c, viewport, {30, 20}, {200, 160}, paths(direct)));
}

TEST_CASE("the surface layer paints its background over the viewport and clip rectangle, cached or not, as "
          "an opaque rectangle under it would") {
    HeadlessContext context;
    const auto grid = bowl(40);  // with a hole, so the background shows through the mesh too
    SurfaceCanvas canvas(200, 150);
    const Viewport viewport{12.5, 9, 170, 128};
    const ImVec2 clipMin(12, 9), clipMax(160, 130);  // short of the viewport's right and bottom
    const OrbitCamera c = camera(-0.75, 0.65, 4.2);
    constexpr ImU32 kOther = IM_COL32(90, 20, 30, 255);
    SurfaceLayer cached, direct(false);
    cached.upload(grid, false);
    direct.upload(grid, false);
    const auto got = canvas.draw(cached, c, viewport, clipMin, clipMax, paths(cached), kOther);
    CHECK(got == canvas.draw(direct, c, viewport, clipMin, clipMax, paths(direct), kOther));
    // Inside the clip rectangle: the mesh or the layer's background, never the frame's; outside it, the
    // frame's alone.
    int layerBackground = 0, frameInside = 0, layerOutside = 0;
    const std::vector<unsigned char>& rgba = got.colour.rgba;
    for (int y = 0; y < 150; ++y)
        for (int x = 0; x < 200; ++x) {
            const unsigned char* p = &rgba[(size_t(y) * 200 + x) * 4];
            const bool other = p[0] == 90 && p[1] == 20 && p[2] == 30, frame = p[0] == 40 && p[1] == 44 && p[2] == 52;
            const bool inside = x >= 12 && x < 160 && y >= 9 && y < 130;
            layerBackground += inside && other;
            frameInside += inside && frame;
            layerOutside += !inside && other;
        }
    CHECK(layerBackground > 3000);
    CHECK(frameInside == 0);
    CHECK(layerOutside == 0);
    // The background is part of the cached picture: another colour draws the mesh again, once.
    CHECK(cached.meshDraws() == 1);
    canvas.draw(cached, c, viewport, clipMin, clipMax, paths(cached), kOther);
    CHECK(cached.meshDraws() == 1);
    const auto back = canvas.draw(cached, c, viewport, clipMin, clipMax, paths(cached));
    CHECK(cached.meshDraws() == 2);
    CHECK(back == canvas.draw(direct, c, viewport, clipMin, clipMax, paths(direct)));
}

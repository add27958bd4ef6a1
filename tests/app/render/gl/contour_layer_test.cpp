// The GL contour layer colours its grid once into a cache and copies it while nothing changes: the same
// pixels every frame, coloured again only for a new grid or a new place on screen, and the hatching
// where f is undefined stays fixed to the screen wherever the cache lies.

#include "frames/headless_context.h"
#include "frames/ui_frame.h"
#include "render/gl/contour_layer.h"
#include "render/gl/framebuffer_read.h"

#include <backends/imgui_impl_opengl3.h>
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

using namespace gradscape;

namespace {

// A framebuffer and an ImGui context of its size that paint one contour layer per frame.
class Canvas {
  public:
    Canvas(int width, int height) : width_(width), height_(height) {
        glGenFramebuffers(1, &framebuffer_);
        glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
        glGenRenderbuffers(1, &colour_);
        glBindRenderbuffer(GL_RENDERBUFFER, colour_);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour_);
        REQUIRE(glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE);
        imgui_ = createFrameContext(width, height);
        ImGui_ImplOpenGL3_Init("#version 330 core");
    }
    ~Canvas() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui::DestroyContext(imgui_);
        glDeleteRenderbuffers(1, &colour_);
        glDeleteFramebuffers(1, &framebuffer_);
    }
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;

    // One frame with the layer painted into [topLeft, bottomRight], as a top-down image.
    Image draw(ContourLayer& layer, ImVec2 topLeft, ImVec2 bottomRight) {
        glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
        ImGui_ImplOpenGL3_NewFrame();
        ImGui::NewFrame();
        layer.addTo(ImGui::GetBackgroundDrawList(), topLeft, bottomRight);
        ImGui::Render();
        glViewport(0, 0, width_, height_);
        glClearColor(0, 0, 0, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glFinish();
        return readFramebuffer(0, 0, width_, height_, height_);
    }

  private:
    int width_, height_;
    GLuint framebuffer_ = 0, colour_ = 0;
    ImGuiContext* imgui_ = nullptr;
};

// A width x height grid of f = column + row^2, or undefined everywhere when `finite` is false.
std::shared_ptr<const Grid> grid(int width, int height, bool finite = true) {
    auto g = std::make_shared<Grid>();
    g->width = width, g->height = height;
    for (int row = 0; row < height; ++row)
        for (int column = 0; column < width; ++column)
            g->values.push_back(finite ? float(column + row * row) : std::numeric_limits<float>::quiet_NaN());
    g->minimum = 0, g->maximum = finite ? (width - 1) + (height - 1) * (height - 1) : 0;
    return g;
}

bool samePixel(const Image& a, int ax, int ay, const Image& b, int bx, int by) {
    for (int c = 0; c < 4; ++c)
        if (a.rgba[(ay * a.width + ax) * 4 + c] != b.rgba[(by * b.width + bx) * 4 + c]) return false;
    return true;
}

}  // namespace

TEST_CASE("the contour layer colours once and then copies the same picture until its grid or place changes") {
    HeadlessContext context;
    Canvas canvas(160, 120);
    ContourLayer layer;
    layer.upload(grid(12, 9));
    const ImVec2 topLeft(10.3f, 7.6f), bottomRight(141.2f, 103.9f);
    const Image first = canvas.draw(layer, topLeft, bottomRight);
    const Image second = canvas.draw(layer, topLeft, bottomRight);
    CHECK(layer.colourings() == 1);
    CHECK(first.rgba == second.rgba);
    // The isolines are there: the picture is not one colour.
    CHECK_FALSE(samePixel(first, 30, 30, first, 120, 90));

    // Panned by a fraction of a pixel: coloured again.
    canvas.draw(layer, {topLeft.x + 0.4f, topLeft.y}, {bottomRight.x + 0.4f, bottomRight.y});
    CHECK(layer.colourings() == 2);
    // The same grid uploaded again is not new; another grid is.
    const auto next = grid(12, 9);
    layer.upload(next);
    canvas.draw(layer, topLeft, bottomRight);
    CHECK(layer.colourings() == 3);
    layer.upload(next);
    const Image again = canvas.draw(layer, topLeft, bottomRight);
    CHECK(layer.colourings() == 3);
    CHECK(again.rgba == first.rgba);  // the same values give the same picture
}

TEST_CASE("the hatching where f is undefined stays fixed to the screen wherever the layer lies") {
    HeadlessContext context;
    Canvas canvas(160, 120);
    ContourLayer layer;
    layer.upload(grid(4, 4, false));
    const Image left = canvas.draw(layer, {3, 5}, {90, 100});
    const Image right = canvas.draw(layer, {37, 19}, {150, 110});
    CHECK(layer.colourings() == 2);
    int compared = 0, stripes = 0;
    for (int y = 20; y < 100; ++y)
        for (int x = 38; x < 90; ++x) {
            CHECK(samePixel(left, x, y, right, x, y));
            ++compared;
            stripes += !samePixel(left, x, y, left, x + 5, y);
        }
    CHECK(compared > 4000);
    CHECK(stripes > compared / 2);  // half a stripe period apart, the stripes alternate
}

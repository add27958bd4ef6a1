#include "frames/offscreen_renderer.h"

#include "frames/ui_frame.h"
#include "render/gl/framebuffer_read.h"

#include <backends/imgui_impl_opengl3.h>

#include <stdexcept>

namespace gradscape {
namespace {

// Makes this renderer's ImGui context and framebuffer current for a scope, and puts back the caller's
// (the window's own ImGui context and back buffer) when it ends.
class Borrowed {
  public:
    Borrowed(ImGuiContext* context, GLuint framebuffer) : imgui_(ImGui::GetCurrentContext()) {
        glGetIntegerv(GL_FRAMEBUFFER_BINDING, &framebuffer_);
        glGetIntegerv(GL_VIEWPORT, viewport_);
        ImGui::SetCurrentContext(context);
        glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
    }
    ~Borrowed() {
        glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(framebuffer_));
        glViewport(viewport_[0], viewport_[1], viewport_[2], viewport_[3]);
        ImGui::SetCurrentContext(imgui_);
    }
    Borrowed(const Borrowed&) = delete;
    Borrowed& operator=(const Borrowed&) = delete;

  private:
    ImGuiContext* imgui_;
    GLint framebuffer_ = 0;
    GLint viewport_[4] = {};
};

void defaultDrawer(ImDrawData& frame) {
    ImGui_ImplOpenGL3_RenderDrawData(&frame);
}

}  // namespace

OffscreenRenderer::OffscreenRenderer(int width, int height) : width_(width), height_(height) {
    requireRenderableSize(width, height);
    GLint previous = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);
    glGenFramebuffers(1, &framebuffer_);
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
    glGenRenderbuffers(1, &colour_);
    glBindRenderbuffer(GL_RENDERBUFFER, colour_);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour_);
    glGenRenderbuffers(1, &depth_);
    glBindRenderbuffer(GL_RENDERBUFFER, depth_);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, depth_);
    const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
    if (!complete) {
        glDeleteRenderbuffers(1, &depth_);
        glDeleteRenderbuffers(1, &colour_);
        glDeleteFramebuffers(1, &framebuffer_);
        throw std::runtime_error("cannot make a " + std::to_string(width) + "x" + std::to_string(height) +
                                 " framebuffer (too large for this GPU?)");
    }

    ImGuiContext* caller = ImGui::GetCurrentContext();
    imgui_ = createFrameContext(width, height);
    // The OpenGL3 backend keeps its state per ImGui context: this one gets its own font texture.
    ImGui_ImplOpenGL3_Init("#version 330 core");
    ImGui::SetCurrentContext(caller);
    contours_ = std::make_unique<ContourLayer>();
    surface_ = std::make_unique<SurfaceLayer>();
}

OffscreenRenderer::~OffscreenRenderer() {
    surface_.reset();
    contours_.reset();
    ImGuiContext* caller = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(imgui_);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext(imgui_);
    ImGui::SetCurrentContext(caller == imgui_ ? nullptr : caller);
    glDeleteRenderbuffers(1, &depth_);
    glDeleteRenderbuffers(1, &colour_);
    glDeleteFramebuffers(1, &framebuffer_);
}

void OffscreenRenderer::drawFrame(Session& session, const Snapshot& snapshot, const std::string& title,
                                  bool draw, const Snapshot* legendRace) {
    layOutAndDraw(session, snapshot, title, legendRace, draw ? FrameDrawer(defaultDrawer) : FrameDrawer());
}

void OffscreenRenderer::drawFrameWith(Session& session, const Snapshot& snapshot, const FrameDrawer& drawer) {
    layOutAndDraw(session, snapshot, {}, nullptr, drawer ? drawer : FrameDrawer(defaultDrawer));
}

void OffscreenRenderer::layOutAndDraw(Session& session, const Snapshot& snapshot, const std::string& title,
                                      const Snapshot* legendRace, const FrameDrawer& drawer) {
    Borrowed borrowed(imgui_, framebuffer_);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    drawViewsFrame(session, snapshot, *contours_, surface_.get(), ImGui::GetIO().DisplaySize, plots_, title,
                   legendRace);
    ImGui::Render();
    if (!drawer) return;
    glViewport(0, 0, width_, height_);
    glClearColor(0.1f, 0.1f, 0.11f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    drawer(*ImGui::GetDrawData());
}

Image OffscreenRenderer::render(Session& session, const Snapshot& snapshot, const std::string& title) {
    // The first frame is only laid out, not drawn: the views ask for grids of exactly their area.
    drawFrame(session, snapshot, title, false);
    session.sampler.waitUntilIdle();
    session.surfaceSampler.waitUntilIdle();
    if (session.maps.shown) {
        // The map panel asked for its map in that frame; the picture shows it whole.
        session.mapSampler.waitUntilIdle();
        drawFrame(session, snapshot, title, false);  // uploads it
    }
    drawFrame(session, snapshot, title);
    return read();
}

Image OffscreenRenderer::read() const {
    GLint previous = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
    glFinish();
    Image image = readFramebuffer(0, 0, width_, height_, height_);
    glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
    return image;
}

}  // namespace gradscape

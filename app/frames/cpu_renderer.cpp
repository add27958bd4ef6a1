#include "frames/cpu_renderer.h"

#include "render/cpu/software_rasterizer.h"
#include "frames/ui_frame.h"

#include <imgui.h>

#include <stdexcept>

namespace gradscape {

CpuRenderer::CpuRenderer(int width, int height) : width_(width), height_(height) {
    requireRenderableSize(width, height);
    ImGuiContext* caller = ImGui::GetCurrentContext();
    imgui_ = createFrameContext(width, height);
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "gradscape_software";
    // As the OpenGL3 backend: large draw lists keep one list with vertex offsets.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    unsigned char* pixels = nullptr;
    int atlasWidth = 0, atlasHeight = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &atlasWidth, &atlasHeight);  // builds the atlas
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
    ImGui::SetCurrentContext(caller);
}

CpuRenderer::~CpuRenderer() {
    ImGuiContext* caller = ImGui::GetCurrentContext();
    ImGui::DestroyContext(imgui_);
    ImGui::SetCurrentContext(caller == imgui_ ? nullptr : caller);
}

void CpuRenderer::frame(Session& session, const Snapshot& snapshot, const std::string& title) {
    ImGui::NewFrame();
    drawViewsFrame(session, snapshot, contours_, nullptr, ImGui::GetIO().DisplaySize, plots_, title);
    ImGui::Render();
}

Image CpuRenderer::render(Session& session, const Snapshot& snapshot, const std::string& title) {
    if (session.viewSettings.mode != ViewMode::Contour)
        throw std::logic_error("the CPU renderer draws only the contour view");
    ImGuiContext* caller = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(imgui_);
    // The first frame is only laid out: the view asks for a grid of exactly its area.
    frame(session, snapshot, title);
    session.sampler.waitUntilIdle();
    frame(session, snapshot, title);

    Image image{width_, height_, {}};
    clearImage(image, 0.1f, 0.1f, 0.11f);  // OffscreenRenderer's clear colour
    unsigned char* pixels = nullptr;
    int atlasWidth = 0, atlasHeight = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &atlasWidth, &atlasHeight);
    rasterizeDrawData(*ImGui::GetDrawData(), AlphaTexture{pixels, atlasWidth, atlasHeight}, image);
    ImGui::SetCurrentContext(caller);
    return image;
}

}  // namespace gradscape

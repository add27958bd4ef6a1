#pragma once
// OpenGL 3.3 core entry points, resolved by libOpenGL (GLVND), for both GLX windows and EGL headless.
#include <GL/gl.h>
#include <GL/glext.h>

#include <imgui.h>

namespace gradscape {

/// Scissors GL to a draw command's clip rectangle, as the ImGui OpenGL3 backend does (framebuffer
/// coordinates have y up): for draw callbacks that paint with GL themselves.
inline void scissorToClipRect(const ImDrawCmd& command) {
    const ImDrawData* drawData = ImGui::GetDrawData();
    const ImVec2 origin = drawData->DisplayPos, scale = drawData->FramebufferScale;
    const float framebufferHeight = drawData->DisplaySize.y * scale.y;
    const ImVec4 clip = command.ClipRect;
    glEnable(GL_SCISSOR_TEST);
    glScissor(static_cast<GLint>((clip.x - origin.x) * scale.x),
              static_cast<GLint>(framebufferHeight - (clip.w - origin.y) * scale.y),
              static_cast<GLsizei>((clip.z - clip.x) * scale.x),
              static_cast<GLsizei>((clip.w - clip.y) * scale.y));
}

}  // namespace gradscape

#pragma once
// A window's background drawn around what its contents cover with opaque pixels: on a software rasterizer
// (llvmpipe) every filled pixel costs, and a view's window background lies almost wholly under its view.

#include <imgui.h>

#include <vector>

namespace gradscape {

/// A rectangle of screen pixels.
struct ScreenRect {
    ImVec2 min, max;
};

/// Draws the current window's background and border, as ImGui draws them for a window with a background,
/// but not under `holes` (areas its contents will cover whole with opaque pixels; they may overlap). Only
/// for a window that leaves its background to its contents (ImGuiWindowFlags_NoBackground), otherwise
/// nothing; a rounded window, or a theme whose views are not opaque, gets its background whole. Call it
/// before anything else is added to the window's draw list.
void drawWindowBackgroundAround(const std::vector<ScreenRect>& holes);

}  // namespace gradscape

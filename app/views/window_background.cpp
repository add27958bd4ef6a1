#include "views/window_background.h"

#include "theme.h"

#include <imgui_internal.h>

#include <algorithm>
#include <utility>

namespace gradscape {

void drawWindowBackgroundAround(const std::vector<ScreenRect>& holes) {
    const ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (!(window->Flags & ImGuiWindowFlags_NoBackground)) return;
    ImDrawList* list = window->DrawList;
    const ImVec2 min = window->Pos, max(min.x + window->Size.x, min.y + window->Size.y);
    const ImU32 colour = ImGui::GetColorU32(ImGuiCol_WindowBg), border = ImGui::GetColorU32(ImGuiCol_Border);
    const bool opaqueHoles = (look().viewBackground & IM_COL32_A_MASK) == IM_COL32_A_MASK;
    list->PushClipRectFullScreen();
    if (window->WindowRounding > 0 || !opaqueHoles) {
        list->AddRectFilled(min, max, colour, window->WindowRounding);
    } else {
        // Bands between the holes' top and bottom edges; in each, the runs between the holes spanning it.
        // The pieces share edges exactly, so each pixel is filled once, as by one rectangle.
        std::vector<float> ys{min.y, max.y};
        for (const ScreenRect& h : holes)
            for (float y : {h.min.y, h.max.y})
                ys.push_back(std::clamp(y, min.y, max.y));
        std::sort(ys.begin(), ys.end());
        ys.erase(std::unique(ys.begin(), ys.end()), ys.end());
        for (size_t b = 0; b + 1 < ys.size(); ++b) {
            const float top = ys[b], bottom = ys[b + 1];
            std::vector<std::pair<float, float>> covered;
            for (const ScreenRect& h : holes)
                if (h.min.y <= top && h.max.y >= bottom && h.max.x > min.x && h.min.x < max.x)
                    covered.push_back({std::max(h.min.x, min.x), std::min(h.max.x, max.x)});
            std::sort(covered.begin(), covered.end());
            float x = min.x;
            for (const auto& [from, to] : covered) {
                if (from > x) list->AddRectFilled({x, top}, {from, bottom}, colour);
                x = std::max(x, to);
            }
            if (x < max.x) list->AddRectFilled({x, top}, {max.x, bottom}, colour);
        }
    }
    if (window->WindowBorderSize > 0)
        list->AddRect(min, max, border, window->WindowRounding, 0, window->WindowBorderSize);
    list->PopClipRect();
}

}  // namespace gradscape

#include "theme.h"

#include "palette.h"

#include <algorithm>
#include <iterator>

namespace gradscape {
namespace {

// Made on first use, so no other file's static initialization can see it unmade.
Look& current() {
    static Look look = makeLook(Theme::Dark, 1);
    return look;
}

ImVec4 rgba(int r, int g, int b, int a = 255) {
    return {r / 255.f, g / 255.f, b / 255.f, a / 255.f};
}

// Black and white with white borders round every frame: what survives a washed-out projector.
void highContrastColours(ImGuiStyle& style) {
    ImGui::StyleColorsDark(&style);
    ImVec4* c = style.Colors;
    const ImVec4 black = rgba(0, 0, 0), white = rgba(255, 255, 255), grey = rgba(90, 90, 90),
                 light = rgba(150, 150, 150), accent = rgba(255, 220, 0);
    c[ImGuiCol_Text] = white;
    c[ImGuiCol_TextDisabled] = rgba(215, 215, 215);
    for (ImGuiCol i : {ImGuiCol_WindowBg, ImGuiCol_ChildBg, ImGuiCol_PopupBg, ImGuiCol_MenuBarBg,
                       ImGuiCol_TitleBg, ImGuiCol_TitleBgCollapsed, ImGuiCol_FrameBg, ImGuiCol_Button,
                       ImGuiCol_Header, ImGuiCol_TableRowBg, ImGuiCol_ScrollbarBg})
        c[i] = black;
    c[ImGuiCol_TitleBgActive] = rgba(40, 40, 40);
    c[ImGuiCol_TableRowBgAlt] = rgba(25, 25, 25);
    for (ImGuiCol i :
         {ImGuiCol_Border, ImGuiCol_Separator, ImGuiCol_TableBorderStrong, ImGuiCol_TableBorderLight,
          ImGuiCol_ScrollbarGrab, ImGuiCol_SliderGrab, ImGuiCol_ResizeGrip})
        c[i] = white;
    for (ImGuiCol i : {ImGuiCol_FrameBgHovered, ImGuiCol_ButtonHovered, ImGuiCol_HeaderHovered,
                       ImGuiCol_ScrollbarGrabHovered, ImGuiCol_SeparatorHovered})
        c[i] = grey;
    for (ImGuiCol i : {ImGuiCol_FrameBgActive, ImGuiCol_ButtonActive, ImGuiCol_HeaderActive,
                       ImGuiCol_ScrollbarGrabActive, ImGuiCol_SeparatorActive})
        c[i] = light;
    c[ImGuiCol_CheckMark] = accent;
    c[ImGuiCol_SliderGrabActive] = accent;
    c[ImGuiCol_TextSelectedBg] = rgba(255, 220, 0, 110);
    c[ImGuiCol_NavHighlight] = accent;
    style.FrameBorderSize = 1;
    style.WindowBorderSize = 1;
    style.PopupBorderSize = 1;
}

}  // namespace

Look makeLook(Theme theme, float scale) {
    Look l;
    l.theme = theme;
    l.scale = scale;
    l.lineScale = scale * (theme == Theme::HighContrast ? 1.6f : 1.0f);
    std::copy(std::begin(kOptimizerPalette), std::end(kOptimizerPalette), l.paths.begin());
    if (theme == Theme::HighContrast) {
        l.viewBackground = IM_COL32(0, 0, 0, 255);
        l.axis = IM_COL32_WHITE;
        l.grid = IM_COL32(255, 255, 255, 70);
        l.note = IM_COL32(230, 230, 230, 255);
        l.outline = IM_COL32(0, 0, 0, 255);
        l.mark = IM_COL32_WHITE;
        l.legendBackground = IM_COL32(0, 0, 0, 235);
        l.legendDetail = IM_COL32_WHITE;
        l.stepMarker = IM_COL32_WHITE;
        l.error = rgba(255, 70, 70);
        l.safe = IM_COL32(0, 230, 0, 255);
        l.unsafe = IM_COL32(255, 40, 40, 255);
        l.bound = IM_COL32(255, 255, 0, 255);
        l.curvingUp = IM_COL32(0, 255, 255, 255);
        l.curvingDown = IM_COL32(255, 0, 255, 255);
        l.momentum = IM_COL32(0, 255, 120, 255);
        l.weightDecay = IM_COL32(255, 60, 60, 255);
        // Fully saturated, and orange first: it stands out on every part of viridis.
        l.paths = {IM_COL32(255, 128, 0, 255), IM_COL32(0, 255, 255, 255),   IM_COL32(255, 0, 255, 255),
                   IM_COL32(255, 255, 0, 255), IM_COL32(255, 255, 255, 255), IM_COL32(0, 255, 0, 255),
                   IM_COL32(255, 40, 40, 255), IM_COL32(90, 150, 255, 255)};
        return l;
    }
    l.viewBackground = IM_COL32(30, 30, 34, 255);
    l.axis = IM_COL32(200, 200, 205, 255);
    l.grid = IM_COL32(255, 255, 255, 26);
    l.note = IM_COL32(160, 160, 168, 255);
    l.outline = IM_COL32(0, 0, 0, 170);
    l.mark = IM_COL32_WHITE;
    l.legendBackground = IM_COL32(20, 20, 24, 215);
    l.legendDetail = IM_COL32(190, 190, 195, 255);
    l.stepMarker = IM_COL32(255, 255, 255, 150);
    if (theme == Theme::ColourBlindSafe) {
        // Okabe-Ito throughout: blue for good, orange for bad, never a red/green pair.
        l.error = rgba(230, 159, 0);
        l.safe = IM_COL32(0, 114, 178, 240);
        l.unsafe = IM_COL32(230, 159, 0, 240);
        l.bound = IM_COL32_WHITE;
        l.curvingUp = IM_COL32(86, 180, 233, 255);
        l.curvingDown = IM_COL32(213, 94, 0, 255);
        l.momentum = IM_COL32(86, 180, 233, 255);
        // Vermillion, not reddish purple: that one comes within 21 CIE76 units of sky blue for a tritanope.
        l.weightDecay = IM_COL32(213, 94, 0, 255);
        // Chosen (by a search over sRGB) so that every pair stays at least 25 CIE76 units apart, and
        // every colour as far from the background, for normal vision and under simulated protanopia,
        // deuteranopia and tritanopia (Machado et al. 2009; tests/theme_test.cpp checks it), with L* of
        // at least 50 so each stands out on the dark end of viridis. Okabe-Ito, the dark theme's palette,
        // keeps its sky blue and bluish green only 16 apart under tritanopia.
        l.paths = {IM_COL32(219, 127, 27, 255),  IM_COL32(54, 255, 255, 255),  IM_COL32(177, 119, 183, 255),
                   IM_COL32(177, 255, 0, 255),   IM_COL32(237, 0, 78, 255),    IM_COL32(64, 175, 135, 255),
                   IM_COL32(130, 95, 255, 255),  IM_COL32(236, 231, 141, 255)};
        return l;
    }
    l.error = ImVec4(1.0f, 0.45f, 0.35f, 1.0f);
    l.safe = IM_COL32(70, 200, 100, 230);
    l.unsafe = IM_COL32(230, 70, 60, 230);
    l.bound = IM_COL32(255, 230, 80, 255);
    l.curvingUp = IM_COL32(90, 230, 255, 255);
    l.curvingDown = IM_COL32(255, 90, 220, 255);
    l.momentum = IM_COL32(80, 225, 160, 255);
    l.weightDecay = IM_COL32(250, 90, 90, 255);
    return l;
}

const Look& look() {
    return current();
}

void applyLook(Theme theme, float scale) {
    current() = makeLook(theme, scale);
    // Sizes are scaled from a fresh base style each time, so going 2x -> 3x -> 1x never compounds.
    ImGuiStyle style;
    if (theme == Theme::HighContrast)
        highContrastColours(style);
    else
        ImGui::StyleColorsDark(&style);
    style.WindowRounding = 0;
    style.FrameRounding = 3;
    style.ScaleAllSizes(scale);
    style.FrameBorderSize *= scale;
    style.WindowBorderSize *= scale;
    style.PopupBorderSize *= scale;
    ImGui::GetStyle() = style;
}

ImU32 themedPathColour(ImU32 colour) {
    const auto* found = std::find(std::begin(kOptimizerPalette), std::end(kOptimizerPalette), colour);
    if (found == std::end(kOptimizerPalette)) return colour;
    return current().paths[static_cast<size_t>(found - std::begin(kOptimizerPalette))];
}

void errorText(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, look().error);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

}  // namespace gradscape

#include "ui_frame.h"

#include "control_panel.h"
#include "lesson_browser.h"
#include "overlay_panel.h"
#include "palette.h"
#include "plot_view.h"
#include "plots_panel.h"
#include "scene_menu.h"
#include "surface_view.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace gradscape {
namespace {

constexpr float kPanelWidth = 380, kStatusHeight = 28, kMinPlotsHeight = 180;
constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

void beginFixedWindow(const char* name, ImVec2 pos, ImVec2 size, ImGuiWindowFlags extra = 0) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(name, nullptr, kFixed | extra);
}

void plotWindow(Session& session, const Snapshot& snapshot, ContourLayer& contours, ImVec2 pos, ImVec2 size,
                const PlotOptions& options) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {4, 4});
    beginFixedWindow("Plot", pos, size, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    drawPlot(session, snapshot, contours, options);
    ImGui::End();
    ImGui::PopStyleVar();
}

// The area right of the control panel: the views fill a rectangle at the top and, when shown, the plots
// panel a strip along the bottom (30% of the height, at least kMinPlotsHeight while the views keep half).
struct PlotArea {
    ImVec2 viewsPos, viewsSize;
    ImVec2 plotsPos, plotsSize;  // zero size when the plots are hidden
};

PlotArea splitPlotArea(ImVec2 pos, ImVec2 size, bool plots) {
    if (!plots) return {pos, size, pos, {0, 0}};
    const float strip = std::min(std::max(0.3f * size.y, kMinPlotsHeight), 0.5f * size.y);
    return {pos, {size.x, size.y - strip}, {pos.x, pos.y + size.y - strip}, {size.x, strip}};
}

void plotsWindow(Session& session, const Snapshot& snapshot, ImVec2 pos, ImVec2 size) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {8, 6});
    beginFixedWindow("Plots", pos, size, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    drawPlotsPanel(session, snapshot);
    ImGui::End();
    ImGui::PopStyleVar();
}

void surfaceWindow(Session& session, const Snapshot& snapshot, SurfaceLayer& surface, ImVec2 pos, ImVec2 size,
                   const SurfaceOptions& options) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {4, 4});
    beginFixedWindow("Surface", pos, size, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    drawSurface(session, snapshot, surface, options);
    ImGui::End();
    ImGui::PopStyleVar();
}

// The contour view, the surface view, or both side by side, as session.views.mode says.
void drawViews(Session& session, const Snapshot& snapshot, ContourLayer& contours, SurfaceLayer& surface,
               ImVec2 pos, ImVec2 size, const PlotOptions& plotOptions,
               const SurfaceOptions& surfaceOptions) {
    const ViewMode mode = session.views.mode;
    const float contourWidth = mode == ViewMode::Both ? std::floor(size.x / 2) : size.x;
    if (mode != ViewMode::Surface)
        plotWindow(session, snapshot, contours, pos, {contourWidth, size.y}, plotOptions);
    if (mode == ViewMode::Contour) {
        session.surfaceArea = {};
        return;
    }
    const float surfaceX = mode == ViewMode::Both ? pos.x + contourWidth : pos.x;
    surfaceWindow(session, snapshot, surface, {surfaceX, pos.y}, {pos.x + size.x - surfaceX, size.y},
                  surfaceOptions);
}

// "View: Contour / Surface / Both" and the surface's height scale; V cycles the views.
void drawViewControls(Session& session) {
    ImGui::TextUnformatted("View:");
    const std::pair<ViewMode, const char*> modes[] = {
        {ViewMode::Contour, "Contour"}, {ViewMode::Surface, "Surface"}, {ViewMode::Both, "Both"}};
    for (const auto& [mode, label] : modes) {
        ImGui::SameLine();
        if (ImGui::RadioButton(label, session.views.mode == mode)) session.views.mode = mode;
        session.recordControl(std::string("view-") + label);
    }
    ImGui::SameLine();
    ImGui::Checkbox("log height", &session.views.logHeight);
    session.recordControl("log-height");
}

// Lays out and draws the views and, when they are on, the plots under them.
PlotArea drawPlotArea(Session& session, const Snapshot& snapshot, ContourLayer& contours,
                      SurfaceLayer& surface, ImVec2 pos, ImVec2 size, const PlotOptions& plotOptions,
                      const SurfaceOptions& surfaceOptions) {
    const PlotArea area = splitPlotArea(pos, size, session.views.plots);
    drawViews(session, snapshot, contours, surface, area.viewsPos, area.viewsSize, plotOptions,
              surfaceOptions);
    if (session.views.plots) plotsWindow(session, snapshot, area.plotsPos, area.plotsSize);
    return area;
}

}  // namespace

void configureImGui(float fontSize) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    // Latin, Greek (eta, beta, lambda, kappa), super- and subscripts, arrows and mathematical operators
    // (nabla, <=, sqrt): what the lectures' formulas use.
    static const ImWchar glyphs[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2070, 0x209F,
                                     0x2190, 0x21FF, 0x2200, 0x22FF, 0};
    if (std::filesystem::exists(GRADSCAPE_FONT_PATH))
        io.Fonts->AddFontFromFileTTF(GRADSCAPE_FONT_PATH, fontSize, nullptr, glyphs);
    else
        io.Fonts->AddFontDefault();
    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 0;
    style.FrameRounding = 3;
}

FrameRequests drawMainFrame(Session& session, const Snapshot& snapshot, ContourLayer& contours,
                            SurfaceLayer& surface, ImVec2 displaySize, const std::vector<KeyPress>& keys) {
    FrameRequests requests;
    // Solver refusals reach the status line once each.
    if (snapshot.errorCount != session.solverErrorsSeen) {
        session.solverErrorsSeen = snapshot.errorCount;
        session.say(snapshot.error, true);
    }
    const float bodyHeight = displaySize.y - kStatusHeight;
    beginFixedWindow("Controls", {0, 0}, {kPanelWidth, bodyHeight});
    if (ImGui::Button("Screenshot (S)")) requests.screenshot = true;
    ImGui::SameLine();
    requests.openScene = drawFileMenu(session, keys);
    drawLessonPanel(session);
    drawViewControls(session);
    ImGui::Separator();
    drawControlPanel(session, snapshot);
    ImGui::End();

    const PlotArea area = drawPlotArea(session, snapshot, contours, surface, {kPanelWidth, 0},
                                       {displaySize.x - kPanelWidth, bodyHeight}, {}, {});
    session.plotWindow = {int(area.viewsPos.x), int(area.viewsPos.y), int(area.viewsSize.x),
                          int(area.viewsSize.y)};

    beginFixedWindow("Status", {0, bodyHeight}, {displaySize.x, kStatusHeight},
                     ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    if (session.statusIsError)
        ImGui::TextColored(kErrorColour, "%s", session.status.c_str());
    else
        ImGui::TextUnformatted(session.status.c_str());
    ImGui::End();

    // Typing into a field never triggers a shortcut.
    const bool typing = ImGui::GetIO().WantTextInput;
    for (const KeyPress& press : keys) {
        const bool ctrl = press.mods & GLFW_MOD_CONTROL;
        if (ctrl && press.key == GLFW_KEY_Q) requests.quit = true;
        if (!typing) handleFileKey(press.key, press.mods);
        if (typing || ctrl) continue;
        if (auto lesson = handleLessonKey(session, press.key)) requests.openScene = std::move(lesson);
        if (press.key == GLFW_KEY_S) requests.screenshot = true;
        if (press.key == GLFW_KEY_P) session.views.plots = !session.views.plots;
        if (press.key == GLFW_KEY_V)
            session.views.mode = ViewMode((static_cast<int>(session.views.mode) + 1) % 3);
        handleRaceKey(session, snapshot, press.key);
        handleOverlayKey(session, snapshot, press.key);
    }
    return requests;
}

void drawPlotFrame(Session& session, const Snapshot& snapshot, ContourLayer& contours, SurfaceLayer& surface,
                   ImVec2 displaySize) {
    PlotOptions options;
    options.interactive = false;
    options.maxGridSide = 4096;
    SurfaceOptions surfaceOptions;
    surfaceOptions.interactive = false;
    drawPlotArea(session, snapshot, contours, surface, {0, 0}, displaySize, options, surfaceOptions);
}

}  // namespace gradscape

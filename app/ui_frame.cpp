#include "ui_frame.h"

#include "control_panel.h"
#include "overlay_panel.h"
#include "palette.h"
#include "plot_view.h"

#include <GLFW/glfw3.h>

#include <filesystem>

namespace gradscape {
namespace {

constexpr float kPanelWidth = 380, kStatusHeight = 28;
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
                            ImVec2 displaySize, const std::vector<KeyPress>& keys) {
    FrameRequests requests;
    // Solver refusals reach the status line once each.
    if (snapshot.errorCount != session.solverErrorsSeen) {
        session.solverErrorsSeen = snapshot.errorCount;
        session.say(snapshot.error, true);
    }
    const float bodyHeight = displaySize.y - kStatusHeight;
    beginFixedWindow("Controls", {0, 0}, {kPanelWidth, bodyHeight});
    if (ImGui::Button("Screenshot (S)")) requests.screenshot = true;
    ImGui::Separator();
    drawControlPanel(session, snapshot);
    ImGui::End();

    const ImVec2 plotPos(kPanelWidth, 0), plotSize(displaySize.x - kPanelWidth, bodyHeight);
    plotWindow(session, snapshot, contours, plotPos, plotSize, {});
    session.plotWindow = {int(plotPos.x), int(plotPos.y), int(plotSize.x), int(plotSize.y)};

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
        if (typing || ctrl) continue;
        if (press.key == GLFW_KEY_S) requests.screenshot = true;
        handleRaceKey(session, snapshot, press.key);
        handleOverlayKey(session, snapshot, press.key);
    }
    return requests;
}

void drawPlotFrame(Session& session, const Snapshot& snapshot, ContourLayer& contours, ImVec2 displaySize) {
    PlotOptions options;
    options.interactive = false;
    options.maxGridSide = 4096;
    plotWindow(session, snapshot, contours, {0, 0}, displaySize, options);
}

}  // namespace gradscape

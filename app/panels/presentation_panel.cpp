#include "panels/presentation_panel.h"

#include "theme.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

namespace gradscape {
namespace {

// "F1 or ?": every key of an action, in the table's order.
std::string keysOf(Action action) {
    if (action == Action::OpenLesson) return "1 ... 9";
    std::string keys;
    for (const KeyBinding& b : keyBindings())
        if (b.action == action) keys += (keys.empty() ? "" : "  or  ") + std::string(b.keyName);
    return keys;
}

}  // namespace

void drawDisplaySection(Session& session, DisplaySectionState& state) {
    Presentation& p = session.viewSettings.presentation;
    const bool open = ImGui::CollapsingHeader("Display");
    session.recordControl("display");
    if (!open) return;
    // The atlas is rebuilt between frames, so a drag applies the scale when the slider is let go.
    float& pending = state.pendingUiScale;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    if (!ImGui::IsAnyItemActive()) pending = float(p.uiScale);
    ImGui::SliderFloat("##ui scale", &pending, float(Presentation::kMinUiScale),
                       float(Presentation::kMaxUiScale), "UI scale %.2fx");
    if (ImGui::IsItemDeactivatedAfterEdit()) p.uiScale = Presentation::steppedUiScale(pending, 0);
    session.recordControl("ui-scale");
    ImGui::SameLine();
    if (ImGui::Button("-")) p.uiScale = Presentation::steppedUiScale(p.uiScale, -1);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("smaller (Ctrl+-)");
    ImGui::SameLine();
    if (ImGui::Button("+")) p.uiScale = Presentation::steppedUiScale(p.uiScale, 1);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("larger (Ctrl+=)");
    ImGui::TextUnformatted("Theme (C):");
    for (const auto& theme : kThemes) {
        ImGui::SameLine();
        if (ImGui::RadioButton(theme.label, p.theme == theme.value)) p.theme = theme.value;
        session.recordControl(std::string("theme-") + theme.name);
    }
    ImGui::Checkbox("Fullscreen (F11)", &p.fullscreen);
    ImGui::SameLine();
    if (ImGui::Button("Hide panels (Tab)")) p.panelsHidden = true;
}

void drawHelpWindow(Session& session, ImVec2 displaySize) {
    Presentation& p = session.viewSettings.presentation;
    if (!p.helpOpen) {
        session.layout.controls.erase("help-window");
        return;
    }
    ImGui::SetNextWindowPos({displaySize.x / 2, displaySize.y / 2}, ImGuiCond_Always, {0.5f, 0.5f});
    ImGui::SetNextWindowSizeConstraints({0, 0}, {displaySize.x * 0.95f, displaySize.y * 0.95f});
    ImGui::Begin("Help: every key", &p.helpOpen,
                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove);
    ImGui::TextDisabled("Drag a start point, drag the background to pan, scroll to zoom.");
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
        ImGui::TableSetupColumn("Key");
        ImGui::TableSetupColumn("Action");
        ImGui::TableHeadersRow();
        std::vector<Action> listed;
        for (const KeyBinding& b : keyBindings()) {
            if (std::find(listed.begin(), listed.end(), b.action) != listed.end()) continue;
            listed.push_back(b.action);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(keysOf(b.action).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(b.description);
        }
        ImGui::EndTable();
    }
    if (ImGui::Button("Close (F1)")) p.helpOpen = false;
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    session.layout.controls["help-window"] = {int(pos.x), int(pos.y), int(size.x), int(size.y)};
    ImGui::End();
}

bool handlePresentationAction(Session& session, Action action) {
    Presentation& p = session.viewSettings.presentation;
    switch (action) {
        case Action::ScaleUp:
            p.uiScale = Presentation::steppedUiScale(p.uiScale, 1);
            return true;
        case Action::ScaleDown:
            p.uiScale = Presentation::steppedUiScale(p.uiScale, -1);
            return true;
        case Action::ScaleReset:
            p.uiScale = 1;
            return true;
        case Action::Fullscreen:
            p.fullscreen = !p.fullscreen;
            return true;
        case Action::HidePanels:
            p.panelsHidden = !p.panelsHidden;
            return true;
        case Action::CycleTheme:
            p.theme = Theme((static_cast<int>(p.theme) + 1) % std::size(kThemes));
            return true;
        case Action::Help:
            p.helpOpen = !p.helpOpen;
            return true;
        default:
            return false;
    }
}

}  // namespace gradscape

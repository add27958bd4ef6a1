#include "panels/step_panel.h"

#include "view/notation.h"
#include "palette.h"
#include "panels/text_wrap.h"
#include "theme.h"

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <tuple>

namespace gradscape {
namespace {

// The picker lists the race's optimizers; a removed or unset choice falls back to the first one.
const PathSnapshot* chosenPath(Session& session, const Snapshot& snapshot) {
    if (snapshot.paths.empty()) return nullptr;
    const PathSnapshot* chosen = snapshot.find(session.viewSettings.stepByStepId);
    if (!chosen) chosen = &snapshot.paths.front(), session.viewSettings.stepByStepId = chosen->settings.id;
    return chosen;
}

std::string pathName(const PathSnapshot& path) {
    return std::to_string(path.settings.id) + ". " + optimizerInfo(path.settings.kind).title;
}

void optimizerPicker(Session& session, const Snapshot& snapshot, const PathSnapshot& chosen) {
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
    if (ImGui::BeginCombo("##step-by-step optimizer", pathName(chosen).c_str())) {
        for (const auto& path : snapshot.paths)
            if (ImGui::Selectable(pathName(path).c_str(), path.settings.id == chosen.settings.id))
                session.viewSettings.stepByStepId = path.settings.id;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    // One step at a time: a step pauses a playing race, which would run past the step being read.
    if (ImGui::Button("Next step")) session.step(1);
    session.recordControl("next-step");
}

// Text wrapped to the space left on the line (a table cell's width inside a table), broken only between
// numbers and vectors, never inside one.
void wrappedText(const std::string& text) {
    const float width = std::max(ImGui::GetContentRegionAvail().x, 1.0f);
    for (const std::string& line : wrapText(text, width, [](std::string_view s) {
             return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x;
         }))
        ImGui::TextUnformatted(line.c_str());
}

void dimmedText(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrappedText(text);
    ImGui::PopStyleColor();
}

// Each term on the board: its name and value on one line, the formula it came from beneath, dimmed.
void termsTable(const StepExplanation& e) {
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("terms", 2, flags)) return;
    ImGui::TableSetupColumn("term", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    for (const StepTerm& term : e.terms) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        wrappedText(mathNotation(term.label));
        dimmedText("= " + mathNotation(term.formula));
        ImGui::TableNextColumn();
        wrappedText(formatTermValue(term));
    }
    ImGui::EndTable();
}

}  // namespace

void drawStepByStep(Session& session, const Snapshot& snapshot) {
    session.layout.stepByStepShown = true;  // the solver explains the chosen step only while this is drawn
    const PathSnapshot* path = chosenPath(session, snapshot);
    if (!path) {
        ImGui::TextDisabled("add an optimizer to follow it step by step");
        return;
    }
    optimizerPicker(session, snapshot, *path);
    // The solver explains the chosen path's latest step when it publishes (Session::analyses asks for it);
    // a path chosen this frame is explained in the next snapshot.
    const std::optional<ExplainedStep>& entry = path->analysis->latestStep;
    if (!entry) {
        ImGui::TextDisabled("working out this step...");
        return;
    }
    if (!entry->error.empty()) {
        errorText(entry->error);
        return;
    }
    const StepExplanation& e = entry->explanation;
    const int k = e.step;
    const bool taken = path->trajectory->steps() > k;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(session.colourOf(path->settings.id)), "Step %d%s",
                       k + 1, taken ? "" : (e.diverges ? "  (diverges)" : "  (next, not taken yet)"));
    // From x_k to x_{k+1} on two lines: two vectors side by side do not fit the panel's width.
    for (const auto& [index, x, f] : {std::tuple{k, e.from, e.lossFrom}, std::tuple{k + 1, e.to, e.lossTo}}) {
        char loss[48];
        std::snprintf(loss, sizeof loss, "(f = %.6g)", f);
        wrappedText("x_" + std::to_string(index) + " = " + formatVector(x) + "  " + loss);
    }
    dimmedText(mathNotation(e.updateRule));
    termsTable(e);
    if (!e.note.empty()) wrappedText(e.note);
    if (e.diverges) errorText(path->trajectory->divergenceMessage());
}

}  // namespace gradscape

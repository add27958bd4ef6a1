#include "panels/control_panel.h"

#include "optimizers/racer_labels.h"

#include "view/notation.h"
#include "panels/overlay_panel.h"

#include "landscapes/formula_landscape.h"

#include "panels/optimizer_panel.h"

#include "palette.h"
#include "panels/step_panel.h"
#include "theme.h"
#include "panels/typed_input.h"

#include <algorithm>
#include <cstdio>

namespace gradscape {
namespace {

// L2 and L1 penalties reshape the landscape live; both together are the elastic net.
void regularizationControls(Session& session) {
    Regularization r = session.race().regularization;
    const double lo = 0, hi = 2;
    bool changed = false;
    // Typed values (Ctrl+click) apply when typing ends; setRegularization refuses one out of range.
    for (auto [label, lambda] : {std::pair{"L2 lambda  |w|^2", &r.l2}, std::pair{"L1 lambda  |w|_1", &r.l1}}) {
        double shown = *lambda;
        const bool edited = ImGui::SliderScalar(label, ImGuiDataType_Double, &shown, &lo, &hi, "%.3f");
        if (auto settled = settledValue(session, edited, shown); settled && *settled != *lambda)
            *lambda = *settled, changed = true;
    }
    if (changed) session.setRegularization(r);
    if (!r.active()) return;
    ImGui::Checkbox("draw the constraint region", &session.showConstraintRegion);
    // The textbook figure: the data loss's own contours touching the constraint region at the optimum.
    ImGui::TextUnformatted("contours of:");
    ImGui::SameLine();
    for (const auto& source : kContourSources) {
        if (source.value != kContourSources[0].value) ImGui::SameLine();
        if (ImGui::RadioButton(source.label, session.contours == source.value))
            session.contours = source.value;
        session.recordControl(std::string("contours-") + source.name);
    }
}

// A typed f(x, y): applied on Enter; a typo is shown here with its position and changes nothing.
void formulaControls(Session& session, const Snapshot& snapshot, ControlPanelState& state) {
    // The box follows the landscape in use (a typed formula shows itself, a built-in one leaves the box
    // empty for typing, so it never shows another landscape's formula), but not the user's typing.
    const bool typed = session.race().landscapeName == "formula";
    const std::string inUse = typed ? "formula:" + session.race().formula : "built-in:" + session.race().landscapeName;
    if (inUse != state.formulaFilledFrom) {
        state.formulaFilledFrom = inUse;
        std::snprintf(state.formula, sizeof state.formula, "%s", typed ? session.race().formula.c_str() : "");
    }
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.75f);
    const bool entered =
        ImGui::InputTextWithHint("##formula", "e.g. (1 - x)^2 + 100*(y - x^2)^2", state.formula,
                                 sizeof state.formula, ImGuiInputTextFlags_EnterReturnsTrue);
    session.recordControl("formula");
    ImGui::SameLine();
    if (ImGui::Button("Apply") || entered)
        session.setFormula(state.formula, session.race().landscapeName != "formula");
    if (!session.race().formulaError.empty()) errorText(session.race().formulaError);
    if (session.race().landscapeName == "formula") {
        const FormulaDerivatives d = formulaDerivatives(*snapshot.landscape);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("df/dx = %s", d.dx.c_str());
        ImGui::TextWrapped("df/dy = %s", d.dy.c_str());
        ImGui::TextWrapped("d2f/dx2 = %s,  d2f/dxdy = %s,  d2f/dy2 = %s", d.dxx.c_str(), d.dxy.c_str(),
                           d.dyy.c_str());
        ImGui::PopStyleColor();
    }
}

void landscapeSection(Session& session, const Snapshot& snapshot, ControlPanelState& state) {
    const Landscape& landscape = *snapshot.landscape;
    if (ImGui::BeginCombo("landscape", session.race().landscapeName.c_str())) {
        for (const auto& name : namedLandscapeNames())
            if (ImGui::Selectable(name.c_str(), name == session.race().landscapeName) &&
                (name != session.race().landscapeName || snapshot.problem))
                session.setLandscape(name, {}, true);
        ImGui::EndCombo();
    }
    if (snapshot.problem) {
        // The landscape waits while a network races; choosing one goes back to it.
        ImGui::TextDisabled("racing on a network (below); pick a landscape to go back");
        return;
    }
    ImGui::TextWrapped("%s", landscape.description().c_str());
    ImGui::TextDisabled("f(x, y) = %s", mathNotation(landscape.formula()).c_str());
    for (const auto& parameter : landscape.parameters()) {
        double value = parameter.value;
        const bool logarithmic = parameter.minimum > 0 && parameter.maximum / parameter.minimum > 100;
        const bool edited = ImGui::SliderScalar(parameter.name.c_str(), ImGuiDataType_Double, &value,
                                                &parameter.minimum, &parameter.maximum, "%.3g",
                                                logarithmic ? ImGuiSliderFlags_Logarithmic : ImGuiSliderFlags_None);
        session.recordControl("parameter/" + parameter.name);
        // A typed value (Ctrl+click) is applied once typing ends, so "3" is never tried as its first "0".
        if (auto settled = settledValue(session, edited, value)) {
            auto parameters = session.race().landscapeParameters;
            parameters[parameter.name] = *settled;
            const std::string key = "parameter/" + parameter.name;
            const bool unchanged = *settled == parameter.value;  // nothing to rebuild, nothing refused
            if (!unchanged && !session.setLandscape(session.race().landscapeName, parameters, false)) {
                session.inputErrors[key] = session.status;
            } else if (auto it = session.inputErrors.find(key); it != session.inputErrors.end()) {
                // The good value replaces the refusal on the status line.
                if (session.statusIsError && session.status == it->second) session.say("");
                session.inputErrors.erase(it);
            }
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", parameter.description.c_str());
    }
    ImGui::TextUnformatted("or type f(x, y) and press Enter:");
    formulaControls(session, snapshot, state);
    regularizationControls(session);
}

// The shared start typed exactly: it moves every optimizer that follows it.
void sharedStartControls(Session& session) {
    ImGui::TextUnformatted("shared start");
    ImGui::SameLine();
    if (const auto start = typedPoint(session, "shared-start", session.race().sharedStart))
        session.moveSharedStart(*start);
}

void raceControls(Session& session, const Snapshot& snapshot) {
    if (ImGui::Button(snapshot.playing ? "Pause (Space)" : "Play (Space)")) session.togglePlay();
    ImGui::SameLine();
    if (ImGui::Button("Step (Right)")) session.step(1);
    ImGui::SameLine();
    if (ImGui::Button("Reset (R)")) session.reset();
    double speed = snapshot.stepsPerSecond;
    const double lo = 1, hi = 10000;
    const bool edited = ImGui::SliderScalar("steps / second", ImGuiDataType_Double, &speed, &lo, &hi, "%.0f",
                                            ImGuiSliderFlags_Logarithmic);
    if (auto settled = settledValue(session, edited, speed)) session.setSpeed(std::clamp(*settled, lo, hi));
    sharedStartControls(session);
    ImGui::Text("step %d of at most %d", snapshot.stepCount, snapshot.maxSteps);
}

// Which panels the window shows beside the views.
void panelToggles(Session& session) {
    ImGui::Checkbox("Plots (P)", &session.viewSettings.plots);
    session.recordControl("plots");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("loss, gradient norm and distance to the minimum per step");
    ImGui::SameLine();
    ImGui::Checkbox("Maps", &session.maps.shown);
    session.recordControl("maps");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("where every start (basins) or every setting (two hyperparameters) of a racer leads");
}

void legendSection(Session& session, const Snapshot& snapshot) {
    if (!ImGui::BeginTable("legend", 4, ImGuiTableFlags_SizingStretchProp)) return;
    // The same names as the views' legends and the CSV: what tells racers of one kind apart.
    std::vector<OptimizerSettings> racers;
    for (const auto& path : snapshot.paths)
        racers.push_back(path.settings);
    const std::vector<std::string> labels = racerLabels(racers);
    for (size_t i = 0; i < snapshot.paths.size(); ++i) {
        const PathSnapshot& path = snapshot.paths[i];
        // The narrow table names the kind briefly ("gd (η=0.095)"), keeping what tells racers apart.
        const std::string& title = optimizerInfo(path.settings.kind).title;
        const std::string head = title.substr(0, title.find(" ("));
        const std::string shortName = labels[i].rfind(head, 0) == 0
                                          ? path.settings.kind + labels[i].substr(
                                                labels[i] == title ? title.size() : head.size())
                                          : labels[i];
        const Trajectory& t = *path.trajectory;
        const int id = path.settings.id;
        ImGui::PushID(id);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(session.colourOf(id)), "%d. %s", id,
                           shortName.c_str());
        ImGui::TableNextColumn();
        if (!path.settings.enabled)
            ImGui::TextDisabled("off");
        else if (t.diverged())
            errorText(t.divergenceMessage());
        else if (!t.losses.empty())
            ImGui::Text("loss %.4e", t.losses.back());
        ImGui::TableNextColumn();
        if (path.settings.enabled && !t.points.empty()) ImGui::Text("step %d", t.steps());
        ImGui::TableNextColumn();
        // Removal sits in the legend, which stays in view however many racers the panel lists.
        if (ImGui::SmallButton("x")) session.removeOptimizer(id);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("remove this optimizer");
        session.recordControl("remove-" + std::to_string(id));
        ImGui::PopID();
    }
    ImGui::EndTable();
}

// Opens by itself when an optimizer is already chosen (a saved scene, or an earlier visit).
void stepByStepSection(Session& session, const Snapshot& snapshot) {
    if (session.viewSettings.stepByStepId != 0) ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    const bool open = ImGui::CollapsingHeader("Step by step");
    session.recordControl("step-by-step");
    if (open) drawStepByStep(session, snapshot);
}

}  // namespace

void drawControlPanel(Session& session, const Snapshot& snapshot, ControlPanelState& state) {
    landscapeSection(session, snapshot, state);
    // A network being raced on comes first, under the landscape it replaces; else the form to describe one
    // waits, folded, at the end of the panel.
    if (snapshot.problem) drawNetworkSection(session, snapshot, state.network);
    ImGui::Separator();
    raceControls(session, snapshot);
    panelToggles(session);
    ImGui::Separator();
    legendSection(session, snapshot);
    stepByStepSection(session, snapshot);
    ImGui::Separator();
    drawOverlaySection(session, snapshot);
    addOptimizerControls(session, state.addKind);
    for (const auto& path : snapshot.paths)
        optimizerSection(session, snapshot, path);
    if (!snapshot.problem) {
        ImGui::Separator();
        drawNetworkSection(session, snapshot, state.network);
    }
}

bool handleRaceAction(Session& session, Action action) {
    switch (action) {
        case Action::PlayPause:
            session.togglePlay();
            return true;
        case Action::Step:
            session.step(1);
            return true;
        case Action::Reset:
            session.reset();
            return true;
        default:
            return false;
    }
}

}  // namespace gradscape

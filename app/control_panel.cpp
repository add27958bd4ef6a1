#include "control_panel.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>

namespace gradscape {
namespace {

const ImVec4 kErrorColour(1.0f, 0.45f, 0.35f, 1.0f);

void landscapeSection(Session& session, const Snapshot& snapshot) {
    const Landscape& landscape = *snapshot.landscape;
    if (ImGui::BeginCombo("landscape", session.landscapeName.c_str())) {
        for (const auto& name : builtinLandscapeNames())
            if (ImGui::Selectable(name.c_str(), name == session.landscapeName) &&
                name != session.landscapeName)
                session.setLandscape(name, {}, true);
        ImGui::EndCombo();
    }
    ImGui::TextWrapped("%s", landscape.description().c_str());
    ImGui::TextDisabled("f(x, y) = %s", landscape.formula().c_str());
    for (const auto& parameter : landscape.parameters()) {
        double value = parameter.value;
        const bool logarithmic = parameter.minimum > 0 && parameter.maximum / parameter.minimum > 100;
        if (ImGui::SliderScalar(parameter.name.c_str(), ImGuiDataType_Double, &value, &parameter.minimum,
                                &parameter.maximum, "%.3g",
                                logarithmic ? ImGuiSliderFlags_Logarithmic : ImGuiSliderFlags_None)) {
            auto parameters = session.landscapeParameters;
            parameters[parameter.name] = value;
            session.setLandscape(session.landscapeName, parameters, false);
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", parameter.description.c_str());
    }
}

// One hyperparameter: a slider within its allowed range and a typed value checked on Enter.
bool hyperparameterControl(Session& session, int id, const HyperparameterSpec& spec, double& value) {
    bool changed = false;
    const std::string key = std::to_string(id) + "/" + spec.name;
    // Sliders stay strictly inside open bounds, so they can never produce a refused value.
    const double lo = spec.minimumIncluded ? spec.minimum : (spec.logarithmic ? 1e-12 : spec.minimum + 1e-9);
    const double hi = spec.maximumIncluded ? (spec.logarithmic ? std::min(spec.maximum, 10.0) : spec.maximum)
                                           : spec.maximum - 1e-4;
    ImGui::PushID(spec.name);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    double sliderValue = std::clamp(value, lo, hi);
    if (ImGui::SliderScalar("##slider", ImGuiDataType_Double, &sliderValue, &lo, &hi,
                            spec.logarithmic ? "%.3g" : "%.4f",
                            spec.logarithmic ? ImGuiSliderFlags_Logarithmic : ImGuiSliderFlags_None)) {
        value = sliderValue;
        changed = true;
        session.inputErrors.erase(key);
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
    double typed = value;
    if (ImGui::InputDouble("##typed", &typed, 0, 0, "%.6g", ImGuiInputTextFlags_EnterReturnsTrue)) {
        std::string complaint = checkHyperparameter(spec, typed);
        if (complaint.empty()) {
            value = typed;
            changed = true;
            session.inputErrors.erase(key);
        } else {
            session.inputErrors[key] = complaint;
        }
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(spec.label);
    if (auto it = session.inputErrors.find(key); it != session.inputErrors.end())
        ImGui::TextColored(kErrorColour, "%s", it->second.c_str());
    ImGui::PopID();
    return changed;
}

void optimizerSection(Session& session, const PathSnapshot& path) {
    const OptimizerSettings& settings = path.settings;
    const OptimizerInfo& info = optimizerInfo(settings.kind);
    ImGui::PushID(settings.id);
    ImVec4 colour = ImGui::ColorConvertU32ToFloat4(session.colourOf(settings.id));
    if (ImGui::ColorEdit3("##colour", &colour.x, ImGuiColorEditFlags_NoInputs))
        session.colours[settings.id] = ImGui::ColorConvertFloat4ToU32(colour);
    ImGui::SameLine();
    bool enabled = settings.enabled;
    if (ImGui::Checkbox("##enabled", &enabled))
        session.solver->post(command::SetEnabled{settings.id, enabled});
    ImGui::SameLine();
    const std::string header = std::to_string(settings.id) + ". " + info.title + "###header";
    if (ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", info.updateRule.c_str());
        ImGui::PopStyleColor();
        Hyperparameters h = settings.hyperparameters;
        bool changed = false;
        for (const auto& spec : hyperparameterSpecs())
            if (std::find(info.hyperparameters.begin(), info.hyperparameters.end(), spec.name) !=
                info.hyperparameters.end())
                changed |= hyperparameterControl(session, settings.id, spec, h.*spec.field);
        if (changed) session.solver->post(command::SetHyperparameters{settings.id, h});
        ImGui::Text("start (%.4g, %.4g): drag it in the plot", settings.start.x(), settings.start.y());
    }
    ImGui::PopID();
}

void raceControls(Session& session, const Snapshot& snapshot) {
    Solver& solver = *session.solver;
    if (ImGui::Button(snapshot.playing ? "Pause (Space)" : "Play (Space)"))
        solver.post(snapshot.playing ? Command(command::Pause{}) : Command(command::Play{}));
    ImGui::SameLine();
    if (ImGui::Button("Step (Right)")) solver.post(command::Step{1});
    ImGui::SameLine();
    if (ImGui::Button("Reset (R)")) solver.post(command::Reset{});
    double speed = snapshot.stepsPerSecond;
    const double lo = 1, hi = 10000;
    if (ImGui::SliderScalar("steps / second", ImGuiDataType_Double, &speed, &lo, &hi, "%.0f",
                            ImGuiSliderFlags_Logarithmic))
        solver.post(command::SetSpeed{speed});
    ImGui::Text("step %d of at most %d", snapshot.stepCount, snapshot.maxSteps);
}

void legendSection(const Session& session, const Snapshot& snapshot) {
    if (!ImGui::BeginTable("legend", 3, ImGuiTableFlags_SizingStretchProp)) return;
    for (const auto& path : snapshot.paths) {
        const Trajectory& t = *path.trajectory;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(session.colourOf(path.settings.id)), "%d. %s",
                           path.settings.id, path.settings.kind.c_str());
        ImGui::TableNextColumn();
        if (!path.settings.enabled)
            ImGui::TextDisabled("off");
        else if (t.diverged())
            ImGui::TextColored(kErrorColour, "%s", t.divergenceMessage().c_str());
        else
            ImGui::Text("loss %.4e", t.losses.back());
        ImGui::TableNextColumn();
        if (path.settings.enabled && !t.points.empty()) ImGui::Text("step %d", t.steps());
    }
    ImGui::EndTable();
}

}  // namespace

void drawControlPanel(Session& session, const Snapshot& snapshot) {
    landscapeSection(session, snapshot);
    ImGui::Separator();
    raceControls(session, snapshot);
    ImGui::Separator();
    legendSection(session, snapshot);
    ImGui::Separator();
    for (const auto& path : snapshot.paths)
        optimizerSection(session, path);
}

void handleRaceKey(Session& session, const Snapshot& snapshot, int key) {
    Solver& solver = *session.solver;
    if (key == GLFW_KEY_SPACE)
        solver.post(snapshot.playing ? Command(command::Pause{}) : Command(command::Play{}));
    if (key == GLFW_KEY_RIGHT) solver.post(command::Step{1});
    if (key == GLFW_KEY_R) solver.post(command::Reset{});
}

}  // namespace gradscape

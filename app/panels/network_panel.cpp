#include "panels/network_panel.h"

#include "optimizers/racer_labels.h"
#include "theme.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace gradscape {
namespace {

template <class Enum, std::size_t N>
void enumCombo(const char* label, const EnumName<Enum> (&table)[N], Enum& value) {
    if (!ImGui::BeginCombo(label, labelOf(table, value))) return;
    for (const auto& entry : table)
        if (ImGui::Selectable(entry.label, entry.value == value)) value = entry.value;
    ImGui::EndCombo();
}

// The form that describes a network, and the button that races on it.
void describeNetwork(Session& session, NetworkPanelState& state) {
    ProblemSpec& spec = state.spec;
    ImGui::InputText("layers", state.layers, sizeof state.layers);
    session.recordControl("network/layers");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("sizes from inputs to the one output, such as 2-16-16-1");
    enumCombo("activation", kActivationNames, spec.activation);
    const DatasetKind before = spec.data.kind;
    enumCombo("data", kDatasetKindNames, spec.data.kind);
    if (spec.data.kind != before) spec.loss = isClassification(spec.data.kind) ? Loss::Bce : Loss::Mse;
    ImGui::InputInt("samples", &spec.data.samples);
    ImGui::InputDouble("data noise", &spec.data.noise, 0, 0, "%.3g");
    enumCombo("loss", kLossNames, spec.loss);
    int seed = static_cast<int>(spec.seed);
    if (ImGui::InputInt("seed", &seed)) spec.seed = spec.data.seed = static_cast<std::uint64_t>(std::max(seed, 0));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("draws the data set and the initial weights");
    ImGui::Checkbox("linear probe", &spec.probe);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("train the last layer only, on the frozen features (lecture 3)");
    const bool train = ImGui::Button("Train this network");
    session.recordControl("network/train");
    if (!train) return;
    try {
        ProblemSpec chosen = spec;
        chosen.layers = parseLayerSizes(state.layers);
        if (chosen.data.kind == DatasetKind::Linear) chosen.data.features = chosen.layers.front();
        session.setProblem(chosen);
    } catch (const std::invalid_argument& e) {
        session.say(std::string("layers: ") + e.what(), true);
    }
}

// The plane, and per racer what it hides.
void networkRace(Session& session, const Snapshot& snapshot, NetworkPanelState& state) {
    ImGui::TextWrapped("%s", snapshot.problem->name().c_str());
    PlaneSettings plane = session.race().plane;
    const PlaneSettings before = plane;
    enumCombo("plane", kPlaneKindNames, plane.kind);
    session.recordControl("network/plane");
    if (plane.kind == PlaneKind::Random) {
        int seed = static_cast<int>(plane.seed);
        if (ImGui::InputInt("plane seed", &seed)) plane.seed = static_cast<std::uint64_t>(std::max(seed, 0));
    }
    if (!(plane == before)) session.setPlane(plane);
    if (const LossPlane* shown = lossPlaneOf(*snapshot.landscape))
        ImGui::TextDisabled("the plane %s", shown->description.c_str());
    std::vector<OptimizerSettings> racers;
    for (const auto& path : snapshot.paths)
        racers.push_back(path.settings);
    const std::vector<std::string> labels = racerLabels(racers);
    for (std::size_t i = 0; i < snapshot.paths.size(); ++i) {
        const PathSnapshot& path = snapshot.paths[i];
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(session.colourOf(path.settings.id)), "%s",
                           labels[i].c_str());
        // Lazy training: the racer trains f(w0) + J(w0)(w - w0) instead of the network.
        bool linearized = path.settings.linearized;
        const std::string id = "linearized at w0##" + std::to_string(path.settings.id);
        ImGui::SameLine();
        if (ImGui::Checkbox(id.c_str(), &linearized)) session.setLinearized(path.settings.id, linearized);
        session.recordControl("network/linearized-" + std::to_string(path.settings.id));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("train the network's first-order Taylor model in its weights around the start,\n"
                              "f(w0) + J(w0)(w - w0): the neural-tangent (lazy) regime. The plots show how far\n"
                              "its weights run from the network's own racer of the same settings.");
        if (path.projection)
            ImGui::TextWrapped("  %s", honestyLine(*path.projection, !path.settings.linearized).c_str());
    }
    // Edge of stability: the sharpness along every path, plotted against each racer's 2 / eta.
    bool tracked = snapshot.sharpnessEvery > 0;
    if (ImGui::Checkbox("track sharpness", &tracked)) session.setSharpnessEvery(tracked ? state.sharpnessEvery : 0);
    session.recordControl("network/sharpness");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("the largest eigenvalue of the loss's Hessian along each path (Lanczos on Hessian-vector\n"
                          "products), in the plots against the racer's edge of stability: 2/eta for gradient\n"
                          "descent, 2(1+mu)/eta for momentum");
    if (tracked) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(look().px(90));
        int every = snapshot.sharpnessEvery;
        if (ImGui::InputInt("every k steps", &every) && every >= 1) {
            state.sharpnessEvery = every;
            session.setSharpnessEvery(every);
        }
    }
    if (ImGui::Button("Back to the landscape")) session.setLandscape(session.race().landscapeName, session.race().landscapeParameters, true);
    session.recordControl("network/back");
    // Another network from this one: wider, deeper, other data (the lazy-training lesson widens it).
    const bool another = ImGui::TreeNode("Another network");
    session.recordControl("network/another");
    if (!another) return;
    describeNetwork(session, state);
    ImGui::TreePop();
}

}  // namespace

std::vector<int> parseLayerSizes(const std::string& text) {
    std::vector<int> sizes;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = text.find_first_of("-,", i);
        if (end == std::string::npos) end = text.size();
        const std::string part = text.substr(i, end - i);
        if (part.empty() || part.find_first_not_of("0123456789 ") != std::string::npos)
            throw std::invalid_argument("expected sizes such as 2-16-16-1, got \"" + text + "\"");
        sizes.push_back(std::stoi(part));
        i = end + 1;
    }
    if (sizes.size() < 2) throw std::invalid_argument("give at least an input and an output size, such as 2-1");
    return sizes;
}

std::string honestyLine(const ProjectedPath& projection, bool withLoss) {
    char line[200];
    std::snprintf(line, sizeof line, "in the plane: %.0f%% of its motion; off it by up to %.3g",
                  100 * projection.explained, projection.maxDistance);
    std::string text = line;
    if (!withLoss) return text + " (the plane draws the network's loss, not its linearization's)";
    std::snprintf(line, sizeof line, "; loss differs by up to %.3g", projection.maxLossGap);
    return text + line;
}

void drawNetworkSection(Session& session, const Snapshot& snapshot, NetworkPanelState& state) {
    if (const auto& racing = session.race().problem; racing && racing != state.filledFrom) {
        state.filledFrom = racing;
        state.spec = *racing;
        std::string layers;
        for (const int size : racing->layers)
            layers += (layers.empty() ? "" : "-") + std::to_string(size);
        std::snprintf(state.layers, sizeof state.layers, "%s", layers.c_str());
    }
    if (snapshot.problem) ImGui::SetNextItemOpen(true, ImGuiCond_Always);
    const bool open = ImGui::CollapsingHeader("Small real network");
    session.recordControl("network");
    if (!open) return;
    if (snapshot.problem)
        networkRace(session, snapshot, state);
    else
        describeNetwork(session, state);
}

}  // namespace gradscape

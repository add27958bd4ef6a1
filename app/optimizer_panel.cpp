#include "optimizer_panel.h"

#include "analysis.h"
#include "notation.h"

#include "palette.h"
#include "theme.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

namespace gradscape {
namespace {

void disabledWrappedText(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

// Where ImGui's slider draws value v within its frame [left, right]: between the grab's half-widths
// inside a 2-pixel padding, on a log scale for a logarithmic slider (imgui_widgets.cpp, SliderBehaviorT).
float sliderX(float left, float right, double v, double lo, double hi, bool logarithmic) {
    const float padding = 2, grab = ImGui::GetStyle().GrabMinSize;
    const double t = logarithmic ? std::log(v / lo) / std::log(hi / lo) : (v - lo) / (hi - lo);
    return left + padding + grab / 2 +
           static_cast<float>(std::clamp(t, 0.0, 1.0)) * (right - left - 2 * padding - grab);
}

// The safe range on the learning-rate slider's track: green below the stability bound, red past it
// (blue and orange in the colour-blind-safe theme), and a tick at the bound, so a student sees where
// the slider leaves the stable steps.
void drawSafeRange(double bound, double lo, double hi, const char* boundName) {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const float x = sliderX(min.x, max.x, bound, lo, hi, true);
    ImDrawList* list = ImGui::GetWindowDrawList();
    const Look& l = look();
    const float top = max.y - l.px(5);
    list->AddRectFilled({min.x + 1, top}, {x, max.y - 1}, l.safe);
    list->AddRectFilled({x, top}, {max.x - 1, max.y - 1}, l.unsafe);
    list->AddLine({x, min.y}, {x, max.y}, l.bound, l.line(2));
    const bool colourBlindSafe = l.theme == Theme::ColourBlindSafe;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("stable here for \xce\xb7 < %.4g = %s (%s); past it (%s) the run diverges", bound,
                          boundName, colourBlindSafe ? "blue" : "green", colourBlindSafe ? "orange" : "red");
}

// One hyperparameter: a slider within its allowed range and a typed value checked on Enter. A finite
// `safeBelow` marks the stable range on a learning-rate slider.
bool hyperparameterControl(Session& session, int id, const HyperparameterSpec& spec, double& value,
                           double safeBelow, const char* boundName) {
    bool changed = false;
    const std::string key = std::to_string(id) + "/" + spec.name;
    // Sliders stay strictly inside open bounds, so they can never produce a refused value.
    // A logarithmic slider starts at 10^-decades: ImGui maps values below 10^-(printed digits) to its left
    // end, so the format prints that many digits.
    const int decades = spec.field == &Hyperparameters::learningRate ? 5 : 12;
    const std::string logFormat = "%." + std::to_string(decades) + "g";
    const double lo = spec.minimumIncluded
                          ? spec.minimum
                          : (spec.logarithmic ? std::pow(10.0, -decades) : spec.minimum + 1e-9);
    const double hi = spec.maximumIncluded
                          ? (spec.logarithmic ? std::min(spec.maximum, 10.0) : std::min(spec.maximum, 100.0))
                          : spec.maximum - 1e-4;
    ImGui::PushID(spec.name);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    double sliderValue = std::clamp(value, lo, hi);
    if (ImGui::SliderScalar("##slider", ImGuiDataType_Double, &sliderValue, &lo, &hi,
                            spec.logarithmic ? logFormat.c_str() : "%.4f",
                            spec.logarithmic ? ImGuiSliderFlags_Logarithmic : ImGuiSliderFlags_None)) {
        value = sliderValue;
        changed = true;
        session.inputErrors.erase(key);
    }
    if (std::isfinite(safeBelow) && safeBelow > 0 && spec.logarithmic)
        drawSafeRange(safeBelow, lo, hi, boundName);
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
        ImGui::TextColored(look().error, "%s", it->second.c_str());
    ImGui::PopID();
    return changed;
}

// The lectures' step-size bounds at the optimizer's current iterate, in red when the rate is past them.
void stabilityBounds(const Snapshot& snapshot, const PathSnapshot& path) {
    const Trajectory& t = *path.trajectory;
    if (t.points.empty()) return;
    const Hyperparameters& h = path.settings.hyperparameters;
    const bool heavyBall = path.settings.kind == "momentum" || path.settings.kind == "nesterov";
    const StepSizeBounds b = stepSizeBoundsAt(*snapshot.landscape, t.points.back(), h.momentum);
    const double bound = heavyBall ? b.heavyBall : b.gradientDescent;
    char text[200];
    std::snprintf(text, sizeof text,
                  "here: stable for \xce\xb7 < %s = %.3g;  lecture 2's 2 g'g / g'Hg = %.3g",
                  heavyBall ? "(2 + 2\xce\xbc) / \xce\xbbmax" : "2 / \xce\xbbmax", bound, b.alongGradient);
    if (std::isinf(bound))
        std::snprintf(text, sizeof text, "here: no curvature bound (\xce\xbbmax \xe2\x89\xa4 0)");
    const bool past = h.learningRate >= bound;
    ImGui::PushStyleColor(ImGuiCol_Text,
                          past ? look().error : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s%s", text, past ? "  -- past the bound: expect divergence" : "");
    ImGui::PopStyleColor();
}

// The learning-rate schedule: a kind and the numbers that kind uses.
bool scheduleControls(Schedule& schedule) {
    static const char* kinds[] = {"constant", "step decay", "exponential", "1/t", "cosine", "linear warm-up"};
    bool changed = false;
    int kind = static_cast<int>(schedule.kind);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    if (ImGui::Combo("schedule", &kind, kinds, IM_ARRAYSIZE(kinds))) {
        schedule.kind = static_cast<Schedule::Kind>(kind);
        changed = true;
    }
    const float width = ImGui::GetContentRegionAvail().x * 0.5f;
    auto positiveInt = [&](const char* label, int& v) {
        ImGui::SetNextItemWidth(width);
        int typed = v;
        if (ImGui::InputInt(label, &typed) && typed >= 1) v = typed, changed = true;
    };
    auto fraction = [&](const char* label, double& v, double lo, double hi) {
        ImGui::SetNextItemWidth(width);
        changed |= ImGui::SliderScalar(label, ImGuiDataType_Double, &v, &lo, &hi, "%.4g");
    };
    using Kind = Schedule::Kind;
    if (schedule.kind == Kind::StepDecay) positiveInt("every N steps", schedule.stepSize);
    if (schedule.kind == Kind::StepDecay || schedule.kind == Kind::Exponential)
        fraction("gamma", schedule.gamma, 0.5, 1.0);
    if (schedule.kind == Kind::InverseTime) fraction("decay", schedule.decay, 0.0, 1.0);
    if (schedule.kind == Kind::Cosine) {
        positiveInt("period T", schedule.period);
        fraction("minimum rate", schedule.minimumRate, 0.0, 0.1);
    }
    if (schedule.kind == Kind::Warmup) positiveInt("warm-up steps", schedule.warmupSteps);
    return changed;
}

}  // namespace

void addOptimizerControls(Session& session) {
    static int selected = 0;
    const auto& catalog = optimizerCatalog();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
    if (ImGui::BeginCombo("##kind", catalog[selected].title.c_str())) {
        for (int i = 0; i < static_cast<int>(catalog.size()); ++i)
            if (ImGui::Selectable(catalog[i].title.c_str(), i == selected)) selected = i;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button("Add optimizer")) session.addOptimizer(catalog[selected].name);
    session.recordControl("add-optimizer");
}

void optimizerSection(Session& session, const Snapshot& snapshot, const PathSnapshot& path) {
    const OptimizerSettings& settings = path.settings;
    const OptimizerInfo& info = optimizerInfo(settings.kind);
    const int id = settings.id;
    ImGui::PushID(id);
    ImVec4 colour = ImGui::ColorConvertU32ToFloat4(session.colourOf(id));
    if (ImGui::ColorEdit3("##colour", &colour.x, ImGuiColorEditFlags_NoInputs))
        session.colours[id] = ImGui::ColorConvertFloat4ToU32(colour);
    session.recordControl("colour-" + std::to_string(id));
    ImGui::SameLine();
    bool enabled = settings.enabled;
    if (ImGui::Checkbox("##enabled", &enabled)) session.solver->post(command::SetEnabled{id, enabled});
    ImGui::SameLine();
    const std::string header = std::to_string(id) + ". " + info.title + "###header";
    if (ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        disabledWrappedText(mathNotation(updateRuleFor(settings)));
        Hyperparameters h = settings.hyperparameters;
        bool changed = false;
        // The bounds are about plain gradient steps; adaptive and sign methods rescale them away.
        static const std::set<std::string> gradientSteps = {"gd", "sgd", "momentum", "nesterov",
                                                            "coordinate"};
        const bool bounded = gradientSteps.count(settings.kind) && !path.trajectory->points.empty();
        const bool heavyBall = settings.kind == "momentum" || settings.kind == "nesterov";
        double safeBelow = std::numeric_limits<double>::infinity();
        if (bounded) {
            const StepSizeBounds b = stepSizeBoundsAt(*snapshot.landscape, path.trajectory->points.back(),
                                                      settings.hyperparameters.momentum);
            safeBelow = heavyBall ? b.heavyBall : b.gradientDescent;
        }
        const char* boundName = heavyBall ? "(2 + 2\xce\xbc) / \xce\xbbmax" : "2 / \xce\xbbmax";
        for (const auto& spec : hyperparameterSpecs())
            if (std::find(info.hyperparameters.begin(), info.hyperparameters.end(), spec.name) !=
                info.hyperparameters.end())
                changed |= hyperparameterControl(session, id, spec, h.*spec.field,
                                                 spec.field == &Hyperparameters::learningRate
                                                     ? safeBelow
                                                     : std::numeric_limits<double>::infinity(),
                                                 boundName);
        if (bounded) stabilityBounds(snapshot, path);
        if (settings.kind == "momentum") {
            // The lectures' z <- beta z + (1 - beta) g is torch's dampening = momentum.
            bool emaForm = h.dampening == h.momentum;
            if (ImGui::Checkbox("lecture EMA form: dampening = momentum", &emaForm)) {
                h.dampening = emaForm ? h.momentum : 0.0;
                changed = true;
            }
        }
        for (const auto& option : info.options)
            changed |= ImGui::Checkbox(option.label.c_str(), &(h.*option.field));
        if (info.usesSchedule) changed |= scheduleControls(h.schedule);
        if (info.usesMemory) {
            ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
            changed |= ImGui::SliderInt("memory m", &h.memory, 1, kMaxMemory);
        }
        // A minibatch needs samples: the control appears on data landscapes only.
        if (info.usesBatchSize && !snapshot.landscape->samples().empty()) {
            const int samples = static_cast<int>(snapshot.landscape->samples().size());
            ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
            changed |= ImGui::SliderInt("batch size", &h.batchSize, 1, samples);
        }
        if (info.usesSeed) {
            int seed = static_cast<int>(h.seed);
            ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
            if (ImGui::InputInt("seed", &seed) && seed >= 0)
                h.seed = static_cast<std::uint64_t>(seed), changed = true;
        }
        if (changed) session.solver->post(command::SetHyperparameters{id, h});

        bool follows = session.followsShared[id];
        if (ImGui::Checkbox("follow the shared start", &follows)) session.setFollowsShared(id, follows);
        session.recordControl("follow-" + std::to_string(id));
        ImGui::SameLine();
        ImGui::TextDisabled("(%.3g, %.3g)", settings.start.x(), settings.start.y());
        if (!path.state.note.empty()) disabledWrappedText(path.state.note);
        if (ImGui::SmallButton("Remove")) session.removeOptimizer(id);
    }
    ImGui::PopID();
}

}  // namespace gradscape

#include "panels/optimizer_panel.h"

#include "optimizers/stability.h"
#include "scene/scene_names.h"
#include "view/notation.h"

#include "palette.h"
#include "theme.h"
#include "panels/typed_input.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>

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

// Applies one settled value of a hyperparameter: in range, it replaces `value` and clears the control's
// error; out of range, the error says why and `value` stays.
bool applyHyperparameter(Session& session, const std::string& key, const HyperparameterSpec& spec,
                         double& value, std::optional<double> settled) {
    if (!settled) return false;
    if (*settled == value) return session.inputErrors.erase(key), false;  // the value in use: nothing refused
    if (std::string complaint = checkHyperparameter(spec, *settled); !complaint.empty()) {
        session.inputErrors[key] = complaint;
        return false;
    }
    value = *settled;
    session.inputErrors.erase(key);
    return true;
}

// One hyperparameter: a slider within its allowed range and a typed value, applied when typing ends
// (Enter or focus leaves; Ctrl+click typing into the slider too). A finite `safeBelow` marks the stable
// range on a learning-rate slider.
bool hyperparameterControl(Session& session, int id, const HyperparameterSpec& spec, double& value,
                           double safeBelow, const std::string& boundName) {
    bool changed = false;
    const std::string key = std::to_string(id) + "/" + spec.name;
    // Sliders stay strictly inside open bounds, so dragging can never produce a refused value.
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
    const bool slid = ImGui::SliderScalar("##slider", ImGuiDataType_Double, &sliderValue, &lo, &hi,
                                          spec.logarithmic ? logFormat.c_str() : "%.4f",
                                          spec.logarithmic ? ImGuiSliderFlags_Logarithmic : ImGuiSliderFlags_None);
    changed |= applyHyperparameter(session, key, spec, value, settledValue(session, slid, sliderValue));
    session.recordControl(key + "/slider");
    if (std::isfinite(safeBelow) && safeBelow > 0 && spec.logarithmic)
        drawSafeRange(safeBelow, lo, hi, boundName.c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
    double typed = value;
    const bool edited = ImGui::InputDouble("##typed", &typed, 0, 0, "%.6g");
    changed |= applyHyperparameter(session, key, spec, value, settledValue(session, edited, typed));
    session.recordControl(key + "/typed");
    ImGui::SameLine();
    ImGui::TextUnformatted(spec.label);
    if (auto it = session.inputErrors.find(key); it != session.inputErrors.end())
        errorText(it->second);
    ImGui::PopID();
    return changed;
}

// What the optimizer's own update map, linearized at its current iterate, says about its learning rate:
// the bound with its formula, or why there is none, and the predicted contraction per step at the
// current rate. Red only when the rate is past the true bound.
void stabilitySummary(const StabilityAnalysis& a, const OptimizerSettings& settings) {
    const double lr = settings.hyperparameters.learningRate;
    const bool past = a.learningRateBound && lr >= *a.learningRateBound;
    const bool growing = a.rate && *a.rate > 1;
    std::string text;
    char line[320];
    if (a.learningRateBound) {
        std::snprintf(line, sizeof line, "here: stable for \xce\xb7 < %.4g = %s", *a.learningRateBound,
                      mathNotation(a.boundFormula).c_str());
        text = line;
    } else {
        text = "here: " + mathNotation(a.why);  // says itself that no fixed bound exists, and why
    }
    if (a.rate) {
        std::snprintf(line, sizeof line, growing ? ";  at \xce\xb7 = %.4g it grows x%.4g per step"
                                                 : ";  at \xce\xb7 = %.4g it contracts x%.4g per step",
                      lr, *a.rate);
        text += line;
    }
    if (a.alongGradient) {
        std::snprintf(line, sizeof line, ";  lecture 2's one-step bound 2 g'g / g'Hg = %.4g", *a.alongGradient);
        text += line;
    }
    if (!a.note.empty()) text += "  (" + mathNotation(a.note) + ")";
    if (past) text += "  -- past the bound: expect divergence";
    ImGui::PushStyleColor(ImGuiCol_Text,
                          past || growing ? look().error : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

// The learning-rate schedule: a kind and the numbers that kind uses.
bool scheduleControls(Session& session, Schedule& schedule) {
    bool changed = false;
    // The kinds as the scene files' table labels them, so a new kind is one row there.
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    if (ImGui::BeginCombo("schedule", labelOf(kScheduleKinds, schedule.kind))) {
        for (const auto& kind : kScheduleKinds) {
            ImGui::PushID(&kind);
            const bool current = kind.value == schedule.kind;
            if (ImGui::Selectable(kind.label, current)) {
                schedule.kind = kind.value;
                changed = true;
            }
            if (current) ImGui::SetItemDefaultFocus();
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    const float width = ImGui::GetContentRegionAvail().x * 0.5f;
    auto positiveInt = [&](const char* label, int& v) {
        ImGui::SetNextItemWidth(width);
        int typed = v;
        const bool edited = ImGui::InputInt(label, &typed);
        if (auto settled = settledValue(session, edited, typed); settled && *settled >= 1 && *settled != v)
            v = static_cast<int>(*settled), changed = true;
    };
    auto fraction = [&](const char* label, double& v, double lo, double hi) {
        ImGui::SetNextItemWidth(width);
        double shown = v;
        const bool edited = ImGui::SliderScalar(label, ImGuiDataType_Double, &shown, &lo, &hi, "%.4g");
        if (auto settled = settledValue(session, edited, shown); settled && *settled != v) {
            // A typed value outside the slider's range is clamped into it, as a drag would be.
            v = std::clamp(*settled, lo, hi);
            changed = true;
        }
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

void addOptimizerControls(Session& session, int& selected) {
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
        session.setColour(id, ImGui::ColorConvertFloat4ToU32(colour));
    session.recordControl("colour-" + std::to_string(id));
    ImGui::SameLine();
    bool enabled = settings.enabled;
    if (ImGui::Checkbox("##enabled", &enabled)) session.setEnabled(id, enabled);
    ImGui::SameLine();
    // A racer on a network's linearization says so where its settings are changed too.
    const std::string header = std::to_string(id) + ". " + info.title +
                               (settings.linearized && snapshot.problem ? " (linearized)" : "") +
                               "###header";
    if (ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
        disabledWrappedText(mathNotation(updateRuleFor(settings)));
        Hyperparameters h = settings.hyperparameters;
        bool changed = false;
        // The bound and rate of this optimizer's own update map at its current iterate, as the solver
        // worked them out for this snapshot.
        const std::optional<StabilityAnalysis>& stability = path.analysis->stabilityAtLatest;
        const double safeBelow = stability && stability->learningRateBound
                                     ? *stability->learningRateBound
                                     : std::numeric_limits<double>::infinity();
        const std::string boundName = stability ? mathNotation(stability->boundFormula) : "";
        for (const auto& spec : hyperparameterSpecs()) {
            if (std::find(info.hyperparameters.begin(), info.hyperparameters.end(), spec.name) ==
                info.hyperparameters.end())
                continue;
            // In the EMA form dampening follows momentum: it is shown, not set.
            if (spec.field == &Hyperparameters::dampening && h.dampeningFollowsMomentum) {
                ImGui::TextDisabled("dampening = momentum = %.4g (EMA form)", h.momentum);
                continue;
            }
            changed |= hyperparameterControl(session, id, spec, h.*spec.field,
                                             spec.field == &Hyperparameters::learningRate
                                                 ? safeBelow
                                                 : std::numeric_limits<double>::infinity(),
                                             boundName);
        }
        if (stability) stabilitySummary(*stability, settings);
        if (info.reads("dampening")) {
            // The lectures' z <- beta z + (1 - beta) g is torch's dampening = momentum. The form is a stored
            // choice: it stays ticked whatever momentum is set to.
            changed |= ImGui::Checkbox("lecture EMA form: dampening = momentum", &h.dampeningFollowsMomentum);
            session.recordControl(std::to_string(id) + "/ema-form");
        }
        for (const auto& option : info.options)
            changed |= ImGui::Checkbox(option.label.c_str(), &(h.*option.field));
        if (info.usesSchedule) changed |= scheduleControls(session, h.schedule);
        if (info.usesMemory) {
            ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
            int memory = h.memory;
            const bool edited = ImGui::SliderInt("memory m", &memory, 1, kMaxMemory);
            if (auto settled = settledValue(session, edited, memory); settled && *settled != h.memory)
                h.memory = std::clamp(static_cast<int>(*settled), 1, kMaxMemory), changed = true;
        }
        // A minibatch needs samples: the control appears on data landscapes only.
        if (info.usesBatchSize && !snapshot.landscape->samples().empty()) {
            const int samples = static_cast<int>(snapshot.landscape->samples().size());
            ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
            int batch = h.batchSize;
            const bool edited = ImGui::SliderInt("batch size", &batch, 1, samples);
            if (auto settled = settledValue(session, edited, batch); settled && *settled != h.batchSize)
                h.batchSize = std::clamp(static_cast<int>(*settled), 1, samples), changed = true;
        }
        if (info.usesSeed) {
            int seed = static_cast<int>(h.seed);
            ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
            const bool edited = ImGui::InputInt("seed", &seed);
            if (auto settled = settledValue(session, edited, seed); settled && *settled >= 0 && *settled != h.seed)
                h.seed = static_cast<std::uint64_t>(*settled), changed = true;
        }
        if (changed) session.setHyperparameters(id, h);

        bool follows = session.followsShared(id);
        if (ImGui::Checkbox("follow the shared start", &follows)) session.setFollowsShared(id, follows);
        session.recordControl("follow-" + std::to_string(id));
        // Typed start: a follower moves the shared start, and with it every follower.
        ImGui::TextUnformatted("start");
        ImGui::SameLine();
        if (auto start = typedPoint(session, std::to_string(id) + "/start", settings.start))
            session.moveStart(id, *start);
        if (!path.state.note.empty()) disabledWrappedText(path.state.note);
        if (ImGui::SmallButton("Remove")) session.removeOptimizer(id);
    }
    ImGui::PopID();
}

}  // namespace gradscape

#include "panels/typed_input.h"

#include "theme.h"
#include "optimizers/trajectory.h"

#include <imgui_internal.h>

#include <cmath>
#include <cstdio>

namespace gradscape {

std::optional<double> settledValue(Session& session, bool edited, double value) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiID id = ImGui::GetItemID();
    // A slider in Ctrl+click text mode, or an input field being typed into, owns the text input.
    const bool typing = id != 0 && g.ActiveId == id && g.InputTextState.ID == id;
    auto held = session.typedValues.find(id);
    if (edited && (typing || held != session.typedValues.end())) {
        session.typedValues[id] = value;
        held = session.typedValues.find(id);
    }
    if (typing) return std::nullopt;
    if (held != session.typedValues.end()) {  // typing ended: Enter, Tab, or a click elsewhere
        const double typed = held->second;
        session.typedValues.erase(held);
        return typed;
    }
    if (edited) return value;
    return std::nullopt;
}

}  // namespace gradscape

namespace gradscape {

std::optional<Vec2> typedPoint(Session& session, const std::string& key, const Vec2& current) {
    std::optional<Vec2> result;
    ImGui::PushID(key.c_str());
    const float width = ImGui::GetFontSize() * 6;
    for (int axis = 0; axis < 2; ++axis) {
        if (axis == 1) ImGui::SameLine();
        ImGui::SetNextItemWidth(width);
        double typed = current[axis];
        const bool edited = ImGui::InputDouble(axis == 0 ? "X" : "Y", &typed, 0, 0, "%.6g");
        session.recordControl(key + (axis == 0 ? "/x" : "/y"));
        const std::optional<double> settled = settledValue(session, edited, typed);
        if (!settled || *settled == current[axis]) continue;
        if (!std::isfinite(*settled) || std::abs(*settled) > kDivergenceRadius) {
            char text[160];
            std::snprintf(text, sizeof text, "a start coordinate must be finite and within +-%.0e, got %g",
                          kDivergenceRadius, *settled);
            session.inputErrors[key] = text;
            session.say(text, true);
            continue;
        }
        if (auto it = session.inputErrors.find(key); it != session.inputErrors.end()) {
            if (session.statusIsError && session.status == it->second) session.say("");
            session.inputErrors.erase(it);
        }
        result = current;
        (*result)[axis] = *settled;
    }
    if (auto it = session.inputErrors.find(key); it != session.inputErrors.end())
        errorText(it->second);
    ImGui::PopID();
    return result;
}

}  // namespace gradscape

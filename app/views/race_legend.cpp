#include "views/race_legend.h"

#include "view/notation.h"
#include "optimizers/racer_labels.h"
#include "theme.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace gradscape {
namespace {

struct Entry {
    ImU32 colour;
    std::string title, detail;
    bool diverged;
};

std::vector<Entry> legendEntries(const Session& session, const Snapshot& snapshot) {
    std::vector<const PathSnapshot*> shown;
    std::vector<OptimizerSettings> settings;
    for (const auto& path : snapshot.paths)
        if (path.settings.enabled) shown.push_back(&path), settings.push_back(path.settings);
    const std::vector<std::string> labels = legendTitles(settings);
    std::vector<Entry> entries;
    for (size_t i = 0; i < shown.size(); ++i) {
        const PathSnapshot& path = *shown[i];
        const Trajectory& t = *path.trajectory;
        Entry e{session.colourOf(path.settings.id), labels[i], "", t.diverged()};
        if (t.diverged())
            e.detail = t.divergenceMessage();
        else if (!t.losses.empty()) {
            char text[96];
            std::snprintf(text, sizeof text, "loss %.4e   step %d", t.losses.back(), t.steps());
            e.detail = text;
        }
        entries.push_back(std::move(e));
    }
    return entries;
}

}  // namespace

std::vector<std::string> legendTitles(const std::vector<OptimizerSettings>& racers) {
    std::vector<std::string> titles = racerLabels(racers);
    for (size_t i = 0; i < titles.size(); ++i)
        if (titles[i].find("\xce\xb7") == std::string::npos)  // the label does not name eta already
            titles[i] += "  (lr " + viewNumber(racers[i].hyperparameters.learningRate) + ")";
    return titles;
}

ImVec2 leastCoveredCorner(ImVec2 areaMin, ImVec2 areaMax, ImVec2 size, float margin,
                          const std::vector<ImVec2>& marks) {
    const float left = areaMin.x + margin, right = areaMax.x - margin - size.x;
    const float top = areaMin.y + margin, bottom = areaMax.y - margin - size.y;
    ImVec2 best(right, top);
    size_t fewest = SIZE_MAX;
    for (ImVec2 corner :
         {ImVec2(right, top), ImVec2(left, top), ImVec2(right, bottom), ImVec2(left, bottom)}) {
        const size_t hidden = std::count_if(marks.begin(), marks.end(), [&](ImVec2 m) {
            return m.x >= corner.x && m.x <= corner.x + size.x && m.y >= corner.y && m.y <= corner.y + size.y;
        });
        if (hidden < fewest) fewest = hidden, best = corner;
    }
    return best;
}

void drawRaceLegend(ImDrawList* list, const Session& session, const Snapshot& snapshot,
                    const LegendFrame& frame) {
    const std::vector<Entry> entries = legendEntries(session, snapshot);
    const float areaWidth = frame.areaMax.x - frame.areaMin.x, areaHeight = frame.areaMax.y - frame.areaMin.y;
    // The formula joins the name where it fits; a long one (Goldstein-Price) on a small view does not.
    // A network is named by itself: its layers, activation, data set and loss.
    const std::string name = snapshot.problem ? snapshot.problem->name() : session.race().landscapeName;
    std::string heading = snapshot.problem ? name + frame.headingSuffix
                                           : name + frame.headingSuffix + ":  " + mathNotation(snapshot.landscape->formula());
    if (ImGui::CalcTextSize(heading.c_str()).x > areaWidth * 0.6f) heading = name + frame.headingSuffix;
    const Look& l = look();
    float lineHeight = ImGui::GetTextLineHeight(), pad = l.px(8), swatch = l.px(22), gap = l.px(4);
    auto widthOf = [&](bool details) {
        float width = ImGui::CalcTextSize(heading.c_str()).x;
        for (const auto& e : entries)
            width = std::max({width, swatch + ImGui::CalcTextSize(e.title.c_str()).x,
                              details ? swatch + ImGui::CalcTextSize(e.detail.c_str()).x : 0.0f});
        return width;
    };
    auto heightOf = [&](bool details) {
        return lineHeight * (1 + (details ? 2 : 1) * entries.size()) + pad * 2 + gap * entries.size();
    };
    const bool details = widthOf(true) < 0.5f * areaWidth && heightOf(true) < 0.4f * areaHeight;
    // Even one line per racer may be wider than a narrow view at a large UI scale: then the legend's text
    // is set smaller, so the legend is never cut by the view's edge.
    // Nor does it take more than about half the view's width and a third of its height where a smaller
    // font (down to 60%) keeps it within that.
    const float needed = std::min((areaWidth - 2 * l.px(8)) / (widthOf(details) + 2 * pad),
                                  (areaHeight - 2 * l.px(8)) / heightOf(details));
    const float modest =
        std::max(0.6f, std::min(0.55f * areaWidth / (widthOf(details) + 2 * pad), 0.35f * areaHeight / heightOf(details)));
    const float fit = std::clamp(std::min(needed, modest), 0.4f, 1.0f);
    const float fontSize = ImGui::GetFontSize() * fit;
    const float width = widthOf(details) * fit, height = heightOf(details) * fit;
    pad *= fit, swatch *= fit, gap *= fit, lineHeight *= fit;
    const ImVec2 min =
        leastCoveredCorner(frame.areaMin, frame.areaMax, {width + 2 * pad, height}, l.px(8), frame.marks);
    const ImVec2 max(min.x + width + 2 * pad, min.y + height);
    list->AddRectFilled(min, max, l.legendBackground, l.px(6));
    float y = min.y + pad;
    ImFont* font = ImGui::GetFont();
    list->AddText(font, fontSize, {min.x + pad, y}, l.mark, heading.c_str());
    y += lineHeight + gap;
    for (const auto& e : entries) {
        const float mid = y + lineHeight * 0.5f;
        list->AddLine({min.x + pad, mid}, {min.x + pad + swatch - l.px(6), mid}, e.colour, l.line(4));
        list->AddText(font, fontSize, {min.x + pad + swatch, y}, l.mark, e.title.c_str());
        if (details)
            list->AddText(font, fontSize, {min.x + pad + swatch, y + lineHeight},
                          e.diverged ? l.errorU32() : l.legendDetail, e.detail.c_str());
        y += (details ? 2 : 1) * lineHeight + gap;
    }
}

}  // namespace gradscape

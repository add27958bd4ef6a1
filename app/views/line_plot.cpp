#include "views/line_plot.h"

#include "theme.h"
#include "views/contour_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace gradscape {
namespace {

// Sizes at UI scale 1, scaled by look().px; colours from look().
constexpr float kPlotLeftMargin = 64, kPlotRightMargin = 12, kPlotBottomMargin = 22, kTitleGap = 4;
constexpr ImU32 kCursor = IM_COL32(255, 255, 255, 90);
// How far (pixels) a simplified polyline may pass from a point it dropped: far below what anti-aliasing
// shows (an edge moves by at most a few levels of 255), yet most points of a smooth curve go.
constexpr float kTolerance = 0.05f;

// Maps steps and axis values (the value, or log10 of it on a log axis) to pixels. On a log axis every
// value sits at or above the floor: smaller ones, zeros and negatives are drawn on it.
struct Axes {
    float x = 0, y = 0, width = 0, height = 0;
    int lastStep = 1;
    double stepSpan = 1;    // the axis runs a little past lastStep, so the current step's marker shows
    double lo = 0, hi = 1;  // in axis units
    double floor = 0;       // the smallest value a log axis shows
    bool log = false;

    double toAxis(double v) const {
        if (!log || std::isnan(v)) return v;
        return std::log10(std::max(v, floor));
    }
    float screenX(double step) const { return x + static_cast<float>(step / stepSpan) * width; }
    float screenY(double a) const {
        const double t = std::clamp((a - lo) / (hi - lo), -0.02, 1.02);
        return y + height - static_cast<float>(t) * height;
    }
};

std::string tickLabel(double v, bool log) {
    char text[32];
    const int e = log ? static_cast<int>(std::lround(std::log10(v))) : 0;
    // Powers of ten as decades; anything else (a log axis spanning less than a decade) as a number.
    if (log && std::abs(v / std::pow(10.0, e) - 1) < 1e-9) {
        if (e >= -2 && e <= 3)
            std::snprintf(text, sizeof text, "%g", std::pow(10.0, e));
        else
            std::snprintf(text, sizeof text, "1e%d", e);
    } else {
        std::snprintf(text, sizeof text, "%.3g", std::abs(v) < 1e-12 ? 0.0 : v);
    }
    return text;
}

std::string stepLabel(double step) {
    char text[32];
    if (step >= 1e6)
        std::snprintf(text, sizeof text, "%gM", step / 1e6);
    else if (step >= 1e4)
        std::snprintf(text, sizeof text, "%gk", step / 1e3);
    else
        std::snprintf(text, sizeof text, "%.0f", step);
    return text;
}

// A series with the summary the plot reads it through: the caller's, or one made for this frame.
struct Plotted {
    const LinePlotSeries* series = nullptr;
    SeriesValues values;  // no more than the summary describes
    const SeriesSummary* summary = nullptr;
    LinePlotMemory::Series* memory = nullptr;  // what this frame draws of it (remembered or not)
};

// Sets the axes' value range from the series' extremes in axis units (the axis maps values monotonically,
// so their extremes are the axis values' extremes); false when there is nothing to draw. On a log axis
// whose values reach the floor, the floor is the bottom.
bool setValueRange(const std::vector<Plotted>& plotted, Axes& axes, bool clamped) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const Plotted& p : plotted) {
        const SeriesExtremes e = p.summary->extremes(p.values, 0, p.values.size());
        if (!e.empty()) lo = std::min(lo, axes.toAxis(e.lowest)), hi = std::max(hi, axes.toAxis(e.highest));
    }
    if (!(hi >= lo)) return false;
    // A flat series gets a band around it; otherwise a little room above and below.
    const double pad = hi > lo ? 0.05 * (hi - lo) : (axes.log ? 0.5 : std::max(1e-12, 0.1 * std::abs(hi)));
    axes.lo = lo - (clamped ? 0.5 * pad : pad), axes.hi = hi + pad;
    return true;
}

std::vector<double> yTicks(const Axes& axes, int targetCount) {
    if (!axes.log) return niceTicks(axes.lo, axes.hi, targetCount);
    const double lo = std::pow(10.0, axes.lo), hi = std::pow(10.0, axes.hi);
    std::vector<double> ticks = decadeTicks(lo, hi, targetCount);
    // Less than a decade: plain values placed on the log axis.
    if (ticks.size() < 2) ticks = niceTicks(lo, hi, 3);
    return ticks;
}

void drawAxes(ImDrawList* list, const Axes& axes) {
    const Look& l = look();
    const ImVec2 min(axes.x, axes.y), max(axes.x + axes.width, axes.y + axes.height);
    const float fontSize = ImGui::GetFontSize();
    float lastLabelTop = 1e9f;  // tick labels that would touch the one below are left out
    for (double t : yTicks(axes, std::max(2, static_cast<int>(axes.height / l.px(34))))) {
        const float sy = axes.screenY(axes.toAxis(t));
        if (sy < min.y - 0.5f || sy > max.y + 0.5f) continue;
        list->AddLine({min.x, sy}, {max.x, sy}, l.grid, l.line(1));
        list->AddLine({min.x - l.px(4), sy}, {min.x, sy}, l.axis, l.line(1));
        if (sy + fontSize / 2 > lastLabelTop) continue;
        const std::string label = tickLabel(t, axes.log);
        const float w = ImGui::CalcTextSize(label.c_str()).x;
        list->AddText({min.x - l.px(6) - w, sy - fontSize / 2}, l.axis, label.c_str());
        lastLabelTop = sy - fontSize / 2;
    }
    // The axis name sits at the right end, under the latest steps; tick labels keep clear of it.
    const float nameWidth = ImGui::CalcTextSize("step").x;
    list->AddText({max.x - nameWidth, max.y + l.px(4)}, l.axis, "step");
    float lastLabelEnd = -1e9f;
    for (double t : niceTicks(0, axes.lastStep, std::max(2, static_cast<int>(axes.width / l.px(70))))) {
        if (t != std::floor(t)) continue;  // steps are whole
        const float sx = axes.screenX(t);
        list->AddLine({sx, max.y}, {sx, max.y + l.px(4)}, l.axis, l.line(1));
        const std::string label = stepLabel(t);
        const float w = ImGui::CalcTextSize(label.c_str()).x;
        if (sx - w / 2 < lastLabelEnd + l.px(6) || sx + w / 2 > max.x - nameWidth - l.px(8)) continue;
        list->AddText({sx - w / 2, max.y + l.px(4)}, l.axis, label.c_str());
        lastLabelEnd = sx + w / 2;
    }
}

std::string floorText(double floor) {
    char text[48];
    std::snprintf(text, sizeof text, "%.0e", floor);
    return text;
}

// The title, the value's name heading the tick column, and on the right the axis scale (with the log
// axis's floor where values reach it), shortened or left out where the title needs the room. With
// options.axis the scale note is a button: a click switches linear <-> log.
void drawTitleRow(ImDrawList* list, ImVec2 pos, ImVec2 size, const LinePlotOptions& options, const Axes& axes,
                  bool clamped) {
    const Look& l = look();
    const float left = pos.x + l.px(kPlotLeftMargin);
    list->AddText({left, pos.y}, l.mark, options.title.c_str());
    const float labelWidth = ImGui::CalcTextSize(options.yLabel.c_str()).x;
    list->AddText({left - l.px(6) - labelWidth, pos.y}, l.axis, options.yLabel.c_str());
    const float titleEnd = left + ImGui::CalcTextSize(options.title.c_str()).x;
    const float right = pos.x + size.x - l.px(kPlotRightMargin);
    const std::string floor = "log scale, floor " + floorText(axes.floor);
    const std::vector<std::string> notes =
        !axes.log ? std::vector<std::string>{"linear scale", "linear"}
        : clamped ? std::vector<std::string>{floor, "log, floor " + floorText(axes.floor), "log"}
                  : std::vector<std::string>{"log scale", "log"};
    for (const std::string& note : notes) {
        const ImVec2 w = ImGui::CalcTextSize(note.c_str());
        if (right - w.x < titleEnd + l.px(12)) continue;
        list->AddText({right - w.x, pos.y}, l.note, note.c_str());
        if (options.axis) {
            ImGui::SetCursorScreenPos({right - w.x, pos.y});
            ImGui::InvisibleButton((options.title + "##scale").c_str(), w);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("click: %s scale; right-click the plot for the floor",
                                  axes.log ? "linear" : "log");
            if (ImGui::IsItemClicked()) {
                options.axis->chosen = true;
                options.axis->scale = axes.log ? AxisScale::Linear : AxisScale::Log10;
            }
        }
        break;
    }
}

// A reference line: dashes of the series' colour along the polyline, over a dark outline.
void drawDashed(ImDrawList* list, const std::vector<ImVec2>& line, ImU32 colour) {
    const Look& l = look();
    const float dash = l.px(7), gap = l.px(5);
    for (auto [thickness, c] : {std::pair{l.line(3.0f), l.outline}, std::pair{l.line(1.4f), colour}}) {
        float phase = 0;  // distance walked within the current dash + gap period
        for (size_t i = 0; i + 1 < line.size(); ++i) {
            const ImVec2 a = line[i], b = line[i + 1];
            const float length = std::hypot(b.x - a.x, b.y - a.y);
            for (float t = 0; t < length;) {
                const bool on = phase < dash;
                const float run = std::min(on ? dash - phase : dash + gap - phase, length - t);
                if (on) {
                    const float u0 = t / length, u1 = (t + run) / length;
                    list->AddLine({a.x + u0 * (b.x - a.x), a.y + u0 * (b.y - a.y)},
                                  {a.x + u1 * (b.x - a.x), a.y + u1 * (b.y - a.y)}, c, thickness);
                }
                t += run;
                phase = std::fmod(phase + run, dash + gap);
            }
        }
    }
}

ImU32 withAlpha(ImU32 colour, int alpha) {
    return (colour & ~IM_COL32_A_MASK) | (ImU32(alpha) << IM_COL32_A_SHIFT);
}

// What a frame draws of a series, in its units: the pixel columns' points, its last finite step, whether
// it oscillates and then its envelope. Worked out into `w` unless `w` holds it for this series and these
// axes already (the plot's memory).
void workOut(const Axes& axes, const Plotted& p, LinePlotMemory::Series& w) {
    // A strided series is decimated over its own indices, the axis's span in them.
    const int stride = std::max(p.series->stride, 1);
    const int lastStep = static_cast<int>(axes.stepSpan / stride), columns = static_cast<int>(axes.width);
    const double swing = 0.03 * (axes.hi - axes.lo);
    if (w.owner && w.owner == p.series->owner && w.summary == p.summary && w.count == p.values.size() &&
        w.lastStep == lastStep && w.columns == columns && w.log == axes.log && w.floor == axes.floor &&
        w.swing == swing)
        return;
    w = {p.series->owner, p.summary, p.values.size(), lastStep, columns, axes.log, axes.floor, swing};
    // On a log axis the values under the floor are one axis value: the decimation keeps the steps a
    // decimation of the axis values would.
    w.points = decimateByColumn(p.values, *p.summary, lastStep, columns,
                                axes.log ? axes.floor : -std::numeric_limits<double>::infinity());
    if (w.points.empty()) return;
    w.lastFinite = static_cast<size_t>(w.points.back().step);
    for (SeriesPoint& point : w.points)
        point.step *= stride;
    if (p.series->dashed) return;
    // Whether it oscillates is judged on every value where they are few (up to 4 per pixel column), else
    // on kRuns runs of kRun consecutive values spread evenly over the series: a step-to-step swing shows
    // in every run it spans, and a frame reads no more values at a million steps than at a thousand.
    constexpr size_t kRun = 16, kRuns = 128;
    const size_t count = p.values.size();
    Turns turns;
    std::vector<double> axisValues;
    const auto addRun = [&](size_t begin, size_t end) {
        axisValues.clear();
        for (size_t k = begin; k < end; ++k)
            axisValues.push_back(std::isfinite(p.values[k]) ? axes.toAxis(p.values[k]) : NAN);
        turns.add(axisValues, swing);
    };
    if (count <= 4 * static_cast<size_t>(std::max(columns, 1)) || count <= kRun * kRuns) {
        addRun(0, count);
    } else {
        for (size_t r = 0; r < kRuns; ++r) {
            const size_t begin = r * (count - kRun) / (kRuns - 1);  // from step 0 to the last run's
            addRun(begin, begin + kRun);
        }
    }
    w.oscillating = turns.oscillating();
    if (w.oscillating) {
        w.envelope = envelopeOf(p.values, *p.summary, lastStep, columns);
        for (int& step : w.envelope.steps)
            step *= stride;
    }
}

// A line through the series' points (decimated to the pixel columns, then simplified to the pixel), or
// for an oscillating series the lightly filled band between its envelopes with both edges drawn. Returns
// where the series ends.
ImVec2 drawSeries(ImDrawList* list, const Axes& axes, const Plotted& p) {
    const Look& l = look();
    const LinePlotSeries& s = *p.series;
    // ImGui indexes vertices with 16 bits: long polylines go out in overlapping pieces.
    const auto polyline = [&](const std::vector<ImVec2>& line, ImU32 colour, float thickness) {
        constexpr size_t kPiece = 2000;
        for (size_t begin = 0; begin + 1 < line.size(); begin += kPiece)
            list->AddPolyline(line.data() + begin,
                              static_cast<int>(std::min(kPiece + 1, line.size() - begin)), colour, 0,
                              thickness);
    };
    const LinePlotMemory::Series& w = *p.memory;
    if (w.points.empty()) return {-1, -1};
    const ImVec2 end(axes.screenX(double(w.lastFinite) * std::max(s.stride, 1)),
                     axes.screenY(axes.toAxis(p.values[w.lastFinite])));
    std::vector<ImVec2> line;
    for (const SeriesPoint& point : w.points)
        line.push_back({axes.screenX(point.step), axes.screenY(axes.toAxis(point.value))});
    if (s.dashed) {
        drawDashed(list, line, s.colour);
        return end;
    }
    if (w.oscillating) {
        const Envelope& e = w.envelope;
        std::vector<ImVec2> upper, lower;
        for (size_t i = 0; i < e.steps.size(); ++i) {
            const float sx = axes.screenX(e.steps[i]);
            upper.push_back({sx, axes.screenY(axes.toAxis(e.upper[i]))});
            lower.push_back({sx, axes.screenY(axes.toAxis(e.lower[i]))});
        }
        for (size_t i = 0; i + 1 < upper.size(); ++i) {
            const ImVec2 quad[4] = {upper[i], upper[i + 1], lower[i + 1], lower[i]};
            list->AddConvexPolyFilled(quad, 4, withAlpha(s.colour, 45));
        }
        for (const auto* edge : {&upper, &lower}) {
            const std::vector<ImVec2> simple = simplifyPolyline(*edge, kTolerance);
            polyline(simple, l.outline, l.stroke(3.0f));
            polyline(simple, s.colour, l.stroke(1.0f));
        }
    } else {
        line = simplifyPolyline(line, kTolerance);
        polyline(line, l.outline, l.stroke(4.0f));
        polyline(line, s.colour, l.stroke(2.0f));
    }
    if (!s.endNote.empty()) {
        // A series that stopped early (a diverged run) ends in a cross of the error colour; its note is
        // placed with the other labels.
        const float r = l.px(5);
        for (auto [thickness, colour] :
             {std::pair{l.line(4.0f), l.outline}, std::pair{l.line(2.0f), l.errorU32()}}) {
            list->AddLine({end.x - r, end.y - r}, {end.x + r, end.y + r}, colour, thickness);
            list->AddLine({end.x - r, end.y + r}, {end.x + r, end.y - r}, colour, thickness);
        }
    } else {
        list->AddCircleFilled(end, l.line(4.5f), l.mark);
        list->AddCircleFilled(end, l.line(3.2f), s.colour);
    }
    return end;
}

void drawStepMarker(ImDrawList* list, const Axes& axes, int step) {
    if (step < 0 || step > axes.lastStep) return;
    const Look& l = look();
    const float sx = axes.screenX(step), top = axes.y, bottom = axes.y + axes.height;
    list->AddLine({sx, top}, {sx, bottom}, l.stepMarker, l.line(1.5f));
    list->AddTriangleFilled({sx - l.px(5), top}, {sx + l.px(5), top}, {sx, top + l.px(7)}, l.stepMarker);
}

// The current step's number beside its marker and each end note beside its cross, laid out together so
// no two overlap (the step's number first: it is always there).
void drawLabels(ImDrawList* list, const Axes& axes, int markedStep, std::span<const LinePlotSeries> series,
                const std::vector<ImVec2>& ends) {
    const Look& l = look();
    std::vector<LabelRequest> requests;
    std::vector<std::pair<std::string, ImU32>> texts;
    const float lineHeight = ImGui::GetTextLineHeight();
    if (markedStep >= 0 && markedStep <= axes.lastStep) {
        const std::string label = std::to_string(markedStep);
        requests.push_back({axes.screenX(markedStep), axes.y + l.px(2) + lineHeight / 2,
                            ImGui::CalcTextSize(label.c_str()).x, lineHeight, l.px(6)});
        texts.push_back({label, l.stepMarker});
    }
    for (size_t i = 0; i < series.size(); ++i) {
        if (series[i].endNote.empty() || ends[i].x < 0) continue;
        requests.push_back(
            {ends[i].x, ends[i].y, ImGui::CalcTextSize(series[i].endNote.c_str()).x, lineHeight, l.px(9)});
        texts.push_back({series[i].endNote, l.errorU32()});
    }
    const auto placed = layoutLabels(requests, {axes.x + 2, axes.y + 2, axes.width - 4, axes.height - 4});
    for (size_t i = 0; i < placed.size(); ++i)
        if (placed[i]) list->AddText({placed[i]->x, placed[i]->y}, texts[i].second, texts[i].first.c_str());
}

// The cursor at the hovered step, dots where it crosses each series, and the exact values.
void showHover(ImDrawList* list, const Axes& axes, std::span<const LinePlotSeries> series,
               const LinePlotOptions& options) {
    const float mouseX = ImGui::GetIO().MousePos.x;
    const int step = std::clamp(static_cast<int>(std::lround((mouseX - axes.x) / axes.width * axes.stepSpan)),
                                0, axes.lastStep);
    const float sx = axes.screenX(step);
    list->AddLine({sx, axes.y}, {sx, axes.y + axes.height}, kCursor, look().line(1.0f));
    ImGui::BeginTooltip();
    ImGui::Text("step %d", step);
    for (const LinePlotSeries& s : series) {
        const ImVec4 colour = ImGui::ColorConvertU32ToFloat4(s.colour);
        // A strided series answers with its value nearest the step, and says which step that is.
        const int stride = std::max(s.stride, 1);
        const auto index = static_cast<size_t>(std::lround(double(step) / stride));
        if (index < s.values.size()) {
            const double v = s.values[index];
            const int at = static_cast<int>(index) * stride;
            const ImVec2 dot(axes.screenX(at), axes.screenY(axes.toAxis(v)));
            if (std::isfinite(v)) {
                list->AddCircleFilled(dot, look().line(4.5f), look().outline);
                list->AddCircleFilled(dot, look().line(3.2f), s.colour);
            }
            ImGui::TextColored(colour, "%s", s.label.c_str());
            ImGui::SameLine();
            if (at == step)
                ImGui::Text(" %s = %.6g", options.yLabel.c_str(), v);
            else
                ImGui::Text(" %s = %.6g (at step %d)", options.yLabel.c_str(), v, at);
        } else if (!s.values.empty()) {
            ImGui::TextColored(colour, "%s", s.label.c_str());
            ImGui::SameLine();
            const std::string why = s.endNote.empty() ? "" : ", " + s.endNote;
            ImGui::TextDisabled(" ends at step %zu%s", (s.values.size() - 1) * stride, why.c_str());
        }
    }
    ImGui::EndTooltip();
}

// Right-click on the plot: its scale and, on a log axis, its floor.
void axisMenu(const char* id, LinePlotAxis& axis, const Axes& axes) {
    const std::string popup = std::string(id) + " axis";
    if (ImGui::IsItemClicked(ImGuiMouseButton_Right)) ImGui::OpenPopup(popup.c_str());
    if (!ImGui::BeginPopup(popup.c_str())) return;
    if (ImGui::RadioButton("linear scale", !axes.log)) axis.chosen = true, axis.scale = AxisScale::Linear;
    if (ImGui::RadioButton("log scale", axes.log)) axis.chosen = true, axis.scale = AxisScale::Log10;
    bool automatic = axis.floor <= 0;
    if (ImGui::Checkbox("floor at machine precision x first value", &automatic))
        axis.floor = automatic ? 0 : axes.floor;
    if (!automatic) {
        double floor = axis.floor;
        ImGui::SetNextItemWidth(look().px(120));
        // Applied when typing ends; a floor that is not positive is refused and the previous one stays.
        if (ImGui::InputDouble("log floor", &floor, 0, 0, "%.3g") && floor > 0) axis.floor = floor;
    }
    ImGui::EndPopup();
}

}  // namespace

ScreenRect linePlotArea(ImVec2 pos, ImVec2 size) {
    const Look& l = look();
    const float lineHeight = ImGui::GetTextLineHeight();
    // Whole pixels, so the frame's one-pixel lines stay crisp.
    const float x = std::round(pos.x + l.px(kPlotLeftMargin)),
                y = std::round(pos.y + lineHeight + l.px(kTitleGap));
    const float width = std::round(std::max(size.x - l.px(kPlotLeftMargin + kPlotRightMargin), 16.0f));
    const float height =
        std::round(std::max(size.y - lineHeight - l.px(kTitleGap + kPlotBottomMargin), 16.0f));
    return {{x, y}, {x + width, y + height}};
}

void drawLinePlot(const char* id, ImVec2 pos, ImVec2 size, std::span<const LinePlotSeries> series,
                  const LinePlotOptions& options) {
    ImDrawList* list = ImGui::GetWindowDrawList();
    const Look& l = look();
    Axes axes;
    const ScreenRect area = linePlotArea(pos, size);
    axes.x = area.min.x, axes.y = area.min.y;
    axes.width = area.max.x - area.min.x, axes.height = area.max.y - area.min.y;
    axes.lastStep = std::max(1, options.lastStep);
    axes.stepSpan = axes.lastStep * 1.03 + 1;
    const LinePlotAxis* chosen = options.axis && options.axis->chosen ? options.axis : nullptr;
    axes.log = (chosen ? chosen->scale : options.yScale) == AxisScale::Log10;
    const double automatic = logFloor(series);
    axes.floor = options.axis && options.axis->floor > 0 ? options.axis->floor
                 : automatic > 0                         ? automatic
                                                         : 1e-300;
    const ImVec2 min(axes.x, axes.y), max(axes.x + axes.width, axes.y + axes.height);
    list->AddRectFilled(min, max, l.viewBackground);

    // Each series through its summary; a series that came without one gets one for this frame.
    std::vector<SeriesSummary> made;
    made.reserve(series.size());  // the pointers below point into it
    std::vector<Plotted> plotted;
    bool clamped = false;  // a log axis with values under its floor (drawn on it)
    for (const LinePlotSeries& s : series) {
        const SeriesSummary* summary = s.summary;
        if (!summary) {
            made.emplace_back().extend(s.values);
            summary = &made.back();
        }
        const SeriesValues values = s.values.first(summary->size());
        clamped |= axes.log && summary->anyBelow(values, values.size(), axes.floor);
        plotted.push_back({&s, values, summary});
    }
    if (!setValueRange(plotted, axes, clamped)) {
        if (options.memory) options.memory->series.clear();
        const std::string message =
            options.emptyMessage.empty() ? "nothing to plot yet" : options.emptyMessage;
        const ImVec2 textSize = ImGui::CalcTextSize(message.c_str());
        list->AddText({(min.x + max.x - textSize.x) / 2, (min.y + max.y - textSize.y) / 2}, l.note,
                      message.c_str());
        list->AddRect(min, max, l.axis, 0, 0, l.line(1));
        drawTitleRow(list, pos, size, options, axes, false);
        return;
    }
    // Each series' record: the one the plot's memory kept for it, or a new one (kept for the next frame
    // when the plot has memory and the series an owner).
    std::vector<LinePlotMemory::Series> records(plotted.size());
    for (size_t i = 0; i < plotted.size(); ++i) {
        const LinePlotSeries& s = *plotted[i].series;
        if (options.memory && s.owner)
            for (LinePlotMemory::Series& kept : options.memory->series)
                if (kept.owner == s.owner && kept.summary == plotted[i].summary) {
                    records[i] = std::move(kept);
                    kept.owner.reset();  // taken
                    break;
                }
        plotted[i].memory = &records[i];
        workOut(axes, plotted[i], records[i]);
    }
    drawTitleRow(list, pos, size, options, axes, clamped);
    drawAxes(list, axes);
    list->PushClipRect(min, max, true);
    drawStepMarker(list, axes, options.markedStep);
    std::vector<ImVec2> ends;
    for (const Plotted& p : plotted)
        ends.push_back(drawSeries(list, axes, p));
    if (options.memory) {
        // What this frame drew, for the next; series no longer drawn are let go.
        options.memory->series.clear();
        for (LinePlotMemory::Series& r : records)
            if (r.owner) options.memory->series.push_back(std::move(r));
    }
    drawLabels(list, axes, options.markedStep, series, ends);
    list->PopClipRect();
    list->AddRect(min, max, l.axis, 0, 0, l.line(1));  // over the series, which may run along the edges

    ImGui::SetCursorScreenPos(min);
    ImGui::InvisibleButton(id, {axes.width, axes.height});
    const bool hovered = ImGui::IsItemHovered();
    if (options.axis) axisMenu(id, *options.axis, axes);
    if (hovered) {
        list->PushClipRect(min, max, true);
        showHover(list, axes, series, options);
        list->PopClipRect();
    }
}

}  // namespace gradscape

#include "line_plot.h"

#include "path_metrics.h"
#include "plot_view.h"
#include "theme.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace gradscape {
namespace {

// Sizes at UI scale 1, scaled by look().px; colours from look().
constexpr float kLeftMargin = 64, kRightMargin = 12, kBottomMargin = 22, kTitleGap = 4;
constexpr ImU32 kCursor = IM_COL32(255, 255, 255, 90);

// A series reduced to the data area's pixel columns.
using DrawnSeries = std::vector<SeriesPoint>;

// Maps steps and values to pixels. On a log axis values at or below zero sit on a floor: a band under
// the smallest positive value, above the bottom edge so that they stay visible.
struct Axes {
    float x = 0, y = 0, width = 0, height = 0;
    int lastStep = 1;
    double stepSpan = 1;    // the axis runs a little past lastStep, so the current step's marker shows
    double lo = 0, hi = 1;  // of the value, or of log10 of it on a log axis
    double tickLo = 0;      // ticks start here, above the floor band
    double floor = 0;       // where values <= 0 are drawn on a log axis
    bool log = false;

    double toAxis(double v) const {
        if (!log) return v;
        return v > 0 ? std::log10(v) : floor;
    }
    float screenX(double step) const { return x + static_cast<float>(step / stepSpan) * width; }
    float screenY(double v) const {
        const double t = std::clamp((toAxis(v) - lo) / (hi - lo), -0.02, 1.02);
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

// Sets the value range of the axes from what is drawn; false when there is nothing to draw. A log axis
// spans the positive values; `clamped` says whether some value lies at or below zero, on the floor.
bool setValueRange(const std::vector<DrawnSeries>& drawn, Axes& axes, bool& clamped) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    clamped = false;
    for (const auto& d : drawn)
        for (const SeriesPoint& p : d) {
            if (axes.log && !(p.value > 0)) {
                clamped = true;
                continue;
            }
            const double v = axes.log ? std::log10(p.value) : p.value;
            lo = std::min(lo, v), hi = std::max(hi, v);
        }
    if (!(hi >= lo)) {
        if (!clamped) return false;
        lo = -1, hi = 1;  // only zeros: an arbitrary decade range above the floor
    }
    // A flat series gets a band around it; otherwise a little room above and below.
    const double pad = hi > lo ? 0.05 * (hi - lo) : (axes.log ? 0.5 : std::max(1e-12, 0.1 * std::abs(hi)));
    axes.tickLo = lo - pad, axes.hi = hi + pad;
    const double band = axes.log && clamped ? 0.08 * (axes.hi - axes.tickLo) : 0;
    axes.lo = axes.tickLo - band;
    axes.floor = axes.lo + 0.4 * band;
    return true;
}

std::vector<double> yTicks(const Axes& axes, int targetCount) {
    if (!axes.log) return niceTicks(axes.lo, axes.hi, targetCount);
    const double lo = std::pow(10.0, axes.tickLo), hi = std::pow(10.0, axes.hi);
    std::vector<double> ticks = decadeTicks(lo, hi, targetCount);
    // Less than a decade: plain values placed on the log axis.
    if (ticks.size() < 2) ticks = niceTicks(lo, hi, 3);
    return ticks;
}

void drawAxes(ImDrawList* list, const Axes& axes) {
    const Look& l = look();
    const ImVec2 min(axes.x, axes.y), max(axes.x + axes.width, axes.y + axes.height);
    const float fontSize = ImGui::GetFontSize();
    for (double t : yTicks(axes, std::max(2, static_cast<int>(axes.height / l.px(34))))) {
        const float sy = axes.screenY(t);
        if (sy < min.y - 0.5f || sy > max.y + 0.5f) continue;
        list->AddLine({min.x, sy}, {max.x, sy}, l.grid, l.line(1));
        list->AddLine({min.x - l.px(4), sy}, {min.x, sy}, l.axis, l.line(1));
        const std::string label = tickLabel(t, axes.log);
        const float w = ImGui::CalcTextSize(label.c_str()).x;
        list->AddText({min.x - l.px(6) - w, sy - fontSize / 2}, l.axis, label.c_str());
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

// The title, the value's name heading the tick column, and on the right the axis scale (saying where
// values a log axis cannot show are drawn), shortened or left out where the title needs the room.
void drawTitleRow(ImDrawList* list, ImVec2 pos, ImVec2 size, const LinePlotOptions& options, bool log,
                  bool clamped) {
    const Look& l = look();
    const float left = pos.x + l.px(kLeftMargin);
    list->AddText({left, pos.y}, l.mark, options.title.c_str());
    const float labelWidth = ImGui::CalcTextSize(options.yLabel.c_str()).x;
    list->AddText({left - l.px(6) - labelWidth, pos.y}, l.axis, options.yLabel.c_str());
    const float titleEnd = left + ImGui::CalcTextSize(options.title.c_str()).x;
    const float right = pos.x + size.x - l.px(kRightMargin);
    const std::vector<const char*> notes =
        !log      ? std::vector{"linear scale", "linear"}
        : clamped ? std::vector{"log scale, 0 at the bottom", "log, 0 at bottom", "log"}
                  : std::vector{"log scale", "log"};
    for (const char* note : notes) {
        const float w = ImGui::CalcTextSize(note).x;
        if (right - w < titleEnd + l.px(12)) continue;
        list->AddText({right - w, pos.y}, l.note, note);
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

void drawSeries(ImDrawList* list, const Axes& axes, const LinePlotSeries& s, const DrawnSeries& d) {
    if (d.empty()) return;
    std::vector<ImVec2> line;
    line.reserve(d.size());
    for (const SeriesPoint& p : d)
        line.push_back({axes.screenX(p.step), axes.screenY(p.value)});
    // ImGui indexes vertices with 16 bits: long polylines go out in overlapping pieces.
    constexpr size_t kPiece = 2000;
    const Look& l = look();
    if (s.dashed) return drawDashed(list, line, s.colour);
    for (auto [thickness, colour] : {std::pair{l.line(3.4f), l.outline}, std::pair{l.line(1.6f), s.colour}})
        for (size_t begin = 0; begin + 1 < line.size(); begin += kPiece)
            list->AddPolyline(line.data() + begin,
                              static_cast<int>(std::min(kPiece + 1, line.size() - begin)), colour, 0,
                              thickness);
    const ImVec2 end = line.back();
    if (!s.endNote.empty()) {
        // A series that stopped early (a diverged run) ends in a cross of the error colour.
        const ImU32 error = l.errorU32();
        const float r = l.px(5);
        for (auto [thickness, colour] :
             {std::pair{l.line(4.0f), l.outline}, std::pair{l.line(2.0f), error}}) {
            list->AddLine({end.x - r, end.y - r}, {end.x + r, end.y + r}, colour, thickness);
            list->AddLine({end.x - r, end.y + r}, {end.x + r, end.y - r}, colour, thickness);
        }
        // The note beside the cross, kept inside the data area.
        const ImVec2 textSize = ImGui::CalcTextSize(s.endNote.c_str());
        const float textX = std::min(end.x + l.px(9), axes.x + axes.width - textSize.x - l.px(4));
        const float textY =
            std::clamp(end.y - textSize.y / 2, axes.y + 2, axes.y + axes.height - textSize.y - 2);
        list->AddText({textX, textY}, error, s.endNote.c_str());
    } else {
        list->AddCircleFilled(end, l.line(4.5f), l.mark);
        list->AddCircleFilled(end, l.line(3.2f), s.colour);
    }
}

void drawStepMarker(ImDrawList* list, const Axes& axes, int step) {
    if (step < 0 || step > axes.lastStep) return;
    const Look& l = look();
    const float sx = axes.screenX(step), top = axes.y, bottom = axes.y + axes.height;
    list->AddLine({sx, top}, {sx, bottom}, l.stepMarker, l.line(1.5f));
    list->AddTriangleFilled({sx - l.px(5), top}, {sx + l.px(5), top}, {sx, top + l.px(7)}, l.stepMarker);
    // Its number beside it: to the left where the right edge is near.
    const std::string label = std::to_string(step);
    const float w = ImGui::CalcTextSize(label.c_str()).x, gap = l.px(6);
    const float labelX = sx + gap + w < axes.x + axes.width ? sx + gap : sx - gap - w;
    list->AddText({labelX, top + l.px(2)}, l.stepMarker, label.c_str());
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
        if (static_cast<size_t>(step) < s.values.size()) {
            const double v = s.values[static_cast<size_t>(step)];
            const ImVec2 at(sx, axes.screenY(v));
            if (std::isfinite(v)) {
                list->AddCircleFilled(at, look().line(4.5f), look().outline);
                list->AddCircleFilled(at, look().line(3.2f), s.colour);
            }
            ImGui::TextColored(colour, "%s", s.label.c_str());
            ImGui::SameLine();
            ImGui::Text(" %s = %.6g", options.yLabel.c_str(), v);
        } else if (!s.values.empty()) {
            ImGui::TextColored(colour, "%s", s.label.c_str());
            ImGui::SameLine();
            const std::string why = s.endNote.empty() ? "" : ", " + s.endNote;
            ImGui::TextDisabled(" ends at step %zu%s", s.values.size() - 1, why.c_str());
        }
    }
    ImGui::EndTooltip();
}

}  // namespace

std::vector<double> decadeTicks(double lo, double hi, int targetCount) {
    std::vector<double> ticks;
    if (!(lo > 0) || !(hi > lo) || !std::isfinite(hi)) return ticks;
    const int first = static_cast<int>(std::ceil(std::log10(lo) - 1e-9));
    const int last = static_cast<int>(std::floor(std::log10(hi) + 1e-9));
    if (last < first) return ticks;
    const int decades = last - first + 1;
    const int every = std::max(1, (decades + std::max(1, targetCount) - 1) / std::max(1, targetCount));
    // Multiples of `every` in the exponent, so 1 (10^0) stays a tick whenever it is in range.
    for (int e = first; e <= last; ++e)
        if (e % every == 0) ticks.push_back(std::pow(10.0, e));
    if (ticks.empty()) ticks.push_back(std::pow(10.0, first));
    return ticks;
}

void drawLinePlot(const char* id, ImVec2 pos, ImVec2 size, std::span<const LinePlotSeries> series,
                  const LinePlotOptions& options) {
    ImDrawList* list = ImGui::GetWindowDrawList();
    const Look& l = look();
    const float lineHeight = ImGui::GetTextLineHeight();
    const bool log = options.yScale == AxisScale::Log10;
    // Whole pixels, so the frame's one-pixel lines stay crisp.
    Axes axes;
    axes.x = std::round(pos.x + l.px(kLeftMargin));
    axes.y = std::round(pos.y + lineHeight + l.px(kTitleGap));
    axes.width = std::round(std::max(size.x - l.px(kLeftMargin + kRightMargin), 16.0f));
    axes.height = std::round(std::max(size.y - lineHeight - l.px(kTitleGap + kBottomMargin), 16.0f));
    axes.lastStep = std::max(1, options.lastStep);
    axes.stepSpan = axes.lastStep * 1.03 + 1;
    axes.log = log;
    const ImVec2 min(axes.x, axes.y), max(axes.x + axes.width, axes.y + axes.height);
    list->AddRectFilled(min, max, l.viewBackground);

    std::vector<DrawnSeries> drawn;
    for (const LinePlotSeries& s : series)
        drawn.push_back(
            decimateByColumn(s.values, static_cast<int>(axes.stepSpan), static_cast<int>(axes.width)));
    bool clamped = false;
    if (!setValueRange(drawn, axes, clamped)) {
        const std::string message =
            options.emptyMessage.empty() ? "nothing to plot yet" : options.emptyMessage;
        const ImVec2 textSize = ImGui::CalcTextSize(message.c_str());
        list->AddText({(min.x + max.x - textSize.x) / 2, (min.y + max.y - textSize.y) / 2}, l.note,
                      message.c_str());
        list->AddRect(min, max, l.axis, 0, 0, l.line(1));
        drawTitleRow(list, pos, size, options, log, false);
        return;
    }
    drawTitleRow(list, pos, size, options, log, clamped);
    drawAxes(list, axes);
    list->PushClipRect(min, max, true);
    drawStepMarker(list, axes, options.markedStep);
    for (size_t i = 0; i < series.size(); ++i)
        drawSeries(list, axes, series[i], drawn[i]);
    list->PopClipRect();
    list->AddRect(min, max, l.axis, 0, 0, l.line(1));  // over the series, which may run along the edges

    ImGui::SetCursorScreenPos(min);
    ImGui::InvisibleButton(id, {axes.width, axes.height});
    if (ImGui::IsItemHovered()) {
        list->PushClipRect(min, max, true);
        showHover(list, axes, series, options);
        list->PopClipRect();
    }
}

}  // namespace gradscape

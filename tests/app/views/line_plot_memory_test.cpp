// The line plot's memory (issue 13): a plot that is given one reads a series' summary for its columns
// once while the series, its width and its axes stay, draws the same picture from what it kept, reads a
// grown series again, and lets go of a series it no longer draws.

#include "frames/ui_frame.h"
#include "support/test_support.h"
#include "views/line_plot.h"

#include <doctest/doctest.h>
#include <imgui.h>

#include <cmath>
#include <memory>
#include <vector>

using namespace gradscape;

namespace {

// A series that counts how often its values are read.
struct CountedValues {
    std::vector<double> values;
    mutable long long reads = 0;
    double operator[](std::size_t k) const {
        ++reads;
        return values[k];
    }
    std::size_t size() const { return values.size(); }
};

// A noisy descent of `count` steps, with its summary.
struct Series {
    std::shared_ptr<CountedValues> values = std::make_shared<CountedValues>();
    SeriesSummary summary;
    void grow(std::size_t count) {
        for (std::size_t k = values->size(); k < count; ++k) {
            values->values.push_back(std::exp(-1e-4 * static_cast<double>(k)) *
                                     (1 + 0.3 * std::sin(k * 0.7)));
            summary.push_back(values->values.back());
        }
    }
};

// One frame holding the plot; returns the plot window's vertices (what the plot drew).
std::vector<ImDrawVert> frame(std::vector<LinePlotSeries>& series, LinePlotMemory* memory, int lastStep) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize({900, 400});
    ImGui::Begin("Plots");
    LinePlotOptions options;
    options.title = "loss";
    options.yScale = AxisScale::Log10;
    options.lastStep = lastStep;
    options.memory = memory;
    drawLinePlot("##plot", {10, 10}, {860, 360}, series, options);
    const ImDrawList* list = ImGui::GetWindowDrawList();
    std::vector<ImDrawVert> vertices(list->VtxBuffer.begin(), list->VtxBuffer.end());
    ImGui::End();
    ImGui::Render();
    return vertices;
}

bool same(const std::vector<ImDrawVert>& a, const std::vector<ImDrawVert>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].pos.x != b[i].pos.x || a[i].pos.y != b[i].pos.y || a[i].col != b[i].col) return false;
    return true;
}

}  // namespace

TEST_CASE("a plot with memory reads a series' columns once while it stays, and draws the same") {
    testing::HeadlessImGui imgui(900, 400);
    Series s;
    s.grow(200000);
    LinePlotSeries line;
    line.label = "gd";
    line.colour = IM_COL32(230, 159, 0, 255);
    line.values = *s.values;
    line.summary = &s.summary;
    line.owner = s.values;
    std::vector<LinePlotSeries> series{line};
    LinePlotMemory memory;
    frame(series, nullptr, 200000);  // a window's first frame lays it out only
    s.values->reads = 0;

    const std::vector<ImDrawVert> first = frame(series, &memory, 200000);
    const long long firstReads = s.values->reads;
    CHECK(firstReads > 1000);  // the columns' ragged ends, the oscillation's runs
    REQUIRE(memory.series.size() == 1);
    CHECK(memory.series[0].owner == s.values);

    // The same series again: a few reads (where the summary's whole range begins and ends, the last value),
    // the same picture.
    s.values->reads = 0;
    const std::vector<ImDrawVert> again = frame(series, &memory, 200000);
    CHECK(s.values->reads < 40);
    CHECK(same(first, again));

    // Without memory every frame reads the columns again, and draws that same picture.
    s.values->reads = 0;
    CHECK(same(frame(series, nullptr, 200000), first));
    CHECK(s.values->reads > 1000);

    // Grown by 500 steps, the series is read again.
    s.grow(200500);
    series[0].values = *s.values;
    s.values->reads = 0;
    frame(series, &memory, 200500);
    CHECK(s.values->reads > 1000);
    REQUIRE(memory.series.size() == 1);
    CHECK(memory.series[0].count == 200500);

    // A series no longer drawn is let go, its owner with it.
    const long owners = s.values.use_count();
    std::vector<LinePlotSeries> none;
    frame(none, &memory, 200500);
    CHECK(memory.series.empty());
    CHECK(s.values.use_count() == owners - 1);
}

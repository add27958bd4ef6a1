// The series summary (issue 13): every answer it reads from its pyramid equals a scan of the values, on
// random series with NaN, infinities, spikes and ties, on linear and log axes, and extending it value by
// value gives the summary a build from scratch gives.

#include "view/series_summary.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <vector>

using namespace gradscape;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A series as the plots meet them, and worse: a noisy descent over many decades with spikes, runs of NaN,
// infinities of both signs, zeros and negatives, and values repeated exactly (ties).
std::vector<double> randomSeries(std::mt19937& random, std::size_t count) {
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<double> values;
    const double decay = -std::log(1e-12) / std::max<std::size_t>(count, 1);
    for (std::size_t k = 0; k < count; ++k) {
        const double u = unit(random);
        double v = 10 * std::exp(-decay * k) * (1 + 0.5 * unit(random));
        if (u < 0.01)
            v = std::nan("");
        else if (u < 0.015)
            v = kInf;
        else if (u < 0.02)
            v = -kInf;
        else if (u < 0.04)
            v *= 1e6;  // a spike
        else if (u < 0.06)
            v = 0;
        else if (u < 0.08)
            v = -v;
        else if (u < 0.2 && !values.empty())
            v = values[static_cast<std::size_t>(unit(random) * values.size())];
        values.push_back(v);
        if (u > 0.995)  // a run of NaN
            for (int j = 0; j < 40 && values.size() < count; ++j)
                values.push_back(std::nan(""));
    }
    values.resize(count);
    return values;
}

SeriesSummary summaryOf(const std::vector<double>& values) {
    SeriesSummary summary;
    for (double v : values)
        summary.push_back(v);
    return summary;
}

// The plot's log axis: log10 of the value, values under the floor on it, infinities not drawn.
std::vector<double> logAxis(const std::vector<double>& values, double floor) {
    std::vector<double> axis;
    for (double v : values)
        axis.push_back(std::isnan(v) || !std::isfinite(v) ? std::nan("") : std::log10(std::max(v, floor)));
    return axis;
}

void checkSamePoints(const std::vector<SeriesPoint>& a, const std::vector<SeriesPoint>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].step == b[i].step);
        CHECK(a[i].value == b[i].value);
    }
}

}  // namespace

TEST_CASE("a summary's extremes, smallest positive value and searches equal a scan of every range") {
    std::mt19937 random(13);
    for (std::size_t count : {0u, 1u, 15u, 16u, 17u, 64u, 65u, 1000u, 4099u, 20000u}) {
        const std::vector<double> values = randomSeries(random, count);
        const SeriesSummary summary = summaryOf(values);
        CHECK(summary.size() == count);
        std::uniform_int_distribution<std::size_t> at(0, count);
        for (int trial = 0; trial < 300; ++trial) {
            std::size_t begin = at(random), end = at(random);
            if (begin > end) std::swap(begin, end);
            if (trial == 0) begin = 0, end = count;
            if (trial % 3 == 1) begin = 0;  // a prefix (the smallest positive value is known of those)
            SeriesExtremes expected;
            std::optional<std::size_t> first, last, firstSmall;
            const double limit = 0.5;
            double lowestPositive = kInf;
            for (std::size_t k = begin; k < end; ++k) {
                const double v = values[k];
                if (!std::isfinite(v)) continue;
                // Strictly smaller or larger: the earliest step of a tie stays.
                if (v < expected.lowest) expected.lowest = v, expected.lowestStep = static_cast<long long>(k);
                if (v > expected.highest)
                    expected.highest = v, expected.highestStep = static_cast<long long>(k);
                if (!first) first = k;
                last = k;
                if (!firstSmall && v <= limit) firstSmall = k;
                if (v > 0) lowestPositive = std::min(lowestPositive, v);
            }
            const SeriesExtremes e = summary.extremes(values, begin, end);
            CHECK(e.lowestStep == expected.lowestStep);
            CHECK(e.highestStep == expected.highestStep);
            if (!e.empty()) {
                CHECK(e.lowest == expected.lowest);
                CHECK(e.highest == expected.highest);
            }
            CHECK(summary.firstFinite(values, begin, end) == first);
            CHECK(summary.lastFinite(values, begin, end) == last);
            CHECK(summary.firstAtMost(values, begin, end, limit) == firstSmall);
            if (begin == 0) CHECK(summary.lowestPositive(values, end) == lowestPositive);
        }
    }
}

TEST_CASE("a summary knows whether a value lies below a log axis's floor, -inf included") {
    std::vector<double> values(1000, 1.0);
    values[900] = 1e-30;
    const SeriesSummary summary = summaryOf(values);
    CHECK(summary.anyBelow(values, 1000, 1e-20));
    CHECK_FALSE(summary.anyBelow(values, 900, 1e-20));  // the first 900 stay above it
    CHECK_FALSE(summary.anyBelow(values, 1000, 1e-40));
    values[700] = -kInf;
    values[900] = std::nan("");
    const SeriesSummary withInfinity = summaryOf(values);
    CHECK(withInfinity.anyBelow(values, 701, 1e-40));
    CHECK_FALSE(withInfinity.anyBelow(values, 700, 1e-40));
    // NaN is no value below anything; +inf is above everything.
    const std::vector<double> odd{std::nan(""), kInf, 2.0};
    CHECK_FALSE(summaryOf(odd).anyBelow(odd, 3, 1.0));
}

TEST_CASE("decimating from the summary keeps the points a scan keeps, on linear and log axes") {
    std::mt19937 random(5);
    for (std::size_t count : {10u, 300u, 1000u, 4097u, 30000u}) {
        const std::vector<double> values = randomSeries(random, count);
        const SeriesSummary summary = summaryOf(values);
        for (int columns : {1, 7, 150, 549, 2000}) {
            for (int lastStep : {static_cast<int>(count) / 2, static_cast<int>(count) - 1,
                                 static_cast<int>(count) * 3 + 5}) {
                CAPTURE(count);
                CAPTURE(columns);
                CAPTURE(lastStep);
                checkSamePoints(decimateByColumn(values, summary, lastStep, columns),
                                decimateByColumn(values, lastStep, columns));
                // On a log axis the values under the floor are one value: the summary's points, drawn on
                // that axis, are the points of the axis values' decimation.
                for (double floor : {1e-300, 1e-9, 0.3}) {
                    const std::vector<double> axis = logAxis(values, floor);
                    std::vector<SeriesPoint> fromSummary =
                        decimateByColumn(values, summary, lastStep, columns, floor);
                    for (SeriesPoint& p : fromSummary)
                        p.value = std::log10(std::max(p.value, floor));
                    checkSamePoints(fromSummary, decimateByColumn(axis, lastStep, columns));
                }
            }
        }
    }
}

TEST_CASE("an envelope from the summary is each column's steps with their neighbours, as a scan finds") {
    std::mt19937 random(11);
    for (std::size_t count : {5u, 101u, 2000u, 17000u}) {
        const std::vector<double> values = randomSeries(random, count);
        const SeriesSummary summary = summaryOf(values);
        for (int columns : {1, 20, 549}) {
            const int lastStep = static_cast<int>(count);
            // The scan: per column, each finite step with its finite neighbours.
            Envelope expected;
            const long long span = lastStep + 1LL;
            int column = -1;
            for (std::size_t k = 0; k < count; ++k) {
                if (!std::isfinite(values[k])) continue;
                double hi = values[k], lo = values[k];
                for (std::size_t j : {k - 1, k + 1})
                    if (j < count && std::isfinite(values[j]))
                        hi = std::max(hi, values[j]), lo = std::min(lo, values[j]);
                const int c = static_cast<int>(static_cast<long long>(k) * columns / span);
                if (c != column) {
                    column = c;
                    expected.steps.push_back(static_cast<int>(k));
                    expected.upper.push_back(hi), expected.lower.push_back(lo);
                } else {
                    expected.upper.back() = std::max(expected.upper.back(), hi);
                    expected.lower.back() = std::min(expected.lower.back(), lo);
                }
            }
            const Envelope e = envelopeOf(values, summary, lastStep, columns);
            CAPTURE(count);
            CAPTURE(columns);
            CHECK(e.steps == expected.steps);
            CHECK(e.upper == expected.upper);
            CHECK(e.lower == expected.lower);
        }
    }
    // A 2-cycle: its two branches are the edges, one point per column.
    std::vector<double> cycle;
    for (int k = 0; k <= 100; ++k)
        cycle.push_back(k % 2 ? 0.064 : 5e-30);
    const Envelope e = envelopeOf(cycle, summaryOf(cycle), 100, 20);
    CHECK(e.steps.size() == 20);
    CHECK(std::count(e.upper.begin(), e.upper.end(), 0.064) == 20);
    CHECK(std::count(e.lower.begin(), e.lower.end(), 5e-30) == 20);
}

TEST_CASE("a summary extended as its series grows is the summary built from scratch") {
    std::mt19937 random(3);
    const std::vector<double> values = randomSeries(random, 50000);
    SeriesSummary grown;
    std::uniform_int_distribution<std::size_t> growth(1, 3000);
    for (std::size_t size = 0; size < values.size();) {
        size = std::min(values.size(), size + growth(random));
        const SeriesValues prefix = SeriesValues(values).first(size);
        grown.extend(prefix);
        CHECK(grown.size() == size);
        // Every answer about the prefix is already right before the rest arrives.
        const SeriesSummary scratch = summaryOf(std::vector<double>(values.begin(), values.begin() + size));
        CHECK(grown == scratch);
        const SeriesExtremes e = grown.extremes(values, 0, size), f = scratch.extremes(values, 0, size);
        CHECK(e.lowestStep == f.lowestStep);
        CHECK(e.highestStep == f.highestStep);
    }
    // A longer summary answers for a prefix of its series as the prefix's own does (a cut path).
    const SeriesSummary whole = summaryOf(values), part = summaryOf({values.begin(), values.begin() + 777});
    checkSamePoints(decimateByColumn(SeriesValues(values).first(777), whole, 800, 100),
                    decimateByColumn(SeriesValues(values).first(777), part, 800, 100));
}

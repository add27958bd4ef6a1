#include "view/series_summary.h"

#include <algorithm>
#include <cmath>

namespace gradscape {

namespace {

// The longest run of values a query reads from the series itself: the ragged ends of a range, or a
// range shorter than two buckets.
constexpr std::size_t kMaxRun = 2 * SeriesSummary::kLeaf;

// The first step of [from, to) with a finite value at most `limit`, read from the values themselves.
std::optional<std::size_t> firstRaw(const SeriesValues& values, std::size_t from, std::size_t to,
                                    double limit) {
    double buffer[kMaxRun];
    const double* run = values.read(from, to, buffer);
    for (std::size_t k = from; k < to; ++k)
        if (std::isfinite(run[k - from]) && run[k - from] <= limit) return k;
    return std::nullopt;
}

// The last step of [from, to) with a finite value.
std::optional<std::size_t> lastRaw(const SeriesValues& values, std::size_t from, std::size_t to) {
    double buffer[kMaxRun];
    const double* run = values.read(from, to, buffer);
    for (std::size_t k = to; k-- > from;)
        if (std::isfinite(run[k - from])) return k;
    return std::nullopt;
}

}  // namespace

SeriesSummary::Node SeriesSummary::leaf(double value, std::uint32_t step) {
    return {value, value, step, step};
}

void SeriesSummary::push_back(double value) {
    const auto step = static_cast<std::uint32_t>(count_++);
    if (std::isfinite(value)) {
        filling_.add(leaf(value, step));
        if (value > 0) fillingPositive_ = std::min(fillingPositive_, value);
    } else if (value < 0 && firstNegativeInfinity_ == std::numeric_limits<std::size_t>::max()) {
        firstNegativeInfinity_ = step;
    }
    if (count_ % kLeaf == 0) {
        append(0, filling_);
        filling_ = {};
        lowestPositive_.push_back(
            lowestPositive_.empty() ? fillingPositive_ : std::min(lowestPositive_.back(), fillingPositive_));
        fillingPositive_ = std::numeric_limits<double>::infinity();
    }
}

void SeriesSummary::append(std::size_t level, const Node& node) {
    if (levels_.size() == level) levels_.emplace_back();
    Nodes& nodes = levels_[level];
    nodes.push_back(node);
    // Every kFan whole nodes make one of the level above: a level exists once the one below has kFan.
    if (nodes.size() % kFan == 0) {
        Node parent;
        for (std::size_t i = nodes.size() - kFan; i < nodes.size(); ++i)
            parent.add(nodes[i]);
        append(level + 1, parent);
    }
}

std::size_t SeriesSummary::split(std::size_t begin, std::size_t end, Piece* pieces) const {
    // Bottom-up: whole nodes of a level where the range covers them, the rest from the level below.
    // Pieces on the left come in step order; those on the right are gathered backwards, then appended.
    Piece right[80];
    std::size_t left = 0, rightCount = 0;
    end = std::min(end, count_);
    std::size_t from = (begin + kLeaf - 1) / kLeaf, to = end / kLeaf;
    if (levels_.empty() || from >= to) {
        if (begin < end) pieces[left++] = {-1, begin, end};
        return left;
    }
    if (begin < from * kLeaf) pieces[left++] = {-1, begin, from * kLeaf};
    if (to * kLeaf < end) right[rightCount++] = {-1, to * kLeaf, end};
    for (std::size_t level = 0;; ++level) {
        const std::size_t up = (from + kFan - 1) / kFan, upTo = to / kFan;
        if (level + 1 >= levels_.size() || up >= upTo) {
            pieces[left++] = {static_cast<int>(level), from, to};
            break;
        }
        if (from < up * kFan) pieces[left++] = {static_cast<int>(level), from, up * kFan};
        if (upTo * kFan < to) right[rightCount++] = {static_cast<int>(level), upTo * kFan, to};
        from = up, to = upTo;
    }
    while (rightCount > 0)
        pieces[left++] = right[--rightCount];
    return left;
}

SeriesSummary::Node SeriesSummary::combined(const SeriesValues& values, std::size_t begin,
                                            std::size_t end) const {
    Node all;
    Piece pieces[160];
    const std::size_t count = split(begin, end, pieces);
    for (std::size_t p = 0; p < count; ++p) {
        const Piece& piece = pieces[p];
        if (piece.level < 0) {
            double buffer[kMaxRun];
            const double* run = values.read(piece.from, piece.to, buffer);
            for (std::size_t k = piece.from; k < piece.to; ++k) {
                const double v = run[k - piece.from];
                if (!std::isfinite(v)) continue;
                // Strictly: the earliest step of a tie stays (the values come in step order).
                if (v < all.lowest) all.lowest = v, all.lowestAt = static_cast<std::uint32_t>(k);
                if (v > all.highest) all.highest = v, all.highestAt = static_cast<std::uint32_t>(k);
            }
        } else {
            const Nodes& nodes = levels_[static_cast<std::size_t>(piece.level)];
            for (std::size_t i = piece.from; i < piece.to; ++i)
                all.add(nodes[i]);
        }
    }
    return all;
}

SeriesExtremes SeriesSummary::extremes(const SeriesValues& values, std::size_t begin, std::size_t end) const {
    const Node all = combined(values, begin, end);
    SeriesExtremes e;
    if (all.lowestAt == kNone) return e;
    e.lowestStep = all.lowestAt, e.highestStep = all.highestAt;
    e.lowest = all.lowest, e.highest = all.highest;
    return e;
}

std::optional<std::size_t> SeriesSummary::firstIn(const SeriesValues& values, int level, std::size_t node,
                                                  double limit) const {
    // Down the pyramid through the first child holding a value at most `limit`.
    for (; level >= 0; --level) {
        const std::size_t first = node * (level == 0 ? kLeaf : kFan);
        if (level == 0) return firstRaw(values, first, first + kLeaf, limit);
        const Nodes& children = levels_[static_cast<std::size_t>(level - 1)];
        std::size_t i = first;
        while (i < first + kFan && !(children[i].lowest <= limit))
            ++i;
        if (i == first + kFan) return std::nullopt;
        node = i;
    }
    return std::nullopt;
}

std::optional<std::size_t> SeriesSummary::lastIn(const SeriesValues& values, int level,
                                                 std::size_t node) const {
    for (; level >= 0; --level) {
        const std::size_t first = node * (level == 0 ? kLeaf : kFan);
        if (level == 0) return lastRaw(values, first, first + kLeaf);
        const Nodes& children = levels_[static_cast<std::size_t>(level - 1)];
        std::size_t i = first + kFan;
        while (i > first && children[i - 1].lowestAt == kNone)
            --i;
        if (i == first) return std::nullopt;
        node = i - 1;
    }
    return std::nullopt;
}

std::optional<std::size_t> SeriesSummary::firstAtMost(const SeriesValues& values, std::size_t begin,
                                                      std::size_t end, double limit) const {
    Piece pieces[160];
    const std::size_t count = split(begin, end, pieces);
    for (std::size_t p = 0; p < count; ++p) {
        const Piece& piece = pieces[p];
        if (piece.level < 0) {
            if (const auto k = firstRaw(values, piece.from, piece.to, limit)) return k;
            continue;
        }
        const Nodes& nodes = levels_[static_cast<std::size_t>(piece.level)];
        for (std::size_t i = piece.from; i < piece.to; ++i)
            if (nodes[i].lowest <= limit) return firstIn(values, piece.level, i, limit);
    }
    return std::nullopt;
}

std::optional<std::size_t> SeriesSummary::lastFinite(const SeriesValues& values, std::size_t begin,
                                                     std::size_t end) const {
    Piece pieces[160];
    for (std::size_t p = split(begin, end, pieces); p-- > 0;) {
        const Piece& piece = pieces[p];
        if (piece.level < 0) {
            if (const auto k = lastRaw(values, piece.from, piece.to)) return k;
            continue;
        }
        const Nodes& nodes = levels_[static_cast<std::size_t>(piece.level)];
        for (std::size_t i = piece.to; i-- > piece.from;)
            if (nodes[i].lowestAt != kNone) return lastIn(values, piece.level, i);
    }
    return std::nullopt;
}

bool SeriesSummary::anyBelow(const SeriesValues& values, std::size_t count, double limit) const {
    if (firstNegativeInfinity_ < count) return true;
    const SeriesExtremes e = extremes(values, 0, count);
    return !e.empty() && e.lowest < limit;
}

double SeriesSummary::lowestPositive(const SeriesValues& values, std::size_t count) const {
    count = std::min(count, count_);
    const std::size_t whole = count / kLeaf;
    double lowest = whole > 0 ? lowestPositive_[whole - 1] : std::numeric_limits<double>::infinity();
    for (std::size_t k = whole * kLeaf; k < count; ++k)
        if (std::isfinite(values[k]) && values[k] > 0) lowest = std::min(lowest, values[k]);
    return lowest;
}

std::vector<SeriesPoint> decimateByColumn(std::span<const double> values, int lastStep, int columns) {
    std::vector<SeriesPoint> out;
    const int count = static_cast<int>(values.size());
    // Appends in step order, never the same step twice.
    auto keep = [&](int step) {
        if (out.empty() || step > out.back().step) out.push_back({step, values[static_cast<size_t>(step)]});
    };
    if (columns < 1 || count <= 2 * columns) {
        for (int k = 0; k < count; ++k)
            if (std::isfinite(values[static_cast<size_t>(k)])) keep(k);
        return out;
    }
    int first = 0, last = count - 1;
    while (first < count && !std::isfinite(values[static_cast<size_t>(first)]))
        ++first;
    while (last > first && !std::isfinite(values[static_cast<size_t>(last)]))
        --last;
    if (first >= count) return out;
    const long long span = std::max(lastStep, count - 1) + 1LL;
    keep(first);
    int column = -1, lowest = -1, highest = -1;
    auto flush = [&] {
        if (lowest < 0) return;
        keep(std::min(lowest, highest));
        keep(std::max(lowest, highest));
    };
    for (int k = first; k <= last; ++k) {
        const double v = values[static_cast<size_t>(k)];
        if (!std::isfinite(v)) continue;
        const int c = static_cast<int>(k * static_cast<long long>(columns) / span);
        if (c != column) {
            flush();
            column = c, lowest = highest = k;
        } else {
            if (v < values[static_cast<size_t>(lowest)]) lowest = k;
            if (v > values[static_cast<size_t>(highest)]) highest = k;
        }
    }
    flush();
    keep(last);
    return out;
}

namespace {

// The steps [first, end) of pixel column c: those k with k * columns / span == c.
std::size_t columnStart(long long c, int columns, long long span) {
    return static_cast<std::size_t>((c * span + columns - 1) / columns);
}

}  // namespace

std::vector<SeriesPoint> decimateByColumn(const SeriesValues& values, const SeriesSummary& summary,
                                          int lastStep, int columns, double ties) {
    std::vector<SeriesPoint> out;
    const std::size_t count = std::min(values.size(), summary.size());
    // Appends in step order, never the same step twice.
    auto keep = [&](std::size_t step, double value) {
        if (out.empty() || static_cast<int>(step) > out.back().step)
            out.push_back({static_cast<int>(step), value});
    };
    if (columns < 1 || count <= 2 * static_cast<std::size_t>(columns)) {
        for (std::size_t k = 0; k < count; ++k)
            if (std::isfinite(values[k])) keep(k, values[k]);
        return out;
    }
    const auto first = summary.firstFinite(values, 0, count);
    if (!first) return out;
    const std::size_t last = *summary.lastFinite(values, *first, count);
    const long long span = std::max<long long>(lastStep, static_cast<long long>(count) - 1) + 1;
    keep(*first, values[*first]);
    const long long firstColumn = static_cast<long long>(*first) * columns / span;
    const long long lastColumn = static_cast<long long>(last) * columns / span;
    for (long long c = firstColumn; c <= lastColumn; ++c) {
        const std::size_t begin = std::max(columnStart(c, columns, span), *first);
        const std::size_t end = std::min(columnStart(c + 1, columns, span), last + 1);
        if (begin >= end) continue;
        const SeriesExtremes e = summary.extremes(values, begin, end);
        if (e.empty()) continue;
        // Values on the floor are all one axis value: the first of them is the lowest (or, when the
        // whole column is on it, the first value is both the lowest and the highest).
        SeriesPoint lowest{static_cast<int>(e.lowestStep), e.lowest};
        SeriesPoint highest{static_cast<int>(e.highestStep), e.highest};
        if (e.lowest <= ties) {
            const std::size_t k = *summary.firstAtMost(values, begin, end, ties);
            lowest = {static_cast<int>(k), values[k]};
        }
        if (e.highest <= ties) {
            const std::size_t k = *summary.firstFinite(values, begin, end);
            highest = {static_cast<int>(k), values[k]};
        }
        if (highest.step < lowest.step) std::swap(lowest, highest);
        keep(static_cast<std::size_t>(lowest.step), lowest.value);
        keep(static_cast<std::size_t>(highest.step), highest.value);
    }
    keep(last, values[last]);
    return out;
}

Envelope envelopeOf(const SeriesValues& values, const SeriesSummary& summary, int lastStep, int columns) {
    Envelope e;
    const std::size_t count = std::min(values.size(), summary.size());
    if (count == 0) return e;
    const long long span = std::max<long long>(lastStep, static_cast<long long>(count) - 1) + 1;
    columns = std::max(columns, 1);
    const long long lastColumn = (static_cast<long long>(count) - 1) * columns / span;
    for (long long c = 0; c <= lastColumn; ++c) {
        const std::size_t begin = columnStart(c, columns, span);
        const std::size_t end = std::min(columnStart(c + 1, columns, span), count);
        if (begin >= end) continue;
        const auto first = summary.firstFinite(values, begin, end);
        if (!first) continue;
        const std::size_t last = *summary.lastFinite(values, *first, end);
        // Each finite step with its neighbours: the finite values of [first - 1, last + 1].
        const SeriesExtremes x =
            summary.extremes(values, *first > 0 ? *first - 1 : 0, std::min(last + 2, count));
        e.steps.push_back(static_cast<int>(*first));
        e.upper.push_back(x.highest);
        e.lower.push_back(x.lowest);
    }
    return e;
}

}  // namespace gradscape

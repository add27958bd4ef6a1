#pragma once
// A plotted series' level-of-detail summary: a pyramid of the smallest and largest finite value (and their
// steps) per bucket of steps, extended value by value as the series grows and never rebuilt. From it a
// plot reads its value range and each pixel column's extremes in O(columns x log n) however many steps the
// series holds, where a scan of the values would cost O(n) every frame. Also here: the decimations built
// on it (per pixel column: the lowest and highest value, or an oscillating series' envelope).
//
// Only whole buckets are stored, so the summary is append-only, in chunked storage: a copy shares what it
// was copied from (a snapshot's series are copies), and a summary may describe a longer series than one it
// is queried for (every query names its range; a cut path's series is a prefix of its whole path's).

#include "support/chunked_vector.h"

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace gradscape {

/// Read access to a series' values by step (values[k] belongs to step k), whatever holds them: a
/// std::vector, chunked storage, a span. It refers to the storage, which must outlive it. Contiguous
/// values are read directly; others through their container, a run at a time where it has forEachSpan.
class SeriesValues {
  public:
    SeriesValues() = default;
    SeriesValues(std::span<const double> values) : contiguous_(values.data()), size_(values.size()) {}
    SeriesValues(const std::vector<double>& values) : SeriesValues(std::span<const double>(values)) {}
    template <class Container>
    requires(!std::convertible_to<const Container&, std::span<const double>> &&
             requires(const Container& c, std::size_t i) {
                 { c[i] } -> std::convertible_to<double>;
                 { c.size() } -> std::convertible_to<std::size_t>;
             }) SeriesValues(const Container& values)
        : container_(&values),
          size_(values.size()),
          at_(&containerAt<Container>),
          read_(&containerRead<Container>) {}
    template <class Container>
    requires(!std::convertible_to<const Container&, std::span<const double>>) SeriesValues(const Container&&)
    = delete;  // would refer to a temporary

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    double operator[](std::size_t k) const { return contiguous_ ? contiguous_[k] : at_(container_, k); }
    /// The values [from, to), where they lie in memory or copied into `buffer` (room for to - from).
    const double* read(std::size_t from, std::size_t to, double* buffer) const {
        if (contiguous_) return contiguous_ + from;
        read_(container_, from, to, buffer);
        return buffer;
    }
    /// The first `count` values (all of them when count >= size()).
    SeriesValues first(std::size_t count) const {
        SeriesValues prefix = *this;
        prefix.size_ = std::min(count, size_);
        return prefix;
    }

  private:
    template <class Container>
    static double containerAt(const void* data, std::size_t k) {
        return (*static_cast<const Container*>(data))[k];
    }
    template <class Container>
    static void containerRead(const void* data, std::size_t from, std::size_t to, double* out) {
        const auto& c = *static_cast<const Container*>(data);
        if constexpr (requires { c.forEachSpan(from, to, [](auto) {}); }) {
            c.forEachSpan(from, to, [&](auto run) { out = std::copy(run.begin(), run.end(), out); });
        } else {
            for (std::size_t k = from; k < to; ++k)
                *out++ = c[k];
        }
    }
    const double* contiguous_ = nullptr;
    const void* container_ = nullptr;
    std::size_t size_ = 0;
    double (*at_)(const void*, std::size_t) = nullptr;
    void (*read_)(const void*, std::size_t, std::size_t, double*) = nullptr;
};

/// The smallest and largest finite value of a range of steps, each at its earliest step.
struct SeriesExtremes {
    long long lowestStep = -1, highestStep = -1;  ///< -1: the range holds no finite value.
    double lowest = std::numeric_limits<double>::infinity();
    double highest = -std::numeric_limits<double>::infinity();
    bool empty() const { return lowestStep < 0; }
};

/// The min/max pyramid of one series. Level l holds one node per whole bucket of kLeaf * kFan^l steps:
/// the bucket's smallest and largest finite value and their earliest steps. Apart from the pyramid, the
/// smallest positive value of every whole first kLeaf * i steps (where a log axis's data end). NaN and +-inf
/// are in no node; -inf is remembered apart (a log axis's floor note counts it). Values go in with push_back;
/// a query reads the ragged ends of its range from the values themselves (at most 2 * kLeaf of them), so it
/// takes those values (`values[k]` must be what push_back got as value k; a longer summary is fine).
class SeriesSummary {
  public:
    static constexpr std::size_t kLeaf = 16, kFan = 4;

    void push_back(double value);
    /// push_back of values[size()] to values[values.size() - 1]: the summary catches up with its series.
    void extend(const SeriesValues& values) {
        for (std::size_t k = count_; k < values.size(); ++k)
            push_back(values[k]);
    }
    /// How many values went in.
    std::size_t size() const { return count_; }

    /// The extremes of the finite values among steps [begin, end).
    SeriesExtremes extremes(const SeriesValues& values, std::size_t begin, std::size_t end) const;
    /// The first step of [begin, end) whose value is finite and at most `limit`.
    std::optional<std::size_t> firstAtMost(const SeriesValues& values, std::size_t begin, std::size_t end,
                                           double limit) const;
    /// The first and the last step of [begin, end) whose value is finite.
    std::optional<std::size_t> firstFinite(const SeriesValues& values, std::size_t begin,
                                           std::size_t end) const {
        return firstAtMost(values, begin, end, std::numeric_limits<double>::max());
    }
    std::optional<std::size_t> lastFinite(const SeriesValues& values, std::size_t begin,
                                          std::size_t end) const;
    /// Whether one of the first `count` values is below `limit` and not NaN (-inf included).
    bool anyBelow(const SeriesValues& values, std::size_t count, double limit) const;
    /// The smallest positive finite value among the first `count` values; +inf when there is none.
    double lowestPositive(const SeriesValues& values, std::size_t count) const;

    bool operator==(const SeriesSummary&) const = default;

  private:
    struct Node {
        double lowest = std::numeric_limits<double>::infinity();
        double highest = -std::numeric_limits<double>::infinity();
        std::uint32_t lowestAt = kNone, highestAt = kNone;
        void add(const Node& other) {
            // The earliest step wins a tie, whichever order the nodes are added in.
            if (other.lowest < lowest || (other.lowest == lowest && other.lowestAt < lowestAt))
                lowest = other.lowest, lowestAt = other.lowestAt;
            if (other.highest > highest || (other.highest == highest && other.highestAt < highestAt))
                highest = other.highest, highestAt = other.highestAt;
        }
        bool operator==(const Node&) const = default;
    };
    // A node's place in a query: nodes [from, to) of a level, or (level -1) the values [from, to).
    struct Piece {
        int level;
        std::size_t from, to;
    };
    static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
    static Node leaf(double value, std::uint32_t step);
    // The nodes and values of [begin, end) added up.
    Node combined(const SeriesValues& values, std::size_t begin, std::size_t end) const;
    void append(std::size_t level, const Node& node);
    // [begin, end) as raw values and whole nodes, in step order; returns how many pieces.
    std::size_t split(std::size_t begin, std::size_t end, Piece* pieces) const;
    std::optional<std::size_t> firstIn(const SeriesValues& values, int level, std::size_t node,
                                       double limit) const;
    std::optional<std::size_t> lastIn(const SeriesValues& values, int level, std::size_t node) const;

    // In chunks shared between copies (a snapshot's copy costs a pointer per chunk): 1024 nodes, 24 KiB.
    using Nodes = ChunkedVector<Node, 1024>;
    std::vector<Nodes> levels_;
    ChunkedVector<double, 1024> lowestPositive_;  // [i]: of the first kLeaf * (i + 1) values
    Node filling_;                                // the bucket of level 0 that is not whole yet
    double fillingPositive_ = std::numeric_limits<double>::infinity();
    std::size_t count_ = 0;
    std::size_t firstNegativeInfinity_ = std::numeric_limits<std::size_t>::max();
};

/// One point of a decimated series.
struct SeriesPoint {
    int step = 0;
    double value = 0;
};

/// Reduces a series (values[k] belongs to step k) to what a plot of the steps [0, lastStep] over `columns`
/// pixel columns can show: each column's smallest and largest value, in step order, so that a one-step
/// spike stays visible. The first and last finite values are always kept; non-finite values are left out.
/// A series with no more values than 2 * columns comes back whole. This one scans every value; the one
/// below reads a summary and gives the same points.
std::vector<SeriesPoint> decimateByColumn(std::span<const double> values, int lastStep, int columns);

/// decimateByColumn of `values` from their summary, in O(columns x log n). Values at or below `ties` count
/// as equal (a log axis draws them all on its floor): a column's lowest is then the first of them, so the
/// steps are those a decimation of the axis values would keep.
std::vector<SeriesPoint> decimateByColumn(const SeriesValues& values, const SeriesSummary& summary,
                                          int lastStep, int columns,
                                          double ties = -std::numeric_limits<double>::infinity());

/// An oscillating series drawn as the band between its upper and lower envelopes: per pixel column, the
/// largest and smallest value of the steps in it and their neighbours (so a 2-cycle's two branches are the
/// band's edges instead of streaks between them), at the column's first step with a finite value.
struct Envelope {
    std::vector<int> steps;            ///< One per column that holds a finite value.
    std::vector<double> upper, lower;  ///< In the series' units.
};
Envelope envelopeOf(const SeriesValues& values, const SeriesSummary& summary, int lastStep, int columns);

}  // namespace gradscape

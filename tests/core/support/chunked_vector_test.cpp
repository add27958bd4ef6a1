// ChunkedVector: copies share storage, appends and truncations never change what a copy sees, and one
// writer may append while other threads read copies (run this file under the thread sanitizer build).
#include "support/chunked_vector.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <iterator>
#include <memory>
#include <mutex>
#include <numeric>
#include <thread>
#include <vector>

using namespace gradscape;

namespace {

// Small chunks, so a few dozen elements cross several chunk boundaries.
using Small = ChunkedVector<int, 8>;

Small counting(int from, int to) {
    Small v;
    for (int i = from; i < to; ++i)
        v.push_back(i);
    return v;
}

std::vector<int> range(int from, int to) {
    std::vector<int> v(static_cast<size_t>(to - from));
    std::iota(v.begin(), v.end(), from);
    return v;
}

}  // namespace

static_assert(std::random_access_iterator<Small::const_iterator>);
static_assert(std::ranges::random_access_range<const Small>);

TEST_CASE("a chunked vector reads like a vector: size, elements, ends, iterators") {
    Small empty;
    CHECK(empty.empty());
    CHECK(empty.begin() == empty.end());
    CHECK(empty.toVector().empty());

    const Small v = counting(0, 30);
    CHECK(v.size() == 30);
    CHECK_FALSE(v.empty());
    CHECK(v.front() == 0);
    CHECK(v.back() == 29);
    for (int i = 0; i < 30; ++i)
        CHECK(v[static_cast<size_t>(i)] == i);
    CHECK(v.at(29) == 29);
    CHECK_THROWS_AS(v.at(30), std::out_of_range);
    CHECK(v.toVector() == range(0, 30));
    CHECK(std::distance(v.begin(), v.end()) == 30);
    CHECK(std::vector<int>(v.begin(), v.end()) == range(0, 30));
    // Random access across chunk boundaries, both ways.
    auto it = v.begin() + 17;
    CHECK(*it == 17);
    CHECK(it[5] == 22);
    CHECK(*(it - 9) == 8);
    CHECK(*std::prev(v.end()) == 29);
    CHECK(std::lower_bound(v.begin(), v.end(), 23) - v.begin() == 23);
    CHECK(std::vector<int>(std::make_reverse_iterator(v.end()), std::make_reverse_iterator(v.begin()))
              .front() == 29);
    CHECK(v == range(0, 30));
    CHECK(range(0, 30) == v);
    CHECK(v != range(0, 29));
    CHECK(v == counting(0, 30));
    CHECK(v != counting(1, 31));
}

TEST_CASE("a copy shares every chunk and keeps its elements while the original grows") {
    Small v = counting(0, 20);  // two full chunks and part of a third
    const Small copy = v;
    CHECK(copy.sharedPrefix(v) == 20);
    CHECK(copy.sharesChunkAt(19, v));
    for (int i = 20; i < 45; ++i)
        v.push_back(i);
    CHECK(copy.size() == 20);
    CHECK(copy == range(0, 20));
    CHECK(v == range(0, 45));
    // The original appended into the chunk the copy shares: still shared, nothing copied.
    CHECK(v.sharedPrefix(copy) == 20);
    CHECK(v.sharesChunkAt(16, copy));
}

TEST_CASE("a copy that appends copies the shared chunk first: the original never sees it") {
    Small v = counting(0, 20);
    Small copy = v;
    copy.push_back(-1);
    CHECK(copy.back() == -1);
    CHECK_FALSE(copy.sharesChunkAt(16, v));  // its own third chunk now
    CHECK(copy.sharesChunkAt(15, v));        // the full chunks before it still shared
    CHECK(copy.sharedPrefix(v) == 16);
    v.push_back(20);
    CHECK(v == range(0, 21));
    CHECK(copy[20] == -1);
    CHECK(copy.size() == 21);
}

TEST_CASE("truncation copies the chunk holding the new end, so a copy never sees an element rewritten") {
    Small v = counting(0, 30);
    const Small before = v;
    v.truncate(13);
    CHECK(v == range(0, 13));
    CHECK(v.sharedPrefix(before) == 8);  // the full first chunk is shared, the cut one is not
    CHECK_FALSE(v.sharesChunkAt(12, before));
    for (int i = 0; i < 10; ++i)
        v.push_back(100 + i);
    CHECK(before == range(0, 30));
    CHECK(v.size() == 23);
    CHECK(v[13] == 100);
    v.truncate(16);  // at a chunk boundary: nothing to copy
    CHECK(v.size() == 16);
    v.truncate(99);  // longer than it is: unchanged
    CHECK(v.size() == 16);
    v.clear();
    CHECK(v.empty());
    CHECK(before == range(0, 30));
    v.push_back(7);
    CHECK(v == std::vector<int>{7});
}

TEST_CASE("appendSpace hands out the writable run to the chunk's end; commitAppend takes a prefix") {
    Small v = counting(0, 5);
    auto space = v.appendSpace();
    CHECK(space.size() == 3);  // to the end of the first chunk
    space[0] = 5, space[1] = 6;
    v.commitAppend(2);
    CHECK(v == range(0, 7));
    space = v.appendSpace();
    CHECK(space.size() == 1);
    space[0] = 7;
    v.commitAppend(1);
    space = v.appendSpace();  // full: a fresh chunk
    CHECK(space.size() == 8);
    v.commitAppend(0);
    CHECK(v == range(0, 8));

    // The fresh chunk asked for but not used is not part of a copy: the copy's append cannot write into it.
    auto spare = v.appendSpace();
    spare[0] = 42;
    Small copy = v;
    copy.push_back(-1);
    CHECK(v.appendSpace()[0] == 42);
    CHECK(copy == [] {
        auto expected = range(0, 8);
        expected.push_back(-1);
        return expected;
    }());

    // A copy's appendSpace is its own copy of the shared tail.
    Small shared = counting(0, 12);
    Small other = shared;
    auto run = other.appendSpace();
    CHECK(run.size() == 4);
    run[0] = -5;
    other.commitAppend(1);
    shared.push_back(12);
    CHECK(other[12] == -5);
    CHECK(shared[12] == 12);
}

TEST_CASE("spans cover a range in order, each within one chunk") {
    const Small v = counting(0, 30);
    for (auto [from, to] : {std::pair<size_t, size_t>{0, 30}, {3, 27}, {8, 16}, {5, 6}, {29, 99}, {12, 12}}) {
        std::vector<int> seen;
        size_t spans = 0;
        v.forEachSpan(from, to, [&](std::span<const int> run) {
            CHECK(!run.empty());
            CHECK(run.size() <= Small::kChunkSize);
            seen.insert(seen.end(), run.begin(), run.end());
            ++spans;
        });
        const int end = static_cast<int>(std::min<size_t>(to, 30));
        CHECK(seen ==
              range(static_cast<int>(std::min<size_t>(from, 30)), std::max(end, static_cast<int>(from))));
        CHECK(spans <= (to - from + 2 * Small::kChunkSize - 2) / Small::kChunkSize);
    }
    std::vector<int> all;
    v.forEachSpan([&](std::span<const int> run) { all.insert(all.end(), run.begin(), run.end()); });
    CHECK(all == range(0, 30));
}

TEST_CASE("sharedPrefix counts storage in common, not equal values") {
    const Small a = counting(0, 30), b = counting(0, 30);
    CHECK(a == b);
    CHECK(a.sharedPrefix(b) == 0);  // equal, built apart
    // The writer grows past a copy it made: the copy's whole length is still shared.
    Small writer = counting(0, 30);
    const Small snapshot = writer;
    for (int i = 30; i < 50; ++i)
        writer.push_back(i);
    CHECK(writer.sharedPrefix(snapshot) == 30);
    CHECK(snapshot.sharedPrefix(writer) == 30);
    // A copy that grows copies the partly filled chunk first: its full chunks stay shared.
    Small grown = a;
    for (int i = 30; i < 50; ++i)
        grown.push_back(i);
    CHECK(grown.sharedPrefix(a) == 24);
    Small cut = writer;
    cut.truncate(20);
    CHECK(cut.sharedPrefix(writer) == 16);
    CHECK(Small().sharedPrefix(a) == 0);
}

TEST_CASE("a moved-from vector is empty and usable; a moved vector keeps writing into its own chunk") {
    Small v = counting(0, 10);
    Small moved = std::move(v);
    CHECK(moved == range(0, 10));
    CHECK(v.empty());  // NOLINT(bugprone-use-after-move): specified here
    v.push_back(1);
    CHECK(v == std::vector<int>{1});
    moved.push_back(10);
    CHECK(moved == range(0, 11));
    Small assigned;
    assigned = moved;
    assigned.push_back(-1);
    CHECK(moved == range(0, 11));
}

TEST_CASE("default chunks hold elements of an aligned type") {
    struct alignas(16) Pair {
        double x, y;
        bool operator==(const Pair&) const = default;
    };
    ChunkedVector<Pair> v;
    for (int i = 0; i < 10'000; ++i)
        v.push_back({double(i), -double(i)});
    CHECK(reinterpret_cast<std::uintptr_t>(&v[4097]) % 16 == 0);
    CHECK(v[9999] == Pair{9999, -9999});
    const auto copy = v;
    CHECK(copy.sharedPrefix(v) == 10'000);
}

// One writer appends and publishes copies; readers take them, read every element, copy them again and
// append to their copies. Under ThreadSanitizer this shows that the writer's appends into a chunk that
// published copies read, and the readers' own appends, never touch memory another thread reads.
TEST_CASE("one writer appends while other threads read, copy and extend its published copies") {
    using Vector = ChunkedVector<long, 64>;
    std::mutex mutex;
    std::shared_ptr<const Vector> published = std::make_shared<const Vector>();
    std::atomic<bool> done = false;
    constexpr long kTotal = 20'000;

    std::thread writer([&] {
        Vector v;
        long next = 0;
        while (next < kTotal) {
            if (next % 3 == 0) {
                v.push_back(next++);
            } else {
                auto space = v.appendSpace();
                const size_t n = std::min<size_t>({space.size(), 5, static_cast<size_t>(kTotal - next)});
                for (size_t i = 0; i < n; ++i)
                    space[i] = next + static_cast<long>(i);
                v.commitAppend(n);
                next += static_cast<long>(n);
            }
            if (next % 7 == 0) {
                auto copy = std::make_shared<const Vector>(v);
                std::lock_guard lock(mutex);
                published = std::move(copy);
            }
        }
        auto last = std::make_shared<const Vector>(v);
        std::lock_guard lock(mutex);
        published = std::move(last);
        done = true;
    });

    std::atomic<long> mismatches = 0, reads = 0;
    std::vector<std::thread> readers;
    for (int r = 0; r < 3; ++r) {
        readers.emplace_back([&, r] {
            size_t lastSize = 0;
            for (;;) {
                const bool finished = done;
                std::shared_ptr<const Vector> seen;
                {
                    std::lock_guard lock(mutex);
                    seen = published;
                }
                if (seen->size() < lastSize) ++mismatches;
                lastSize = seen->size();
                long index = 0;
                seen->forEachSpan([&](std::span<const long> run) {
                    for (long value : run)
                        mismatches += value != index++;
                });
                ++reads;
                // A reader's own copy grows apart from the writer's.
                Vector mine = *seen;
                for (int i = 0; i < 40; ++i)
                    mine.push_back(-r - 1);
                if (mine.size() != seen->size() + 40 ||
                    (seen->size() > 0 && mine[seen->size() - 1] != long(seen->size()) - 1))
                    ++mismatches;
                if (finished) break;
            }
        });
    }
    writer.join();
    for (auto& reader : readers)
        reader.join();
    CHECK(mismatches == 0);
    CHECK(reads >= 3);
    CHECK(published->size() == static_cast<size_t>(kTotal));
    CHECK(published->back() == kTotal - 1);
}

// The row splitter every parallel loop uses: each row worked on exactly once, whatever the number of
// bands and threads, and a failure in any thread reported to the caller.
#include "support/parallel_rows.h"

#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <vector>

using namespace gradscape;

TEST_CASE("evenBands cuts the rows into bands of nearly equal height, none empty") {
    CHECK(evenBands(10, 3) == std::vector<int>{0, 3, 6, 10});
    CHECK(evenBands(4, 8) == std::vector<int>{0, 1, 2, 3, 4});  // no more bands than rows
    CHECK(evenBands(5, 0) == std::vector<int>{0, 5});           // at least one band
    CHECK(evenBands(0, 4) == std::vector<int>{0, 0});
    for (int rows : {1, 7, 100, 801})
        for (int bands : {1, 2, 3, 8, 13}) {
            const std::vector<int> starts = evenBands(rows, bands);
            CHECK(starts.front() == 0);
            CHECK(starts.back() == rows);
            for (size_t i = 0; i + 1 < starts.size(); ++i)
                CHECK(starts[i] < starts[i + 1]);
        }
}

TEST_CASE("forEachBand works on every row exactly once, with any number of threads") {
    for (int rows : {1, 5, 64, 333})
        for (int bands : {1, 3, 8, 40})
            for (int threads : {0, 1, 2, 4, 9}) {
                CAPTURE(rows);
                CAPTURE(bands);
                CAPTURE(threads);
                const std::vector<int> starts = evenBands(rows, bands);
                auto counts = std::make_unique<std::atomic<int>[]>(static_cast<size_t>(rows));
                std::vector<std::atomic<int>> bandCalls(starts.size() - 1);
                std::atomic<int> misplaced{0};  // asserted here, not on the workers' threads
                forEachBand(starts, threads, [&](std::size_t band, int begin, int end) {
                    if (begin != starts[band] || end != starts[band + 1]) ++misplaced;
                    ++bandCalls[band];
                    for (int row = begin; row < end; ++row)
                        ++counts[static_cast<size_t>(row)];
                });
                for (int row = 0; row < rows; ++row)
                    CHECK(counts[static_cast<size_t>(row)] == 1);
                for (const auto& calls : bandCalls)
                    CHECK(calls == 1);
                CHECK(misplaced == 0);
            }
}

TEST_CASE("RowBands works in the background and finish() completes what is left") {
    const std::vector<int> starts = {0, 16, 32, 48, 50};
    std::vector<int> rows(50, 0);
    RowBands bands(starts, 2, [&](std::size_t, int begin, int end) {
        for (int row = begin; row < end; ++row)
            ++rows[static_cast<size_t>(row)];
    });
    bands.finish();
    bands.finish();  // a second call does nothing
    for (int count : rows)
        CHECK(count == 1);
}

TEST_CASE("an exception thrown on any thread reaches the caller of finish") {
    for (int threads : {1, 4}) {
        CAPTURE(threads);
        CHECK_THROWS_WITH_AS(forEachBand(evenBands(100, 10), threads,
                                         [](std::size_t band, int, int) {
                                             if (band == 7) throw std::runtime_error("band 7 failed");
                                         }),
                             "band 7 failed", std::runtime_error);
    }
}

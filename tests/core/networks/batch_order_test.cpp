// The minibatches of a network run (networks/batch_order.h): a portable seeded shuffle per epoch, pinned to
// what the Python of its header gives; every epoch deals every sample once; any step can be asked for in
// any order; a batch size outside [1, n] is refused.

#include "networks/batch_order.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <vector>

using namespace gradscape;

namespace {

std::vector<int> batchAsVector(std::span<const int> batch) {
    return {batch.begin(), batch.end()};
}

}  // namespace

TEST_CASE("an epoch's order is the Fisher-Yates shuffle Python computes from the same seed") {
    // From the Python in batch_order.h's header, n = 10, seed = 7.
    CHECK(BatchOrder::epochOrder(10, 7, 0) == std::vector<int>{8, 1, 5, 9, 0, 4, 3, 2, 6, 7});
    CHECK(BatchOrder::epochOrder(10, 7, 1) == std::vector<int>{3, 2, 8, 9, 0, 7, 6, 4, 1, 5});
    CHECK(BatchOrder::epochOrder(10, 7, 2) == std::vector<int>{1, 6, 3, 4, 0, 5, 2, 8, 9, 7});
    CHECK(BatchOrder::epochOrder(10, 8, 0) != BatchOrder::epochOrder(10, 7, 0));
    CHECK(BatchOrder::epochOrder(1, 7, 3) == std::vector<int>{0});
}

TEST_CASE(
    "minibatches deal every sample once per epoch, the last batch smaller, the same for the same seed") {
    const int n = 23;
    BatchOrder order(n, {.batchSize = 5, .seed = 42});
    CHECK(order.batchesPerEpoch() == 5);
    for (long epoch = 0; epoch < 4; ++epoch) {
        CAPTURE(epoch);
        std::vector<int> dealt;
        for (long b = 0; b < order.batchesPerEpoch(); ++b) {
            const long step = epoch * order.batchesPerEpoch() + b + 1;
            CHECK(order.epochOfStep(step) == epoch);
            const std::span<const int> batch = order.batchOfStep(step);
            CHECK(batch.size() == (b < 4 ? 5u : 3u));
            dealt.insert(dealt.end(), batch.begin(), batch.end());
        }
        CHECK(dealt == BatchOrder::epochOrder(n, 42, epoch));
        std::sort(dealt.begin(), dealt.end());
        std::vector<int> every(n);
        std::iota(every.begin(), every.end(), 0);
        CHECK(dealt == every);
    }
    // Epochs differ from one another, and another seed deals other batches.
    CHECK(BatchOrder::epochOrder(n, 42, 0) != BatchOrder::epochOrder(n, 42, 1));
    BatchOrder other(n, {.batchSize = 5, .seed = 43});
    CHECK(batchAsVector(other.batchOfStep(1)) != batchAsVector(BatchOrder(n, {5, 42}).batchOfStep(1)));
}

TEST_CASE("any step's batch can be asked for in any order and is the batch of the sequential deal") {
    BatchOrder sequential(17, {.batchSize = 4, .seed = 9});
    std::vector<std::vector<int>> batches;
    for (long step = 1; step <= 40; ++step)
        batches.push_back(batchAsVector(sequential.batchOfStep(step)));
    BatchOrder jumping(17, {.batchSize = 4, .seed = 9});
    for (const long step : {33L, 2L, 40L, 1L, 17L, 18L, 5L})
        CHECK(batchAsVector(jumping.batchOfStep(step)) == batches[static_cast<std::size_t>(step - 1)]);
    // A batch as large as the data set is the whole epoch's shuffled order.
    BatchOrder whole(17, {.batchSize = 17, .seed = 9});
    CHECK(batchAsVector(whole.batchOfStep(3)) == BatchOrder::epochOrder(17, 9, 2));
}

TEST_CASE("a batch size outside [1, samples] is refused with the range") {
    CHECK_THROWS_WITH_AS(BatchOrder(10, {.batchSize = 11, .seed = 0}),
                         "batch size must be in [1, 10] (the samples of the data set), got 11",
                         std::invalid_argument);
    CHECK_THROWS_AS(BatchOrder(10, {.batchSize = 0, .seed = 0}), std::invalid_argument);
    CHECK_THROWS_AS(BatchOrder(0, {.batchSize = 1, .seed = 0}), std::invalid_argument);
    CHECK(BatchSchedule{}.fullBatch());
}

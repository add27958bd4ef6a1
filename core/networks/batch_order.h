#pragma once
// Which samples each step of a network run trains on: the whole data set (full batch), or minibatches as
// torch's DataLoader(shuffle=True, drop_last=False) deals them: each epoch a fresh shuffle of every
// sample, cut into consecutive batches of batchSize, the last one smaller when batchSize does not divide
// n. The batches belong to the run, not to an optimizer: every racer of a run sees the same ones.
//
// The shuffle is portable, so Python reproduces it exactly (tools/make_network_golden.py): epoch e
// shuffles the list 0..n-1 with Fisher-Yates, for i = n-1 down to 1 swapping entries i and
// nextBits() % (i + 1), drawn from PortableRandom(seed) (networks/portable_random.h) after the n - 1 draws
// of each earlier epoch:
//   rng = PortableRandom(seed); for each epoch: order = list(range(n));
//   for i in range(n - 1, 0, -1): j = rng.next_bits() % (i + 1); order[i], order[j] = order[j], order[i]
// Step k (1 on the first) trains on batch k - 1 of that stream.

#include "networks/portable_random.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace gradscape {

/// How a run feeds its racers: every step on the full batch, or on the minibatches of a seeded order.
struct BatchSchedule {
    int batchSize = 0;       ///< Samples per minibatch; 0 is the full batch.
    std::uint64_t seed = 0;  ///< Of the shuffles.

    bool fullBatch() const { return batchSize == 0; }
    bool operator==(const BatchSchedule&) const = default;
};

/// The minibatches of a schedule on n samples, step by step. Any step can be asked for in any order:
/// epoch e's order is made from the generator moved on past the earlier epochs' draws (the latest
/// epoch's order is kept).
class BatchOrder {
  public:
    /// Throws std::invalid_argument unless 1 <= schedule.batchSize <= sampleCount.
    BatchOrder(int sampleCount, BatchSchedule schedule) : n_(sampleCount), schedule_(schedule) {
        if (schedule.batchSize < 1 || schedule.batchSize > sampleCount)
            throw std::invalid_argument("batch size must be in [1, " + std::to_string(sampleCount) +
                                        "] (the samples of the data set), got " +
                                        std::to_string(schedule.batchSize));
        batchesPerEpoch_ = (n_ + schedule.batchSize - 1) / schedule.batchSize;
    }

    /// Minibatches in one epoch: ceil(n / batchSize).
    long batchesPerEpoch() const { return batchesPerEpoch_; }
    /// The epoch (0 on the first) step k falls in.
    long epochOfStep(long step) const { return (step - 1) / batchesPerEpoch_; }

    /// The sample indices step k (1 on the first) trains on; valid until the next call.
    std::span<const int> batchOfStep(long step) {
        const long index = step - 1;
        const long epoch = index / batchesPerEpoch_;
        if (epoch != epoch_) order_ = epochOrder(n_, schedule_.seed, epoch), epoch_ = epoch;
        const long first = (index % batchesPerEpoch_) * schedule_.batchSize;
        const long size = std::min<long>(schedule_.batchSize, n_ - first);
        return std::span<const int>(order_).subspan(static_cast<std::size_t>(first),
                                                    static_cast<std::size_t>(size));
    }

    /// Every sample 0..n-1 once, in epoch e's shuffled order.
    static std::vector<int> epochOrder(int n, std::uint64_t seed, long epoch) {
        std::vector<int> order(static_cast<std::size_t>(n));
        std::iota(order.begin(), order.end(), 0);
        if (n < 2) return order;
        PortableRandom random(seed);
        random.discard(static_cast<std::uint64_t>(epoch) * static_cast<std::uint64_t>(n - 1));
        for (int i = n - 1; i >= 1; --i) {
            const auto j = static_cast<int>(random.nextBits() % static_cast<std::uint64_t>(i + 1));
            std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
        }
        return order;
    }

  private:
    int n_;
    BatchSchedule schedule_;
    long batchesPerEpoch_ = 1;
    long epoch_ = -1;
    std::vector<int> order_;
};

}  // namespace gradscape

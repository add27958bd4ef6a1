#pragma once
// Minibatches as SGD draws them: every sample once per epoch, in an order reshuffled each epoch.

#include <cstdint>
#include <random>
#include <vector>

namespace gradscape {

/// Deals the indices 0..n-1 out in batches of `batchSize`: each epoch is a fresh seeded shuffle, cut
/// into consecutive batches (the last one smaller when batchSize does not divide n).
class MinibatchSampler {
  public:
    MinibatchSampler(int sampleCount, int batchSize, std::uint64_t seed);

    /// The next batch of sample indices.
    const std::vector<int>& next();
    /// Epochs started so far (1 after the first batch).
    long epoch() const { return epoch_; }

  private:
    std::vector<int> order_, batch_;
    int batchSize_;
    size_t position_;
    long epoch_ = 0;
    std::mt19937_64 random_;
};

}  // namespace gradscape

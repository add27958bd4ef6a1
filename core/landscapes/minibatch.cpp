#include "landscapes/minibatch.h"

#include <algorithm>
#include <numeric>

namespace gradscape {

MinibatchSampler::MinibatchSampler(int sampleCount, int batchSize, std::uint64_t seed)
    : order_(std::max(sampleCount, 1)), batchSize_(std::max(batchSize, 1)), random_(seed) {
    std::iota(order_.begin(), order_.end(), 0);
    position_ = order_.size();  // the first call starts an epoch
}

const std::vector<int>& MinibatchSampler::next() {
    if (position_ >= order_.size()) {
        std::shuffle(order_.begin(), order_.end(), random_);
        position_ = 0;
        ++epoch_;
    }
    const size_t end = std::min(order_.size(), position_ + static_cast<size_t>(batchSize_));
    batch_.assign(order_.begin() + position_, order_.begin() + end);
    position_ = end;
    return batch_;
}

}  // namespace gradscape

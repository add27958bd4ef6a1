#include "support/parallel_rows.h"

#include <algorithm>
#include <utility>

namespace gradscape {

std::vector<int> evenBands(int rows, int bands) {
    rows = std::max(rows, 0);
    bands = std::clamp(bands, 1, std::max(rows, 1));
    std::vector<int> starts(static_cast<std::size_t>(bands) + 1);
    for (int i = 0; i <= bands; ++i)
        starts[static_cast<std::size_t>(i)] = static_cast<int>(static_cast<long long>(rows) * i / bands);
    return starts;
}

RowBands::RowBands(std::vector<int> starts, int helpers, BandWork work)
    : starts_(std::move(starts)), work_(std::move(work)) {
    // A helper with no band to take would only be started and joined.
    helpers = std::min(helpers, static_cast<int>(starts_.empty() ? 0 : starts_.size() - 1));
    for (int i = 0; i < helpers; ++i)
        helpers_.emplace_back([this] { this->work(); });
}

RowBands::~RowBands() {
    try {
        finish();
    } catch (...) {  // a destructor does not throw: whoever wanted the failure called finish()
    }
}

void RowBands::work() {
    for (std::size_t band; !failed_ && (band = next_.fetch_add(1)) + 1 < starts_.size();) {
        try {
            work_(band, starts_[band], starts_[band + 1]);
        } catch (...) {
            // Only the first failure is kept; the flag stops every thread at its next band.
            if (!failed_.exchange(true)) failure_ = std::current_exception();
        }
    }
}

void RowBands::finish() {
    work();
    for (auto& helper : helpers_)
        helper.join();
    helpers_.clear();
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void forEachBand(const std::vector<int>& starts, int threads, const BandWork& work) {
    // The calling thread takes bands too: a helper more than the bands left for them would idle.
    const int bandCount = starts.empty() ? 0 : static_cast<int>(starts.size()) - 1;
    RowBands bands(starts, std::max(std::min(threads, bandCount), 1) - 1, work);
    bands.finish();
}

}  // namespace gradscape

#pragma once
// Rows of a grid or an image split over threads: the one way gradscape works on rows in parallel (the grid
// sampler, the CPU contour layer, the PNG encoder). The rows are cut into bands; helper threads and the
// thread that finishes take the bands in turn until none is left, so a slow band never holds up the
// others and every band is worked on exactly once.

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

namespace gradscape {

/// Band boundaries that cut rows [0, rows) into `bands` bands of nearly equal height (band i is rows
/// [starts[i], starts[i + 1]), rows * i / bands on): bands.size() + 1 values. `bands` is clamped to
/// [1, max(rows, 1)], so no band is empty unless there are no rows at all.
std::vector<int> evenBands(int rows, int bands);

/// The work on one band: its index and its rows [begin, end).
using BandWork = std::function<void(std::size_t band, int begin, int end)>;

/// Bands of rows worked on in the background by helper threads and finished by the caller.
class RowBands {
  public:
    /// Starts `helpers` threads (none when 0) taking the bands that `starts` delimits (band i is rows
    /// [starts[i], starts[i + 1])) in turn.
    RowBands(std::vector<int> starts, int helpers, BandWork work);
    /// Finishes (see finish), keeping any exception the work threw to itself.
    ~RowBands();
    RowBands(const RowBands&) = delete;
    RowBands& operator=(const RowBands&) = delete;

    /// Works on the bands still left in the calling thread, then waits for the helpers: when it returns
    /// every band has been worked on once. Rethrows the first exception the work threw (the bands after
    /// it are skipped). Calling it again does nothing.
    void finish();

  private:
    void work();

    std::vector<int> starts_;
    BandWork work_;
    std::atomic<std::size_t> next_{0};
    std::exception_ptr failure_;
    std::atomic<bool> failed_{false};
    std::vector<std::thread> helpers_;
};

/// Works on every band with `threads` threads in all, the calling one included, and returns when all are
/// done (rethrowing the first exception the work threw).
void forEachBand(const std::vector<int>& starts, int threads, const BandWork& work);

}  // namespace gradscape

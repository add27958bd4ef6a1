#pragma once
// The landscape sampled on a regular grid: what the contour view colours and draws isolines on.

#include "landscapes/landscape.h"
#include "support/uninitialized_vector.h"

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace gradscape {

/// f sampled at the centres of width x height cells covering `box`, row 0 at yMin.
struct Grid {
    std::shared_ptr<const Landscape> landscape;  ///< The landscape that was sampled.
    ViewBox box;
    int width = 0, height = 0;
    UninitializedVector<float> values;  ///< Row-major, NaN where f is not finite (sampleGrid writes each).
    double minimum = 0, maximum = 0;  ///< Over the finite samples; both 0 when there is none.
    std::uint64_t generation = 0;     ///< Grows with every grid the sampler publishes.

    /// The sample point of cell (column, row).
    Vec2 cellCenter(int column, int row) const {
        return {box.xMin + (column + 0.5) * box.width() / width,
                box.yMin + (row + 0.5) * box.height() / height};
    }
};

/// Samples `landscape` on a width x height grid over `box` (in the calling thread).
Grid sampleGrid(std::shared_ptr<const Landscape> landscape, const ViewBox& box, int width, int height);

/// A background thread that samples grids so the UI thread never does. Requests collapse: while one
/// grid is being sampled, only the latest of the requests that arrive is sampled next.
class GridSampler {
  public:
    GridSampler();
    ~GridSampler();
    GridSampler(const GridSampler&) = delete;
    GridSampler& operator=(const GridSampler&) = delete;

    /// Asks for a grid; returns at once. Repeating the previous request does nothing.
    void request(std::shared_ptr<const Landscape> landscape, const ViewBox& box, int width, int height);
    /// The latest finished grid, or null before the first one is ready.
    std::shared_ptr<const Grid> latest() const;
    /// Blocks until every request made so far has been sampled; returns the latest grid.
    std::shared_ptr<const Grid> waitUntilIdle() const;
    /// Whether a request is waiting or being sampled: the window draws on until it is done, since nothing
    /// else wakes it when the grid arrives.
    bool working() const;

  private:
    struct Request {
        std::shared_ptr<const Landscape> landscape;
        ViewBox box;
        int width = 0, height = 0;
        bool operator==(const Request&) const = default;
    };
    void loop();

    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    bool stopping_ = false;
    bool busy_ = false;
    bool hasPending_ = false;
    Request pending_, lastRequested_;
    std::shared_ptr<const Grid> latest_;
    std::uint64_t generation_ = 0;
    std::thread thread_;
};

}  // namespace gradscape

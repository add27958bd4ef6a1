#include "view/grid.h"

#include "support/parallel_rows.h"
#include "view/loss_plane.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gradscape {

Grid sampleGrid(std::shared_ptr<const Landscape> landscape, const ViewBox& box, int width, int height) {
    Grid grid;
    grid.box = box;
    grid.width = std::max(width, 1);
    grid.height = std::max(height, 1);
    grid.values.resize(static_cast<size_t>(grid.width) * grid.height);
    // Rows are split between the cores: sampling is the one heavy job a pan or zoom asks for.
    const int workers = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 8);
    forEachBand(evenBands(grid.height, workers), workers, [&](std::size_t, int begin, int end) {
        landscape->sampleRows(box, grid.width, grid.height, begin, end,
                              grid.values.data() + static_cast<size_t>(begin) * grid.width);
    });

    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (float& v : grid.values) {
        if (!std::isfinite(v)) {
            v = std::numeric_limits<float>::quiet_NaN();  // drawn masked
            continue;
        }
        lo = std::min(lo, double(v)), hi = std::max(hi, double(v));
    }
    if (lo <= hi) grid.minimum = lo, grid.maximum = hi;
    grid.landscape = std::move(landscape);
    return grid;
}

GridSampler::GridSampler() : thread_([this] { loop(); }) {}

GridSampler::~GridSampler() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

void GridSampler::request(std::shared_ptr<const Landscape> landscape, const ViewBox& box, int width,
                          int height) {
    Request request{std::move(landscape), box, width, height};
    {
        std::lock_guard lock(mutex_);
        if (request == lastRequested_) return;
        lastRequested_ = request;
        pending_ = std::move(request);
        hasPending_ = true;
    }
    changed_.notify_all();
}

std::shared_ptr<const Grid> GridSampler::latest() const {
    std::lock_guard lock(mutex_);
    return latest_;
}

std::shared_ptr<const Grid> GridSampler::waitUntilIdle() const {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !hasPending_ && !busy_; });
    return latest_;
}

bool GridSampler::working() const {
    std::lock_guard lock(mutex_);
    return hasPending_ || busy_;
}

void GridSampler::loop() {
    for (;;) {
        Request request;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || hasPending_; });
            if (stopping_) return;
            request = std::move(pending_);
            hasPending_ = false;
            busy_ = true;
        }
        // A network's plane costs a pass over its data set per cell: a grid a quarter as fine comes first,
        // so the picture appears at once and sharpens (unless a newer request has come meanwhile).
        if (lossPlaneOf(*request.landscape) && request.width * request.height > 48 * 48) {
            std::shared_ptr<Grid> coarse;
            try {
                coarse = std::make_shared<Grid>(sampleGrid(request.landscape, request.box,
                                                           std::max(2, request.width / 4), std::max(2, request.height / 4)));
            } catch (...) {
            }
            std::lock_guard lock(mutex_);
            if (coarse) {
                coarse->generation = ++generation_;
                latest_ = std::move(coarse);
            }
            if (hasPending_) {
                busy_ = false;
                changed_.notify_all();
                continue;
            }
        }
        // Sampled without the lock, so new requests can arrive meanwhile.
        std::shared_ptr<Grid> grid;
        try {
            grid = std::make_shared<Grid>(
                sampleGrid(request.landscape, request.box, request.width, request.height));
        } catch (...) {
            grid.reset();  // A failing landscape leaves the previous grid on screen.
        }
        {
            std::lock_guard lock(mutex_);
            if (grid) {
                grid->generation = ++generation_;
                latest_ = std::move(grid);
            }
            busy_ = false;
        }
        changed_.notify_all();
    }
}

}  // namespace gradscape

#include "maps/map_sampler.h"

#include <algorithm>

namespace gradscape {
namespace {

// The request at level `level` of `levels` (the last is the request itself): its sides divided by 2^k.
MapRequest levelOf(const MapRequest& request, int level, int levels) {
    MapRequest coarse = request;
    const int shift = levels - 1 - level;
    coarse.width = std::max(1, request.width >> shift);
    coarse.height = std::max(1, request.height >> shift);
    return coarse;
}

}  // namespace

MapSampler::MapSampler(int threads) : threads_(std::max(1, threads)), thread_([this] { loop(); }) {}

MapSampler::~MapSampler() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cancel_ = true;
    changed_.notify_all();
    thread_.join();
}

int MapSampler::levelsFor(int side) {
    int levels = 1;
    while (levels < 4 && (side >> levels) >= 8)
        ++levels;
    return levels;
}

void MapSampler::request(std::shared_ptr<const Landscape> landscape, const MapRequest& request) {
    this->request(std::move(landscape), std::vector<MapRequest>{request});
}

void MapSampler::request(std::shared_ptr<const Landscape> landscape, const std::vector<MapRequest>& requests) {
    if (requests.empty()) return cancel();
    {
        std::lock_guard lock(mutex_);
        if (hasLast_ && landscape == lastLandscape_ && requests == last_) return;
        hasLast_ = true;
        lastLandscape_ = landscape;
        last_ = requests;
        for (const MapRequest& request : requests)
            if (std::string why = checkMapRequest(request); !why.empty()) {
                const std::string& label = request.racer.label;
                error_ = requests.size() > 1 ? (label.empty() ? request.racer.kind : label) + "'s map: " + why : why;
                hasPending_ = false;
                cancel_ = true;
                return;
            }
        error_.clear();
        pendingLandscape_ = std::move(landscape);
        pending_ = requests;
        hasPending_ = true;
        latest_.resize(requests.size());  // one slot per map from now on; the maps shown stay meanwhile
        cancel_ = true;  // the map being computed is for an older request
    }
    changed_.notify_all();
}

void MapSampler::cancel() {
    {
        std::lock_guard lock(mutex_);
        hasPending_ = false;
        hasLast_ = false;
        cancel_ = true;
    }
    changed_.notify_all();
}

MapProgressReport MapSampler::report() const {
    std::lock_guard lock(mutex_);
    MapProgressReport r;
    r.maps = latest_;
    r.latest = latest_.empty() ? nullptr : latest_.front();
    r.working = hasPending_ || busy_;
    r.done = r.working ? std::min(1.0, double(cellsDone_.load()) / double(cellsTotal_)) : 1.0;
    r.error = error_;
    return r;
}

MapProgressReport MapSampler::waitUntilIdle() const {
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !hasPending_ && !busy_; });
    }
    return report();
}

void MapSampler::loop() {
    for (;;) {
        std::shared_ptr<const Landscape> landscape;
        std::vector<MapRequest> requests;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stopping_ || hasPending_; });
            if (stopping_) return;
            landscape = std::move(pendingLandscape_);
            requests = pending_;
            hasPending_ = false;
            busy_ = true;
            cancel_ = false;
            cellsDone_ = 0;
            cellsTotal_ = 0;
            for (const MapRequest& request : requests) {
                const int levels = levelsFor(std::min(request.width, request.height));
                for (int level = 0; level < levels; ++level) {
                    const MapRequest r = levelOf(request, level, levels);
                    cellsTotal_ += long(r.width) * r.height;
                }
            }
        }
        // Level by level across the set: every map's coarse picture first.
        int mostLevels = 0;
        for (const MapRequest& request : requests)
            mostLevels = std::max(mostLevels, levelsFor(std::min(request.width, request.height)));
        long before = 0;
        bool stopped = false;
        for (int step = 0; step < mostLevels && !stopped; ++step) {
            for (size_t k = 0; k < requests.size() && !stopped; ++k) {
                // A map of fewer levels starts later, so that every map finishes with the last step.
                const int levels = levelsFor(std::min(requests[k].width, requests[k].height));
                const int level = step - (mostLevels - levels);
                if (level < 0) continue;
                const MapRequest r = levelOf(requests[k], level, levels);
                std::shared_ptr<MapResult> map;
                try {
                    map = std::make_shared<MapResult>(computeMap(*landscape, r, threads_, &cancel_,
                                                                 [&](long done, long) { cellsDone_ = before + done; }));
                } catch (const std::exception& e) {
                    std::lock_guard lock(mutex_);
                    error_ = e.what();
                    stopped = true;
                    break;
                }
                before += long(r.width) * r.height;
                if (!map->complete) {
                    stopped = true;
                    break;
                }
                std::lock_guard lock(mutex_);
                latest_[k] = std::move(map);
            }
        }
        {
            std::lock_guard lock(mutex_);
            busy_ = false;
        }
        changed_.notify_all();
    }
}

}  // namespace gradscape

#pragma once
// Maps computed in the background for the window: coarse to fine (an eighth of the asked side, a
// quarter, a half, then whole), each level published as it is done, with the share of the work done so
// far. A new request cancels the one being computed between cells and starts over: the latest request
// wins, as the grid sampler does for the contours. A request may be a set of maps (small multiples: one
// racer's basins each); they are computed level by level, every map's coarse picture before any fine one.

#include "maps/map.h"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace gradscape {

/// The map as far as it has got.
struct MapProgressReport {
    std::shared_ptr<const MapResult> latest;  ///< The finest level finished of the latest request's first map, or null.
    /// Every map of the latest set, each its finest level finished (null until its first). A map of the set
    /// before it stays until this set's first level replaces it.
    std::vector<std::shared_ptr<const MapResult>> maps;
    double done = 0;       ///< Share of the latest request's work done, 0 to 1 (1 when its full level is in).
    bool working = false;  ///< A request is waiting or being computed.
    std::string error;     ///< Why the latest request cannot be computed (checkMapRequest's sentence), or "".
};

class MapSampler {
  public:
    /// `threads`: how many threads compute each level (the sampler's own thread included).
    explicit MapSampler(int threads = 2);
    ~MapSampler();
    MapSampler(const MapSampler&) = delete;
    MapSampler& operator=(const MapSampler&) = delete;

    /// Asks for a map; returns at once. Repeating the previous request (same landscape object, same
    /// request) does nothing; any other cancels what is being computed. A request that fails
    /// checkMapRequest is not computed: its sentence is the report's error and the last map stays.
    void request(std::shared_ptr<const Landscape> landscape, const MapRequest& request);
    /// Asks for a set of maps at once, as request does for one. A set with a refused request is refused
    /// whole (the error names the racer whose map cannot be computed); an empty set cancels.
    void request(std::shared_ptr<const Landscape> landscape, const std::vector<MapRequest>& requests);
    /// Stops computing and forgets the request (the last map stays).
    void cancel();
    MapProgressReport report() const;
    /// Blocks until the latest request is computed whole (or refused, or cancelled); returns the report.
    MapProgressReport waitUntilIdle() const;
    /// The number of levels a request of this side is computed in (1 to 4: sides below 8 are not split).
    static int levelsFor(int side);

  private:
    void loop();

    int threads_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    bool stopping_ = false, busy_ = false, hasPending_ = false;
    std::shared_ptr<const Landscape> pendingLandscape_, lastLandscape_;
    std::vector<MapRequest> pending_, last_;
    bool hasLast_ = false;
    std::atomic<bool> cancel_{false};
    std::atomic<long> cellsDone_{0};
    long cellsTotal_ = 1;
    std::vector<std::shared_ptr<const MapResult>> latest_;
    std::string error_;
    std::thread thread_;
};

}  // namespace gradscape

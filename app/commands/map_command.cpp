#include "commands/map_command.h"

#include "commands/exit_status.h"
#include "export/image_io.h"
#include "maps/map_csv.h"
#include "maps/map_settings.h"
#include "support/atomic_file.h"
#include "views/map_picture.h"

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <stdexcept>
#include <thread>

namespace gradscape {
namespace {

// A bar on standard error, redrawn when it moves by a percent.
class ProgressBar {
  public:
    explicit ProgressBar(bool quiet) : quiet_(quiet) {}
    void operator()(long done, long total) {
        if (quiet_) return;
        const int percent = static_cast<int>(100 * done / std::max(1L, total));
        if (percent == shown_) return;
        shown_ = percent;
        const int filled = percent / 4;
        std::fprintf(stderr, "\rgradscape map: [%.*s%.*s] %3d%%  %ld/%ld cells", filled,
                     "#########################", 25 - filled, "                         ", percent, done, total);
        if (done == total) std::fputc('\n', stderr);
        std::fflush(stderr);
    }

  private:
    bool quiet_;
    int shown_ = -1;
};

int makeMap(const MapOptions& options) {
    requireWritable("--out", options.out);
    if (!options.csv.empty()) requireWritable("--csv", options.csv);
    const auto landscape = landscapeFromOptions(options.landscape, options.expression, options.landscapeParameters);
    const std::vector<MapRequest> requests = mapRequestsFor(options, *landscape);
    const MapRequest& request = requests.front();
    const int threads = options.threads > 0 ? options.threads
                                            : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    // One bar for the whole set.
    ProgressBar bar(options.quiet);
    const long cellsEach = long(request.width) * request.height, total = cellsEach * long(requests.size());
    std::vector<MapResult> maps;
    for (const MapRequest& r : requests) {
        const long before = cellsEach * long(maps.size());
        maps.push_back(computeMap(*landscape, r, threads, nullptr, [&](long done, long) { bar(before + done, total); }));
    }
    std::vector<const MapResult*> shown;
    for (const MapResult& map : maps)
        shown.push_back(&map);
    const MapColouring colouring = options.colouring.value_or(
        request.kind == MapKind::Basins ? MapColouring::Minimum : MapColouring::Loss);
    // Small maps are drawn at least 512 pixels a side, every cell a whole block; small multiples side by
    // side with 16 white pixels between them.
    const int scale = std::max(1, (512 + std::max(request.width, request.height) - 1) /
                                      std::max(request.width, request.height));
    writePng(options.out, mapPictures(shown, colouring, scale, 16));
    if (!options.csv.empty())
        replaceFile(options.csv, [&](std::ostream& out) {
            if (maps.size() == 1)
                writeMapCsv(out, maps.front());
            else
                writeMapsCsv(out, shown);
        });
    return 0;
}

// One racer's request as the options describe it, checked.
MapRequest mapRequestOf(const MapOptions& options, const Landscape& landscape, const OptimizerSettings& racer) {
    MapRequest request;
    request.kind = options.kind == "params" ? MapKind::Parameters : MapKind::Basins;
    request.racer = racer;
    request.width = request.height = options.size;
    request.steps = options.steps;
    request.tolerance = options.tolerance;
    if (request.kind == MapKind::Basins) {
        const ViewBox& box = landscape.displayBox();
        request.x = options.x.value_or(MapAxis{"x", box.xMin, box.xMax, false});
        request.y = options.y.value_or(MapAxis{"y", box.yMin, box.yMax, false});
    } else {
        request.x = options.x ? *options.x : defaultMapAxis(request.racer, true);
        request.y = options.y ? *options.y : defaultMapAxis(request.racer, false);
    }
    if (std::string why = checkMapRequest(request); !why.empty()) throw std::invalid_argument(why);
    return request;
}

}  // namespace

std::vector<MapRequest> mapRequestsFor(const MapOptions& options, const Landscape& landscape) {
    const std::vector<OptimizerSettings> racers =
        racersFromSpecs(options.optimizers, options.common, landscape.defaultStart());
    if (options.kind == "params" && racers.size() != 1)
        throw std::invalid_argument("--optimizer: a parameter map follows one racer, got " + std::to_string(racers.size()) +
                                    " (basins take several, side by side)");
    std::vector<MapRequest> requests;
    for (const OptimizerSettings& racer : racers)
        requests.push_back(mapRequestOf(options, landscape, racer));
    return requests;
}

int mapCommand(const MapOptions& options) {
    return exitStatusOf("gradscape map", [&] { return makeMap(options); });
}

}  // namespace gradscape

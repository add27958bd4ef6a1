#include "maps/map_csv.h"

#include "optimizers/racer_labels.h"
#include "support/csv.h"

#include <cstdio>
#include <ostream>
#include <stdexcept>

namespace gradscape {

namespace {

std::string headerOf(const MapRequest& r) {
    return r.kind == MapKind::Basins ? "i,j,x,y,minimum,steps,final_loss,diverged\n"
                                     : "i,j," + r.x.name + "," + r.y.name + ",final_loss,steps,rate,diverged\n";
}

// The map's rows, each after `prefix`.
void writeRows(std::ostream& out, const MapResult& map, const std::string& prefix) {
    const MapRequest& r = map.request;
    const bool basins = r.kind == MapKind::Basins;
    char row[256];
    for (int j = 0; j < r.height; ++j)
        for (int i = 0; i < r.width; ++i) {
            const MapCell& c = map.at(i, j);
            const double x = r.x.valueAt(i, r.width), y = r.y.valueAt(j, r.height);
            if (basins)
                std::snprintf(row, sizeof row, "%d,%d,%.17g,%.17g,%d,%d,%.17g,%d\n", i, j, x, y, c.minimum, c.steps,
                              c.finalLoss, c.diverged ? 1 : 0);
            else
                std::snprintf(row, sizeof row, "%d,%d,%.17g,%.17g,%.17g,%d,%.17g,%d\n", i, j, x, y, c.finalLoss,
                              c.steps, c.rate, c.diverged ? 1 : 0);
            out << prefix << row;
        }
}

}  // namespace

void writeMapCsv(std::ostream& out, const MapResult& map) {
    out << headerOf(map.request);
    writeRows(out, map, "");
}

void writeMapsCsv(std::ostream& out, const std::vector<const MapResult*>& maps) {
    std::vector<OptimizerSettings> racers;
    for (const MapResult* map : maps) {
        if (map->request.kind != maps.front()->request.kind || map->request.x.name != maps.front()->request.x.name ||
            map->request.y.name != maps.front()->request.y.name)
            throw std::invalid_argument("maps of different kinds or axes do not share one table");
        racers.push_back(map->request.racer);
    }
    if (maps.empty()) return;
    out << "optimizer,id,label," << headerOf(maps.front()->request);
    const std::vector<std::string> labels = racerLabels(racers);
    for (size_t k = 0; k < maps.size(); ++k)
        writeRows(out, *maps[k], racers[k].kind + "," + std::to_string(racers[k].id) + "," + csvField(labels[k]) + ",");
}

}  // namespace gradscape

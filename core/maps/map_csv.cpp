#include "maps/map_csv.h"

#include <cstdio>
#include <ostream>

namespace gradscape {

void writeMapCsv(std::ostream& out, const MapResult& map) {
    const MapRequest& r = map.request;
    const bool basins = r.kind == MapKind::Basins;
    out << (basins ? "i,j,x,y,minimum,steps,final_loss,diverged\n"
                   : "i,j," + r.x.name + "," + r.y.name + ",final_loss,steps,rate,diverged\n");
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
            out << row;
        }
}

}  // namespace gradscape

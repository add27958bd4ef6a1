#include "views/map_picture.h"

#include "palette.h"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <limits>

namespace gradscape {
namespace {

constexpr std::uint32_t kDivergedRed = 0xd62728, kNotYetGrey = 0x808080, kDivergedBlack = 0x000000;

std::uint32_t viridisAt(double t) {
    t = std::clamp(t, 0.0, 1.0) * 8;
    const int i = std::min(7, static_cast<int>(t));
    const double f = t - i;
    std::uint32_t rgb = 0;
    for (int c = 0; c < 3; ++c) {
        const double v = kViridis[i][c] + f * (kViridis[i + 1][c] - kViridis[i][c]);
        rgb = (rgb << 8) | static_cast<std::uint32_t>(std::lround(255 * v));
    }
    return rgb;
}

// The lowest finite final loss among the cells that did not diverge.
double lowestLoss(const MapResult& map) {
    double lowest = std::numeric_limits<double>::infinity();
    for (const MapCell& c : map.cells)
        if (!c.diverged && std::isfinite(c.finalLoss)) lowest = std::min(lowest, c.finalLoss);
    return lowest;
}

// The cell's value under the colouring, or NaN when it has none (not reached, diverged).
double cellValue(const MapCell& c, MapColouring colouring, double lowest) {
    if (c.diverged) return std::numeric_limits<double>::quiet_NaN();
    switch (colouring) {
        case MapColouring::Loss: {
            const double floor = 1e-16 * std::max(1.0, std::abs(lowest));
            return std::isfinite(c.finalLoss) ? std::log10(std::max(c.finalLoss - lowest, floor))
                                              : std::numeric_limits<double>::quiet_NaN();
        }
        case MapColouring::Steps:
            return c.minimum >= 0 ? double(c.steps) : std::numeric_limits<double>::quiet_NaN();
        case MapColouring::Rate:
            return c.rate;
        case MapColouring::Minimum:
            break;
    }
    return c.minimum >= 0 ? double(c.steps) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

MapScale mapScale(const MapResult& map, MapColouring colouring) {
    MapScale scale;
    const double lowest = lowestLoss(map);
    scale.lowest = lowest;
    scale.low = std::numeric_limits<double>::infinity();
    scale.high = -scale.low;
    for (const MapCell& c : map.cells) {
        const double v = cellValue(c, colouring, lowest);
        if (std::isfinite(v)) scale.low = std::min(scale.low, v), scale.high = std::max(scale.high, v);
    }
    if (colouring == MapColouring::Minimum || colouring == MapColouring::Steps) {
        scale.low = 0;
        scale.high = std::max(1, map.request.steps);
    } else if (!(scale.low < scale.high)) {
        const double centre = std::isfinite(scale.low) ? scale.low : 0;
        scale.low = centre - 0.5, scale.high = centre + 0.5;
    }
    char tolerance[32];
    std::snprintf(tolerance, sizeof tolerance, "%g", map.request.tolerance);
    switch (colouring) {
        case MapColouring::Loss: scale.quantity = "log10(final loss - lowest)"; break;
        case MapColouring::Steps:
        case MapColouring::Minimum: scale.quantity = std::string("steps to within ") + tolerance; break;
        case MapColouring::Rate: scale.quantity = "contraction rate per step"; break;
    }
    return scale;
}

std::uint32_t mapCellColour(const MapResult& map, const MapCell& cell, MapColouring colouring,
                            const MapScale& scale) {
    if (colouring == MapColouring::Minimum) {
        if (cell.diverged) return kDivergedBlack;
        if (cell.minimum < 0) return kNotYetGrey;
        const ImU32 colour = paletteColour(cell.minimum);
        // Quick arrivals in the full colour, the slowest at 40% of it (square root: the fast ones differ).
        const double shade = 1 - 0.6 * std::sqrt(std::clamp(cell.steps / scale.high, 0.0, 1.0));
        std::uint32_t rgb = 0;
        for (int shift : {IM_COL32_R_SHIFT, IM_COL32_G_SHIFT, IM_COL32_B_SHIFT})
            rgb = (rgb << 8) | static_cast<std::uint32_t>(std::lround(shade * ((colour >> shift) & 0xFF)));
        return rgb;
    }
    const double v = cellValue(cell, colouring, scale.lowest);
    if (cell.diverged) return kDivergedRed;
    if (!std::isfinite(v)) return kNotYetGrey;
    double t = (v - scale.low) / (scale.high - scale.low);
    // Brighter is better: fewer steps, a smaller rate; a lower loss is the dark end, as on the contours.
    if (colouring == MapColouring::Steps || colouring == MapColouring::Rate) t = 1 - t;
    return viridisAt(t);
}

Image mapPicture(const MapResult& map, MapColouring colouring, int pixelsPerCell) {
    const MapRequest& r = map.request;
    const MapScale scale = mapScale(map, colouring);
    Image image{r.width * pixelsPerCell, r.height * pixelsPerCell, {}};
    image.rgba.resize(static_cast<size_t>(image.width) * image.height * 4);
    for (int j = 0; j < r.height; ++j)
        for (int i = 0; i < r.width; ++i) {
            const std::uint32_t rgb = mapCellColour(map, map.at(i, j), colouring, scale);
            for (int dy = 0; dy < pixelsPerCell; ++dy) {
                const int row = (r.height - 1 - j) * pixelsPerCell + dy;
                std::uint8_t* p = &image.rgba[(static_cast<size_t>(row) * image.width + i * pixelsPerCell) * 4];
                for (int dx = 0; dx < pixelsPerCell; ++dx, p += 4) {
                    p[0] = std::uint8_t(rgb >> 16), p[1] = std::uint8_t(rgb >> 8), p[2] = std::uint8_t(rgb);
                    p[3] = 255;
                }
            }
        }
    return image;
}

Image mapPictures(const std::vector<const MapResult*>& maps, MapColouring colouring, int pixelsPerCell, int gap) {
    std::vector<Image> tiles;
    Image all{0, 0, {}};
    for (const MapResult* map : maps) {
        tiles.push_back(mapPicture(*map, colouring, pixelsPerCell));
        all.width += tiles.back().width + (tiles.size() > 1 ? gap : 0);
        all.height = std::max(all.height, tiles.back().height);
    }
    all.rgba.assign(static_cast<size_t>(all.width) * all.height * 4, 255);
    int left = 0;
    for (const Image& tile : tiles) {
        for (int row = 0; row < tile.height; ++row)
            std::copy_n(&tile.rgba[static_cast<size_t>(row) * tile.width * 4], static_cast<size_t>(tile.width) * 4,
                        &all.rgba[(static_cast<size_t>(row) * all.width + left) * 4]);
        left += tile.width + gap;
    }
    return all;
}

}  // namespace gradscape

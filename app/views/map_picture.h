#pragma once
// A computed map as a picture: one block of pixels per cell, y up, coloured as MapColouring says, and
// the legend's words for what the colours mean.

#include "maps/map.h"
#include "render/image.h"

#include <string>
#include <vector>

namespace gradscape {

/// The range a colouring spreads over viridis, as the legend prints it.
struct MapScale {
    double low = 0, high = 1;  ///< The values at viridis' dark end and bright end.
    std::string quantity;      ///< "log10(final loss - lowest)", "steps to within 0.001", ...
    double lowest = 0;         ///< The lowest final loss of a cell that did not diverge (Loss measures from it).
};

/// The scale `colouring` spreads `map`'s cells over (its finite values; a flat map gets a unit range).
MapScale mapScale(const MapResult& map, MapColouring colouring);

/// The colour of one cell, 0xRRGGBB: the minimum's palette colour shaded by its steps (Minimum), or the
/// cell's value on viridis over `scale`; a diverged cell is black (Minimum) or red, a cell that has not
/// reached what it is coloured by is grey.
std::uint32_t mapCellColour(const MapResult& map, const MapCell& cell, MapColouring colouring,
                            const MapScale& scale);

/// The map as an image of width x height cells, `scale` pixels each, y's max on the top row.
Image mapPicture(const MapResult& map, MapColouring colouring, int pixelsPerCell);

/// Several maps (small multiples) side by side in their order, tops aligned, `gap` pixels of white
/// between them, each `pixelsPerCell` pixels a cell.
Image mapPictures(const std::vector<const MapResult*>& maps, MapColouring colouring, int pixelsPerCell, int gap);

}  // namespace gradscape

#pragma once
// A map as CSV, one row per cell, j = 0 (y's min) first, every number to 17 significant digits:
//   basins: i,j,x,y,minimum,steps,final_loss,diverged
//   params: i,j,<x name>,<y name>,final_loss,steps,rate,diverged
// (minimum: the known minimum's index or -1; steps: from when the run stays within the tolerance, or -1;
// rate: nan where it cannot be measured; diverged: 0 or 1).

#include "maps/map.h"

#include <iosfwd>
#include <vector>

namespace gradscape {

void writeMapCsv(std::ostream& out, const MapResult& map);

/// Several racers' maps of one kind (small multiples) in one table: each row starts with its racer as the
/// paths CSV names it, optimizer,id,label (racerLabels over the maps' racers), then the columns above.
/// Throws std::invalid_argument when the maps are not all of one kind and the same axis names.
void writeMapsCsv(std::ostream& out, const std::vector<const MapResult*>& maps);

}  // namespace gradscape

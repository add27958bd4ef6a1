#pragma once
// One axis of a map: what varies along it (a start coordinate, x or y, or a racer's hyperparameter such
// as lr), over which range, linearly or logarithmically, and where its cells' centres lie.

#include <string>

namespace gradscape {

/// An axis of `cells` cells over [min, max]; each cell is sampled at its centre (in log space on a log
/// axis), so a map never runs a setting on the range's edge twice and the cells tile the range evenly.
struct MapAxis {
    std::string name;  ///< "x" or "y" for a basin map; a hyperparameter's spec name ("lr", "momentum").
    double min = 0, max = 1;
    bool log = false;

    /// The value at the fraction t of the way from min (0) to max (1), in log space on a log axis.
    double valueAtFraction(double t) const;
    /// The value at the centre of cell i of n (0 at `min`).
    double valueAt(int i, int n) const { return valueAtFraction((i + 0.5) / n); }
    /// Where `value` falls, in cells from `min` (0 at min, n at max); NaN for a log axis and value <= 0.
    double cellOf(double value, int n) const;
    /// "lr:0.0001:1:log", the form parseMapAxis reads.
    std::string spec() const;
    bool operator==(const MapAxis&) const = default;
};

/// Reads "NAME:MIN:MAX[:log]". Throws std::invalid_argument naming what is wrong ("--x: MIN must be
/// below MAX, got 'lr:1:0.1'"; "a log axis needs MIN > 0"); `option` prefixes the message.
MapAxis parseMapAxis(const std::string& text, const std::string& option);

}  // namespace gradscape

#pragma once
// What the window's map panel shows, as a scene saves it: which map, of which racer, over which axes,
// how fine, how many steps, and how it is coloured; and the request that follows from it for the race
// as it stands.

#include "maps/map.h"
#include "support/enum_names.h"

namespace gradscape {

/// Map kinds as scene files and the command line spell them, and as the map panel labels them.
inline constexpr EnumName<MapKind> kMapKinds[] = {{MapKind::Basins, "basins", "Basins of attraction"},
                                                  {MapKind::Parameters, "params", "Hyperparameters"}};

/// Colourings as scene files and --colour spell them, and as the map panel labels them.
inline constexpr EnumName<MapColouring> kMapColourings[] = {{MapColouring::Minimum, "minimum", "minimum reached"},
                                                            {MapColouring::Loss, "loss", "final loss"},
                                                            {MapColouring::Steps, "steps", "steps to arrive"},
                                                            {MapColouring::Rate, "rate", "contraction rate"}};

struct MapSettings {
    bool shown = false;
    MapKind kind = MapKind::Basins;
    int racerId = 0;  ///< The racer mapped; 0 (or one that is gone): the first enabled racer.
    /// Basins of every enabled racer side by side (small multiples), not only racerId's.
    bool allRacers = false;
    /// A parameter map's axes; unset names (empty) take defaultMapAxis for the racer.
    MapAxis x{"", 0, 1, false}, y{"", 0, 1, false};
    int size = 128;           ///< Cells along each axis of the finest level (basins: along the longer side).
    int steps = 0;            ///< Steps per cell; 0: the race's step count.
    double tolerance = 1e-3;  ///< Distance to a known minimum that counts as reaching it.
    MapColouring colouring = MapColouring::Loss;  ///< A parameter map's colouring (basins: the minimum).
    bool operator==(const MapSettings&) const = default;
};

/// A parameter map's default axis for this racer: x, lr from 1/100 to 100 times its own (log, capped to
/// lr's range); y, the first of momentum, beta1, alpha (over [0, 0.99]) or weight-decay (over [0, 1]) that
/// its kind reads. Throws std::invalid_argument when the kind has no second hyperparameter.
MapAxis defaultMapAxis(const OptimizerSettings& racer, bool x);

/// A parameter map's axis over `name` for this racer: lr as defaultMapAxis; momentum, dampening, beta1,
/// alpha over [0, 0.99]; beta2 over [0.9, 0.9999]; eps over [1e-10, 1e-2] (log); weight-decay over
/// [0, 1]; damping over [0, 10]; noise over [0, 2]; batch-size over [1, 64] (log).
MapAxis suggestedMapAxis(const OptimizerSettings& racer, const std::string& name);

/// The names a parameter map may put on an axis for this racer: the hyperparameters its kind reads, and
/// batch-size where it samples minibatches.
std::vector<std::string> mappableParameters(const OptimizerSettings& racer);

/// The racer a map of these settings follows among `racers`: settings.racerId if it is there and enabled,
/// else the first enabled racer; null when none is.
const OptimizerSettings* mappedRacer(const MapSettings& settings, const std::vector<OptimizerSettings>& racers);

/// The request for `racer`: basins over `view` (the visible box) in square cells, settings.size along its
/// longer side; parameter maps over the settings' axes or the defaults, size x size; `raceSteps` stands in for steps 0. What each cell sets for itself (a basin map's
/// start, a parameter map's two hyperparameters) is fixed in the request's racer, so moving the racer's
/// start or setting along the map does not ask for a new one. Not checked (checkMapRequest says what is
/// wrong).
MapRequest mapRequestFor(const MapSettings& settings, const OptimizerSettings& racer, const ViewBox& view,
                         int raceSteps);

/// The racers these settings map, in order: every enabled racer for basins of all racers (small
/// multiples), else mappedRacer's alone; empty when none is enabled.
std::vector<const OptimizerSettings*> mappedRacers(const MapSettings& settings,
                                                   const std::vector<OptimizerSettings>& racers);

}  // namespace gradscape

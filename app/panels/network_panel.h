#pragma once
// The network section of the control panel (issue 15): the small real network to race on instead of a
// landscape (layers, activation, data set, loss, seeds, linear probe), the plane it is drawn on, and what
// that plane hides of each racer's path, which racers train the network linearized at its start (lazy
// training), and whether the sharpness is tracked (the edge of stability).

#include "networks/problem_spec.h"
#include "session.h"

#include <optional>
#include <string>

namespace gradscape {

/// What the network section keeps between frames: the network being described before it is trained.
struct NetworkPanelState {
    ProblemSpec spec;
    char layers[64] = "2-16-16-1";  ///< As typed: sizes joined by '-' or ','.
    /// The network raced on when the form was last filled from it: a new one (a lesson, a scene) fills the
    /// form again, so "another network" starts from the one on screen.
    std::optional<ProblemSpec> filledFrom;
    int sharpnessEvery = 10;  ///< The stride the sharpness is tracked at when switched on.
};

/// Draws the section into the current ImGui window; changes go through the session's methods.
void drawNetworkSection(Session& session, const Snapshot& snapshot, NetworkPanelState& state);

/// Layer sizes from "2-16-16-1" or "2,16,16,1"; throws std::invalid_argument with a sentence naming the
/// text's fault.
std::vector<int> parseLayerSizes(const std::string& text);

/// One line of what the plane hides of a projected path, as the section shows it: "in the plane: 12% of
/// its motion; off it by up to 3.1; loss differs by up to 0.08". Without the loss for a racer on the
/// network's linearization (`withLoss` false): the plane draws the network's loss, not its model's.
std::string honestyLine(const ProjectedPath& projection, bool withLoss = true);

}  // namespace gradscape

#pragma once
// Typed numbers are applied when typing ends (Enter, or focus leaves), never per keystroke: a value half
// typed ("0" on the way to "0.3") is neither applied nor refused.

#include "session.h"

#include <optional>
#include <string>

namespace gradscape {

/// Call right after a slider, drag or input widget that wrote `value` and returned `edited`. A drag of the
/// slider gives its value at once; a value typed into it (Ctrl+click) or into an input field is held in
/// the session until typing ends, and given then. nullopt while there is nothing to apply.
std::optional<double> settledValue(Session& session, bool edited, double value);

}  // namespace gradscape

namespace gradscape {

/// Two typed fields X and Y for a point (a start), each applied when typing ends. Returns the new point
/// once a typed coordinate is finite and within the divergence radius; otherwise the error under `key`
/// in session.inputErrors says why and nullopt leaves the point as it was.
std::optional<Vec2> typedPoint(Session& session, const std::string& key, const Vec2& current);

}  // namespace gradscape

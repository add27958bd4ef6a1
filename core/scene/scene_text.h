#pragma once
// Scene text to JSON, with the limits checked while parsing: the size (limits::kMaxSceneFileBytes) and
// the nesting depth (limits::kMaxJsonDepth) are refused before anything is built from them, so no
// input can exhaust memory or overflow the stack of whatever walks the JSON afterwards (a destructor,
// dump(), the scene reader).

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace gradscape {

/// The JSON value `text` holds. Throws SceneError saying what is wrong in plain words and where, by line
/// and column (counted in characters from 1): "line 3, column 16: JSON syntax error ...", "the JSON ends
/// too early at line 9, column 1 (is the file truncated?)", "line 2, column 14: the number 1e400 is too
/// large ...", "line 40, column 73: the JSON nests deeper than 32 levels ...".
nlohmann::json parseSceneText(const std::string& text);

}  // namespace gradscape

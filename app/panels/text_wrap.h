#pragma once
// Wrapping text that holds numbers and vectors: lines break only at spaces, outer ones first, so a
// number never breaks ("0.0008097" stays whole) and a vector "(0.002025, 0.0008097)" breaks after its
// comma only when it alone is wider than the line. ImGui's own wrapping breaks after any '.' or ','.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gradscape {

/// The pieces of `text` between the spaces that are at most `depth` brackets deep ((), [] and {}), in
/// order and without those spaces; runs of spaces count as one. Depth 0: the spaces outside every bracket.
std::vector<std::string> breakableUnits(std::string_view text, int depth = 0);

/// `text` in lines no wider than `width` (as `measure` says) wherever that is possible, broken only at
/// spaces: first those outside brackets; a unit wider than the line alone is broken at the spaces one
/// bracket deeper, and so on. A word with no space in it (a number) is never broken, even when wider
/// than the line.
std::vector<std::string> wrapText(std::string_view text, float width,
                                  const std::function<float(std::string_view)>& measure);

}  // namespace gradscape

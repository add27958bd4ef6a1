#pragma once
// How a message shows what the user typed: on one line, cut to limits::kMaxEchoedCharacters, so a
// 38 KB formula or a label of a million characters never becomes a message of that size. Every refusal
// (formula, scene, command line, schedule) echoes through these.

#include <cstddef>
#include <string>
#include <string_view>

namespace gradscape {

/// `text` cut to `limit` bytes (never inside a UTF-8 character) with "…" when longer.
std::string cutTo(std::string_view text, std::size_t limit);
/// `text` on one line (a newline or tab shows as a space) and cut to limits::kMaxEchoedCharacters.
std::string shortened(std::string_view text);
/// shortened(text) in single quotes: "'9^99999'".
std::string echoed(std::string_view text);

}  // namespace gradscape

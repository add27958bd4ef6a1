#include "support/echo.h"

#include "support/input_limits.h"

namespace gradscape {

std::string cutTo(std::string_view text, std::size_t limit) {
    if (text.size() <= limit) return std::string(text);
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return std::string(text.substr(0, end)) + "…";
}

std::string shortened(std::string_view text) {
    std::string shown = cutTo(text, limits::kMaxEchoedCharacters);
    for (char& c : shown)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    return shown;
}

std::string echoed(std::string_view text) {
    return "'" + shortened(text) + "'";
}

}  // namespace gradscape

#pragma once
// CSV fields as RFC 4180 writes them.

#include <string>

namespace gradscape {

/// `text` as one CSV field: quoted, its quotes doubled, when it holds a comma, a quote or a line break.
inline std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

}  // namespace gradscape

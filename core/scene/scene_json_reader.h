#pragma once
// Reading one JSON object of a scene file: its keys checked against the allowed ones, each field read by
// name with its JSON pointer, so every refusal says where it is. Internal to scene_reading.cpp.
//
// No message ever holds a user's value whole: strings and keys are cut to limits::kMaxEchoedCharacters,
// lists and objects are named by their type (dumping one would recurse through all of it), numbers are
// shown as written (2^64 - 1 as 18446744073709551615, not as -1).

#include "support/echo.h"
#include "support/input_limits.h"
#include "landscapes/landscape.h"
#include "scene/scene_file.h"
#include "view/view_box_check.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace gradscape::scene_json {

using nlohmann::json;

/// Throws SceneError "WHERE: WHAT" (WHERE a JSON pointer, "/" for the root).
[[noreturn]] inline void fail(const std::string& where, const std::string& what) {
    throw SceneError((where.empty() ? "/" : where) + ": " + what);
}

/// A number as a message shows it.
inline std::string shortNumber(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

/// A value as a message shows it: a string quoted and cut, a number or literal as written, a list or an
/// object by its type alone.
inline std::string describe(const json& value) {
    switch (value.type()) {
        case json::value_t::string:
            return "\"" + shortened(value.get_ref<const std::string&>()) + "\"";
        case json::value_t::array:
            return "a list";
        case json::value_t::object:
            return "an object";
        case json::value_t::null:
        case json::value_t::boolean:
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float:
            return value.dump();  // a scalar: no recursion, and digits enough to tell 1.0000001 from 1
        default:
            return value.type_name();
    }
}

/// A message from another part of gradscape (a landscape, the optimizer catalog, the formula parser)
/// that may hold the user's text: every quoted stretch and every word longer than a user's value may be
/// (a number of 30,000 digits) cut as shortened() cuts, and the whole kept to a few lines.
inline std::string foreign(const std::string& message) {
    std::string quotesCut;
    size_t i = 0;
    while (i < message.size()) {
        const size_t open = message.find_first_of("'\"", i);
        if (open == std::string::npos) {
            quotesCut += message.substr(i);
            break;
        }
        const size_t close = message.find(message[open], open + 1);
        const size_t end = close == std::string::npos ? message.size() : close;
        quotesCut += message.substr(i, open + 1 - i);
        quotesCut += shortened(std::string_view(message).substr(open + 1, end - open - 1));
        if (close == std::string::npos) break;
        quotesCut += message[close];
        i = close + 1;
    }
    // Words well past a value cut above (quotes and an ellipsis included) are values no quote marked.
    std::string out;
    for (size_t start = 0; start < quotesCut.size();) {
        const size_t space = std::min(quotesCut.find(' ', start), quotesCut.size());
        const std::string_view word = std::string_view(quotesCut).substr(start, space - start);
        out += word.size() > 2 * limits::kMaxEchoedCharacters ? shortened(word) : std::string(word);
        if (space < quotesCut.size()) out += ' ';
        start = space + 1;
    }
    return cutTo(out, 12 * limits::kMaxEchoedCharacters);
}

/// The JSON pointer of `key` inside `path`: "~" and "/" escaped as RFC 6901 says, the key cut.
inline std::string pointerTo(const std::string& path, std::string_view key) {
    std::string escaped;
    for (const char c : shortened(key))
        escaped += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    return path + "/" + escaped;
}

/// A whole number in [lo, hi] at `where`: written as an integer of any size JSON holds, or as a float
/// with no fraction (2.0, 1e3). Anything else is refused with the value as written.
inline long long wholeNumber(const json& v, const std::string& where, long long lo, long long hi) {
    const auto outside = [&] {
        fail(where,
             "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " + describe(v));
    };
    if (v.is_number_unsigned()) {
        const std::uint64_t u = v.get<std::uint64_t>();
        if (hi < 0 || u > static_cast<std::uint64_t>(hi) || (lo > 0 && u < static_cast<std::uint64_t>(lo)))
            outside();
        return static_cast<long long>(u);
    }
    if (v.is_number_integer()) {
        const std::int64_t i = v.get<std::int64_t>();
        if (i < lo || i > hi) outside();
        return i;
    }
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (d != std::floor(d)) fail(where, "expected a whole number, got " + describe(v));
        // Compared as doubles before any cast: 1e300 must not reach a conversion to long long.
        if (!(d >= static_cast<double>(lo) && d <= static_cast<double>(hi))) outside();
        return static_cast<long long>(d);
    }
    fail(where, std::string("expected a whole number, got ") + v.type_name());
}

/// The string at `where`, of at most kMaxSceneTextCharacters characters.
inline std::string textAt(const json& v, const std::string& where) {
    if (!v.is_string()) fail(where, std::string("expected a string, got ") + v.type_name());
    const std::string& text = v.get_ref<const std::string&>();
    size_t characters = 0;
    for (const char c : text)
        characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (characters > kMaxSceneTextCharacters)
        fail(where, "a text has at most " + std::to_string(kMaxSceneTextCharacters) + " characters, got " +
                        std::to_string(characters));
    return text;
}

/// One JSON object being read: refuses keys it does not know, reads fields by name with their path.
class ObjectReader {
  public:
    ObjectReader(const json& object, std::string path, std::initializer_list<std::string> keys)
        : ObjectReader(object, std::move(path), std::vector<std::string>(keys)) {}
    ObjectReader(const json& object, std::string path, const std::vector<std::string>& keys)
        : object_(object), path_(std::move(path)) {
        if (!object.is_object()) fail(path_, std::string("expected an object, got ") + object.type_name());
        // The first unknown key ends the reading, so this is linear in the object's size.
        for (const auto& [key, value] : object.items()) {
            if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
            std::string allowed;
            for (const auto& k : keys)
                allowed += (allowed.empty() ? "" : ", ") + k;
            fail(pathOf(key), "unknown key (allowed here: " + allowed + ")");
        }
    }

    bool has(const std::string& key) const { return object_.contains(key); }
    const json& at(const std::string& key) const { return object_.at(key); }
    std::string pathOf(const std::string& key) const { return pointerTo(path_, key); }
    const std::string& path() const { return path_; }

    const json& required(const std::string& key) const {
        if (!has(key)) fail(pathOf(key), "missing");
        return at(key);
    }
    double number(const std::string& key, double fallback) const {
        if (!has(key)) return fallback;
        const json& v = at(key);
        if (!v.is_number()) fail(pathOf(key), std::string("expected a number, got ") + v.type_name());
        const double value = v.get<double>();
        if (!std::isfinite(value)) fail(pathOf(key), "expected a finite number, got " + shortNumber(value));
        return value;
    }
    double numberIn(const std::string& key, double fallback, double lo, double hi, const char* range) const {
        const double value = number(key, fallback);
        if (!(value >= lo && value <= hi))
            fail(pathOf(key), std::string("must be in ") + range + ", got " + shortNumber(value));
        return value;
    }
    long long integer(const std::string& key, long long fallback, long long lo, long long hi) const {
        return has(key) ? wholeNumber(at(key), pathOf(key), lo, hi) : fallback;
    }
    bool boolean(const std::string& key, bool fallback) const {
        if (!has(key)) return fallback;
        const json& v = at(key);
        if (!v.is_boolean()) fail(pathOf(key), std::string("expected true or false, got ") + v.type_name());
        return v.get<bool>();
    }
    std::string text(const std::string& key, const std::string& fallback) const {
        return has(key) ? textAt(at(key), pathOf(key)) : fallback;
    }
    // [x, y], both finite and within the coordinates a view can show (a point further out could never be
    // drawn, and its loss would overflow).
    Vec2 point(const std::string& key, const Vec2& fallback) const {
        if (!has(key)) return fallback;
        const json& v = at(key);
        if (!v.is_array() || v.size() != 2)
            fail(pathOf(key), std::string("expected [x, y], got ") +
                                  (v.is_array() ? std::to_string(v.size()) + " numbers" : v.type_name()));
        Vec2 p;
        for (int i = 0; i < 2; ++i) {
            const std::string where = pathOf(key) + "/" + std::to_string(i);
            if (!v[i].is_number()) fail(where, std::string("expected a number, got ") + v[i].type_name());
            p[i] = v[i].get<double>();
            if (!std::isfinite(p[i])) fail(where, "expected a finite number, got " + shortNumber(p[i]));
            if (std::abs(p[i]) > kMaxViewCoordinate)
                fail(where, "must be in [-" + shortNumber(kMaxViewCoordinate) + ", " +
                                shortNumber(kMaxViewCoordinate) + "], got " + shortNumber(p[i]));
        }
        return p;
    }

  private:
    const json& object_;
    std::string path_;
};

}  // namespace gradscape::scene_json

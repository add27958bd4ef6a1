#pragma once
// Reading one JSON object of a scene file: its keys checked against the allowed ones, each field read by
// name with its JSON pointer, so every refusal says where it is. Internal to scene_reading.cpp.

#include "landscape.h"
#include "scene_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <sstream>
#include <string>
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

/// One JSON object being read: refuses keys it does not know, reads fields by name with their path.
class ObjectReader {
  public:
    ObjectReader(const json& object, std::string path, std::initializer_list<std::string> keys)
        : ObjectReader(object, std::move(path), std::vector<std::string>(keys)) {}
    ObjectReader(const json& object, std::string path, const std::vector<std::string>& keys)
        : object_(object), path_(std::move(path)) {
        if (!object.is_object()) fail(path_, std::string("expected an object, got ") + object.type_name());
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
    std::string pathOf(const std::string& key) const { return path_ + "/" + key; }
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
        if (!has(key)) return fallback;
        const json& v = at(key);
        if (!v.is_number_integer())
            fail(pathOf(key), std::string("expected a whole number, got ") +
                                  (v.is_number() ? shortNumber(v.get<double>()) : v.type_name()));
        if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi))
            fail(pathOf(key), "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
                                  std::to_string(v.get<std::uint64_t>()));
        const long long value = v.get<long long>();
        if (value < lo || value > hi)
            fail(pathOf(key), "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
                                  std::to_string(value));
        return value;
    }
    bool boolean(const std::string& key, bool fallback) const {
        if (!has(key)) return fallback;
        const json& v = at(key);
        if (!v.is_boolean()) fail(pathOf(key), std::string("expected true or false, got ") + v.type_name());
        return v.get<bool>();
    }
    std::string text(const std::string& key, const std::string& fallback) const {
        if (!has(key)) return fallback;
        const json& v = at(key);
        if (!v.is_string()) fail(pathOf(key), std::string("expected a string, got ") + v.type_name());
        return v.get<std::string>();
    }
    // [x, y] with both finite.
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
        }
        return p;
    }

  private:
    const json& object_;
    std::string path_;
};

}  // namespace gradscape::scene_json

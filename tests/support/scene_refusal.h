#pragma once
// What the scene reader says of a text: the SceneError's message, or "(accepted)". Shared by the scene
// tests of core_tests.

#include "scene/scene_file.h"

#include <nlohmann/json.hpp>

#include <string>

namespace gradscape::testing {

inline std::string refusal(const std::string& text) {
    try {
        sceneFromText(text);
    } catch (const SceneError& e) {
        return e.what();
    }
    return "(accepted)";
}

inline std::string refusalOf(const nlohmann::json& j) {
    return refusal(j.dump());
}

}  // namespace gradscape::testing

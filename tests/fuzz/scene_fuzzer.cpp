// libFuzzer harness for scene files: the JSON reader and every check of a scene's fields.
// A text either becomes a scene or is refused with a SceneError; anything else escaping (another
// exception type, a crash, a sanitizer report, a stack overflow, a hang) is a defect.
#include "scene/scene_file.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const gradscape::Scene scene = gradscape::sceneFromText(text);
        // What was read must write back and read again: a saved scene always opens.
        (void)gradscape::sceneFromText(gradscape::sceneToJson(scene).dump());
    } catch (const gradscape::SceneError&) {
        // Refused with a message.
    }
    return 0;
}

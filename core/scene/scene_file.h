#pragma once
// Scene files: a whole race (landscape, regularization, optimizers, views, camera, lesson text) as
// versioned JSON, saved atomically and loaded only when every field checks out.
//
// The format, version 1:
//   {
//     "format": "gradscape-scene", "version": 1,
//     "lesson": {"title": "", "explanation": "", "formula": "", "tryThis": ["..."]},
//     "landscape": {"name": "quadratic", "parameters": {"kappa": 10}, "formula": ""},
//     "regularization": {"l2": 0, "l1": 0, "showConstraintRegion": false, "contours": "total"},
//     "optimizers": [{"id": 1, "kind": "gd", "label": "", "colour": "#e69f00", "enabled": true,
//                     "start": [x, y], "followsSharedStart": true, "linearized": false,
//                     "hyperparameters": {"lr": 0.01, "momentum": 0.9, ..., "batchSize": 1, "memory": 10,
//                                         "seed": 0, "biasCorrection": true, "epsilonInsideSqrt": false,
//                                         "lookAhead": false, "lineSearch": false,
//                                         "schedule": {"kind": "constant", "stepSize": 100, ...}}}],
//     "sharedStart": [x, y],
//     "view": {"xMin": -1, "xMax": 1, "yMin": -1, "yMax": 1},
//     "views": {"mode": "contour", "logHeight": false, "plots": true, "stepByStepId": 0,
//               "camera": {"yaw", "pitch", "distance", "target": [x, y, z], "fieldOfView"},
//               "overlays": {"gradientField", "stepParts", "hessianAtHover", "taylorModel",
//                            "taylorCentre": [x, y]}},
//     "race": {"steps": 0, "playing": false, "stepsPerSecond": 60},
//     "maps": {...},
//     "problem": {"layers": [2, 16, 1], "activation": "tanh", "loss": "bce", "probe": false, "seed": 3,
//                 "data": {"kind": "moons", "samples": 256, "noise": 0.1, "seed": 3, "features": 1},
//                 "plane": {"kind": "random", "seed": 1}, "sharpnessEvery": 0}
//   }
// Real hyperparameters are keyed by their command-line names ("lr", "weight-decay", see
// hyperparameterSpecs()). Saving writes every field, doubles with enough digits to read back exactly.
// Loading requires "format", "version" and "landscape"; any other field may be left out and takes its
// default (an optimizer's hyperparameters the catalog's for its kind, its start the landscape's default
// start, the view the landscape's display box, no label, the next palette colour, the shared start the first
// racer's start, and a racer follows the shared start when it starts there), so hand-written lesson files
// stay short. "colour" is written only for a racer that has one, "linearized" (a racer training the network
// linearized at its start) only when true, "sharedStart" is null when unset.
// Unknown keys are refused, naming the key and the keys allowed there: a misspelt "learningrate" would
// otherwise be silently ignored, and a file written by a newer gradscape says so through its version.

#include "scene/scene.h"
#include "support/input_limits.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>

namespace gradscape {

/// The only format name and the newest version this build reads and writes.
inline constexpr const char* kSceneFormat = "gradscape-scene";
inline constexpr int kSceneVersion = 1;

/// Characters in one text of a scene (a lesson's title, explanation, formula or prompt, a racer's label,
/// a name): the limit every text the user names things with has (support/input_limits.h).
inline constexpr std::size_t kMaxSceneTextCharacters = limits::kMaxTextCharacters;
/// Prompts ("try this") of one lesson.
inline constexpr std::size_t kMaxLessonPrompts = 32;

/// Why a scene file or scene JSON was refused: what is wrong and where (a JSON pointer such as
/// "/optimizers/1/hyperparameters/lr", or a line and column for a syntax error), prefixed with the
/// file's path when it came from a file.
class SceneError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The scene as JSON, every field written.
nlohmann::json sceneToJson(const Scene& scene);

/// The 3D camera as scene files (and the window's state file) write it: yaw, pitch, distance, target
/// [x, y, z], fieldOfView.
nlohmann::json cameraToJson(const OrbitCamera& camera);

/// The overlays as scene files (and the window's state file) write them: each switch under its key in
/// kOverlayNames, and "taylorCentre" [x, y].
nlohmann::json overlaysToJson(const Overlays& overlays);

/// The scene described by `json`, after checking every field: types, ranges (the same checks as the
/// window's controls), the optimizer kinds, the landscape and its parameters, a typed formula's syntax.
/// Throws SceneError naming the JSON pointer of the first problem.
Scene sceneFromJson(const nlohmann::json& json);

/// Parses scene text and checks it as sceneFromJson does. Text over limits::kMaxSceneFileBytes or nested
/// deeper than limits::kMaxJsonDepth is refused before it is parsed further; a syntax error, a number
/// too large for a double or a text cut short is reported with its line and column.
Scene sceneFromText(const std::string& text);

/// Writes the scene to `path` with replaceFile (atomic_file.h): the path holds the previous file whole
/// or the new one whole, whatever happens; a symbolic link stays a link to the replaced file, the file
/// keeps its permissions, no temporary is left behind. Throws SceneError ("cannot save the scene to
/// PATH: why") when the file cannot be written, and then the previous file is unchanged.
void saveScene(const std::string& path, const Scene& scene);

/// Reads and checks the scene file at `path`. Throws SceneError ("PATH: what is wrong, where").
Scene loadScene(const std::string& path);

}  // namespace gradscape

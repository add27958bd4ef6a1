// A scene's network problem (/problem): written and read back exactly, defaults as on the command line, and
// a broken one refused with its JSON path and the field's range.

#include "scene/scene_file.h"

#include <doctest/doctest.h>

using namespace gradscape;

namespace {

std::string sceneWithProblem(const std::string& problem) {
    return R"({"format": "gradscape-scene", "version": 1, "landscape": {"name": "rosenbrock"},
               "optimizers": [{"id": 1, "kind": "adam"}], "problem": )" +
           problem + "}";
}

std::string problemSceneError(const std::string& problem) {
    try {
        sceneFromText(sceneWithProblem(problem));
    } catch (const SceneError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a scene's network problem and plane are written and read back exactly") {
    Scene scene = defaultScene();
    ProblemSpec spec;
    spec.layers = {2, 12, 1};
    spec.activation = Activation::Gelu;
    spec.loss = Loss::Bce;
    spec.data = {DatasetKind::Spirals, 300, 0.05, 11, 1};
    spec.seed = 11;
    spec.probe = true;
    scene.problem = spec;
    scene.plane = {PlaneKind::Principal, 4};
    scene.sharpnessEvery = 7;
    scene.optimizers[1].linearized = true;
    const Scene back = sceneFromJson(sceneToJson(scene));
    CHECK(back.sharpnessEvery == 7);
    CHECK(back.optimizers[1].linearized);
    CHECK_FALSE(back.optimizers[0].linearized);
    REQUIRE(back.problem.has_value());
    CHECK(*back.problem == spec);
    CHECK(back.plane == scene.plane);
    CHECK(back == scene);
    // A scene without a problem has none.
    CHECK_FALSE(sceneFromJson(sceneToJson(defaultScene())).problem.has_value());
}

TEST_CASE("a scene's problem takes the command line's defaults") {
    const Scene moons = sceneFromText(sceneWithProblem(R"({"layers": [2, 8, 1]})"));
    REQUIRE(moons.problem.has_value());
    CHECK(moons.problem->data.kind == DatasetKind::Moons);
    CHECK(moons.problem->loss == Loss::Bce);
    CHECK(moons.problem->activation == Activation::Tanh);
    CHECK(moons.plane == PlaneSettings{});
    const Scene sine = sceneFromText(sceneWithProblem(R"({"layers": [1, 8, 1], "data": {"kind": "sine"}})"));
    CHECK(sine.problem->loss == Loss::Mse);
}

TEST_CASE("a broken problem in a scene is refused with its path") {
    CHECK(problemSceneError(R"({"layers": [2, 0, 1]})").find("/problem/layers/1") != std::string::npos);
    CHECK(problemSceneError(R"({"activation": "sigmoid"})").find("/problem/activation: unknown activation 'sigmoid'") !=
          std::string::npos);
    CHECK(problemSceneError(R"({"data": {"kind": "mnist"}})").find("/problem/data/kind") != std::string::npos);
    CHECK(problemSceneError(R"({"data": {"samples": 0}})").find("/problem/data/samples") != std::string::npos);
    CHECK(problemSceneError(R"({"layers": [2, 8, 1], "plane": {"kind": "tsne"}})").find("/problem/plane/kind") !=
          std::string::npos);
    CHECK(problemSceneError(R"({"width": 3})").find("/problem/width: unknown key") != std::string::npos);
    CHECK(problemSceneError(R"({"sharpnessEvery": -2})").find("/problem/sharpnessEvery") != std::string::npos);
    // A spec every field of which is in range but that does not fit together: validate's sentence.
    CHECK(problemSceneError(R"({"layers": [3, 8, 1], "data": {"kind": "moons"}})").find("/problem:") !=
          std::string::npos);
}

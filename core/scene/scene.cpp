#include "scene/scene.h"

#include "landscapes/formula_landscape.h"

namespace gradscape {

std::shared_ptr<const Landscape> landscapeFor(const std::optional<std::string>& formula,
                                              const std::string& name,
                                              const std::map<std::string, double>& parameters,
                                              const Regularization& regularization) {
    return regularize(formula ? makeFormulaLandscape(*formula) : makeLandscape(name, parameters),
                      regularization);
}

std::shared_ptr<const Landscape> landscapeFor(const Scene& scene) {
    return landscapeFor(scene.formula.empty() ? std::nullopt : std::optional(scene.formula), scene.landscape,
                        scene.landscapeParameters, scene.regularization);
}

OptimizerSettings defaultSettings(const std::string& kind, const Vec2& start) {
    OptimizerSettings settings;
    settings.kind = kind;
    settings.hyperparameters = optimizerInfo(kind).defaults;
    settings.start = start;
    settings.followsSharedStart = true;
    return settings;
}

Scene defaultScene() {
    Scene scene;
    auto landscape = makeLandscape(scene.landscape);
    scene.view = landscape->displayBox();
    const Vec2 start = landscape->defaultStart();
    // Learning rates chosen so all three reach the valley floor visibly within a few hundred steps.
    OptimizerSettings gd = defaultSettings("gd", start);
    gd.hyperparameters.learningRate = 1e-3;
    OptimizerSettings momentum = defaultSettings("momentum", start);
    momentum.hyperparameters.learningRate = 1e-3;
    OptimizerSettings adam = defaultSettings("adam", start);
    adam.hyperparameters.learningRate = 0.05;
    for (auto* settings : {&gd, &momentum, &adam}) {
        settings->id = static_cast<int>(scene.optimizers.size()) + 1;
        scene.optimizers.push_back(*settings);
    }
    scene.sharedStart = start;
    scene.playing = true;
    return scene;
}

}  // namespace gradscape

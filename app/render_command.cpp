#include "render_command.h"

#include "contour_layer.h"
#include "formula_landscape.h"
#include "scene_file.h"
#include "surface_layer.h"
#include "ui_frame.h"

#include <backends/imgui_impl_opengl3.h>

#include <cstdio>
#include <stdexcept>

namespace gradscape {

Scene sceneFor(const RenderOptions& options) {
    if (options.steps < 0 || options.steps > kMaxStepsLimit)
        throw std::invalid_argument("--steps must be in [0, " + std::to_string(kMaxStepsLimit) + "]");
    if (!options.scene.empty()) {
        Scene scene = loadScene(options.scene);
        if (options.stepsGiven || scene.steps == 0) scene.steps = options.steps;
        scene.playing = false;
        return scene;
    }
    Scene scene = defaultScene();
    scene.landscape = options.landscape;
    auto landscape = options.expression.empty() ? makeLandscape(options.landscape)
                                                : makeFormulaLandscape(options.expression);
    scene.formula = options.expression;
    scene.view = landscape->displayBox();
    if (!options.optimizers.empty()) {
        scene.optimizers.clear();
        for (const auto& kind : options.optimizers) {
            OptimizerSettings settings = defaultSettings(kind, landscape->defaultStart());
            settings.id = static_cast<int>(scene.optimizers.size()) + 1;
            scene.optimizers.push_back(settings);
        }
    }
    for (auto& settings : scene.optimizers) {
        settings.start = options.start.value_or(landscape->defaultStart());
        if (options.learningRate) settings.hyperparameters.learningRate = *options.learningRate;
        if (std::string complaint = validate(settings.hyperparameters); !complaint.empty())
            throw std::invalid_argument(complaint);
    }
    if (std::string complaint = validate(options.regularization); !complaint.empty())
        throw std::invalid_argument(complaint);
    scene.regularization = options.regularization;
    scene.showConstraintRegion = options.showConstraintRegion;
    scene.views = options.views;
    scene.views.mode = options.view;
    scene.views.logHeight = options.logHeight;
    scene.steps = options.steps;
    scene.playing = false;
    return scene;
}

HeadlessRenderer::HeadlessRenderer(int width, int height) : context_(width, height) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    configureImGui();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DeltaTime = 1.0f / 60;
    ImGui_ImplOpenGL3_Init("#version 330 core");
    contours_ = std::make_unique<ContourLayer>();
    surface_ = std::make_unique<SurfaceLayer>();
}

HeadlessRenderer::~HeadlessRenderer() {
    surface_.reset();
    contours_.reset();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext();
}

void HeadlessRenderer::drawFrame(Session& session) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    auto snapshot = session.solver->snapshot();
    drawPlotFrame(session, *snapshot, *contours_, *surface_, ImGui::GetIO().DisplaySize);
    ImGui::Render();
    glViewport(0, 0, context_.width(), context_.height());
    glClearColor(0.1f, 0.1f, 0.11f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

Image HeadlessRenderer::render(Session& session) {
    session.solver->sync();
    drawFrame(session);  // lays out the plot and asks for the grid of exactly its area
    session.sampler.waitUntilIdle();
    session.surfaceSampler.waitUntilIdle();
    drawFrame(session);
    return context_.read();
}

int renderCommand(const RenderOptions& options) {
    try {
        const Scene scene = sceneFor(options);
        Session session(scene);
        session.probe = options.probe;
        session.views.plots = options.plots || (!options.scene.empty() && scene.views.plots);
        HeadlessRenderer renderer(options.width, options.height);
        writePng(options.out, renderer.render(session));
        std::printf("wrote %s (%dx%d)\n", options.out.c_str(), options.width, options.height);
        return 0;
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "gradscape render: %s\n", e.what());
        return 2;
    } catch (const SceneError& e) {
        std::fprintf(stderr, "gradscape render: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gradscape render: %s\n", e.what());
        return 1;
    }
}

}  // namespace gradscape

#include "window.h"

#include "autosave.h"
#include "export/image_io.h"
#include "render/gl/framebuffer_read.h"
#include "export/state_file.h"
#include "frames/ui_frame.h"
#include "export/export_panel.h"
#include "render/gl/contour_layer.h"
#include "render/gl/gl.h"
#include "render/gl/surface_layer.h"
#include "session.h"
#include "theme.h"
#include "window_events.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace gradscape {
namespace {

void reportGlfwError(int, const char* description) {
    std::fprintf(stderr, "gradscape: GLFW: %s\n", description);
}

// Saves the plot rectangle of the back buffer, just drawn and not yet swapped.
std::string saveScreenshot(Session& session, const PixelRect& rect, int framebufferHeight,
                           const std::string& directory) {
    try {
        const std::string path = timestampedPath(directory, ".png");
        writePng(path, readFramebuffer(rect.x, rect.y, rect.width, rect.height, framebufferHeight));
        session.say("Saved screenshot to " + std::filesystem::absolute(path).lexically_normal().string());
        return path;
    } catch (const std::exception& e) {
        session.say(std::string("Screenshot failed: ") + e.what(), true);
        return {};
    }
}

// What the window shows of session.viewSettings.presentation so far; the loop brings it up to date between
// frames, the way a drag becomes one pending value.
struct AppliedPresentation {
    double uiScale = 1;
    Theme theme = Theme::Dark;
    bool fullscreen = false;
    int windowedX = 0, windowedY = 0, windowedWidth = 0, windowedHeight = 0;
};

// A new UI scale rebuilds the font atlas at the scaled size (its texture too, outside any frame) and
// the style from a fresh base; fullscreen takes the primary monitor's video mode and gives back the
// windowed position and size.
void applyPresentation(GLFWwindow* window, Session& session, AppliedPresentation& applied) {
    Presentation& wanted = session.viewSettings.presentation;
    if (wanted.uiScale != applied.uiScale) {
        loadFont(kBaseFontSize * float(wanted.uiScale));
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    if (wanted.uiScale != applied.uiScale || wanted.theme != applied.theme) {
        applyLook(wanted.theme, float(wanted.uiScale));
        applied.uiScale = wanted.uiScale;
        applied.theme = wanted.theme;
    }
    if (wanted.fullscreen == applied.fullscreen) return;
    if (wanted.fullscreen) {
        GLFWmonitor* monitor = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
        if (!mode) {
            wanted.fullscreen = false;
            session.say("Fullscreen failed: no monitor reported", true);
            return;
        }
        glfwGetWindowPos(window, &applied.windowedX, &applied.windowedY);
        glfwGetWindowSize(window, &applied.windowedWidth, &applied.windowedHeight);
        glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
        glfwSetWindowMonitor(window, nullptr, applied.windowedX, applied.windowedY, applied.windowedWidth,
                             applied.windowedHeight, 0);
    }
    applied.fullscreen = wanted.fullscreen;
}

void saveState(const WindowOptions& options, const Session& session, const std::string& screenshot,
               int framesDrawn) {
    if (options.stateFile.empty()) return;
    try {
        writeStateFile(options.stateFile, session, *session.snapshot(), screenshot, framesDrawn);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gradscape: %s\n", e.what());
    } catch (...) {
        std::fprintf(stderr, "gradscape: cannot write the state file %s\n", options.stateFile.c_str());
    }
}

// What is on screen in outline: the named controls drawn, the views and overlays, the presentation.
std::string shownControls(const Session& session) {
    const ViewSettings& v = session.viewSettings;
    const Presentation& p = v.presentation;
    const Overlays& o = v.overlays;
    std::string shown = std::to_string(p.panelsHidden) + std::to_string(p.helpOpen) + session.autosave.offer;
    for (const bool on : {v.plots, v.logHeight, o.gradientField, o.stepParts, o.hessianAtHover, o.taylorModel})
        shown += on ? '1' : '0';
    shown += std::to_string(int(v.mode)) + "," + std::to_string(v.stepByStepId);
    for (const auto& entry : session.layout.controls)
        shown += "|" + entry.first;
    return shown;
}

// A scene (file, lesson or restored race) replaces the race; whatever refuses it leaves the race as it was.
void openScene(Session& session, const Scene& scene) {
    try {
        session.replaceScene(scene);
    } catch (const std::exception& e) {
        session.say(std::string("Cannot open scene: ") + e.what(), true);
    } catch (...) {
        session.say("Cannot open scene: an unknown error while building its race", true);
    }
}

// What a frame threw, on the status line and stderr; a failure that repeats every frame is written once.
void reportFrameFailure(Session& session, std::exception_ptr failure) {
    std::string what = "an unknown error";
    try {
        std::rethrow_exception(failure);
    } catch (const std::exception& e) {
        what = e.what();
    } catch (...) {
    }
    const std::string message = "Something went wrong and was stopped: " + what + "; the race is kept";
    if (session.status == message) return;
    session.say(message, true);
    std::fprintf(stderr, "gradscape: %s\n", message.c_str());
}

// CPU time of the whole process (every thread: the UI, the solver, the grid samplers), in seconds.
double processCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           1e-6 * double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

// The bench's idle measurement (WindowOptions::idleSeconds): a thread lets the window settle for a second,
// takes the process's CPU time over the idle span, then wakes the loop to close it.
class IdleProbe {
  public:
    explicit IdleProbe(const WindowOptions& options) {
        if (options.idleSeconds <= 0) return;
        thread_ = std::thread([this, &options] {
            std::this_thread::sleep_for(std::chrono::seconds(1));
            const double cpuBefore = processCpuSeconds();
            const auto start = std::chrono::steady_clock::now();
            std::this_thread::sleep_for(std::chrono::duration<double>(options.idleSeconds));
            const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (options.idleCpuShare) *options.idleCpuShare = (processCpuSeconds() - cpuBefore) / wall;
            done_ = true;
            glfwPostEmptyEvent();
        });
    }
    ~IdleProbe() {
        if (thread_.joinable()) thread_.join();
    }
    IdleProbe(const IdleProbe&) = delete;
    IdleProbe& operator=(const IdleProbe&) = delete;
    bool done() const { return done_; }

  private:
    std::atomic<bool> done_{false};
    std::thread thread_;
};

}  // namespace

int runWindow(const WindowOptions& options) {
    // --- setup ---
    // Built first: a scene that cannot run is refused before any window opens, whatever it throws.
    std::unique_ptr<Session> ownedSession;
    try {
        ownedSession = std::make_unique<Session>(options.scene);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gradscape: %s\n", e.what());
        return 2;
    } catch (...) {
        std::fprintf(stderr, "gradscape: cannot start this race: an unknown error while building it\n");
        return 2;
    }
    Session& session = *ownedSession;
    glfwSetErrorCallback(reportGlfwError);
    if (!glfwInit()) {
        std::fprintf(stderr,
                     "gradscape: cannot open a window (is there a display?); "
                     "`gradscape render --out FILE.png` draws without one\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_DEPTH_BITS, 24);  // the surface view tests depth
    GLFWwindow* window = glfwCreateWindow(options.width, options.height, "gradscape", nullptr, nullptr);
    if (!window) {
        glfwTerminate();
        std::fprintf(stderr, "gradscape: cannot create an OpenGL 3.3 window\n");
        return 1;
    }
    glfwMakeContextCurrent(window);
    const bool benchmark = options.benchmarkFrames > 0;
    glfwSwapInterval(benchmark ? 0 : 1);

    KeyQueue keyQueue;
    keyQueue.collectPresses(window);  // before ImGui installs (and chains) its callbacks
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    configureImGui();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    keyQueue.forwardToImGui(window);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    {
        ContourLayer contours;
        SurfaceLayer surface;
        ExportPanel exports(options.screenshotDirectory);
        PanelsState panels;
        panels.exportSection = [&exports](Session& s, const Snapshot& snapshot) { exports.draw(s, snapshot); };
        QuitSignals quitSignals;
        IdleProbe idleProbe(options);
        // The solver's thread wakes the loop whenever it publishes: a playing race is drawn as it runs.
        session.setPublishListener([] { glfwPostEmptyEvent(); });
        // A network starts from its seeded weights: no start to drag there.
        session.say(session.race().problem
                        ? "A network trains from its seeded weights: drag the background to pan, scroll to zoom; S "
                          "saves a screenshot, F1 lists every key."
                        : "Drag a start point, drag the background to pan, scroll to zoom; S saves a screenshot, F1 "
                          "lists every key.");
        // A scripted benchmark keeps nothing; every other window keeps the race in the state directory.
        std::optional<WindowAutosave> autosave;
        if (!benchmark && options.idleSeconds <= 0) autosave.emplace(session, autosaveInterval());
        std::string lastScreenshot;
        AppliedPresentation applied;
        int frame = 0, stateDueAtFrame = -1;
        // A grid sampled in the background wakes nobody when it is ready: while one is being sampled at a
        // frame's start or end, the loop draws on until the frame that shows it.
        bool sampling = false;
        auto stateWritten = std::chrono::steady_clock::now();
        std::string shownBefore;
        auto benchmarkStart = std::chrono::steady_clock::now();
        FramePacer pacer(autosave ? std::optional(autosaveInterval()) : std::nullopt);

        // --- main loop ---
        while (!glfwWindowShouldClose(window)) {
            // The last line of defence: whatever a frame throws is reported and the window goes on. A
            // frame cut short is closed (its windows ended, its stacks popped) so the next one starts clean.
            bool frameOpen = false;
            try {
                // The next frame hands ImGui what the previous one held back, so it comes at once.
                const bool handsBackKeys = keyQueue.holdsInput();
                keyQueue.releaseHeld(window);  // the previous frame saw these keys down
                if (benchmark) {
                    glfwPollEvents();
                } else if (!pacer.wait(handsBackKeys || frame < 3 || stateDueAtFrame > frame || sampling ||
                                       exports.recording())) {
                    // Only the autosave's timer: it saves what changed since, and nothing is drawn unless
                    // that put something on the status line.
                    const std::string statusBefore = session.status;
                    if (autosave) autosave->afterFrame(session);
                    if (session.status == statusBefore) continue;
                }
                sampling = session.sampler.working() || session.surfaceSampler.working() || session.mapSampler.report().working;
                // Taken before drawing: a key whose action throws is not replayed by every later frame.
                const std::vector<KeyPress> keys = std::exchange(keyQueue.presses, {});
                applyPresentation(window, session, applied);
                ImGui_ImplOpenGL3_NewFrame();
                ImGui_ImplGlfw_NewFrame();
                ImGui::NewFrame();
                frameOpen = true;

                const std::string statusBefore = session.status;
                auto snapshot = session.snapshot();  // Taken once; drawn from without any lock.
                FrameRequests requests = drawMainFrame(session, *snapshot, contours, surface,
                                                       ImGui::GetIO().DisplaySize, keys, panels);
                if (autosave)
                    if (auto restored = autosave->drawOffer(session, keys)) requests.openScene = std::move(restored);

                // --- rendering ---
                ImGui::Render();
                frameOpen = false;
                int framebufferWidth = 0, framebufferHeight = 0;
                glfwGetFramebufferSize(window, &framebufferWidth, &framebufferHeight);
                session.layout.framebuffer = {0, 0, framebufferWidth, framebufferHeight};
                glViewport(0, 0, framebufferWidth, framebufferHeight);
                glClearColor(0.1f, 0.1f, 0.11f, 1.0f);
                glClear(GL_COLOR_BUFFER_BIT);
                ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
                if (requests.quit || quitSignals.requested()) glfwSetWindowShouldClose(window, GLFW_TRUE);
                if (requests.screenshot) {
                    lastScreenshot = saveScreenshot(session, session.layout.viewsArea, framebufferHeight,
                                                    options.screenshotDirectory);
                    saveState(options, session, lastScreenshot, frame + 1);
                }
                // A PNG export, or the next frame of a recording, drawn offscreen into a framebuffer of its own.
                exports.afterFrame(session, *snapshot, panels.plots);
                glfwSwapBuffers(window);

                // A scene opens between frames: nothing drawn this frame refers to the old race any more.
                if (requests.openScene) openScene(session, *requests.openScene);
                if (autosave) autosave->afterFrame(session);
                sampling = sampling || session.sampler.working() || session.surfaceSampler.working() ||
                           session.mapSampler.report().working;
                // Scripts see the outcome of opening or saving a scene once the new race has been drawn,
                // and a dialog or panel that appeared or went.
                const std::string shownNow = shownControls(session);
                if (requests.openScene || session.status != statusBefore || shownNow != shownBefore)
                    stateDueAtFrame = frame + 3;
                shownBefore = shownNow;
            } catch (...) {
                if (frameOpen) endBrokenFrame();
                reportFrameFailure(session, std::current_exception());
                stateDueAtFrame = frame + 3;
            }

            // The layout settles after the first frames; then scripts may read where things are. Between
            // those writes a frame drawn a second after the last one rewrites it too, so its frame count
            // shows a script whether the window is still drawing (an idle one draws nothing).
            const auto now = std::chrono::steady_clock::now();
            if (++frame == 3 || frame == stateDueAtFrame ||
                (frame > 3 && stateDueAtFrame < frame && now - stateWritten > std::chrono::seconds(1))) {
                saveState(options, session, lastScreenshot, frame);
                stateWritten = now;
            }
            if (idleProbe.done()) glfwSetWindowShouldClose(window, GLFW_TRUE);
            if (benchmark && frame == 10) benchmarkStart = std::chrono::steady_clock::now();
            if (benchmark && frame == 10 + options.benchmarkFrames) {
                glFinish();
                const double seconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - benchmarkStart).count();
                if (options.framesPerSecond) *options.framesPerSecond = options.benchmarkFrames / seconds;
                glfwSetWindowShouldClose(window, GLFW_TRUE);
            }
        }
        saveState(options, session, lastScreenshot, frame);
        if (autosave) autosave->finish(session);
        session.setPublishListener({});  // GLFW goes before the session and its solver thread
    }

    // --- cleanup ---
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}

}  // namespace gradscape

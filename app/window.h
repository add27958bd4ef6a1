#pragma once
// The interactive window: GLFW + OpenGL 3.3 core + Dear ImGui.

#include "scene/scene.h"

#include <string>

namespace gradscape {

struct WindowOptions {
    Scene scene = defaultScene();
    int width = 1280, height = 800;
    std::string stateFile;  ///< When set, the state is written here after the first frames,
                            ///< on every screenshot and on exit.
    std::string screenshotDirectory = ".";
    int benchmarkFrames = 0;            ///< When > 0: draw this many frames as fast as possible, then close.
    double* framesPerSecond = nullptr;  ///< Receives the measured rate in benchmark mode.
    /// When > 0: the window is left alone this many seconds after a second to settle (no autosave), then
    /// closes; `idleCpuShare` receives the process's CPU time over them as a share of one core.
    double idleSeconds = 0;
    double* idleCpuShare = nullptr;
};

/// Opens the window and runs until it is closed; returns the process exit status.
int runWindow(const WindowOptions& options);

}  // namespace gradscape

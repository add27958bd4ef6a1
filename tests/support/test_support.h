#pragma once
// Helpers for tests that drive the real gradscape executable.

#include "render/image.h"

#include <imgui.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace gradscape::testing {

/// The gradscape executable under test.
inline const char* executable() {
    return GRADSCAPE_EXECUTABLE;
}

struct CommandResult {
    int exitStatus = -1;
    std::string output;  ///< stdout and stderr together.
};

/// Runs a shell command line to completion.
CommandResult run(const std::string& commandLine);

/// `gradscape run ARGUMENTS` to completion, its stderr dropped so the output is the data alone.
CommandResult runData(const std::string& arguments);

/// Reads a PNG the app wrote as RGBA (the app itself never reads one); throws std::runtime_error when
/// it cannot.
Image readPng(const std::string& path);

/// How many pixels are within `tolerance` of the colour (r, g, b) in each channel: a path or a marker of
/// that colour shows up as many of them.
int countNear(const Image& image, int r, int g, int b, int tolerance = 12);

/// How many different RGB colours the image holds.
int distinctColours(const Image& image);

/// A headless ImGui context of width x height for frames laid out without a window (the CPU renderer's
/// settings: an Alpha8 font atlas, 32-bit vertex offsets), current while it lives.
struct HeadlessImGui {
    HeadlessImGui(int width, int height);
    ~HeadlessImGui();
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;
    ImGuiContext* context;
};

/// The share of pixels two images of the same size (REQUIREd) agree on exactly, in RGB.
double samePixelShare(const Image& a, const Image& b);

/// One ImGui frame (its own context) whose background list gets `draw`, rasterized by the software
/// rasterizer over a cleared (black) 64x48 image.
Image rasterize(const std::function<void(ImDrawList*)>& draw);

/// The text split into its lines, without their line ends.
std::vector<std::string> lines(const std::string& text);

/// A CSV line's fields split at every comma (no quoting), a trailing empty field kept.
std::vector<std::string> csvFields(const std::string& line);

/// A child process started in the background; killed if still running when destroyed.
class Process {
  public:
    /// Starts `arguments` with this environment plus `environment`'s NAME=VALUE entries (replacing the
    /// same names). XDG_STATE_HOME, unless given, is a fresh folder of the process's own, so a window's
    /// autosave stays out of the user's state and away from other tests.
    explicit Process(const std::vector<std::string>& arguments, const std::vector<std::string>& environment = {});
    ~Process();
    int pid() const;
    bool running();
    /// Waits up to `timeout` for the process to exit; returns its exit status, or -1 on time-out.
    int wait(std::chrono::milliseconds timeout);

  private:
    int pid_ = -1;
    int status_ = -1;
    bool exited_ = false;
};

/// Polls `condition` every 50 ms until it holds or `timeout` passes; returns whether it held.
bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

/// A fresh empty directory under the system temporary directory.
std::string temporaryDirectory(const std::string& name);

/// The window's state file as JSON; a discarded value while it is missing or half written.
nlohmann::json readState(const std::string& statePath);

/// Runs xdotool with these arguments (real XTEST input to the window under Xvfb); REQUIREs success.
void xdotool(const std::string& arguments);

/// Sleeps this many milliseconds: time for the window to draw a frame or two.
void pause(int milliseconds);

/// Waits for a window started with --state-file `statePath` to have drawn its first frames (its state
/// file exists): up to 90 s, since llvmpipe starts slowly on a loaded machine. Returns whether it did.
bool waitForWindow(const std::string& statePath);

/// The window's status line as its state file says now ("" while the file is missing or half written).
std::string statusIn(const std::string& statePath);

/// Waits (generously: llvmpipe on a loaded machine, up to 30 s) until the window's state file satisfies
/// `condition`; the window rewrites it when a dialog, panel or view appears or goes.
bool stateShows(const std::string& statePath, const std::function<bool(const nlohmann::json&)>& condition);

/// Opens the File dialog with `shortcut` (ctrl+s, ctrl+o), types `path` and presses Enter, until the
/// window's status line contains `expectedStatus` (up to three tries, each closing the dialog first). The
/// dialog takes the keyboard two frames after the key; on a loaded machine that can be later than any
/// fixed wait, and the first characters typed would be lost.
void typePathIntoDialog(const std::string& shortcut, const std::string& path, const std::string& statePath,
                        const std::string& expectedStatus);

}  // namespace gradscape::testing

#pragma once
// What the window's event loop waits for and how GLFW's events reach it: the keyboard queue that shows
// ImGui 1.86 a key pressed and released within one frame, the wake-up for SIGINT and SIGTERM, and the
// frames' pacing (sleep until an event; draw on only while a frame needs a successor).

#include "key_bindings.h"

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

struct GLFWwindow;

namespace gradscape {

/// The window's keyboard between GLFW and ImGui. ImGui 1.86 reads keys as held-down flags at NewFrame, so
/// a key pressed and released between two frames (a fast typist's Enter, xdotool) was never seen down:
/// such a release is held back and handed to ImGui just before the next frame's events. Characters typed
/// after a held modifier release (ctrl+a, then at once "/tmp") would reach ImGui in a frame that still sees
/// Ctrl down, and InputText drops characters typed with Ctrl: they wait for it too. The window owns one;
/// GLFW's callbacks reach it through the window's user pointer.
struct KeyQueue {
    struct HeldRelease {
        int key, scancode, mods;
    };
    std::vector<KeyPress> presses;  ///< Key presses since the last frame, for the key bindings.
    std::vector<int> pressedSinceFrame;
    std::vector<HeldRelease> heldReleases;
    std::vector<unsigned int> heldCharacters;

    /// Collects presses into `presses`; installed before ImGui's backend, which chains to it.
    void collectPresses(GLFWwindow* window);
    /// Puts itself between GLFW and ImGui's backend; installed after ImGui_ImplGlfw_InitForOpenGL.
    void forwardToImGui(GLFWwindow* window);
    /// Hands ImGui the releases and characters held back from the previous frame.
    void releaseHeld(GLFWwindow* window);
    /// Whether something is held back: the next frame must come at once to hand it over.
    bool holdsInput() const { return !heldReleases.empty() || !heldCharacters.empty(); }
};

/// SIGINT and SIGTERM close the window the normal way (the state saved on exit): the handler sets a flag
/// and posts a semaphore (all it may do), and a thread of this object's wakes the sleeping event loop.
/// Installs the handlers for its lifetime.
class QuitSignals {
  public:
    QuitSignals();
    ~QuitSignals();
    QuitSignals(const QuitSignals&) = delete;
    QuitSignals& operator=(const QuitSignals&) = delete;

    /// Whether a signal asked the window to close.
    bool requested() const;

  private:
    std::atomic<bool> stopping_{false};
    std::thread waker_;
};

/// When the loop draws its next frame. It sleeps until an event: input, a signal, or the solver's wake-up
/// after it published a snapshot (so a playing race draws every snapshot it publishes). While a frame
/// needs a successor without any event (the first frames, a due state file, a key release held back, a
/// recording, a grid still being sampled, and the frames after an event in which ImGui settles: a popup
/// appears a frame after its click) it draws on at 60 frames per second. An idle window draws nothing: it
/// wakes only for the autosave's timer, if any, and that wake draws no frame. It never draws more than 60
/// frames per second.
class FramePacer {
  public:
    explicit FramePacer(std::optional<std::chrono::milliseconds> autosave) : autosave_(autosave) {}

    /// Waits for the next frame; `busy`: this frame needs a successor even without an event. Returns
    /// false when it woke only for the autosave's timer: nothing happened, so there is nothing to draw.
    bool wait(bool busy);

  private:
    static constexpr int kSettleFrames = 3;
    std::optional<std::chrono::milliseconds> autosave_;
    int settleFrames_ = kSettleFrames;
    std::chrono::steady_clock::time_point lastFrame_{};
};

}  // namespace gradscape

#include "window_events.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <semaphore.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <mutex>
#include <utility>

namespace gradscape {
namespace {

// What a signal handler may touch: a flag and a semaphore, never destroyed, so that a signal that comes
// after the window closed still finds them valid.
std::atomic<bool> quitRequested{false};
sem_t quitSignal;
extern "C" void requestQuit(int) {
    quitRequested = true;
    sem_post(&quitSignal);
}

KeyQueue& keyQueueOf(GLFWwindow* window) {
    return *static_cast<KeyQueue*>(glfwGetWindowUserPointer(window));
}

// ImGui's backend chains its own key callback to this one.
void collectKey(GLFWwindow* window, int key, int, int action, int mods) {
    if (action == GLFW_PRESS || (action == GLFW_REPEAT && key == GLFW_KEY_RIGHT))
        keyQueueOf(window).presses.push_back({key, mods});
}

void forwardKey(GLFWwindow* window, int key, int scancode, int action, int mods) {
    KeyQueue& queue = keyQueueOf(window);
    if (action == GLFW_PRESS) queue.pressedSinceFrame.push_back(key);
    if (action == GLFW_RELEASE && std::find(queue.pressedSinceFrame.begin(), queue.pressedSinceFrame.end(),
                                            key) != queue.pressedSinceFrame.end()) {
        queue.heldReleases.push_back({key, scancode, mods});
        return;
    }
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);  // chains to collectKey
}

bool isModifier(int key) {
    return key == GLFW_KEY_LEFT_CONTROL || key == GLFW_KEY_RIGHT_CONTROL || key == GLFW_KEY_LEFT_ALT ||
           key == GLFW_KEY_RIGHT_ALT || key == GLFW_KEY_LEFT_SUPER || key == GLFW_KEY_RIGHT_SUPER;
}

void forwardCharacter(GLFWwindow* window, unsigned int c) {
    KeyQueue& queue = keyQueueOf(window);
    const bool modifierHeld = std::any_of(queue.heldReleases.begin(), queue.heldReleases.end(),
                                          [](const KeyQueue::HeldRelease& r) { return isModifier(r.key); });
    if (modifierHeld || !queue.heldCharacters.empty())
        queue.heldCharacters.push_back(c);
    else
        ImGui_ImplGlfw_CharCallback(window, c);
}

}  // namespace

void KeyQueue::collectPresses(GLFWwindow* window) {
    glfwSetWindowUserPointer(window, this);
    glfwSetKeyCallback(window, collectKey);
}

void KeyQueue::forwardToImGui(GLFWwindow* window) {
    glfwSetKeyCallback(window, forwardKey);  // ImGui's, with a release in the press's frame held
    glfwSetCharCallback(window,
                        forwardCharacter);  // ImGui's, with characters typed after such a release held
}

void KeyQueue::releaseHeld(GLFWwindow* window) {
    for (const HeldRelease& r : std::exchange(heldReleases, {}))
        ImGui_ImplGlfw_KeyCallback(window, r.key, r.scancode, GLFW_RELEASE, r.mods);
    for (const unsigned int c : std::exchange(heldCharacters, {}))
        ImGui_ImplGlfw_CharCallback(window, c);
    pressedSinceFrame.clear();
}

QuitSignals::QuitSignals() {
    static std::once_flag initialized;
    std::call_once(initialized, [] { sem_init(&quitSignal, 0, 0); });
    waker_ = std::thread([this] {
        while (sem_wait(&quitSignal) == -1 && errno == EINTR) {
        }
        if (!stopping_) glfwPostEmptyEvent();
    });
    std::signal(SIGINT, requestQuit);
    std::signal(SIGTERM, requestQuit);
}

QuitSignals::~QuitSignals() {
    stopping_ = true;
    sem_post(&quitSignal);
    waker_.join();
}

bool QuitSignals::requested() const {
    return quitRequested;
}

bool FramePacer::wait(bool busy) {
    using Seconds = std::chrono::duration<double>;
    const Seconds frame(1.0 / 60);
    std::optional<Seconds> timeout;
    const bool idle = !busy && settleFrames_ == 0;
    if (!idle)
        timeout = frame;
    else if (autosave_)
        timeout = std::max<Seconds>(*autosave_, frame);
    const auto before = std::chrono::steady_clock::now();
    if (timeout)
        glfwWaitEventsTimeout(timeout->count());
    else
        glfwWaitEvents();
    // Back before the timeout: an event came, and ImGui settles over the next frames.
    const auto now = std::chrono::steady_clock::now();
    const bool woken = !timeout || now - before + Seconds(0.002) < *timeout;
    if (idle && !woken) return false;  // the autosave's timer alone
    settleFrames_ = woken ? kSettleFrames : std::max(settleFrames_ - 1, 0);
    // At most 60 frames per second, as vsync gives where there is one: the solver publishes up to 120
    // snapshots a second while playing, and a display without vsync (Xvfb) would draw them all.
    if (now - lastFrame_ < frame) std::this_thread::sleep_for(frame - (now - lastFrame_));
    lastFrame_ = std::chrono::steady_clock::now();
    return true;
}

}  // namespace gradscape

#include "commands/bench_frames.h"

#include "commands/render_command.h"
#include "frames/offscreen_renderer.h"
#include "render/gl/gl.h"
#include "session.h"
#include "window.h"

#include <backends/imgui_impl_opengl3.h>

#include <chrono>
#include <cstring>
#include <deque>
#include <map>
#include <string>
#include <vector>

namespace gradscape {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Moves every racer's start a little (back and forth, so the race stays where it was) and waits until the
// solver has recomputed every path: what one frame of a drag asks of it at most.
void dragEveryStart(Session& session, int frame) {
    const double shift = (frame % 2 == 0 ? 1 : -1) * 1e-3;
    for (const auto& path : session.snapshot()->paths)
        session.moveStart(path.settings.id, path.settings.start + Vec2(shift, 0));
    session.sync();
}

// A draw callback replaced by one that runs it between two glFinish calls and adds its time to `total`.
struct TimedCallback {
    ImDrawCallback original;
    void* data;
    double* total;
};

void runTimed(const ImDrawList* list, const ImDrawCmd* command) {
    const auto* timed = static_cast<const TimedCallback*>(command->UserCallbackData);
    ImDrawCmd original = *command;
    original.UserCallback = timed->original;
    original.UserCallbackData = timed->data;
    glFinish();
    const auto start = Clock::now();
    timed->original(list, &original);
    glFinish();
    *timed->total += secondsSince(start);
}

// The window a draw list belongs to: its owner's name up to the first '/' (a child window's list is
// named after its parent).
std::string windowOf(const ImDrawList* list) {
    const char* name = list->_OwnerName ? list->_OwnerName : "";
    return std::string(name, std::strcspn(name, "/"));
}

// Draws the lists of `all` that `belongs` picks, alone, between two glFinish calls; returns the seconds.
template <class Belongs>
double drawListsTimed(const ImDrawData& all, const Belongs& belongs) {
    std::vector<ImDrawList*> lists;
    ImDrawData part = all;
    part.TotalIdxCount = part.TotalVtxCount = 0;
    for (int i = 0; i < all.CmdListsCount; ++i)
        if (belongs(windowOf(all.CmdLists[i]))) {
            lists.push_back(all.CmdLists[i]);
            part.TotalIdxCount += all.CmdLists[i]->IdxBuffer.Size;
            part.TotalVtxCount += all.CmdLists[i]->VtxBuffer.Size;
        }
    part.CmdLists = lists.data();
    part.CmdListsCount = static_cast<int>(lists.size());
    glFinish();
    const auto start = Clock::now();
    ImGui_ImplOpenGL3_RenderDrawData(&part);
    glFinish();
    return secondsSince(start);
}

}  // namespace

double headlessFramesPerSecond(const Scene& scene, int width, int height, int frames, FrameMotion motion) {
    Scene measured = scene;
    measured.playing = motion == FrameMotion::Playing;
    Session session(measured);
    HeadlessRenderer renderer(width, height);
    renderer.render(session);
    const auto start = Clock::now();
    for (int i = 0; i < frames; ++i) {
        if (motion == FrameMotion::Dragging) dragEveryStart(session, i);
        renderer.drawFrame(session);
    }
    glFinish();
    return frames / secondsSince(start);
}

// The frame is laid out and drawn as `gradscape render` draws it (OffscreenRenderer: drawViewsFrame, then
// ImGui's OpenGL backend), with the drawing taken apart by OffscreenRenderer::drawFrameWith. Per part:
// - contour, surface: the GL time of the contour and surface layers' draw callbacks, each run between two
//   glFinish calls (the surface's includes the paths it draws on the mesh);
// - paths: the GL time of the rest of the two view windows ("Plot", "Surface"): the paths, their start
//   points and steps, the axes and legends, drawn as ImGui geometry;
// - plots: the GL time of the plots panel's window ("Plots");
// - ui: the CPU time of laying the frame out (NewFrame to Render: every window's ImGui geometry is built
//   there, the paths' polylines and the plots' series included) plus the GL time of any other window.
// The parts add up to the frame's time, less the clear and the glFinish calls' own overhead.
nlohmann::json frameMillisecondsSplit(const Scene& scene, int width, int height, int frames) {
    Scene measured = scene;
    measured.playing = false;
    Session session(measured);
    HeadlessRenderer renderer(width, height);
    OffscreenRenderer& offscreen = renderer.offscreen();
    const void* contours = offscreen.contourLayer();
    const void* surface = offscreen.surfaceLayer();
    // Not timed: asks for grids of the views' size, waits for them and uploads them.
    renderer.render(session);
    const auto snapshot = session.sync();
    std::map<std::string, double> seconds;
    for (int i = 0; i < frames; ++i) {
        const auto start = Clock::now();
        offscreen.drawFrameWith(session, *snapshot, [&](ImDrawData& drawData) {
            const double layout = secondsSince(start);
            std::map<std::string, double> frame;
            std::deque<TimedCallback> timed;  // addresses stay put as it grows
            for (int l = 0; l < drawData.CmdListsCount; ++l)
                for (ImDrawCmd& command : drawData.CmdLists[l]->CmdBuffer) {
                    // Only the layers' own callbacks carry a layer as their data.
                    if (command.UserCallbackData != contours && command.UserCallbackData != surface) continue;
                    const char* part = command.UserCallbackData == contours ? "contour" : "surface";
                    timed.push_back({command.UserCallback, command.UserCallbackData, &frame[part]});
                    command.UserCallback = runTimed;
                    command.UserCallbackData = &timed.back();
                }
            const auto isView = [](const std::string& w) { return w == "Plot" || w == "Surface"; };
            const double views = drawListsTimed(drawData, isView);
            const double plotsPanel =
                drawListsTimed(drawData, [](const std::string& w) { return w == "Plots"; });
            const double others =
                drawListsTimed(drawData, [&](const std::string& w) { return !isView(w) && w != "Plots"; });
            seconds["contour"] += frame["contour"];
            seconds["surface"] += frame["surface"];
            seconds["paths"] += views - frame["contour"] - frame["surface"];
            seconds["plots"] += plotsPanel;
            seconds["ui"] += layout + others;
        });
    }
    nlohmann::json split = nlohmann::json::object();
    for (const char* part : {"contour", "surface", "paths", "plots", "ui"})
        split[part] = 1e3 * seconds[part] / frames;
    return split;
}

std::optional<double> idleCpuShare(Scene scene, int width, int height, double seconds) {
    scene.playing = false;
    double share = 0;
    WindowOptions window;
    window.scene = scene;
    window.width = width, window.height = height;
    window.idleSeconds = seconds;
    window.idleCpuShare = &share;
    if (runWindow(window) != 0) return std::nullopt;
    return share;
}

}  // namespace gradscape

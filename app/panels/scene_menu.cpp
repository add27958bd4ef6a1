#include "panels/scene_menu.h"

#include "panels/lesson_browser.h"
#include "scene/scene_file.h"

#include <GLFW/glfw3.h>

#include <cstdio>
#include <filesystem>
#include <utility>

namespace gradscape {
namespace {

using Dialog = SceneMenuState::Dialog;

std::string absolute(const std::string& path) {
    return std::filesystem::absolute(path).lexically_normal().string();
}

bool pressed(const std::vector<KeyPress>& keys, std::initializer_list<int> wanted) {
    for (const KeyPress& press : keys)
        for (int key : wanted)
            if (press.key == key) return true;
    return false;
}

// The modal asking for a path; returns true when the user confirmed it.
bool pathDialog(Session& session, SceneMenuState& state, const char* title, const char* action,
                const std::vector<KeyPress>& keys) {
    bool confirmed = false;
    ImGui::SetNextWindowSize({520, 0});
    const std::string control = std::string(action) == "Open" ? "open-dialog" : "save-dialog";
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoSavedSettings)) {
        session.layout.controls.erase(control);
        return false;
    }
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    session.layout.controls[control] = {int(pos.x), int(pos.y), int(size.x), int(size.y)};
    ImGui::TextUnformatted("Path of the scene file (.json):");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    confirmed = ImGui::InputText("##scene-path", state.typedPath, sizeof state.typedPath,
                                 ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    session.recordControl("scene-path");
    confirmed |= ImGui::Button(action) || pressed(keys, {GLFW_KEY_ENTER, GLFW_KEY_KP_ENTER});
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || pressed(keys, {GLFW_KEY_ESCAPE})) ImGui::CloseCurrentPopup();
    if (confirmed) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return confirmed;
}

}  // namespace

void drawFileMenu(Session& session, SceneMenuState& state) {
    if (ImGui::Button("File")) ImGui::OpenPopup("file-menu");
    session.recordControl("file-menu");
    if (ImGui::BeginPopup("file-menu")) {
        if (ImGui::MenuItem("Open scene...", "Ctrl+O")) state.requested = Dialog::Open;
        if (ImGui::MenuItem("Save scene as...", "Ctrl+S")) state.requested = Dialog::Save;
        ImGui::Separator();
        if (ImGui::MenuItem("Lessons...", "L")) requestLessonBrowser(state.lessons);
        ImGui::EndPopup();
    }
}

std::optional<Scene> drawFileDialogs(Session& session, SceneMenuState& state,
                                     const std::vector<KeyPress>& keys) {
    std::optional<Scene> opened;
    // Opened outside any window: a modal opened inside the control panel would stay on ImGui's popup
    // stack, undrawn, while Tab hides the panel, and ImGui 1.86 asserts when the panel comes back.
    const Dialog requested = std::exchange(state.requested, Dialog::None);
    if (requested == Dialog::Open) ImGui::OpenPopup("Open scene");
    if (requested == Dialog::Save) ImGui::OpenPopup("Save scene as");

    if (pathDialog(session, state, "Open scene", "Open", keys)) {
        try {
            opened = loadScene(state.typedPath);
            session.say("Opened scene " + absolute(state.typedPath));
        } catch (const std::exception& e) {
            session.say(std::string("Cannot open scene: ") + e.what(), true);
        } catch (...) {
            session.say("Cannot open scene: an unknown error while reading it", true);
        }
    }
    if (pathDialog(session, state, "Save scene as", "Save", keys)) {
        try {
            saveScene(state.typedPath, session.toScene());
            session.say("Saved scene to " + absolute(state.typedPath));
        } catch (const SceneError& e) {
            session.say(e.what(), true);  // names the path and why
        } catch (const std::exception& e) {
            session.say(std::string("Cannot save the scene: ") + e.what(), true);
        } catch (...) {
            session.say("Cannot save the scene: an unknown error while writing it", true);
        }
    }
    if (auto lesson = drawLessonBrowser(session, state.lessons, keys)) opened = std::move(lesson);
    return opened;
}

void handleFileKey(SceneMenuState& state, int key, int mods) {
    if (!(mods & GLFW_MOD_CONTROL)) return;
    if (key == GLFW_KEY_O) state.requested = Dialog::Open;
    if (key == GLFW_KEY_S) state.requested = Dialog::Save;
}

}  // namespace gradscape

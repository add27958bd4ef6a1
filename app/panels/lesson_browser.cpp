#include "panels/lesson_browser.h"

#include "scene/scene_file.h"

#include "key_bindings.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <utility>

namespace gradscape {
namespace {

std::optional<Scene> openLesson(Session& session, const LessonFile& lesson) {
    try {
        Scene scene = loadScene(lesson.path);
        // A lesson changes what is shown, not how the room sees it: the scale, theme and fullscreen stay.
        scene.views.presentation = session.viewSettings.presentation;
        scene.views.presentation.helpOpen = false;
        session.say("Opened lesson: " + scene.lesson.title);
        return scene;
    } catch (const std::exception& e) {
        session.say(std::string("Cannot open lesson: ") + e.what(), true);
    } catch (...) {
        session.say("Cannot open lesson " + lesson.path + ": an unknown error while reading it", true);
    }
    return std::nullopt;
}

}  // namespace

std::string lessonsDirectory() {
    if (const char* directory = std::getenv("GRADSCAPE_LESSONS"); directory && *directory) return directory;
    return std::string(GRADSCAPE_ASSETS_DIR) + "/lessons";
}

std::vector<LessonFile> listLessons(const std::string& directory) {
    std::vector<LessonFile> list;
    try {
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(directory, error))
            if (entry.is_regular_file() && entry.path().extension() == ".json")
                list.push_back({entry.path().string(), entry.path().stem().string()});
    } catch (const std::exception&) {
        // A folder that cannot be listed to the end lists what was read; each file is opened on its own.
    }
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    for (auto& lesson : list) {
        try {
            const Scene scene = loadScene(lesson.path);
            if (!scene.lesson.title.empty()) lesson.title = scene.lesson.title;
        } catch (...) {  // whatever the reader throws, the browser lists the file as unreadable
            lesson.title += " (cannot be read)";
            lesson.readable = false;
        }
    }
    return list;
}

const std::vector<LessonFile>& LessonBrowserState::list() {
    if (!lessons) lessons = listLessons(lessonsDirectory());
    return *lessons;
}

void requestLessonBrowser(LessonBrowserState& state) {
    state.openRequested = true;
}

std::optional<Scene> drawLessonBrowser(Session& session, LessonBrowserState& state,
                                       const std::vector<KeyPress>& keys) {
    std::optional<Scene> chosen;
    if (std::exchange(state.openRequested, false)) ImGui::OpenPopup("Lessons");
    const bool closeRequested = std::exchange(state.closeRequested, false);
    ImGui::SetNextWindowSize({560, 0});
    if (!ImGui::BeginPopupModal("Lessons", nullptr, ImGuiWindowFlags_NoSavedSettings)) {
        session.layout.controls.erase("lesson-browser");
        return chosen;
    }
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    session.layout.controls["lesson-browser"] = {int(pos.x), int(pos.y), int(size.x), int(size.y)};
    const auto& list = state.list();
    if (list.empty()) ImGui::TextWrapped("No lessons found in %s", lessonsDirectory().c_str());
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string label = (i < 9 ? std::to_string(i + 1) + ". " : "    ") + list[i].title;
        if (ImGui::Selectable(label.c_str(), false, list[i].readable ? 0 : ImGuiSelectableFlags_Disabled)) {
            chosen = openLesson(session, list[i]);
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::Spacing();
    const bool escape = std::any_of(keys.begin(), keys.end(),
                                    [](const KeyPress& press) { return press.key == GLFW_KEY_ESCAPE; });
    if (ImGui::Button("Close") || escape || closeRequested) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return chosen;
}

void drawLessonPanel(const Session& session) {
    const Lesson& lesson = session.race().lesson;
    if (lesson.empty()) return;
    ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    if (!ImGui::CollapsingHeader(("Lesson: " + lesson.title + "###lesson").c_str())) return;
    ImGui::TextWrapped("%s", lesson.explanation.c_str());
    if (!lesson.formula.empty()) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.85f, 0.45f, 1.0f));
        ImGui::TextWrapped("%s", lesson.formula.c_str());
        ImGui::PopStyleColor();
    }
    if (!lesson.tryThis.empty()) {
        ImGui::Spacing();
        ImGui::TextUnformatted("Try this:");
        for (const auto& prompt : lesson.tryThis) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", prompt.c_str());
        }
    }
    ImGui::Separator();
}

std::optional<Scene> handleLessonKey(Session& session, LessonBrowserState& state, int key) {
    if (key == GLFW_KEY_L) requestLessonBrowser(state);
    const int number = lessonNumber({key, 0});
    if (number == 0) return std::nullopt;
    const size_t index = static_cast<size_t>(number - 1);
    if (index >= state.list().size()) {
        session.say("There is no lesson " + std::to_string(index + 1), true);
        return std::nullopt;
    }
    auto scene = openLesson(session, state.list()[index]);
    if (scene) state.closeRequested = true;
    return scene;
}

}  // namespace gradscape

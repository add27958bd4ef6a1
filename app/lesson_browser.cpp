#include "lesson_browser.h"

#include "scene_file.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace gradscape {
namespace {

bool browserRequested = false;

// Read once per window: the list does not change while a class is watching.
const std::vector<LessonFile>& lessons() {
    static const std::vector<LessonFile> list = listLessons(lessonsDirectory());
    return list;
}

std::optional<Scene> openLesson(Session& session, const LessonFile& lesson) {
    try {
        Scene scene = loadScene(lesson.path);
        // A lesson changes what is shown, not how the room sees it: the scale, theme and fullscreen stay.
        scene.views.presentation = session.views.presentation;
        scene.views.presentation.helpOpen = false;
        session.say("Opened lesson: " + scene.lesson.title);
        return scene;
    } catch (const SceneError& e) {
        session.say(std::string("Cannot open lesson: ") + e.what(), true);
        return std::nullopt;
    }
}

}  // namespace

std::string lessonsDirectory() {
    if (const char* directory = std::getenv("GRADSCAPE_LESSONS"); directory && *directory) return directory;
    return std::string(GRADSCAPE_ASSETS_DIR) + "/lessons";
}

std::vector<LessonFile> listLessons(const std::string& directory) {
    std::vector<LessonFile> list;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            list.push_back({entry.path().string(), entry.path().stem().string()});
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    for (auto& lesson : list) {
        try {
            const Scene scene = loadScene(lesson.path);
            if (!scene.lesson.title.empty()) lesson.title = scene.lesson.title;
        } catch (const SceneError&) {
            lesson.title += " (cannot be read)";
            lesson.readable = false;
        }
    }
    return list;
}

void requestLessonBrowser() {
    browserRequested = true;
}

std::optional<Scene> drawLessonBrowser(Session& session, const std::vector<KeyPress>& keys) {
    std::optional<Scene> chosen;
    if (browserRequested) ImGui::OpenPopup("Lessons");
    browserRequested = false;
    ImGui::SetNextWindowSize({560, 0});
    if (!ImGui::BeginPopupModal("Lessons", nullptr, ImGuiWindowFlags_NoSavedSettings)) return chosen;
    const auto& list = lessons();
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
    if (ImGui::Button("Close") || escape) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return chosen;
}

void drawLessonPanel(const Session& session) {
    const Lesson& lesson = session.lesson;
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

std::optional<Scene> handleLessonKey(Session& session, int key) {
    if (key == GLFW_KEY_L) requestLessonBrowser();
    if (key < GLFW_KEY_1 || key > GLFW_KEY_9) return std::nullopt;
    const size_t index = static_cast<size_t>(key - GLFW_KEY_1);
    if (index >= lessons().size()) {
        session.say("There is no lesson " + std::to_string(index + 1), true);
        return std::nullopt;
    }
    return openLesson(session, lessons()[index]);
}

}  // namespace gradscape

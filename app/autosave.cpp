// The window's autosave and the offer to restore a race after an abnormal end (see autosave.h).
#include "autosave.h"

#include "scene/scene_file.h"

#include <nlohmann/json.hpp>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace gradscape {
namespace {

constexpr const char* kOfferTitle = "The previous window ended unexpectedly###restore-offer";
constexpr auto kTouchEvery = std::chrono::seconds(5);

bool pressed(const std::vector<KeyPress>& keys, std::initializer_list<int> wanted) {
    return std::any_of(keys.begin(), keys.end(), [&](const KeyPress& press) {
        return std::find(wanted.begin(), wanted.end(), press.key) != wanted.end();
    });
}

}  // namespace

std::chrono::milliseconds autosaveInterval() {
    if (const char* text = std::getenv("GRADSCAPE_AUTOSAVE_MS"); text && *text) {
        char* end = nullptr;
        const long value = std::strtol(text, &end, 10);
        if (*end == '\0' && value >= 0 && value <= 3'600'000) return std::chrono::milliseconds(value);
    }
    return std::chrono::seconds(3);
}

WindowAutosave::WindowAutosave(Session& session, std::chrono::milliseconds interval) : interval_(interval) {
    const std::filesystem::path directory = stateDirectory();
    if (directory.empty()) {
        session.say("Nothing is autosaved: neither XDG_STATE_HOME nor HOME is set", true);
        return;
    }
    try {
        AutosaveSlot slot = AutosaveSlot::claim(directory);
        if (!slot.owned()) {
            session.say("Another gradscape window (process " + std::to_string(slot.owner().pid) +
                        ") keeps the autosave in " + directory.string() + "; this one does not autosave");
            return;
        }
        slot_ = std::move(slot);
        session.autosave.path = slot_->scenePath().string();
        if (const auto& recovery = slot_->recovery())
            session.autosave.offer = "gradscape ended unexpectedly at " + clockTime(recovery->endedAt) +
                                     "; restore the race you had?";
    } catch (const std::exception& e) {
        session.say(std::string("Nothing is autosaved: ") + e.what(), true);
    }
}

std::optional<Scene> WindowAutosave::drawOffer(Session& session, const std::vector<KeyPress>& keys) {
    if (!slot_ || !slot_->recovery()) {
        session.layout.controls.erase("restore");
        session.layout.controls.erase("start-fresh");
        return std::nullopt;
    }
    // Opened again if another modal (Ctrl+O) took its place: the offer is answered first.
    if (!ImGui::IsPopupOpen(kOfferTitle)) ImGui::OpenPopup(kOfferTitle);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos({display.x / 2, display.y / 2}, ImGuiCond_Always, {0.5f, 0.5f});
    if (!ImGui::BeginPopupModal(kOfferTitle, nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoMove))
        return std::nullopt;
    std::optional<Scene> restored;
    ImGui::TextUnformatted(session.autosave.offer.c_str());
    ImGui::TextDisabled("It was autosaved in %s", slot_->recovery()->scene.string().c_str());
    if (!lastError_.empty()) ImGui::TextWrapped("%s", lastError_.c_str());
    const bool restore = ImGui::Button("Restore (Enter)") || pressed(keys, {GLFW_KEY_ENTER, GLFW_KEY_KP_ENTER});
    session.recordControl("restore");
    ImGui::SameLine();
    const bool fresh = ImGui::Button("Start fresh (Escape)") || pressed(keys, {GLFW_KEY_ESCAPE});
    session.recordControl("start-fresh");
    const std::string savedAt = clockTime(slot_->recovery()->endedAt);
    try {
        if (restore) {
            Scene scene = loadScene(slot_->recovery()->scene.string());
            scene.views.presentation.helpOpen = false;
            slot_->acceptRecovery();
            lastSaved_.clear();  // the restored race is saved at the next check
            session.say("Restored the race gradscape had at " + savedAt);
            restored = std::move(scene);
        } else if (fresh) {
            slot_->declineRecovery();
            session.say("Started fresh; the previous race is kept in " +
                        (slot_->scenePath().parent_path() / "autosave-declined.json").string());
        }
    } catch (const std::exception& e) {
        lastError_ = std::string(restore ? "Cannot restore it: " : "Cannot start fresh: ") + e.what();
        session.say(lastError_, true);
    } catch (...) {
        lastError_ = "Cannot restore it: an unknown error while reading it";
        session.say(lastError_, true);
    }
    if (!slot_->recovery()) {
        session.autosave.offer.clear();
        lastError_.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
    return restored;
}

void WindowAutosave::afterFrame(Session& session) {
    if (!slot_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - lastTouch_ >= kTouchEvery) {
        slot_->touch();
        lastTouch_ = now;
    }
    if (slot_->recovery() || now - lastCheck_ < interval_) return;
    lastCheck_ = now;
    save(session);
}

void WindowAutosave::finish(Session& session) {
    if (!slot_) return;
    if (!slot_->recovery()) save(session);
    slot_->release();
}

void WindowAutosave::save(Session& session) {
    try {
        std::string text = sceneToJson(session.toScene()).dump(2) + "\n";
        if (text == lastSaved_) return;
        if (slot_->save(text)) {
            lastSaved_ = std::move(text);
            ++session.autosave.saves;
        }
        if (!lastError_.empty() && session.statusIsError && session.status == lastError_) session.say("");
        lastError_.clear();
    } catch (const std::exception& e) {
        // Said once; the next interval tries again.
        const std::string message = std::string("Autosave failed: ") + e.what();
        if (message != lastError_) session.say(message, true);
        lastError_ = message;
    }
}

}  // namespace gradscape

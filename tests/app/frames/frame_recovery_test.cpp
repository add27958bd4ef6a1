// The window's last line of defence: a frame that an exception cuts short (inside a fixed window, a
// table, a modal popup, with style pushed) is ended by endBrokenFrame, and the next frames run without
// one of ImGui's assertions (which abort the app: Debian's libimgui keeps them on).

#include "frames/ui_frame.h"
#include "support/test_support.h"

#include <doctest/doctest.h>
#include <imgui.h>

#include <stdexcept>

using namespace gradscape;

namespace {

// The window's frame in outline: style pushed outside a fixed window, the window, a table in it, and
// a modal popup opened outside any window; `fail` throws at the deepest point.
// Returns whether the modal was drawn.
bool frame(bool fail) {
    ImGui::NewFrame();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {4, 4});
    ImGui::Begin("Controls");
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 0, 0, 255));
    ImGui::PushID("racer");
    if (ImGui::BeginTable("legend", 2)) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted("gd");
        if (fail) throw std::runtime_error("a panel failed");
        ImGui::EndTable();
    }
    ImGui::PopID();
    ImGui::PopStyleColor();
    ImGui::End();
    ImGui::PopStyleVar();
    if (!ImGui::IsPopupOpen("Lessons")) ImGui::OpenPopup("Lessons");
    const bool drawn = ImGui::BeginPopupModal("Lessons", nullptr, ImGuiWindowFlags_NoSavedSettings);
    if (drawn) {
        ImGui::TextUnformatted("1. Gradient descent");
        ImGui::EndPopup();
    }
    ImGui::Render();
    return drawn;
}

}  // namespace

TEST_CASE("a frame cut short by an exception is ended cleanly and the next frames draw") {
    testing::HeadlessImGui imgui(640, 480);
    frame(false);
    frame(false);
    for (int attempt = 0; attempt < 3; ++attempt) {
        bool thrown = false;
        try {
            frame(true);
        } catch (const std::runtime_error& e) {
            thrown = true;
            CHECK(std::string(e.what()) == "a panel failed");
            endBrokenFrame();
        }
        CHECK(thrown);
        // Aborts (an ImGui assertion) unless the broken frame was closed; the modal is still up.
        CHECK(frame(false));
    }
    CHECK(ImGui::GetDrawData()->Valid);
    CHECK(ImGui::GetStyle().WindowPadding.x != 4);  // the style pushed before the failure was popped
}

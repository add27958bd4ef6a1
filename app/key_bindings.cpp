#include "key_bindings.h"

#include <GLFW/glfw3.h>

namespace gradscape {
namespace {

constexpr int kCtrl = GLFW_MOD_CONTROL, kShift = GLFW_MOD_SHIFT;

constexpr KeyBinding kBindings[] = {
    {Action::PlayPause, GLFW_KEY_SPACE, 0, "Space", "play / pause the race"},
    {Action::Step, GLFW_KEY_RIGHT, 0, "Right", "one step (hold to repeat)"},
    {Action::Reset, GLFW_KEY_R, 0, "R", "reset every path to its start"},
    {Action::Screenshot, GLFW_KEY_S, 0, "S", "save a screenshot of the views (PNG)"},
    {Action::CycleViews, GLFW_KEY_V, 0, "V", "cycle the views: contour, surface, both"},
    {Action::FitView, GLFW_KEY_F, 0, "F", "fit view: the whole landscape and every start point"},
    {Action::TogglePlots, GLFW_KEY_P, 0, "P", "show / hide the loss, gradient and distance plots"},
    {Action::GradientField, GLFW_KEY_G, 0, "G",
     "overlay: gradient field -\xe2\x88\x87"
     "f"},
    {Action::StepParts, GLFW_KEY_D, 0, "D", "overlay: each next step split into its parts"},
    {Action::Curvature, GLFW_KEY_H, 0, "H", "overlay: curvature (\xce\xbb, \xce\xba) at the cursor"},
    {Action::TaylorModel, GLFW_KEY_T, 0, "T", "overlay: second-order Taylor model"},
    {Action::RidgePath, GLFW_KEY_E, 0, "E", "overlay: ridge path vs early stopping"},
    {Action::ScaleUp, GLFW_KEY_EQUAL, kCtrl, "Ctrl+=", "larger UI (fonts, widgets, lines), up to 3x"},
    {Action::ScaleUp, GLFW_KEY_KP_ADD, kCtrl, "Ctrl+keypad +", "larger UI (fonts, widgets, lines), up to 3x"},
    {Action::ScaleDown, GLFW_KEY_MINUS, kCtrl, "Ctrl+-", "smaller UI, down to 1x"},
    {Action::ScaleDown, GLFW_KEY_KP_SUBTRACT, kCtrl, "Ctrl+keypad -", "smaller UI, down to 1x"},
    {Action::ScaleReset, GLFW_KEY_0, kCtrl, "Ctrl+0", "UI back to 1x"},
    {Action::Fullscreen, GLFW_KEY_F11, 0, "F11", "fullscreen on / off"},
    {Action::HidePanels, GLFW_KEY_TAB, 0, "Tab", "hide / show the panels: the views fill the window"},
    {Action::CycleTheme, GLFW_KEY_C, 0, "C", "cycle the theme: dark, high contrast, colour-blind safe"},
    {Action::Help, GLFW_KEY_F1, 0, "F1", "this help: every key"},
    {Action::Help, GLFW_KEY_SLASH, kShift, "?", "this help: every key"},
    {Action::OpenScene, GLFW_KEY_O, kCtrl, "Ctrl+O", "open a scene file"},
    {Action::SaveScene, GLFW_KEY_S, kCtrl, "Ctrl+S", "save the whole state as a scene file"},
    {Action::LessonBrowser, GLFW_KEY_L, 0, "L", "the lesson browser"},
    {Action::OpenLesson, GLFW_KEY_1, 0, "1", "open lesson 1 to 9 (the browser lists them)"},
    {Action::OpenLesson, GLFW_KEY_2, 0, "2", "open lesson 1 to 9 (the browser lists them)"},
    {Action::OpenLesson, GLFW_KEY_3, 0, "3", "open lesson 1 to 9 (the browser lists them)"},
    {Action::OpenLesson, GLFW_KEY_4, 0, "4", "open lesson 1 to 9 (the browser lists them)"},
    {Action::OpenLesson, GLFW_KEY_5, 0, "5", "open lesson 1 to 9 (the browser lists them)"},
    {Action::OpenLesson, GLFW_KEY_6, 0, "6", "open lesson 1 to 9 (the browser lists them)"},
    {Action::OpenLesson, GLFW_KEY_7, 0, "7", "open lesson 1 to 9 (the browser lists them)"},
    {Action::OpenLesson, GLFW_KEY_8, 0, "8", "open lesson 1 to 9 (the browser lists them)"},
    {Action::OpenLesson, GLFW_KEY_9, 0, "9", "open lesson 1 to 9 (the browser lists them)"},
    {Action::Quit, GLFW_KEY_Q, kCtrl, "Ctrl+Q", "quit (the state file is saved)"},
};

}  // namespace

std::span<const KeyBinding> keyBindings() {
    return kBindings;
}

int lessonNumber(const KeyPress& press) {
    return press.key >= GLFW_KEY_1 && press.key <= GLFW_KEY_9 ? press.key - GLFW_KEY_1 + 1 : 0;
}

std::optional<Action> actionForKey(const KeyPress& press, bool typing) {
    const int strict = press.mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT);
    const bool shift = press.mods & GLFW_MOD_SHIFT;
    std::optional<Action> lenient;
    for (const KeyBinding& b : kBindings) {
        if (b.key != press.key || (b.mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT)) != strict) continue;
        if (typing && !(b.mods & GLFW_MOD_CONTROL)) continue;
        const bool wantsShift = b.mods & GLFW_MOD_SHIFT;
        if (wantsShift == shift) return b.action;  // an exact match wins
        if (!wantsShift && !lenient) lenient = b.action;
    }
    return lenient;
}

}  // namespace gradscape

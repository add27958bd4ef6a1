#pragma once
// Every keyboard action of the window in one table: the key handler looks keys up in it and the Help
// window lists it, so the two cannot drift apart.

#include <optional>
#include <span>

namespace gradscape {

/// A key press as GLFW reported it. Shortcuts are read from these rather than from ImGui 1.86's key
/// state, which misses a key pressed and released within one frame.
struct KeyPress {
    int key = 0;
    int mods = 0;
};

/// What a key can do.
enum class Action {
    PlayPause,
    Step,
    Reset,
    Screenshot,
    CycleViews,
    TogglePlots,
    FitView,
    GradientField,
    StepParts,
    Curvature,
    TaylorModel,
    RidgePath,
    ScaleUp,
    ScaleDown,
    ScaleReset,
    Fullscreen,
    HidePanels,
    CycleTheme,
    Help,
    OpenScene,
    SaveScene,
    LessonBrowser,
    OpenLesson,  ///< Keys 1-9: the lesson with that number (lessonNumber() says which).
    Quit,
};
inline constexpr int kActionCount = static_cast<int>(Action::Quit) + 1;

/// One key (a GLFW key code and the modifiers it needs) bound to an action.
struct KeyBinding {
    Action action;
    int key;
    int mods;                 ///< GLFW_MOD_CONTROL and/or GLFW_MOD_SHIFT, or 0.
    const char* keyName;      ///< As the Help window shows it: "Ctrl+Q", "Space", "?".
    const char* description;  ///< What the action does, in the lecture's words.
};

/// The lesson a press of 1-9 opens (1 for the first), or 0 for any other key.
int lessonNumber(const KeyPress& press);

/// All bindings; an action may have several keys (F1 and ? both open the help).
std::span<const KeyBinding> keyBindings();

/// The action a press triggers, or none. Control and Alt must match the binding exactly; Shift too
/// where the binding asks for it, otherwise it is ignored (so + works as well as =). While the user
/// types into a field only Control bindings act, so typing never triggers a shortcut.
std::optional<Action> actionForKey(const KeyPress& press, bool typing);

}  // namespace gradscape

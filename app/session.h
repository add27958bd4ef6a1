#pragma once
// What a window or the headless renderer drives: the race behind the only methods that change it (the
// solver and RaceState), what the views show, the frame's layout (FrameLayout) and the status line.

#include "race/solver.h"
#include "scene/scene.h"
#include "maps/map_sampler.h"
#include "maps/map_settings.h"
#include "view/grid.h"
#include "view/view_settings.h"

#include <imgui.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace gradscape {

/// Where the plot's data area was last drawn, in window pixels, and which region of the plane it showed.
struct ContourGeometry {
    float x = 0, y = 0, width = 0, height = 0;
    ViewBox view;

    ImVec2 toScreen(const Vec2& p) const {
        return {x + static_cast<float>((p.x() - view.xMin) / view.width() * width),
                y + static_cast<float>((view.yMax - p.y()) / view.height() * height)};
    }
    Vec2 toWorld(ImVec2 s) const {
        return {view.xMin + (s.x - x) / width * view.width(), view.yMax - (s.y - y) / height * view.height()};
    }
};

/// A rectangle in window pixels, top-left origin.
struct PixelRect {
    int x = 0, y = 0, width = 0, height = 0;
};

/// A mouse drag in a view: of one optimizer's start point, or of the background (pan, or orbit in 3D).
struct ViewDrag {
    int startId = 0;  ///< The optimizer whose start point is dragged; 0 when none.
    bool panning = false;
    bool taylorCentre = false;     ///< The Taylor model's centre is dragged.
    bool orbiting = false;         ///< The 3D view's camera is turned about its target.
    Vec2 position = Vec2::Zero();  ///< Where the dragged start point is now, before the solver answers.
};

/// A scene's 0xRRGGBB colour as ImGui's, opaque.
ImU32 colourFromRgb(std::uint32_t rgb);
/// ImGui's colour as 0xRRGGBB (its alpha dropped).
std::uint32_t rgbFromColour(ImU32 colour);

/// The race as the user set it up, beside what the solver holds: which landscape (named, or a typed
/// formula) with which regularization, the racers' colours and who follows the shared start, the ids and
/// colours handed out so far. Session's methods are its only writers, so it never disagrees with the race
/// they post to the solver. It is the one copy of the racers' colours and follow flags: the settings the
/// solver gets (and the snapshot shows) leave them unset, and toScene() puts them back. They stay here
/// rather than in the solver because the window needs them before the solver answers (a burst of Add
/// clicks counts racers, a drag moves every follower at once).
struct RaceState {
    std::string landscapeName;  ///< A named landscape, or "formula" for the typed one.
    std::map<std::string, double> landscapeParameters;
    std::string formula;       ///< The typed f(x, y) in use (landscapeName "formula").
    std::string formulaError;  ///< Why the last typed formula was refused, with its position.
    Regularization regularization;
    std::map<int, ImU32> colours;       ///< Each optimizer's colour, by id.
    Vec2 sharedStart = Vec2::Zero();    ///< The start point that following optimizers share.
    std::map<int, bool> followsShared;  ///< Per optimizer id: whether it starts at sharedStart.
    int nextId = 1;                     ///< The id the next added optimizer gets.
    int coloursHanded = 0;              ///< How many palette colours were given out.
    Lesson lesson;                      ///< The open lesson's text; empty for a plain scene.
    /// The network being raced on instead of the landscape; unset on a 2D landscape.
    std::optional<ProblemSpec> problem;
    PlaneSettings plane;  ///< How the network's plane is chosen.
};

/// Where the last frame put things, in window pixels, and what the mouse is doing in them: written while a
/// frame is drawn, read by the next frame's input handling, screenshots and the state file.
struct FrameLayout {
    ContourGeometry contourArea;  ///< Where the contour view's data area was drawn, and the box it showed.
    PixelRect viewsArea;          ///< The views with their axes and legends: what a screenshot saves.
    PixelRect surfaceArea;        ///< Where the 3D surface view was drawn; empty while it is hidden.
    PixelRect framebuffer;        ///< The window's framebuffer (the screen's size in fullscreen).
    ViewDrag drag;
    std::map<std::string, PixelRect> controls;  ///< Where named buttons were drawn (for scripts).
    std::optional<Vec2> probe;  ///< Headless: where the curvature overlay is drawn, as if hovered.
    /// The step panel's section was drawn open: only then is the chosen path's latest step explained
    /// (one replay of that path per publish). The window's frame clears it; the open panel sets it.
    bool stepByStepShown = false;
    /// The run from the map cell under the mouse, drawn faintly on the contour view as a ghost (empty when
    /// no cell is hovered), in its racer's colour.
    std::vector<Vec2> mapGhost;
    ImU32 mapGhostColour = 0;
};

/// One gradscape session: the race (its solver, RaceState) behind the only methods that change it, what
/// the views show of it, and the frame's layout. Panels and key bindings change the race through these
/// methods, never through the solver: panel -> session -> solver -> snapshot -> views that only read.
class Session {
  public:
    explicit Session(const Scene& scene);
    /// Opens `scene` racing on `problem` instead of the network scene.problem describes (render's
    /// --problem-file, or a network the caller already made and checked); null: as Session(scene).
    Session(const Scene& scene, std::shared_ptr<const Problem> problem);

    // --- reading the race ---
    const RaceState& race() const { return race_; }
    /// The latest snapshot; first tells the solver which analyses the shown views need (see analyses()).
    std::shared_ptr<const Snapshot> snapshot() const;
    /// Waits until every change made so far is applied and published (with the analyses the views need).
    std::shared_ptr<const Snapshot> sync() const;
    /// Which per-path analyses what is shown needs: the stability bounds always (the optimizer panel),
    /// the metrics while the plots are shown, the explained steps while the step-parts overlay or the step
    /// panel (its section open in the last frame: layout.stepByStepShown) shows them.
    AnalysisRequest analyses() const;
    /// Called on the solver thread after every publish, for this race and every race replaceScene starts.
    void setPublishListener(std::function<void()> listener);

    // --- changing the race: the only writers ---
    void play();
    void pause();
    /// Play when paused, pause when playing (as of the latest snapshot).
    void togglePlay();
    /// Takes `count` steps and pauses.
    void step(int count = 1);
    /// Every path back to its start.
    void reset();
    void setSpeed(double stepsPerSecond);
    void setEnabled(int id, bool enabled);
    void setHyperparameters(int id, const Hyperparameters& hyperparameters);
    /// Sets a racer's colour as the user picked it.
    void setColour(int id, ImU32 colour);
    /// Adds an optimizer of this kind with its default hyperparameters, following the shared start;
    /// returns its id. Past limits::kMaxRacers racers it is refused (0, the status line names the limit).
    int addOptimizer(const std::string& kind);
    /// Removes the optimizer with this id.
    void removeOptimizer(int id);
    /// Moves an optimizer's start; a follower moves the shared start, and with it every follower.
    void moveStart(int id, const Vec2& start);
    /// Moves the shared start and every optimizer that follows it (the next follower starts there).
    void moveSharedStart(const Vec2& start);
    /// Makes an optimizer follow the shared start (moving it there) or keep a start of its own.
    void setFollowsShared(int id, bool follows);
    /// Whether this optimizer starts at the shared start.
    bool followsShared(int id) const;
    /// Whether this optimizer's start handle is being dragged: its own, or (while a follower is dragged)
    /// the shared start it follows, so every follower's handle moves with the drag.
    bool startDragged(int id) const;
    /// Switches to a typed formula f(x, y); a typo, or anything else thrown while building it, is refused
    /// (formulaError says what and where) and the current landscape stays.
    bool setFormula(const std::string& text, bool moveStarts);
    /// Changes the regularization added to the current landscape (refused with a message when out of range).
    bool setRegularization(const Regularization& regularization);
    /// Switches to another landscape (or other parameters), keeping the optimizers. Refused with a
    /// status message (nothing changes) when the name or a parameter is invalid.
    bool setLandscape(const std::string& name, const std::map<std::string, double>& parameters,
                      bool moveStarts);
    /// Races on a small real network from now on (every racer trains from its seeded weights, drawn on
    /// race().plane). Refused with a status message naming the field (nothing changes) when the spec is
    /// invalid or a racer's kind cannot train a network.
    bool setProblem(const ProblemSpec& spec);
    /// How the network's plane is chosen (see view/loss_plane.h).
    void setPlane(const PlaneSettings& plane);
    /// Whether racer `id` trains the network linearized at its start (lazy training); the solver refuses it
    /// on a network that cannot be linearized, with a message.
    void setLinearized(int id, bool linearized);
    /// On a network, the sharpness of every racer's path every `every` steps; 0: not tracked.
    void setSharpnessEvery(int every);
    /// Replaces the whole state with a scene (new landscape, optimizers, colours, follow flags, shared start,
    /// views); a racer without a colour of its own takes the next palette colour. The scene is
    /// built completely first; when that throws (std::invalid_argument) nothing has changed. With a
    /// `problem`, the race is on it instead of on what scene.problem describes (which toScene then writes:
    /// a network read from a file has no spec, so its scene has none).
    void replaceScene(const Scene& scene, std::shared_ptr<const Problem> problem = nullptr);
    /// The live state as a scene: landscape, regularization, views, lesson, every optimizer's settings with
    /// its colour and follow flag as the window shows them, the shared start, the step count, playing and
    /// speed as of the latest snapshot.
    Scene toScene() const;

    ImU32 colourOf(int id) const;

    // --- what the views show (the user's choices; they never reach the solver) ---
    ViewSettings viewSettings;  ///< Which views and overlays are shown, the camera.
    ViewBox viewBox;            ///< The region of the plane the contour view shows.
    bool showConstraintRegion = false;
    /// The contour view: of the data loss alone, or of loss + penalty.
    ContourSource contours = ContourSource::Total;
    GridSampler sampler;
    GridSampler surfaceSampler;  ///< The 3D surface's grid: a fixed size over the same view box.
    MapSettings maps;            ///< The map panel's choices (saved in scenes).
    MapSampler mapSampler;       ///< The map panel's map, computed in the background.
    FrameLayout layout;

    // --- messages and typing ---
    std::string status;  ///< The status line: where a screenshot went, or what was refused.
    bool statusIsError = false;
    std::uint64_t solverErrorsSeen = 0;
    std::map<std::string, std::string> inputErrors;  ///< Per control: why a typed value was refused.
    std::map<ImGuiID, double> typedValues;           ///< Per control: a value typed but not yet applied.
    /// The window's autosave as last seen (app/autosave.*), for the state file.
    struct AutosaveReport {
        std::string path;   ///< Where the race is autosaved; empty when nothing is.
        std::string offer;  ///< The open offer to restore a race, as the window words it; empty when none.
        int saves = 0;      ///< Autosaves written by this window.
    } autosave;

    /// Records where the last ImGui item was drawn, under `name`, for the state file.
    void recordControl(const std::string& name);
    /// Sets the status line.
    void say(std::string message, bool isError = false);

  private:
    /// The next palette colour that no racer has (handed out in order, wrapping around).
    ImU32 nextPaletteColour();
    /// Hands a built landscape to the solver and records what it is.
    void use(const std::shared_ptr<const Landscape>& landscape, const std::string& name,
             const std::map<std::string, double>& parameters, bool moveStarts);
    /// Fits the view box to a network's new plane (called with every snapshot read).
    void fitPlane(const Snapshot& latest) const;
    /// The plane landscape the view box was last fitted to: a new plane opens on its own box.
    mutable std::shared_ptr<const Landscape> fittedPlane_;
    /// Tells the solver the analyses() the views need when they changed since it was last told.
    void requestAnalyses() const;

    std::unique_ptr<Solver> solver_;
    RaceState race_;
    std::function<void()> publishListener_;
    mutable AnalysisRequest requested_;  ///< What the solver was last asked to analyse.
};

}  // namespace gradscape

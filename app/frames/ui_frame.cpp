#include "frames/ui_frame.h"

#include "panels/control_panel.h"
#include "panels/lesson_browser.h"
#include "panels/overlay_panel.h"
#include "views/contour_view.h"
#include "views/dot_sprites.h"
#include "panels/maps_panel.h"
#include "panels/plots_panel.h"
#include "panels/presentation_panel.h"
#include "panels/scene_menu.h"
#include "views/surface_view.h"
#include "theme.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace gradscape {
namespace {

constexpr float kPanelWidth = 380, kStatusHeight = 28, kMinPlotsHeight = 180;
constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

void beginFixedWindow(const char* name, ImVec2 pos, ImVec2 size, ImGuiWindowFlags extra = 0) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(name, nullptr, kFixed | extra);
}

// A fixed window that does not scroll, around one view or the plots, with `padding` (at 1x) inside it. Its
// contents draw its background, around their opaque areas (drawWindowBackgroundAround), not under them.
template <class Draw>
void viewWindow(const char* name, ImVec2 pos, ImVec2 size, ImVec2 padding, const Draw& draw) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {look().px(padding.x), look().px(padding.y)});
    beginFixedWindow(name, pos, size,
                     ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                         ImGuiWindowFlags_NoBackground);
    draw();
    ImGui::End();
    ImGui::PopStyleVar();
}

// The area right of the control panel: the views fill a rectangle at the top and, when shown, the plots
// panel a strip along the bottom (30% of the height, at least kMinPlotsHeight (scaled) while the views
// keep 60%: at 3x the scaled minimum would otherwise squeeze the views).
struct ViewsArea {
    ImVec2 viewsPos, viewsSize;
    ImVec2 plotsPos, plotsSize;  // zero size when the plots are hidden
};

ViewsArea splitViewsArea(ImVec2 pos, ImVec2 size, bool plots, bool maps) {
    if (!plots && !maps) return {pos, size, pos, {0, 0}};
    // The strip holds the plots, the map panel or both; a map needs more height than a plot to be read.
    const float share = maps ? 0.4f : 0.3f;
    const float strip = std::min(std::max(share * size.y, look().px(kMinPlotsHeight)), 0.45f * size.y);
    return {pos, {size.x, size.y - strip}, {pos.x, pos.y + size.y - strip}, {size.x, strip}};
}

// The contour view, the surface view, or both side by side, as session.viewSettings.mode says.
void drawViews(Session& session, const Snapshot& snapshot, ContourPainter& contours, SurfaceLayer* surface,
               ImVec2 pos, ImVec2 size, const ContourViewOptions& plotOptions,
               const SurfaceOptions& surfaceOptions) {
    const ViewMode mode = session.viewSettings.mode;
    const float contourWidth = mode == ViewMode::Both ? std::floor(size.x / 2) : size.x;
    if (mode != ViewMode::Surface)
        viewWindow("Plot", pos, {contourWidth, size.y}, {4, 4},
                   [&] { drawContourView(session, snapshot, contours, plotOptions); });
    if (mode == ViewMode::Contour || !surface) {
        session.layout.surfaceArea = {};
        return;
    }
    const float surfaceX = mode == ViewMode::Both ? pos.x + contourWidth : pos.x;
    viewWindow("Surface", {surfaceX, pos.y}, {pos.x + size.x - surfaceX, size.y}, {4, 4},
               [&] { drawSurface(session, snapshot, *surface, surfaceOptions); });
}

// "View: Contour / Surface / Both", Fit view and the surface's height scale; V cycles the views.
void drawViewControls(Session& session, const Snapshot& snapshot) {
    ImGui::TextUnformatted("View:");
    for (const auto& mode : kViewModes) {
        ImGui::SameLine();
        if (ImGui::RadioButton(mode.label, session.viewSettings.mode == mode.value)) session.viewSettings.mode = mode.value;
        session.recordControl(std::string("view-") + mode.label);
    }
    // The surface's height scale and Fit view join the row where they fit, and start the next where not.
    ImGui::SameLine();
    const float needed =
        ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("log height").x;
    if (ImGui::GetContentRegionAvail().x < needed) ImGui::NewLine();
    ImGui::Checkbox("log height", &session.viewSettings.logHeight);
    session.recordControl("log-height");
    ImGui::SameLine();
    const float button = ImGui::CalcTextSize("Fit view (F)").x + 2 * ImGui::GetStyle().FramePadding.x;
    if (ImGui::GetContentRegionAvail().x < button) ImGui::NewLine();
    if (ImGui::Button("Fit view (F)")) fitView(session, snapshot);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("the landscape's whole box, and every start point");
    session.recordControl("fit-view");
}

// Lays out and draws the views and, when they are on, the plots under them.
ViewsArea drawViewsArea(Session& session, const Snapshot& snapshot, ContourPainter& contours,
                      SurfaceLayer* surface, ImVec2 pos, ImVec2 size, const ContourViewOptions& plotOptions,
                      const SurfaceOptions& surfaceOptions, PlotsPanelState& plots) {
    const bool maps = session.maps.shown && surface;  // the map panel draws with GL
    if (!maps) session.layout.mapGhost.clear();
    const ViewsArea area = splitViewsArea(pos, size, session.viewSettings.plots, maps);
    drawViews(session, snapshot, contours, surface, area.viewsPos, area.viewsSize, plotOptions,
              surfaceOptions);
    // Both: the map panel takes the strip's right part, wide enough for its controls, map and legend.
    const float mapsWidth = !maps ? 0
                            : session.viewSettings.plots ? std::min(area.plotsSize.x, std::max(760.0f, 0.45f * area.plotsSize.x))
                                                         : area.plotsSize.x;
    if (session.viewSettings.plots)
        viewWindow("Plots", area.plotsPos, {area.plotsSize.x - mapsWidth, area.plotsSize.y}, {8, 6},
                   [&] { drawPlotsPanel(session, snapshot, plots); });
    if (maps)
        viewWindow("Maps", {area.plotsPos.x + area.plotsSize.x - mapsWidth, area.plotsPos.y},
                   {mapsWidth, area.plotsSize.y}, {8, 6}, [&] { drawMapsPanel(session, snapshot, plots.maps); });
    return area;
}

}  // namespace

void loadFont(float pixelSize) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    reserveDotSprites(*io.Fonts);
    // Latin, Greek (eta, beta, lambda, kappa), punctuation (the ellipsis that ends a cut value, dashes),
    // super- and subscripts, letter-like symbols, arrows, mathematical operators (nabla, <=, sqrt) and
    // geometric shapes (the map's optimum diamond):
    // what the lectures' formulas and the messages use.
    static const ImWchar glyphs[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2000, 0x22FF, 0x25A0, 0x25FF, 0};
    if (std::filesystem::exists(GRADSCAPE_FONT_PATH))
        io.Fonts->AddFontFromFileTTF(GRADSCAPE_FONT_PATH, pixelSize, nullptr, glyphs);
    else
        io.Fonts->AddFontDefault();
    io.Fonts->Build();
    paintDotSprites(*io.Fonts);
}

void configureImGui(float fontSize) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    loadFont(fontSize);
    applyLook(Theme::Dark, 1);
}

ImGuiContext* createFrameContext(int width, int height) {
    ImGuiContext* context = ImGui::CreateContext();
    ImGui::SetCurrentContext(context);
    configureImGui();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DeltaTime = 1.0f / 60;
    return context;
}

FrameRequests drawMainFrame(Session& session, const Snapshot& snapshot, ContourPainter& contours,
                            SurfaceLayer& surface, ImVec2 displaySize, const std::vector<KeyPress>& keys,
                            PanelsState& panels) {
    FrameRequests requests;
    // Set again by the step panel when its section is drawn open (collapsed or hidden, nothing is explained).
    session.layout.stepByStepShown = false;
    // Solver refusals reach the status line once each.
    if (snapshot.errorCount != session.solverErrorsSeen) {
        session.solverErrorsSeen = snapshot.errorCount;
        session.say(snapshot.error, true);
    }
    // With the panels hidden the views take the whole window; the panel never takes more than 40% of it.
    const bool panelsShown = !session.viewSettings.presentation.panelsHidden;
    const float statusHeight = panelsShown ? look().px(kStatusHeight) : 0;
    const float panelWidth =
        panelsShown ? std::min(look().px(kPanelWidth), std::floor(displaySize.x * 0.4f)) : 0;
    const float bodyHeight = displaySize.y - statusHeight;
    if (panelsShown) {
        beginFixedWindow("Controls", {0, 0}, {panelWidth, bodyHeight});
        session.layout.controls["control-panel"] = {0, 0, int(panelWidth), int(bodyHeight)};
        if (ImGui::Button("Screenshot (S)")) requests.screenshot = true;
        ImGui::SameLine();
        if (ImGui::Button("Help (F1)")) session.viewSettings.presentation.helpOpen = true;
        session.recordControl("help");
        ImGui::SameLine();
        drawFileMenu(session, panels.files);
        drawLessonPanel(session);
        drawViewControls(session, snapshot);
        drawDisplaySection(session, panels.display);
        if (panels.exportSection) panels.exportSection(session, snapshot);
        ImGui::Separator();
        drawControlPanel(session, snapshot, panels.control);
        ImGui::End();
    } else {
        session.layout.controls.erase("control-panel");
    }

    const ViewsArea area = drawViewsArea(session, snapshot, contours, &surface, {panelWidth, 0},
                                       {displaySize.x - panelWidth, bodyHeight}, {}, {}, panels.plots);
    session.layout.viewsArea = {int(area.viewsPos.x), int(area.viewsPos.y), int(area.viewsSize.x),
                                int(area.viewsSize.y)};

    if (panelsShown) {
        beginFixedWindow("Status", {0, bodyHeight}, {displaySize.x, statusHeight},
                         ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        if (session.statusIsError)
            ImGui::TextColored(look().error, "%s", session.status.c_str());
        else
            ImGui::TextUnformatted(session.status.c_str());
        ImGui::End();
    }
    drawHelpWindow(session, displaySize);
    // The modals come last, outside any window, every frame (see drawFileDialogs).
    requests.openScene = drawFileDialogs(session, panels.files, keys);

    // Every key is looked up in the one table the Help window lists.
    const bool typing = ImGui::GetIO().WantTextInput;
    for (const KeyPress& press : keys) {
        const std::optional<Action> action = actionForKey(press, typing);
        if (!action) continue;
        switch (*action) {
            case Action::Quit:
                requests.quit = true;
                break;
            case Action::Screenshot:
                requests.screenshot = true;
                break;
            case Action::TogglePlots:
                session.viewSettings.plots = !session.viewSettings.plots;
                break;
            case Action::FitView:
                fitView(session, snapshot);
                break;
            case Action::CycleViews:
                session.viewSettings.mode =
                    ViewMode((static_cast<int>(session.viewSettings.mode) + 1) % std::size(kViewModes));
                break;
            case Action::OpenScene:
            case Action::SaveScene:
                handleFileKey(panels.files, press.key, press.mods);
                break;
            case Action::LessonBrowser:
                requestLessonBrowser(panels.files.lessons);
                break;
            case Action::OpenLesson:
                if (auto lesson = handleLessonKey(session, panels.files.lessons, press.key))
                    requests.openScene = std::move(lesson);
                break;
            default:
                if (!handleRaceAction(session, *action) && !handleOverlayAction(session, snapshot, *action))
                    handlePresentationAction(session, *action);
        }
    }
    return requests;
}

void endBrokenFrame() {
    ImGui::ErrorCheckEndFrameRecover(nullptr);
    // Style pushed outside any window (before a fixed window's Begin) is popped too.
    ImGuiContext& g = *ImGui::GetCurrentContext();
    while (g.ColorStack.Size > 0) ImGui::PopStyleColor();
    while (g.StyleVarStack.Size > 0) ImGui::PopStyleVar();
    while (g.FontStack.Size > 0) ImGui::PopFont();
    ImGui::EndFrame();
}

void drawViewsFrame(Session& session, const Snapshot& snapshot, ContourPainter& contours,
                   SurfaceLayer* surface, ImVec2 displaySize, PlotsPanelState& plots,
                   const std::string& title, const Snapshot* legendRace) {
    float top = 0;
    if (!title.empty()) {
        // Half as large again as the panels' text, centred in a strip of its own above the views.
        const float scale = 1.5f, size = ImGui::GetFontSize() * scale;
        top = std::round(size * 2);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
        beginFixedWindow("Title", {0, 0}, {displaySize.x, top},
                         ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        ImGui::SetWindowFontScale(scale);
        const float width = ImGui::CalcTextSize(title.c_str()).x;
        ImGui::SetCursorPos({std::max(8.0f, (displaySize.x - width) / 2), (top - size) / 2});
        ImGui::TextUnformatted(title.c_str());
        ImGui::End();
        ImGui::PopStyleVar();
    }
    ContourViewOptions options;
    options.interactive = false;
    options.maxGridSide = 4096;
    options.legendRace = legendRace;
    SurfaceOptions surfaceOptions;
    surfaceOptions.interactive = false;
    surfaceOptions.legendRace = legendRace;
    drawViewsArea(session, snapshot, contours, surface, {0, top}, {displaySize.x, displaySize.y - top},
                 options, surfaceOptions, plots);
}

}  // namespace gradscape

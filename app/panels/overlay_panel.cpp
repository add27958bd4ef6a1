#include "panels/overlay_panel.h"

#include <string>

namespace gradscape {
namespace {

// What the panel adds to each overlay of kOverlayNames: its key and a hint saying what it shows.
struct OverlayControl {
    bool Overlays::*field;
    Action action;
    const char* hint;
};

constexpr OverlayControl kControls[] = {
    {&Overlays::gradientField, Action::GradientField,
     "Arrows of -\xe2\x88\x87"
     "f: the direction gradient descent moves. Length grows with log |\xe2\x88\x87"
     "f|, so both steep walls and flat floors show."},
    {&Overlays::stepParts, Action::StepParts,
     "At each optimizer's current iterate, its next step as arrows: the raw gradient step -\xce\xb7 g, the "
     "velocity or first-moment part, the adaptive rescaling, the decoupled weight decay, and the step "
     "taken."},
    {&Overlays::hessianAtHover, Action::Curvature,
     "The Hessian's eigen-directions at the cursor, each labelled with its eigenvalue \xce\xbb (cyan: "
     "curving "
     "up, magenta: curving down), and \xce\xba = \xce\xbbmax / \xce\xbbmin."},
    {&Overlays::taylorModel, Action::TaylorModel,
     "f(c) + g'(x - c) + \xc2\xbd (x - c)'H(x - c) around the orange diamond c, as dashed isolines at the "
     "contour view's levels: where they lie on the landscape's isolines, the quadratic model is good. Drag "
     "the diamond."},
    {&Overlays::ridgePath, Action::RidgePath,
     "The ridge path w*(\xce\xb1), the minimizer of f + \xce\xb1/2 |w|\xc2\xb2, from large \xce\xb1 (near 0) to small, "
     "labelled by \xce\xb1; and on it, for the first gradient-descent racer, the point at \xce\xb1 = 1/(\xce\xb7 t) "
     "for its current step t. Started at 0, GD walks close to the ridge path: stopping it early acts "
     "like ridge (lecture 2)."},
};

// The Taylor model opens around the first racer's current iterate, where there is something to compare.
void centreTaylorModel(Session& session, const Snapshot& snapshot) {
    for (const auto& path : snapshot.paths)
        if (path.settings.enabled && !path.trajectory->points.empty()) {
            session.viewSettings.overlays.taylorCentre = path.trajectory->points.back();
            return;
        }
    session.viewSettings.overlays.taylorCentre = session.race().sharedStart;
}

// Every overlay's switch flips the same way from the panel and from its key.
void toggle(Session& session, const Snapshot& snapshot, bool Overlays::*field) {
    Overlays& overlays = session.viewSettings.overlays;
    overlays.*field = !(overlays.*field);
    if (field == &Overlays::taylorModel && overlays.taylorModel) centreTaylorModel(session, snapshot);
}

// "gradient field (G)": the overlay's label and its key as the Help window names it.
std::string checkboxLabel(const OverlayName& overlay, Action action) {
    std::string label = overlay.label;
    for (const KeyBinding& binding : keyBindings())
        if (binding.action == action) return label + " (" + binding.keyName + ")";
    return label;
}

void hint(const char* text) {
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

}  // namespace

void drawOverlaySection(Session& session, const Snapshot& snapshot) {
    if (!ImGui::CollapsingHeader("Overlays")) return;
    Overlays& overlays = session.viewSettings.overlays;
    for (const OverlayName& overlay : kOverlayNames)
        for (const OverlayControl& control : kControls) {
            if (control.field != overlay.field) continue;
            bool on = overlays.*overlay.field;
            if (ImGui::Checkbox(checkboxLabel(overlay, control.action).c_str(), &on))
                toggle(session, snapshot, overlay.field);
            hint(control.hint);
        }
    if (overlays.taylorModel) {
        ImGui::SameLine();
        if (ImGui::SmallButton("at the first iterate")) centreTaylorModel(session, snapshot);
        ImGui::TextDisabled("centre c = (%.4g, %.4g)", overlays.taylorCentre.x(), overlays.taylorCentre.y());
    }
}

bool handleOverlayAction(Session& session, const Snapshot& snapshot, Action action) {
    for (const OverlayControl& control : kControls)
        if (control.action == action) {
            toggle(session, snapshot, control.field);
            return true;
        }
    return false;
}

}  // namespace gradscape

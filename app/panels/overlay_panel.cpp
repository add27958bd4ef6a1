#include "panels/overlay_panel.h"

namespace gradscape {
namespace {

// The Taylor model opens around the first racer's current iterate, where there is something to compare.
void centreTaylorModel(Session& session, const Snapshot& snapshot) {
    for (const auto& path : snapshot.paths)
        if (path.settings.enabled && !path.trajectory->points.empty()) {
            session.viewSettings.overlays.taylorCentre = path.trajectory->points.back();
            return;
        }
    session.viewSettings.overlays.taylorCentre = session.race().sharedStart;
}

void toggleTaylorModel(Session& session, const Snapshot& snapshot) {
    Overlays& overlays = session.viewSettings.overlays;
    overlays.taylorModel = !overlays.taylorModel;
    if (overlays.taylorModel) centreTaylorModel(session, snapshot);
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
    ImGui::Checkbox("gradient field (G)", &overlays.gradientField);
    hint(
        "Arrows of -\xe2\x88\x87"
        "f: the direction gradient descent moves. Length grows with log "
        "|\xe2\x88\x87"
        "f|, so "
        "both steep walls and flat floors show.");
    ImGui::Checkbox("step split into its parts (D)", &overlays.stepParts);
    hint(
        "At each optimizer's current iterate, its next step as arrows: the raw gradient step -\xce\xb7 g, "
        "the velocity or first-moment part, the adaptive rescaling, the decoupled weight decay, and the "
        "step taken.");
    ImGui::Checkbox("curvature at the cursor (H)", &overlays.hessianAtHover);
    hint(
        "The Hessian's eigen-directions at the cursor, each labelled with its eigenvalue \xce\xbb (cyan: "
        "curving up, magenta: curving down), and \xce\xba = \xce\xbbmax / \xce\xbbmin.");
    bool taylor = overlays.taylorModel;
    if (ImGui::Checkbox("Taylor model (T)", &taylor)) toggleTaylorModel(session, snapshot);
    hint(
        "f(c) + g'(x - c) + \xc2\xbd (x - c)'H(x - c) around the orange diamond c, as dashed isolines at the "
        "contour view's levels: where they lie on the landscape's isolines, the quadratic model is good. "
        "Drag the diamond.");
    if (overlays.taylorModel) {
        ImGui::SameLine();
        if (ImGui::SmallButton("at the first iterate")) centreTaylorModel(session, snapshot);
        ImGui::TextDisabled("centre c = (%.4g, %.4g)", overlays.taylorCentre.x(), overlays.taylorCentre.y());
    }
}

bool handleOverlayAction(Session& session, const Snapshot& snapshot, Action action) {
    Overlays& overlays = session.viewSettings.overlays;
    switch (action) {
        case Action::GradientField:
            overlays.gradientField = !overlays.gradientField;
            return true;
        case Action::StepParts:
            overlays.stepParts = !overlays.stepParts;
            return true;
        case Action::Curvature:
            overlays.hessianAtHover = !overlays.hessianAtHover;
            return true;
        case Action::TaylorModel:
            toggleTaylorModel(session, snapshot);
            return true;
        default:
            return false;
    }
}

}  // namespace gradscape

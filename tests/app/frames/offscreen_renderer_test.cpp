// The offscreen renderer draws the plots at the scales it is given: the window's exports hand it the
// scales the user chose in the window, a plain render keeps the defaults.

#include "frames/headless_context.h"
#include "frames/offscreen_renderer.h"
#include "scene/scene.h"
#include "session.h"

#include <doctest/doctest.h>

using namespace gradscape;

namespace {

// The share of pixels that differ between two images of one size.
double differingShare(const Image& a, const Image& b) {
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    size_t differing = 0;
    for (size_t i = 0; i < a.rgba.size(); i += 4)
        if (a.rgba[i] != b.rgba[i] || a.rgba[i + 1] != b.rgba[i + 1] || a.rgba[i + 2] != b.rgba[i + 2])
            ++differing;
    return static_cast<double>(differing) / (a.rgba.size() / 4);
}

}  // namespace

TEST_CASE("an export draws the plots at the scales the window shows, a render at the defaults") {
    HeadlessContext context;
    Scene scene = defaultScene();
    scene.views.plots = true;
    scene.steps = 200;
    Session session(scene);
    const auto snapshot = session.sync();
    REQUIRE(snapshot->stepCount == 200);

    OffscreenRenderer defaults(960, 600);
    const Image first = defaults.render(session, *snapshot, "");
    const Image again = defaults.render(session, *snapshot, "");
    CHECK(differingShare(first, again) == 0);  // the same state draws the same picture

    // The user switched the loss plot to a linear axis in the window; the export follows.
    PlotsPanelState linear;
    linear.loss.chosen = true;
    linear.loss.scale = AxisScale::Linear;
    OffscreenRenderer exported(960, 600);
    exported.plots() = linear;
    const Image withChoice = exported.render(session, *snapshot, "");
    const double changed = differingShare(first, withChoice);
    CHECK(changed > 0.001);  // the loss plot's curve and ticks moved
    CHECK(changed < 0.2);    // and nothing else did: the views are the same
}

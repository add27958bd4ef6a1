// The colour-blind-safe theme (issue 10 item 12): its colours stay apart for viewers with protanopia,
// deuteranopia and tritanopia, as simulated by Machado et al. (2009), measured by CIE76 delta E.

#include "view/colour_vision.h"
#include "theme.h"
#include "frames/ui_frame.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>

using namespace gradscape;

namespace {

constexpr ColourVision kVisions[] = {ColourVision::Normal, ColourVision::Protanopia, ColourVision::Deuteranopia,
                                     ColourVision::Tritanopia};
constexpr double kApart = 25;  // CIE76: colours read as different at a glance well above 20

Srgb srgb(ImU32 c) {
    return {double((c >> IM_COL32_R_SHIFT) & 0xFF), double((c >> IM_COL32_G_SHIFT) & 0xFF),
            double((c >> IM_COL32_B_SHIFT) & 0xFF)};
}

// The smallest difference over the four visions.
double closest(ImU32 a, ImU32 b) {
    double d = 1e9;
    for (ColourVision v : kVisions)
        d = std::min(d, deltaE76As(srgb(a), srgb(b), v));
    return d;
}

}  // namespace

TEST_CASE("the colour-vision simulation keeps greys, and merges red and green for red-green dichromats") {
    for (double grey : {0.0, 128.0, 255.0})
        for (ColourVision v : kVisions) {
            const Srgb s = simulateColourVision({grey, grey, grey}, v);
            CHECK(s.r == doctest::Approx(grey).epsilon(0.01));
            CHECK(s.g == doctest::Approx(grey).epsilon(0.01));
            CHECK(s.b == doctest::Approx(grey).epsilon(0.01));
        }
    // CIELAB of sRGB white and of pure red (published values).
    const auto white = toLab({255, 255, 255}), red = toLab({255, 0, 0});
    CHECK(white[0] == doctest::Approx(100).epsilon(0.001));
    CHECK(red[0] == doctest::Approx(53.24).epsilon(0.01));
    CHECK(red[1] == doctest::Approx(80.09).epsilon(0.01));
    CHECK(red[2] == doctest::Approx(67.20).epsilon(0.01));
    // A red/green traffic-light pair: far apart for normal vision, close for a deuteranope and a
    // protanope, still apart for a tritanope.
    const Srgb stop{200, 60, 50}, go{80, 160, 60};
    CHECK(deltaE76(stop, go) > 70);
    CHECK(deltaE76As(stop, go, ColourVision::Deuteranopia) < 0.5 * deltaE76(stop, go));
    CHECK(deltaE76As(stop, go, ColourVision::Protanopia) < 0.5 * deltaE76(stop, go));
    CHECK(deltaE76As(stop, go, ColourVision::Tritanopia) > 40);
}

TEST_CASE("colour-blind safe: every pair of path colours, and each against the background, stays apart under "
          "every simulated colour vision") {
    const Look look = makeLook(Theme::ColourBlindSafe, 1);
    for (size_t i = 0; i < look.paths.size(); ++i) {
        CAPTURE(i);
        CHECK(closest(look.paths[i], look.viewBackground) >= kApart);
        for (size_t j = 0; j < i; ++j) {
            CAPTURE(j);
            CHECK(closest(look.paths[i], look.paths[j]) >= kApart);
        }
    }
    // The meaning-carrying pairs: the stable and unstable learning-rate ranges, the Hessian's two signs,
    // the step's momentum and weight-decay parts; and errors and the bound against the background.
    const std::pair<ImU32, ImU32> pairs[] = {{look.safe, look.unsafe},
                                             {look.curvingUp, look.curvingDown},
                                             {look.momentum, look.weightDecay},
                                             {look.errorU32(), look.viewBackground},
                                             {look.bound, look.viewBackground},
                                             {look.safe, look.viewBackground},
                                             {look.unsafe, look.viewBackground}};
    for (const auto& [a, b] : pairs) {
        CAPTURE(a);
        CAPTURE(b);
        CHECK(closest(a, b) >= kApart);
    }
    // It is not the dark theme's palette under another name.
    CHECK(look.paths != makeLook(Theme::Dark, 1).paths);
}

TEST_CASE("the font draws every character the messages and lessons use: the ellipsis of a cut value, Greek, "
          "sub- and superscripts, arrows, operators") {
    ImGui::CreateContext();
    loadFont(16);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // builds the atlas
    const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    // … (a value cut by core/support/echo.h), – —, η β λ κ, ₖ ², ℓ, ⇔ →, ∇ ≤ √ − ≈ ∈ Σ.
    for (const ImWchar c : {0x2026, 0x2013, 0x2014, 0x03B7, 0x03B2, 0x03BB, 0x03BA, 0x2096, 0x00B2, 0x2113, 0x21D4,
                            0x2192, 0x2207, 0x2264, 0x221A, 0x2212, 0x2248, 0x2208, 0x03A3}) {
        INFO("U+" << std::hex << int(c));
        CHECK(font->FindGlyphNoFallback(c) != nullptr);
    }
    ImGui::DestroyContext();
}

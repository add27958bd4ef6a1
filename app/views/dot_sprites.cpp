#include "views/dot_sprites.h"

#include <algorithm>
#include <cmath>

namespace gradscape {
namespace {

constexpr float kSmallestDotSprite = 0.5f;
constexpr int kDotSprites = int((kLargestDotSprite - kSmallestDotSprite) / kDotSpriteStep + 0.5f) + 1;

float spriteRadius(int index) { return kSmallestDotSprite + index * kDotSpriteStep; }

// A square of texels around the disc with at least one clear texel on every side, so bilinear sampling
// at the quad's edge reads zero; even, so the disc's centre lies on a texel corner.
int spriteSide(int index) { return 2 * static_cast<int>(std::ceil(spriteRadius(index) + 0.5f)) + 2; }

bool spriteFits(const ImFontAtlasCustomRect& rect, int index) {
    return rect.Width == spriteSide(index) && rect.Height == spriteSide(index) && rect.IsPacked();
}

}  // namespace

void reserveDotSprites(ImFontAtlas& atlas) {
    IM_ASSERT(atlas.CustomRects.Size == 0);
    for (int i = 0; i < kDotSprites; ++i)
        atlas.AddCustomRectRegular(spriteSide(i), spriteSide(i));
}

void paintDotSprites(ImFontAtlas& atlas) {
    if (atlas.TexPixelsAlpha8 == nullptr || atlas.CustomRects.Size < kDotSprites) return;
    for (int i = 0; i < kDotSprites; ++i) {
        const ImFontAtlasCustomRect& rect = atlas.CustomRects[i];
        if (!spriteFits(rect, i)) return;
        const float r = spriteRadius(i), centre = spriteSide(i) / 2.0f;
        for (int y = 0; y < rect.Height; ++y)
            for (int x = 0; x < rect.Width; ++x) {
                const float d = std::hypot(x + 0.5f - centre, y + 0.5f - centre);
                const float coverage = std::clamp(r + 0.5f - d, 0.0f, 1.0f);
                atlas.TexPixelsAlpha8[(rect.Y + y) * atlas.TexWidth + rect.X + x] =
                    static_cast<unsigned char>(std::lround(coverage * 255));
            }
    }
}

bool hasDotSprites(const ImFontAtlas& atlas) {
    if (atlas.CustomRects.Size < kDotSprites) return false;
    for (int i = 0; i < kDotSprites; ++i)
        if (!spriteFits(atlas.CustomRects[i], i)) return false;
    return true;
}

void addDot(ImDrawList* list, ImVec2 centre, float radius, ImU32 colour) {
    const int index = static_cast<int>(std::lround((radius - kSmallestDotSprite) / kDotSpriteStep));
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    // Only the one disc drawn is checked: all of them per dot was 61 comparisons, hundreds of times a frame.
    if (index < 0 || index >= kDotSprites || atlas->CustomRects.Size < kDotSprites ||
        !spriteFits(atlas->CustomRects[index], index)) {
        list->AddCircleFilled(centre, radius, colour);
        return;
    }
    const ImFontAtlasCustomRect& rect = atlas->CustomRects[index];
    ImVec2 uvMin, uvMax;
    atlas->CalcCustomRectUV(&rect, &uvMin, &uvMax);
    const float half = rect.Width / 2.0f;
    list->PrimReserve(6, 4);
    list->PrimRectUV({centre.x - half, centre.y - half}, {centre.x + half, centre.y + half}, uvMin, uvMax, colour);
}

}  // namespace gradscape

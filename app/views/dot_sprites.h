#pragma once
// Small filled discs (a path's step dots) as one textured quad each, from discs baked into the font atlas.
// ImGui tessellates a filled circle of 2-3 px radius into 16-22 triangles with its anti-aliased fringe; on
// a software rasterizer (llvmpipe) a triangle costs about 0.2 us, so hundreds of dots cost milliseconds a
// frame. A quad is 2 triangles, drawn with the font texture like text (no new draw command), and the CPU
// rasterizer draws it as it draws text.

#include <imgui.h>

namespace gradscape {

/// The largest radius, in pixels, baked into the atlas; a larger disc is tessellated as before.
inline constexpr float kLargestDotSprite = 8.0f;

/// The baked radii are 0.5 px to kLargestDotSprite in steps of this.
inline constexpr float kDotSpriteStep = 0.125f;

/// Reserves the discs' rectangles in `atlas`. Call right after atlas.Clear() (they must be its first
/// custom rectangles), before the fonts are added and the atlas is built.
void reserveDotSprites(ImFontAtlas& atlas);

/// Paints the discs into the built atlas's alpha texture: each texel is the disc's coverage of it, as
/// ImGui's anti-aliased fringe grades a filled circle (opaque to r - 0.5, clear from r + 0.5). Call after
/// atlas.Build(), before the texture is read.
void paintDotSprites(ImFontAtlas& atlas);

/// Whether `atlas` carries the discs (a context whose fonts were loaded without them draws circles).
bool hasDotSprites(const ImFontAtlas& atlas);

/// A filled disc of `radius` pixels at `centre`: the baked disc nearest in radius (within
/// kDotSpriteStep / 2) as one quad, or ImGui's filled circle where none is baked.
void addDot(ImDrawList* list, ImVec2 centre, float radius, ImU32 colour);

}  // namespace gradscape

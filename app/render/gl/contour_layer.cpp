#include "render/gl/contour_layer.h"

#include "palette.h"

#include <algorithm>

namespace gradscape {

namespace {

void setSampling(GLint filter) {
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

}  // namespace

ContourLayer::ContourLayer() : program_("quad.vert", "contour.frag") {
    // A core profile draws nothing without a bound vertex array, even one with no buffers.
    glGenVertexArrays(1, &vertexArray_);
    glGenTextures(1, &texture_);
    glBindTexture(GL_TEXTURE_2D, texture_);
    setSampling(GL_LINEAR);
}

ContourLayer::~ContourLayer() {
    glDeleteTextures(1, &texture_);
    glDeleteVertexArrays(1, &vertexArray_);
}

void ContourLayer::upload(const std::shared_ptr<const Grid>& grid) {
    if (!grid || grid == grid_) return;
    grid_ = grid;
    cached_ = {};  // a new grid may reuse the old one's address
    glBindTexture(GL_TEXTURE_2D, texture_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, grid->width, grid->height, 0, GL_RED, GL_FLOAT,
                 grid->values.data());
}

void ContourLayer::addTo(ImDrawList* drawList, ImVec2 topLeft, ImVec2 bottomRight) {
    if (!grid_) return;
    topLeft_ = topLeft, bottomRight_ = bottomRight;
    drawList->AddCallback(&ContourLayer::render, this);
    drawList->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void ContourLayer::colourCache(const CacheKey& key) {
    const Grid& grid = *grid_;
    // The cache is as large as the area ImGui draws, and the quad lands on the very pixels it covers on
    // screen, with the same viewport: the rasterizer computes every fragment exactly as it would there
    // (a shifted target changes the rounding of the interpolated sample position, by 1/255 here and there).
    const GLint width = key.viewport[0] + key.viewport[2], height = key.viewport[1] + key.viewport[3];
    DrawFramebufferRestore restore;
    cache_.bindForDrawing(width, height);
    // Not scissored: the cache keeps the whole quad, whatever part of it a clip rectangle shows.
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_BLEND);

    glUseProgram(program_.id());
    glUniform4fv(program_.uniform("uRectNdc"), 1, key.rectNdc);
    float colormap[9 * 3];
    for (int i = 0; i < 9; ++i)
        for (int c = 0; c < 3; ++c)
            colormap[i * 3 + c] = kViridis[i][c];
    glUniform3fv(program_.uniform("uColormap"), 9, colormap);
    const double range = std::max(grid.maximum - grid.minimum, 1e-12);
    glUniform1f(program_.uniform("uMinimum"), static_cast<float>(grid.minimum));
    glUniform1f(program_.uniform("uRange"), static_cast<float>(range));
    // log(1 + range / s) = log(1 + 1000): the colours and isolines span about three decades above the
    // minimum.
    glUniform1f(program_.uniform("uLogScale"), static_cast<float>(range / kContourLogDecades));
    glUniform1f(program_.uniform("uIsolines"), kContourIsolines);
    glUniform3f(program_.uniform("uMaskColor"), kContourMaskGrey, kContourMaskGrey, kContourMaskGrey);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, texture_);
    glUniform1i(program_.uniform("uValues"), 0);
    glBindVertexArray(vertexArray_);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);

    cached_ = key;
    ++colourings_;
}

void ContourLayer::render(const ImDrawList*, const ImDrawCmd* command) {
    auto* self = static_cast<ContourLayer*>(command->UserCallbackData);
    const ImDrawData* drawData = ImGui::GetDrawData();
    const ImVec2 origin = drawData->DisplayPos, size = drawData->DisplaySize;

    CacheKey key;
    key.grid = self->grid_.get();
    glGetIntegerv(GL_VIEWPORT, key.viewport);
    auto ndcX = [&](float x) { return (x - origin.x) / size.x * 2 - 1; };
    auto ndcY = [&](float y) { return 1 - (y - origin.y) / size.y * 2; };
    // Texture row 0 is yMin, drawn at the bottom of the rectangle.
    key.rectNdc[0] = ndcX(self->topLeft_.x), key.rectNdc[1] = ndcY(self->bottomRight_.y);
    key.rectNdc[2] = ndcX(self->bottomRight_.x), key.rectNdc[3] = ndcY(self->topLeft_.y);
    if (!(key == self->cached_)) self->colourCache(key);

    // Clip to the plot's rectangle; the same quad as the colouring, so the same pixels are covered.
    scissorToClipRect(*command);
    // Where the picture covers the clip rectangle whole (a grid over the whole view: most frames), every
    // pixel there is an opaque texel, and a copy of whole pixels (memory, on llvmpipe) is the same copy.
    GLint clip[4];
    glGetIntegerv(GL_SCISSOR_BOX, clip);
    const GLint* vp = key.viewport;
    const auto pixelX = [&](float ndc) { return vp[0] + (ndc + 1) / 2 * vp[2]; };
    const auto pixelY = [&](float ndc) { return vp[1] + (ndc + 1) / 2 * vp[3]; };
    const GLint x1 = std::min(clip[0] + clip[2], self->cache_.width()),
                y1 = std::min(clip[1] + clip[3], self->cache_.height());
    if (pixelX(key.rectNdc[0]) <= clip[0] && pixelX(key.rectNdc[2]) >= x1 &&
        pixelY(key.rectNdc[1]) <= clip[1] && pixelY(key.rectNdc[3]) >= y1 && clip[0] >= 0 && clip[1] >= 0)
        self->cache_.copyPixels(clip[0], clip[1], x1, y1);
    else
        self->cache_.copyColour(key.rectNdc);
}

}  // namespace gradscape

#include "render/gl/contour_layer.h"

#include "palette.h"

#include <algorithm>

namespace gradscape {

ContourLayer::ContourLayer() : program_("contour.vert", "contour.frag") {
    // A core profile draws nothing without a bound vertex array, even one with no buffers.
    glGenVertexArrays(1, &vertexArray_);
    glGenTextures(1, &texture_);
    glBindTexture(GL_TEXTURE_2D, texture_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

ContourLayer::~ContourLayer() {
    glDeleteTextures(1, &texture_);
    glDeleteVertexArrays(1, &vertexArray_);
}

void ContourLayer::upload(const std::shared_ptr<const Grid>& grid) {
    if (!grid || grid == grid_) return;
    grid_ = grid;
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

void ContourLayer::render(const ImDrawList*, const ImDrawCmd* command) {
    auto* self = static_cast<ContourLayer*>(command->UserCallbackData);
    const Grid& grid = *self->grid_;
    const ImDrawData* drawData = ImGui::GetDrawData();
    const ImVec2 origin = drawData->DisplayPos, size = drawData->DisplaySize;

    // Clip to the plot's rectangle.
    scissorToClipRect(*command);
    glDisable(GL_BLEND);

    auto ndcX = [&](float x) { return (x - origin.x) / size.x * 2 - 1; };
    auto ndcY = [&](float y) { return 1 - (y - origin.y) / size.y * 2; };
    // Texture row 0 is yMin, drawn at the bottom of the rectangle.
    const GLuint program = self->program_.id();
    glUseProgram(program);
    glUniform4f(self->program_.uniform("uRectNdc"), ndcX(self->topLeft_.x), ndcY(self->bottomRight_.y),
                ndcX(self->bottomRight_.x), ndcY(self->topLeft_.y));
    float colormap[9 * 3];
    for (int i = 0; i < 9; ++i)
        for (int c = 0; c < 3; ++c)
            colormap[i * 3 + c] = kViridis[i][c];
    glUniform3fv(self->program_.uniform("uColormap"), 9, colormap);
    const double range = std::max(grid.maximum - grid.minimum, 1e-12);
    glUniform1f(self->program_.uniform("uMinimum"), static_cast<float>(grid.minimum));
    glUniform1f(self->program_.uniform("uRange"), static_cast<float>(range));
    // log(1 + range / s) = log(1 + 1000): the colours and isolines span about three decades above the
    // minimum.
    glUniform1f(self->program_.uniform("uLogScale"), static_cast<float>(range / kContourLogDecades));
    glUniform1f(self->program_.uniform("uIsolines"), kContourIsolines);
    glUniform3f(self->program_.uniform("uMaskColor"), kContourMaskGrey, kContourMaskGrey, kContourMaskGrey);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, self->texture_);
    glUniform1i(self->program_.uniform("uValues"), 0);
    glBindVertexArray(self->vertexArray_);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

}  // namespace gradscape

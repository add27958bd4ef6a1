#pragma once
// The filled-contour layer of the 2D view: the sampled grid as a texture, coloured by a shader.

#include "grid.h"
#include "shader_program.h"

#include <imgui.h>

#include <memory>

namespace gradscape {

/// Owns the GL objects of the contour layer. Needs a current GL context for its whole life.
class ContourLayer {
  public:
    ContourLayer();
    ~ContourLayer();
    ContourLayer(const ContourLayer&) = delete;
    ContourLayer& operator=(const ContourLayer&) = delete;

    /// Uploads the grid as a texture unless it is the one already uploaded.
    void upload(const std::shared_ptr<const Grid>& grid);
    /// The grid currently uploaded, or null.
    const Grid* grid() const { return grid_.get(); }
    /// Adds a draw callback to the list that paints the uploaded grid into the screen rectangle
    /// [topLeft, bottomRight] (the grid's box on screen), clipped to the list's current clip rectangle.
    void addTo(ImDrawList* drawList, ImVec2 topLeft, ImVec2 bottomRight);

  private:
    static void render(const ImDrawList* list, const ImDrawCmd* command);

    ShaderProgram program_;
    GLuint vertexArray_ = 0, texture_ = 0;
    std::shared_ptr<const Grid> grid_;
    ImVec2 topLeft_, bottomRight_;
};

}  // namespace gradscape

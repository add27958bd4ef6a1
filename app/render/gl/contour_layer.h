#pragma once
// The filled-contour layer of the 2D view: the sampled grid as a texture, coloured by a shader.

#include "render/contour_painter.h"
#include "render/gl/shader_program.h"

namespace gradscape {

/// Owns the GL objects of the contour layer. Needs a current GL context for its whole life.
class ContourLayer : public ContourPainter {
  public:
    ContourLayer();
    ~ContourLayer();
    ContourLayer(const ContourLayer&) = delete;
    ContourLayer& operator=(const ContourLayer&) = delete;

    /// Uploads the grid as a texture unless it is the one already uploaded.
    void upload(const std::shared_ptr<const Grid>& grid) override;
    void addTo(ImDrawList* drawList, ImVec2 topLeft, ImVec2 bottomRight) override;

  private:
    static void render(const ImDrawList* list, const ImDrawCmd* command);

    ShaderProgram program_;
    GLuint vertexArray_ = 0, texture_ = 0;
};

}  // namespace gradscape

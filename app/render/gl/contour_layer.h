#pragma once
// The filled-contour layer of the 2D view: the sampled grid as a texture, coloured by a shader into a
// cached texture that each frame copies to the screen until the grid or its place on screen changes.

#include "render/contour_painter.h"
#include "render/gl/render_target.h"
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
    /// How many times the colours were computed (the cache filled) since construction.
    int colourings() const { return colourings_; }

  private:
    /// Where and what the cache was coloured for: while all of it stays the same, the cache is the picture.
    struct CacheKey {
        const Grid* grid = nullptr;
        float rectNdc[4] = {};
        GLint viewport[4] = {};  ///< ImGui's, in framebuffer pixels: the framebuffer's size and scale
        bool operator==(const CacheKey&) const = default;
    };

    static void render(const ImDrawList* list, const ImDrawCmd* command);
    /// Colours the grid into the cache for `key`, leaving the bound framebuffer and viewport as they were.
    void colourCache(const CacheKey& key);

    ShaderProgram program_;
    GLuint vertexArray_ = 0, texture_ = 0;
    RenderTarget cache_;
    CacheKey cached_;  ///< what the cache holds; grid null when nothing
    int colourings_ = 0;
};

}  // namespace gradscape

#pragma once
// The GL layer of the 3D surface view: the sampled grid as a lit mesh with the colour map and isolines,
// and the optimizers' paths on it, depth-tested, drawn through an ImGui draw-list callback. The mesh is
// drawn into a cached colour and depth target only when what it looks like changes; each frame copies
// the cache and draws the paths over it.

#include "render/gl/render_target.h"
#include "render/gl/shader_program.h"
#include "view/camera.h"
#include "view/path_clipping.h"

#include <imgui.h>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace gradscape {

/// A polyline on the surface, in normalized coordinates, drawn in one colour.
struct SurfaceLine {
    std::vector<Vec3> points;
    ImU32 colour = 0;
    float width = 2.2f;  ///< In pixels.
};

/// Owns the GL objects of the surface. Needs a current GL context for its whole life.
class SurfaceLayer {
  public:
    /// With `cacheMesh` false the mesh is drawn straight into the framebuffer every frame, as the cache
    /// would copy it: the reference the cached pictures are tested against.
    explicit SurfaceLayer(bool cacheMesh = true);
    ~SurfaceLayer();
    SurfaceLayer(const SurfaceLayer&) = delete;
    SurfaceLayer& operator=(const SurfaceLayer&) = delete;

    /// Builds the mesh of the grid (one vertex per sample, normals from finite differences of the
    /// heights, and walls from its edges down to height 0) unless it is the grid already built with
    /// this height scale.
    void upload(const std::shared_ptr<const Grid>& grid, bool logHeight);
    /// The grid the mesh was built from, or null.
    const Grid* grid() const { return grid_.get(); }
    /// How the mesh maps the plane and f to normalized coordinates.
    const SurfaceMapping& mapping() const { return mapping_; }
    /// Adds a draw callback to the list that fills the viewport with `background` (an opaque colour: the
    /// view's background, as an opaque rectangle drawn under the layer would leave it), draws the mesh
    /// and then the lines (in order, later ones over earlier ones where they touch), as the camera sees
    /// them in the viewport, clipped to the list's current clip rectangle. Returns false, adding nothing,
    /// when there is nothing to draw (no grid, a viewport under 2 px). The lines are depth-tested against
    /// the mesh in the bound framebuffer's depth buffer, which the layer sets (with its stencil) inside the
    /// viewport and the clip rectangle only; other views keep theirs.
    /// The mesh comes from the cache: in a framebuffer object (exports, renders, the bench) the frame is
    /// byte for byte the one drawn straight. A window's own buffers may have internal formats no
    /// framebuffer object has (Mesa's llvmpipe under X rounds colours and depths a little differently
    /// there): the window then shows the mesh as the exports do, and a few pixels where a path meets a
    /// hill may differ from drawing it straight into the window.
    bool addTo(ImDrawList* drawList, const OrbitCamera& camera, const Viewport& viewport,
               std::vector<SurfaceLine> lines, ImU32 background);
    /// How many times the mesh was drawn (into the cache, or straight) since construction.
    int meshDraws() const { return meshDraws_; }
    /// The cache the mesh is drawn into.
    const RenderTarget& cache() const { return cache_; }

  private:
    /// Everything the mesh's picture depends on: while all of it stays the same, the cache is the picture.
    struct CacheKey {
        unsigned mesh = 0;  ///< upload()'s count of meshes built (grid and height scale); 0: none
        OrbitCamera camera;
        double viewport[4] = {};       ///< the Viewport, in window pixels (its aspect shapes the projection)
        GLint glViewport[4] = {};      ///< where it lands, in framebuffer pixels (y up)
        GLint framebuffer[2] = {};     ///< the framebuffer's size (ImGui's display size times its scale)
        GLenum depthFormat = GL_NONE;  ///< the bound framebuffer's, which the cache's copies
        ImU32 background = 0;          ///< what the cache holds around and under the mesh
        bool operator==(const CacheKey&) const = default;
    };

    static void render(const ImDrawList* list, const ImDrawCmd* command);
    /// Draws the mesh into the cache for `key`, leaving the bound framebuffer as it was.
    void drawMeshIntoCache(const CacheKey& key, const Eigen::Matrix4f& viewProjection);
    void drawMesh(const Eigen::Matrix4f& viewProjection);
    void drawLines(const Eigen::Matrix4d& viewProjection, float pixelScale);

    ShaderProgram meshProgram_, lineProgram_;
    GLuint meshArray_ = 0, meshBuffer_ = 0, meshIndices_ = 0;
    GLuint lineArray_ = 0, lineBuffer_ = 0;
    GLsizei indexCount_ = 0, wallIndexCount_ = 0;  // the surface's triangles, then its walls
    std::shared_ptr<const Grid> grid_;
    SurfaceMapping mapping_;
    OrbitCamera camera_;
    Viewport viewport_;
    std::vector<SurfaceLine> lines_;
    ImU32 background_ = 0;
    unsigned meshesBuilt_ = 0;
    bool cacheMesh_;
    RenderTarget cache_;
    CacheKey cached_;  ///< what the cache holds; mesh 0 when nothing
    int meshDraws_ = 0;
};

/// Whether a mark at plane point p (drawn at normalized point q, on the surface) shows from the camera's
/// eye: in view; behind a hill of the surface (drawn faint, so a start point stays findable); hidden by a
/// side wall (the block is solid); or outside the box the mesh spans.
enum class MarkVisibility { InView, BehindHill, BehindWall, OutsideBox };
MarkVisibility markVisibility(const Grid& grid, const SurfaceMapping& mapping, const OrbitCamera& camera,
                              const Vec2& p, const Vec3& q);

/// The box the mesh spans: from the grid's first sample centre to its last (its walls stand on its sides).
ViewBox meshBox(const Grid& grid);

/// A plane path laid on the surface: each step clipped to the mesh's box (meshBox) (cut where it leaves the box and
/// where it comes back) and subdivided about once per grid cell so the line follows the hills between
/// iterates, broken where it crosses a hole, and lifted by `lift` so the surface does not hide it.
/// Iterates closer than a fifth of a cell to the last kept are skipped.
std::vector<std::vector<Vec3>> drapeOnSurface(const Grid& grid, const SurfaceMapping& mapping,
                                              const std::vector<Vec2>& points, double lift);

}  // namespace gradscape

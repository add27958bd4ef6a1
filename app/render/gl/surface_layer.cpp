#include "render/gl/surface_layer.h"

#include "palette.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace gradscape {
namespace {

// Per mesh vertex: position (3), normal (3), f - minimum, valid.
constexpr int kMeshFloats = 8;
// Per line vertex: position in normalized device coordinates (3), colour (4).
constexpr int kLineFloats = 7;
constexpr ImU32 kOutline = IM_COL32(0, 0, 0, 170);

void pushColour(std::vector<float>& out, ImU32 c) {
    for (int shift : {IM_COL32_R_SHIFT, IM_COL32_G_SHIFT, IM_COL32_B_SHIFT, IM_COL32_A_SHIFT})
        out.push_back(static_cast<float>((c >> shift) & 0xFF) / 255.0f);
}

}  // namespace

SurfaceLayer::SurfaceLayer(bool cacheMesh)
    : meshProgram_("surface.vert", "surface.frag"),
      lineProgram_("surface_line.vert", "surface_line.frag"),
      cacheMesh_(cacheMesh) {
    glGenVertexArrays(1, &meshArray_);
    glGenBuffers(1, &meshBuffer_);
    glGenBuffers(1, &meshIndices_);
    glBindVertexArray(meshArray_);
    glBindBuffer(GL_ARRAY_BUFFER, meshBuffer_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, meshIndices_);
    const GLsizei stride = kMeshFloats * sizeof(float);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(0));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(3 * sizeof(float)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(6 * sizeof(float)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(7 * sizeof(float)));

    glGenVertexArrays(1, &lineArray_);
    glGenBuffers(1, &lineBuffer_);
    glBindVertexArray(lineArray_);
    glBindBuffer(GL_ARRAY_BUFFER, lineBuffer_);
    const GLsizei lineStride = kLineFloats * sizeof(float);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, lineStride, reinterpret_cast<void*>(0));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, lineStride, reinterpret_cast<void*>(3 * sizeof(float)));
    glBindVertexArray(0);
}

SurfaceLayer::~SurfaceLayer() {
    glDeleteBuffers(1, &lineBuffer_);
    glDeleteVertexArrays(1, &lineArray_);
    glDeleteBuffers(1, &meshIndices_);
    glDeleteBuffers(1, &meshBuffer_);
    glDeleteVertexArrays(1, &meshArray_);
}

void SurfaceLayer::upload(const std::shared_ptr<const Grid>& grid, bool logHeight) {
    if (!grid || grid->width < 2 || grid->height < 2) return;
    if (grid == grid_ && mapping_.logHeight == logHeight) return;
    grid_ = grid;
    mapping_ = SurfaceMapping::of(*grid, logHeight);
    const int w = grid->width, h = grid->height;
    const auto index = [w](int column, int row) { return size_t(row) * w + column; };

    // Heights first, then normals from central differences (one-sided beside a hole or an edge).
    std::vector<double> height(size_t(w) * h);
    std::vector<bool> valid(size_t(w) * h);
    for (size_t i = 0; i < height.size(); ++i) {
        valid[i] = std::isfinite(grid->values[i]);
        height[i] = valid[i] ? mapping_.height(grid->values[i]) : 0;
    }
    const double stepX = mapping_.scale() * grid->box.width() / w,
                 stepY = mapping_.scale() * grid->box.height() / h;
    const auto slope = [&](int column, int row, int dc, int dr, double step) {
        const int c0 = std::max(column - dc, 0), r0 = std::max(row - dr, 0);
        const int c1 = std::min(column + dc, w - 1), r1 = std::min(row + dr, h - 1);
        const bool lowOk = valid[index(c0, r0)], highOk = valid[index(c1, r1)];
        if (lowOk && highOk && (c0 != c1 || r0 != r1))
            return (height[index(c1, r1)] - height[index(c0, r0)]) / (step * ((c1 - c0) + (r1 - r0)));
        if (lowOk && (c0 != column || r0 != row))
            return (height[index(column, row)] - height[index(c0, r0)]) / step;
        if (highOk && (c1 != column || r1 != row))
            return (height[index(c1, r1)] - height[index(column, row)]) / step;
        return 0.0;
    };
    std::vector<float> vertices;
    vertices.reserve(height.size() * kMeshFloats);
    for (int row = 0; row < h; ++row)
        for (int column = 0; column < w; ++column) {
            const size_t i = index(column, row);
            const Vec3 p = mapping_.toSurface(grid->cellCenter(column, row), grid->minimum);
            Vec3 normal(0, 0, 1);
            if (valid[i])
                normal =
                    Vec3(-slope(column, row, 1, 0, stepX), -slope(column, row, 0, 1, stepY), 1).normalized();
            const double value = valid[i] ? std::max(double(grid->values[i]) - grid->minimum, 0.0) : 0.0;
            for (double v :
                 {p.x(), p.y(), height[i], normal.x(), normal.y(), normal.z(), value, valid[i] ? 1.0 : 0.0})
                vertices.push_back(static_cast<float>(v));
        }
    std::vector<GLuint> indices;
    indices.reserve(size_t(w - 1) * (h - 1) * 6);
    for (int row = 0; row + 1 < h; ++row)
        for (int column = 0; column + 1 < w; ++column) {
            const GLuint a = GLuint(index(column, row)), b = GLuint(index(column + 1, row)),
                         c = GLuint(index(column, row + 1)), d = GLuint(index(column + 1, row + 1));
            for (GLuint v : {a, b, d, a, d, c})
                indices.push_back(v);
        }
    indexCount_ = static_cast<GLsizei>(indices.size());

    // The walls from the edges down to height 0, so the surface reads as a solid block and no one sees
    // under its rim; each wall's vertices pair the edge's own (its height) with one at the floor.
    const auto addWall = [&](int column0, int row0, int dc, int dr, int count, Vec3 outward) {
        const auto first = GLuint(vertices.size() / kMeshFloats);
        for (int k = 0; k < count; ++k) {
            const size_t i = index(column0 + k * dc, row0 + k * dr);
            // A copy: the pushes below may move the vertices.
            const std::array<float, kMeshFloats> top = {vertices[i * kMeshFloats],
                                                        vertices[i * kMeshFloats + 1],
                                                        vertices[i * kMeshFloats + 2],
                                                        0,
                                                        0,
                                                        0,
                                                        0,
                                                        vertices[i * kMeshFloats + 7]};
            for (double z : {double(top[2]), 0.0})
                for (double v : {double(top[0]), double(top[1]), z, outward.x(), outward.y(), outward.z(),
                                 0.0, double(top[7])})
                    vertices.push_back(static_cast<float>(v));
        }
        for (int k = 0; k + 1 < count; ++k) {
            const GLuint a = first + 2 * k, b = a + 1, c = a + 2, d = a + 3;
            for (GLuint v : {a, b, d, a, d, c})
                indices.push_back(v);
        }
    };
    addWall(0, 0, 1, 0, w, {0, -1, 0});
    addWall(0, h - 1, 1, 0, w, {0, 1, 0});
    addWall(0, 0, 0, 1, h, {-1, 0, 0});
    addWall(w - 1, 0, 0, 1, h, {1, 0, 0});
    wallIndexCount_ = static_cast<GLsizei>(indices.size()) - indexCount_;
    glBindVertexArray(meshArray_);
    glBindBuffer(GL_ARRAY_BUFFER, meshBuffer_);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(vertices.size() * sizeof(float)), vertices.data(),
                 GL_STATIC_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(indices.size() * sizeof(GLuint)), indices.data(),
                 GL_STATIC_DRAW);
    glBindVertexArray(0);
    ++meshesBuilt_;  // a new key for the cache, even for a new grid at the old one's address
}

bool SurfaceLayer::addTo(ImDrawList* drawList, const OrbitCamera& camera, const Viewport& viewport,
                         std::vector<SurfaceLine> lines, ImU32 background) {
    if (!grid_ || viewport.width < 2 || viewport.height < 2) return false;
    camera_ = camera, viewport_ = viewport, lines_ = std::move(lines), background_ = background;
    drawList->AddCallback(&SurfaceLayer::render, this);
    drawList->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    return true;
}

namespace {

// Clears `buffers` inside the scissor: the colour to an ImU32 colour (into an 8-bit buffer, each channel
// the byte it was), the depth to 1, the stencil to 0. The clear colour is put back as it was.
void clearTo(ImU32 colour, GLbitfield buffers) {
    GLfloat previous[4];
    glGetFloatv(GL_COLOR_CLEAR_VALUE, previous);
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(colour);
    glClearColor(c.x, c.y, c.z, c.w);
    glClearDepth(1.0);
    if (buffers & GL_STENCIL_BUFFER_BIT) glClearStencil(0);
    glClear(buffers);
    glClearColor(previous[0], previous[1], previous[2], previous[3]);
}

}  // namespace

void SurfaceLayer::render(const ImDrawList*, const ImDrawCmd* command) {
    auto* self = static_cast<SurfaceLayer*>(command->UserCallbackData);
    const ImDrawData* drawData = ImGui::GetDrawData();
    const ImVec2 origin = drawData->DisplayPos, size = drawData->DisplaySize,
                 scale = drawData->FramebufferScale;
    const float framebufferHeight = size.y * scale.y;

    // The picture fills the viewport (framebuffer coordinates have y up).
    const Viewport& v = self->viewport_;
    CacheKey key;
    key.mesh = self->meshesBuilt_;
    key.camera = self->camera_;
    key.viewport[0] = v.x, key.viewport[1] = v.y, key.viewport[2] = v.width, key.viewport[3] = v.height;
    key.glViewport[0] = static_cast<GLint>((v.x - origin.x) * scale.x);
    key.glViewport[1] = static_cast<GLint>(framebufferHeight - (v.y + v.height - origin.y) * scale.y);
    key.glViewport[2] = static_cast<GLsizei>(v.width * scale.x);
    key.glViewport[3] = static_cast<GLsizei>(v.height * scale.y);
    // As ImGui's OpenGL backend sizes the framebuffer it draws.
    key.framebuffer[0] = static_cast<GLint>(size.x * scale.x);
    key.framebuffer[1] = static_cast<GLint>(framebufferHeight);
    key.depthFormat = self->cacheMesh_ ? boundDepthFormat() : GL_NONE;
    key.background = self->background_;
    const Eigen::Matrix4d viewProjection =
        projectionMatrix(self->camera_, v.width / v.height) * viewMatrix(self->camera_);
    const bool filled = self->cacheMesh_ && !(key == self->cached_);
    if (filled) self->drawMeshIntoCache(key, viewProjection.cast<float>());

    // Clip to the view's rectangle.
    const GLint* vp = key.glViewport;
    scissorToClipRect(*command);
    glViewport(vp[0], vp[1], vp[2], vp[3]);
    if (self->cacheMesh_) {
        // The cached background and mesh, their colour and depth, exactly as drawing them here would
        // leave them, inside both the viewport and the clip rectangle: one copy of whole pixels, which
        // llvmpipe makes as a copy of memory (a shader per pixel took most of the layer's time).
        GLint clip[4];
        glGetIntegerv(GL_SCISSOR_BOX, clip);
        if (filled)
            while (glGetError() != GL_NO_ERROR) {
            }
        self->cache_.copyPixels(std::max({vp[0], clip[0], 0}), std::max({vp[1], clip[1], 0}),
                                std::min({vp[0] + vp[2], clip[0] + clip[2], self->cache_.width()}),
                                std::min({vp[1] + vp[3], clip[1] + clip[3], self->cache_.height()}));
        // A driver that refuses the copy (formats it deems different) gets the mesh drawn straight from
        // now on: slower, never wrong. Asked once per fill, not every frame (an error query may stall).
        if (filled && glGetError() != GL_NO_ERROR) self->cacheMesh_ = false;
    }
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glDepthMask(GL_TRUE);
    if (!self->cacheMesh_) {
        // The background and a depth buffer of the view's own: cleared inside the scissor only, so other
        // views keep theirs.
        clearTo(self->background_, GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        self->drawMesh(viewProjection.cast<float>());
        ++self->meshDraws_;
    }
    self->drawLines(viewProjection, scale.x);

    glDisable(GL_DEPTH_TEST);
    glViewport(0, 0, key.framebuffer[0], key.framebuffer[1]);
}

void SurfaceLayer::drawMeshIntoCache(const CacheKey& key, const Eigen::Matrix4f& viewProjection) {
    // The cache is as large as the framebuffer and the mesh lands on the very pixels it covers there,
    // with the same viewport: the rasterizer computes every fragment, colour and depth, exactly as it
    // would there, and the depth buffer has the framebuffer's format, so the copies are exact.
    DrawFramebufferRestore restore;
    cache_.bindForDrawing(std::max(key.framebuffer[0], 1), std::max(key.framebuffer[1], 1), key.depthFormat);
    const GLint* vp = key.glViewport;
    glViewport(vp[0], vp[1], vp[2], vp[3]);
    // Scissored to the viewport, not to the clip rectangle: the cache keeps the whole picture, whatever
    // part of it a clip rectangle shows, and nothing outside it is ever copied (so it is not cleared).
    glEnable(GL_SCISSOR_TEST);
    glScissor(vp[0], vp[1], vp[2], vp[3]);
    glDisable(GL_BLEND);
    glDisable(GL_CULL_FACE);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glDepthMask(GL_TRUE);
    // The view's background where the mesh does not cover (holes, around it).
    clearTo(key.background, GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    drawMesh(viewProjection);
    glDisable(GL_DEPTH_TEST);
    cached_ = key;
    ++meshDraws_;
}

void SurfaceLayer::drawMesh(const Eigen::Matrix4f& viewProjection) {
    const GLuint program = meshProgram_.id();
    glUseProgram(program);
    glUniformMatrix4fv(meshProgram_.uniform("uViewProjection"), 1, GL_FALSE, viewProjection.data());
    float colormap[9 * 3];
    for (int i = 0; i < 9; ++i)
        for (int c = 0; c < 3; ++c)
            colormap[i * 3 + c] = kViridis[i][c];
    glUniform3fv(meshProgram_.uniform("uColormap"), 9, colormap);
    // The contour layer's scale: log(1 + (f - min) / s) with s = range / 1000, and as many isolines.
    const double range = std::max(grid_->maximum - grid_->minimum, 1e-12);
    glUniform1f(meshProgram_.uniform("uRange"), static_cast<float>(range));
    glUniform1f(meshProgram_.uniform("uLogScale"), static_cast<float>(range / 1000));
    glUniform1f(meshProgram_.uniform("uIsolines"), 28.0f);
    // The light comes from above, over the viewer's left shoulder, so the side in view is lit.
    const Vec3 light =
        (Vec3::UnitZ() - 0.5 * forwardDirection(camera_) - 0.45 * rightDirection(camera_)).normalized();
    glUniform3f(meshProgram_.uniform("uLightDirection"), float(light.x()), float(light.y()),
                float(light.z()));
    const Vec3 eye = eyePosition(camera_);
    glUniform3f(meshProgram_.uniform("uEye"), float(eye.x()), float(eye.y()), float(eye.z()));
    // Pushed back a little so the paths laid on it win the depth test.
    glEnable(GL_POLYGON_OFFSET_FILL);
    glPolygonOffset(1.0f, 2.0f);
    glBindVertexArray(meshArray_);
    glUniform1i(meshProgram_.uniform("uWall"), 0);
    glDrawElements(GL_TRIANGLES, indexCount_, GL_UNSIGNED_INT, nullptr);
    glUniform1i(meshProgram_.uniform("uWall"), 1);
    glDrawElements(GL_TRIANGLES, wallIndexCount_, GL_UNSIGNED_INT,
                   reinterpret_cast<void*>(size_t(indexCount_) * sizeof(GLuint)));
    glDisable(GL_POLYGON_OFFSET_FILL);
}

// Each segment becomes a quad of the line's width in pixels, lengthened by half the width at both ends
// so the joints close; depth is the segment's own, so the surface hides what is behind a hill.
void SurfaceLayer::drawLines(const Eigen::Matrix4d& viewProjection, float pixelScale) {
    const double width = viewport_.width * pixelScale, height = viewport_.height * pixelScale;
    const double near = clipDistances(camera_).first;
    std::vector<float> vertices;
    const auto addLine = [&](const SurfaceLine& line, float lineWidth, ImU32 colour) {
        const double half = lineWidth * pixelScale / 2;
        std::optional<Vec3> previous;  // the previous point in pixels (y up) with its NDC depth
        for (const Vec3& point : line.points) {
            const Eigen::Vector4d clip = viewProjection * point.homogeneous();
            if (clip.w() < near) {
                previous.reset();
                continue;
            }
            const Vec3 ndc = clip.head<3>() / clip.w();
            const Vec3 pixel((ndc.x() + 1) / 2 * width, (ndc.y() + 1) / 2 * height, ndc.z());
            if (previous) {
                const Eigen::Vector2d along = (pixel - *previous).head<2>();
                const double length = along.norm();
                if (length > 1e-6 && length < 1e5) {
                    const Eigen::Vector2d d = along / length * half, n(-d.y(), d.x());
                    // The ends are lengthened along the segment's own depth slope, so a narrower line
                    // over a wider one of the same segment has exactly its depth.
                    const double depthSlope = (pixel.z() - previous->z()) / length * half;
                    const auto corner = [&](const Vec3& end, double sideSign, double endSign) {
                        const Eigen::Vector2d s = end.head<2>() + sideSign * n + endSign * d;
                        const double z = end.z() + endSign * depthSlope;
                        vertices.insert(vertices.end(),
                                        {float(s.x() / width * 2 - 1), float(s.y() / height * 2 - 1),
                                         float(std::clamp(z, -1.0, 1.0))});
                        pushColour(vertices, colour);
                    };
                    corner(*previous, 1, -1), corner(*previous, -1, -1), corner(pixel, 1, 1);
                    corner(pixel, 1, 1), corner(*previous, -1, -1), corner(pixel, -1, 1);
                }
            }
            previous = pixel;
        }
    };
    // Each line's outline, then its colour. An outline is depth-tested but leaves no depth behind, so its
    // own colour, at the same depth up to rounding, is never hidden by it.
    struct Range {
        GLint first;
        GLsizei count;
        bool outline;
    };
    std::vector<Range> ranges;
    const auto vertexCount = [&] { return static_cast<GLint>(vertices.size() / kLineFloats); };
    for (const SurfaceLine& line : lines_)
        for (bool outline : {true, false}) {
            const GLint first = vertexCount();
            addLine(line, outline ? line.width + 2.3f : line.width, outline ? kOutline : line.colour);
            if (vertexCount() > first) ranges.push_back({first, vertexCount() - first, outline});
        }
    if (vertices.empty()) return;
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(lineProgram_.id());
    glBindVertexArray(lineArray_);
    glBindBuffer(GL_ARRAY_BUFFER, lineBuffer_);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(vertices.size() * sizeof(float)), vertices.data(),
                 GL_STREAM_DRAW);
    for (const Range& range : ranges) {
        glDepthMask(range.outline ? GL_FALSE : GL_TRUE);
        glDrawArrays(GL_TRIANGLES, range.first, range.count);
    }
    glDepthMask(GL_TRUE);
    glDisable(GL_BLEND);
}

MarkVisibility markVisibility(const Grid& grid, const SurfaceMapping& mapping, const OrbitCamera& camera,
                              const Vec2& p, const Vec3& q) {
    if (!meshBox(grid).contains(p)) return MarkVisibility::OutsideBox;
    // The ray to a little above the mark: one at the bottom of a narrow valley stays in view while its
    // upper half is.
    const Vec3 eye = eyePosition(camera), top = q + Vec3(0, 0, 0.02);
    const double distance = (top - eye).norm();
    const auto hit = castRay(grid, mapping, {eye, (top - eye) / distance});
    if (!hit || (hit->point - eye).norm() >= distance - 0.03) return MarkVisibility::InView;
    return hit->onTop ? MarkVisibility::BehindHill : MarkVisibility::BehindWall;
}

ViewBox meshBox(const Grid& grid) {
    const Vec2 low = grid.cellCenter(0, 0), high = grid.cellCenter(grid.width - 1, grid.height - 1);
    return {low.x(), high.x(), low.y(), high.y()};
}

std::vector<std::vector<Vec3>> drapeOnSurface(const Grid& grid, const SurfaceMapping& mapping,
                                              const std::vector<Vec2>& points, double lift) {
    std::vector<std::vector<Vec3>> pieces(1);
    const ViewBox box = meshBox(grid);
    const double cell = std::min(box.width() / grid.width, box.height() / grid.height);
    const auto cut = [&] {
        if (!pieces.back().empty()) pieces.emplace_back();
    };
    const auto place = [&](Vec2 p) {
        // Points cut at the box's edge are put back on it, whatever the rounding.
        p = {std::clamp(p.x(), box.xMin, box.xMax), std::clamp(p.y(), box.yMin, box.yMax)};
        const auto h = surfaceHeightAt(grid, mapping, p);
        if (!h) return cut();  // a hole where f is not finite
        pieces.back().push_back(mapping.toSurface(p, mapping.minimum) + Vec3(0, 0, *h + lift));
    };
    std::optional<Vec2> last;
    for (size_t k = 0; k < points.size(); ++k) {
        const Vec2& p = points[k];
        if (!p.allFinite()) {
            cut(), last.reset();
            continue;
        }
        if (!last) {
            if (box.contains(p)) place(p);
            last = p;
            continue;
        }
        if ((p - *last).norm() < cell / 5 && k + 1 != points.size()) continue;
        // Only the part of each step inside the box is drawn, cut where it enters and where it leaves,
        // and subdivided about once per cell so it follows the hills: a run that leaves the box (a
        // diverging one) is never drawn across or over the surface.
        // A step a million times longer than the box (far out on a diverging run) is left out: where it
        // crosses the box is lost in rounding.
        const double diagonal = std::hypot(box.width(), box.height());
        const auto inside = (p - *last).norm() < 1e6 * diagonal ? clipSegmentToBox(box, *last, p) : std::nullopt;
        if (!inside) {
            cut(), last = p;
            continue;
        }
        const auto [t0, t1] = *inside;
        const Vec2 from = *last, step = p - *last;
        if (t0 > 0) cut(), place(from + t0 * step);
        const int pieceCount = std::clamp(int((t1 - t0) * step.norm() / cell), 1, 4096);
        for (int i = 1; i <= pieceCount; ++i)
            place(from + (t0 + (t1 - t0) * i / pieceCount) * step);
        if (t1 < 1) cut();
        last = p;
    }
    std::erase_if(pieces, [](const std::vector<Vec3>& piece) { return piece.size() < 2; });
    return pieces;
}

}  // namespace gradscape

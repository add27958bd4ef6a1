#pragma once
// A picture a GL layer draws once and keeps between frames: an offscreen framebuffer with an RGBA8 colour
// texture (and, when asked, a depth buffer), and the copy of what it holds back into the framebuffer
// being drawn, pixel for pixel.

#include "render/gl/shader_program.h"

namespace gradscape {

/// The depth buffer's format of the bound draw framebuffer as a sized internal format (GL_DEPTH24_STENCIL8,
/// GL_DEPTH_COMPONENT32F, ...), or GL_NONE when it has none.
GLenum boundDepthFormat();

/// Owns the framebuffer, its attachments and the copy program. Needs a current GL context for its life.
/// The target is drawn at the same framebuffer pixels, with the same viewport, as the picture lands on
/// screen: the rasterizer then computes every fragment exactly as it would there, and the copies are exact.
class RenderTarget {
  public:
    RenderTarget();
    ~RenderTarget();
    RenderTarget(const RenderTarget&) = delete;
    RenderTarget& operator=(const RenderTarget&) = delete;

    /// Binds the target to GL_DRAW_FRAMEBUFFER, first (re)allocating it when its size or depth format
    /// (GL_NONE: no depth buffer) differs from the last call's. Throws when the framebuffer is incomplete.
    void bindForDrawing(GLint width, GLint height, GLenum depthFormat = GL_NONE);
    /// Draws the colour texels under the quad `rectNdc` (x0, y0, x1, y1; normalized device coordinates of
    /// the current viewport) at their own pixels of the bound framebuffer, replacing what is there, within
    /// the current scissor. Texels the target's clear left transparent (alpha 0) are left out.
    void copyColour(const float rectNdc[4]) const;
    /// Copies the depth of the pixels [x0, x1) x [y0, y1) (framebuffer pixels, y up) bit for bit into the
    /// bound draw framebuffer, whose depth buffer has this target's format; the stencil too, where the
    /// format has one. Ignores the scissor.
    void copyDepth(GLint x0, GLint y0, GLint x1, GLint y1) const { copyPixels(x0, y0, x1, y1, false); }
    /// Copies the pixels [x0, x1) x [y0, y1) whole, as copyDepth does, and their colour with them, alpha
    /// included: for a picture with no transparent texels there, the same as copyColour and copyDepth, and
    /// a driver may copy the memory as it is (llvmpipe does, where the formats match) instead of running
    /// a shader per pixel. Ignores the scissor.
    void copyPixels(GLint x0, GLint y0, GLint x1, GLint y1, bool withColour = true) const;

    GLint width() const { return width_; }
    GLint height() const { return height_; }
    /// How many times the target's storage was (re)allocated since construction.
    int allocations() const { return allocations_; }

  private:
    ShaderProgram copyProgram_;
    GLuint vertexArray_ = 0, framebuffer_ = 0, colour_ = 0, depth_ = 0;
    GLint width_ = 0, height_ = 0;
    GLenum depthFormat_ = GL_NONE;
    int allocations_ = 0;
};

/// Puts back the draw framebuffer bound at construction when it ends.
class DrawFramebufferRestore {
  public:
    DrawFramebufferRestore() { glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previous_); }
    ~DrawFramebufferRestore() { glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(previous_)); }
    DrawFramebufferRestore(const DrawFramebufferRestore&) = delete;
    DrawFramebufferRestore& operator=(const DrawFramebufferRestore&) = delete;

  private:
    GLint previous_ = 0;
};

}  // namespace gradscape

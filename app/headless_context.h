#pragma once
// An OpenGL 3.3 core context with no display at all: EGL on Mesa's surfaceless platform, drawing into
// a framebuffer object.

#include "gl.h"
#include "image_io.h"

namespace gradscape {

/// Creates and makes current a GL context with a width x height RGBA framebuffer object bound.
/// Throws std::runtime_error saying which EGL step failed.
class HeadlessContext {
  public:
    HeadlessContext(int width, int height);
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    int width() const { return width_; }
    int height() const { return height_; }
    /// The whole framebuffer as a top-down image.
    Image read() const;

  private:
    int width_, height_;
    void* display_ = nullptr;
    void* context_ = nullptr;
    GLuint framebuffer_ = 0, colour_ = 0, depth_ = 0;
};

}  // namespace gradscape

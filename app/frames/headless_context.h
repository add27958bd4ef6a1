#pragma once
// An OpenGL 3.3 core context with no display at all: EGL on Mesa's surfaceless platform. It has no
// default framebuffer: what draws in it binds a framebuffer object (OffscreenRenderer).

#include "render/gl/gl.h"

namespace gradscape {

/// Creates and makes current a GL context. Throws std::runtime_error saying which EGL step failed.
class HeadlessContext {
  public:
    HeadlessContext();
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

  private:
    void* display_ = nullptr;
    void* context_ = nullptr;
};

}  // namespace gradscape

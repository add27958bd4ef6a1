#include "headless_context.h"

#include <EGL/egl.h>
#include <EGL/eglext.h>

#include <stdexcept>
#include <string>

namespace gradscape {
namespace {

[[noreturn]] void fail(const std::string& step) {
    char code[16];
    std::snprintf(code, sizeof code, "0x%x", eglGetError());
    throw std::runtime_error("headless OpenGL: " + step + " failed (EGL error " + code + ")");
}

EGLDisplay surfacelessDisplay() {
    auto getPlatformDisplay =
        reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
    if (!getPlatformDisplay) fail("looking up eglGetPlatformDisplayEXT");
    EGLDisplay display = getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    if (display == EGL_NO_DISPLAY) fail("opening the Mesa surfaceless display");
    return display;
}

}  // namespace

HeadlessContext::HeadlessContext(int width, int height) : width_(width), height_(height) {
    if (width < 16 || height < 16 || width > 16384 || height > 16384)
        throw std::invalid_argument("image size must be between 16 and 16384 pixels a side, got " +
                                    std::to_string(width) + "x" + std::to_string(height));
    EGLDisplay display = surfacelessDisplay();
    EGLint major = 0, minor = 0;
    if (!eglInitialize(display, &major, &minor)) fail("eglInitialize");
    display_ = display;
    if (!eglBindAPI(EGL_OPENGL_API)) fail("binding the OpenGL API");
    const EGLint configAttributes[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                                       EGL_NONE};
    EGLConfig config;
    EGLint count = 0;
    if (!eglChooseConfig(display, configAttributes, &config, 1, &count) || count == 0)
        fail("choosing a config");
    const EGLint contextAttributes[] = {EGL_CONTEXT_MAJOR_VERSION,
                                        3,
                                        EGL_CONTEXT_MINOR_VERSION,
                                        3,
                                        EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                        EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                        EGL_NONE};
    EGLContext context = eglCreateContext(display, config, EGL_NO_CONTEXT, contextAttributes);
    if (context == EGL_NO_CONTEXT) fail("creating an OpenGL 3.3 core context");
    context_ = context;
    if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context)) fail("making the context current");

    glGenFramebuffers(1, &framebuffer_);
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
    glGenRenderbuffers(1, &colour_);
    glBindRenderbuffer(GL_RENDERBUFFER, colour_);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour_);
    glGenRenderbuffers(1, &depth_);
    glBindRenderbuffer(GL_RENDERBUFFER, depth_);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, depth_);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        throw std::runtime_error("headless OpenGL: the framebuffer object is incomplete");
    glViewport(0, 0, width, height);
}

HeadlessContext::~HeadlessContext() {
    if (context_) {
        glDeleteRenderbuffers(1, &depth_);
        glDeleteRenderbuffers(1, &colour_);
        glDeleteFramebuffers(1, &framebuffer_);
        eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        eglDestroyContext(display_, context_);
    }
    if (display_) eglTerminate(display_);
}

Image HeadlessContext::read() const {
    glFinish();
    return readFramebuffer(0, 0, width_, height_, height_);
}

}  // namespace gradscape

#include "frames/headless_context.h"

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

HeadlessContext::HeadlessContext() {
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
}

HeadlessContext::~HeadlessContext() {
    if (context_) {
        eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        eglDestroyContext(display_, context_);
    }
    if (display_) eglTerminate(display_);
}

}  // namespace gradscape

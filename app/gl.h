#pragma once
// OpenGL 3.3 core entry points, resolved by libOpenGL (GLVND), for both GLX windows and EGL headless.
#include <GL/gl.h>
#include <GL/glext.h>

#include "render/gl/render_target.h"

#include <stdexcept>
#include <string>

namespace gradscape {

GLenum boundDepthFormat() {
    GLint framebuffer = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &framebuffer);
    // The window's own framebuffer names its buffers differently from a framebuffer object.
    const GLenum depth = framebuffer == 0 ? GL_DEPTH : GL_DEPTH_ATTACHMENT,
                 stencil = framebuffer == 0 ? GL_STENCIL : GL_STENCIL_ATTACHMENT;
    const auto parameter = [](GLenum attachment, GLenum name) {
        GLint value = 0;
        glGetFramebufferAttachmentParameteriv(GL_DRAW_FRAMEBUFFER, attachment, name, &value);
        return value;
    };
    if (parameter(depth, GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE) == GL_NONE) return GL_NONE;
    const GLint depthBits = parameter(depth, GL_FRAMEBUFFER_ATTACHMENT_DEPTH_SIZE);
    const bool floating = parameter(depth, GL_FRAMEBUFFER_ATTACHMENT_COMPONENT_TYPE) == GL_FLOAT;
    const bool stencilled = parameter(stencil, GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE) != GL_NONE &&
                            parameter(stencil, GL_FRAMEBUFFER_ATTACHMENT_STENCIL_SIZE) > 0;
    if (floating && depthBits == 32) return stencilled ? GL_DEPTH32F_STENCIL8 : GL_DEPTH_COMPONENT32F;
    if (!floating && depthBits == 24) return stencilled ? GL_DEPTH24_STENCIL8 : GL_DEPTH_COMPONENT24;
    if (!floating && depthBits == 16 && !stencilled) return GL_DEPTH_COMPONENT16;
    if (!floating && depthBits == 32 && !stencilled) return GL_DEPTH_COMPONENT32;
    // A depth copy needs formats that match exactly; there is no other to match.
    throw std::runtime_error("unsupported depth buffer: " + std::to_string(depthBits) + " bits" +
                             (floating ? " float" : "") + (stencilled ? " with stencil" : ""));
}

RenderTarget::RenderTarget() : copyProgram_("quad.vert", "cache_copy.frag") {
    // A core profile draws nothing without a bound vertex array, even one with no buffers.
    glGenVertexArrays(1, &vertexArray_);
    glGenFramebuffers(1, &framebuffer_);
    glGenTextures(1, &colour_);
    glBindTexture(GL_TEXTURE_2D, colour_);
    for (GLenum filter : {GL_TEXTURE_MIN_FILTER, GL_TEXTURE_MAG_FILTER})
        glTexParameteri(GL_TEXTURE_2D, filter, GL_NEAREST);
    for (GLenum wrap : {GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T})
        glTexParameteri(GL_TEXTURE_2D, wrap, GL_CLAMP_TO_EDGE);
}

RenderTarget::~RenderTarget() {
    glDeleteRenderbuffers(1, &depth_);
    glDeleteTextures(1, &colour_);
    glDeleteFramebuffers(1, &framebuffer_);
    glDeleteVertexArrays(1, &vertexArray_);
}

void RenderTarget::bindForDrawing(GLint width, GLint height, GLenum depthFormat) {
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, framebuffer_);
    if (width == width_ && height == height_ && depthFormat == depthFormat_) return;
    width_ = width, height_ = height, depthFormat_ = depthFormat;
    ++allocations_;
    glBindTexture(GL_TEXTURE_2D, colour_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glFramebufferTexture2D(GL_DRAW_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, colour_, 0);
    // Detached first: a depth-only format leaves the stencil attachment point empty.
    glFramebufferRenderbuffer(GL_DRAW_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, 0);
    if (depthFormat != GL_NONE) {
        if (!depth_) glGenRenderbuffers(1, &depth_);
        glBindRenderbuffer(GL_RENDERBUFFER, depth_);
        glRenderbufferStorage(GL_RENDERBUFFER, depthFormat, width, height);
        const bool stencilled = depthFormat == GL_DEPTH24_STENCIL8 || depthFormat == GL_DEPTH32F_STENCIL8;
        glFramebufferRenderbuffer(GL_DRAW_FRAMEBUFFER,
                                  stencilled ? GL_DEPTH_STENCIL_ATTACHMENT : GL_DEPTH_ATTACHMENT,
                                  GL_RENDERBUFFER, depth_);
    }
    if (glCheckFramebufferStatus(GL_DRAW_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
        width_ = height_ = 0;  // allocated again on the next call
        throw std::runtime_error("cannot make a " + std::to_string(width) + "x" + std::to_string(height) +
                                 " cache framebuffer");
    }
}

void RenderTarget::copyColour(const float rectNdc[4]) const {
    glDisable(GL_BLEND);
    glDisable(GL_DEPTH_TEST);
    glUseProgram(copyProgram_.id());
    glUniform4fv(copyProgram_.uniform("uRectNdc"), 1, rectNdc);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, colour_);
    glUniform1i(copyProgram_.uniform("uCache"), 0);
    glBindVertexArray(vertexArray_);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

void RenderTarget::copyPixels(GLint x0, GLint y0, GLint x1, GLint y1, bool withColour) const {
    if (x0 >= x1 || y0 >= y1 || (!withColour && depthFormat_ == GL_NONE)) return;
    GLint previousRead = 0;
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &previousRead);
    const GLboolean scissored = glIsEnabled(GL_SCISSOR_TEST);
    // Unscissored, from and to the same rectangle, with the stencil too where the format has one: a driver
    // may then copy the memory as it is. (Mesa's llvmpipe does; a depth-only blit of a depth-stencil
    // format goes through a shader there, and the depth's round trip through a float is off by one unit
    // of 2^-24 here and there, enough to flip the depth test where a path meets a hill.)
    glDisable(GL_SCISSOR_TEST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, framebuffer_);
    const bool stencilled = depthFormat_ == GL_DEPTH24_STENCIL8 || depthFormat_ == GL_DEPTH32F_STENCIL8;
    const GLbitfield depth =
        depthFormat_ == GL_NONE ? 0 : GL_DEPTH_BUFFER_BIT | (stencilled ? GL_STENCIL_BUFFER_BIT : 0);
    glBlitFramebuffer(x0, y0, x1, y1, x0, y0, x1, y1, depth | (withColour ? GL_COLOR_BUFFER_BIT : 0),
                      GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(previousRead));
    if (scissored) glEnable(GL_SCISSOR_TEST);
}

}  // namespace gradscape

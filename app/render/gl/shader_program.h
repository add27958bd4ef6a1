#pragma once
// A linked GLSL program built from two files of shaders/.

#include "render/gl/gl.h"

#include <string>
#include <string_view>

namespace gradscape {

/// Owns a GL program. Construction needs a current GL context and throws std::runtime_error with the
/// compiler's log when a shader does not compile or link.
class ShaderProgram {
  public:
    ShaderProgram(std::string_view vertexFile, std::string_view fragmentFile);
    ~ShaderProgram();
    ShaderProgram(const ShaderProgram&) = delete;
    ShaderProgram& operator=(const ShaderProgram&) = delete;

    GLuint id() const { return program_; }
    /// The location of a uniform; throws when the program has no such active uniform.
    GLint uniform(const char* name) const;

  private:
    GLuint program_ = 0;
};

}  // namespace gradscape

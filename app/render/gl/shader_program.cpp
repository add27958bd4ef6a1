#include "render/gl/shader_program.h"

#include "render/gl/embedded_shaders.h"

#include <stdexcept>
#include <vector>

namespace gradscape {
namespace {

GLuint compile(GLenum type, std::string_view fileName) {
    const std::string_view source = embeddedShader(fileName);
    if (source.empty()) throw std::runtime_error("no embedded shader named " + std::string(fileName));
    GLuint shader = glCreateShader(type);
    const char* text = source.data();
    const GLint length = static_cast<GLint>(source.size());
    glShaderSource(shader, 1, &text, &length);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        GLint logLength = 0;
        glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &logLength);
        std::vector<char> log(std::max(logLength, 1));
        glGetShaderInfoLog(shader, logLength, nullptr, log.data());
        glDeleteShader(shader);
        throw std::runtime_error(std::string(fileName) + ": " + log.data());
    }
    return shader;
}

}  // namespace

ShaderProgram::ShaderProgram(std::string_view vertexFile, std::string_view fragmentFile) {
    GLuint vertex = compile(GL_VERTEX_SHADER, vertexFile);
    GLuint fragment = 0;
    try {
        fragment = compile(GL_FRAGMENT_SHADER, fragmentFile);
    } catch (...) {
        glDeleteShader(vertex);
        throw;
    }
    program_ = glCreateProgram();
    glAttachShader(program_, vertex);
    glAttachShader(program_, fragment);
    glLinkProgram(program_);
    glDeleteShader(vertex);
    glDeleteShader(fragment);
    GLint ok = 0;
    glGetProgramiv(program_, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[2048] = {};
        glGetProgramInfoLog(program_, sizeof log, nullptr, log);
        glDeleteProgram(program_);
        throw std::runtime_error("linking " + std::string(vertexFile) + " + " + std::string(fragmentFile) +
                                 ": " + log);
    }
}

ShaderProgram::~ShaderProgram() {
    glDeleteProgram(program_);
}

GLint ShaderProgram::uniform(const char* name) const {
    const GLint location = glGetUniformLocation(program_, name);
    if (location < 0) throw std::runtime_error(std::string("shader has no active uniform ") + name);
    return location;
}

}  // namespace gradscape

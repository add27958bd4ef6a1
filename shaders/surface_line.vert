#version 330 core
// Paths on the surface, already widened into triangles on the CPU, in normalized device coordinates
// (so their depth is tested against the surface's). Attributes: aPosition (NDC), aColor (RGBA).

layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec4 aColor;

out vec4 vColor;

void main() {
    vColor = aColor;
    gl_Position = vec4(aPosition, 1.0);
}

#version 330 core
// The landscape's surface mesh: one vertex per grid sample, in the surface's normalized coordinates.
// Attributes: aPosition (x, y, height), aNormal (from finite differences of the heights), aValue
// (f - minimum, finite), aValid (1 where f is finite, 0 where it is not).
// Uniforms: uViewProjection (projection * view).

layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec3 aNormal;
layout(location = 2) in float aValue;
layout(location = 3) in float aValid;

uniform mat4 uViewProjection;

out vec3 vPosition;
out vec3 vNormal;
out float vValue;
out float vValid;

void main() {
    vPosition = aPosition;
    vNormal = aNormal;
    vValue = aValue;
    vValid = aValid;
    gl_Position = uViewProjection * vec4(aPosition, 1.0);
}

#version 330 core
// One quad as a 4-vertex triangle strip with no vertex buffer: the contour layer's grid box, or a cached
// picture copied back (render_target.cpp).
// Uniforms: uRectNdc (x0, y0, x1, y1) = the quad in normalized device coordinates.

uniform vec4 uRectNdc;
out vec2 vTexCoord;

void main() {
    vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
    vTexCoord = corner;
    gl_Position = vec4(mix(uRectNdc.xy, uRectNdc.zw, corner), 0.0, 1.0);
}

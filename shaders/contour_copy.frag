#version 330 core
// The contour layer's cached colours, copied pixel for pixel: the cache holds what contour.frag drew,
// at the same framebuffer pixels, so each fragment reads its own texel.
// Uniforms: uCache (RGBA8 colours, as large as the framebuffer's drawn area).

out vec4 fragColor;

uniform sampler2D uCache;

void main() {
    fragColor = texelFetch(uCache, ivec2(gl_FragCoord.xy), 0);
}

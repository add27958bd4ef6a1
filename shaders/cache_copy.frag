#version 330 core
// A cached picture copied pixel for pixel: the cache holds what a layer drew at the same framebuffer
// pixels, so each fragment reads its own texel. Texels the layer never drew (cleared to alpha 0) are left
// out, so what lies under the picture there stays.
// Uniforms: uCache (RGBA8 colours, as large as the framebuffer's drawn area).

out vec4 fragColor;

uniform sampler2D uCache;

void main() {
    fragColor = texelFetch(uCache, ivec2(gl_FragCoord.xy), 0);
    if (fragColor.a == 0.0) discard;
}

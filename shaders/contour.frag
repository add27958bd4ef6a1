#version 330 core
// Filled contours: f mapped through a perceptual colour map on a log scale, with log-spaced isolines.
// Uniforms: uValues (R32F samples of f, NaN where f is not finite), uColormap (9 control points),
// uMinimum and uRange (of f over the grid), uLogScale (the offset s of log(1 + (f - min) / s)),
// uIsolines (how many isolines span the range), uMaskColor (drawn where f is not finite).

in vec2 vTexCoord;
out vec4 fragColor;

uniform sampler2D uValues;
uniform vec3 uColormap[9];
uniform float uMinimum;
uniform float uRange;
uniform float uLogScale;
uniform float uIsolines;
uniform vec3 uMaskColor;

vec3 colormap(float t) {
    float x = clamp(t, 0.0, 1.0) * 8.0;
    int i = min(int(floor(x)), 7);
    return mix(uColormap[i], uColormap[i + 1], x - float(i));
}

void main() {
    float f = texture(uValues, vTexCoord).r;
    if (isnan(f) || isinf(f)) {
        // Hatched grey: the user sees where the formula is undefined instead of garbage.
        float stripe = step(0.5, fract((gl_FragCoord.x + gl_FragCoord.y) / 10.0));
        fragColor = vec4(uMaskColor * (0.85 + 0.15 * stripe), 1.0);
        return;
    }
    float h = log(1.0 + max(f - uMinimum, 0.0) / uLogScale) / log(1.0 + uRange / uLogScale);
    vec3 color = colormap(h);

    // Distance in pixels to the nearest isoline h = k / uIsolines, for a 1-pixel anti-aliased line.
    float level = h * uIsolines;
    float perPixel = max(fwidth(level), 1e-6);
    float distance = abs(fract(level + 0.5) - 0.5) / perPixel;
    float line = 1.0 - smoothstep(0.4, 1.4, distance);
    // Where isolines crowd closer than a few pixels they would only smear, so they fade out.
    line *= 1.0 - smoothstep(0.25, 0.5, perPixel);
    color = mix(color, color * 0.35, 0.8 * line);
    fragColor = vec4(color, 1.0);
}

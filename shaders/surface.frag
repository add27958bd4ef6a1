#version 330 core
// The lit surface: f coloured through the colour map on the contour view's log scale, with the same
// log-spaced isolines, lit by an ambient term, a Lambert term and a little Blinn-Phong specular.
// Uniforms: uColormap (9 control points), uRange (of f over the grid), uLogScale (the offset s of
// log(1 + (f - min) / s)), uIsolines (how many isolines span the range), uLightDirection (unit, towards
// the light), uEye (the camera's position), uWall (1 while the walls under the edges are drawn, in grey).

in vec3 vPosition;
in vec3 vNormal;
in float vValue;
in float vValid;
out vec4 fragColor;

uniform vec3 uColormap[9];
uniform float uRange;
uniform float uLogScale;
uniform float uIsolines;
uniform vec3 uLightDirection;
uniform vec3 uEye;
uniform int uWall;

vec3 colormap(float t) {
    float x = clamp(t, 0.0, 1.0) * 8.0;
    int i = min(int(floor(x)), 7);
    return mix(uColormap[i], uColormap[i + 1], x - float(i));
}

void main() {
    // A triangle touching a sample where f is not finite is left out: the surface has a hole there.
    if (vValid < 0.999) discard;
    vec3 color = vec3(0.3, 0.3, 0.33);
    if (uWall == 0) {
        float h = log(1.0 + max(vValue, 0.0) / uLogScale) / log(1.0 + uRange / uLogScale);
        color = colormap(h);
        // Isolines as in the contour view: about a pixel wide, faded where they crowd.
        float level = h * uIsolines;
        float perPixel = max(fwidth(level), 1e-6);
        float distance = abs(fract(level + 0.5) - 0.5) / perPixel;
        float line = 1.0 - smoothstep(0.4, 1.4, distance);
        line *= 1.0 - smoothstep(0.25, 0.5, perPixel);
        color = mix(color, color * 0.35, 0.8 * line);
    }

    // Both sides are lit: the normal is turned towards the viewer.
    vec3 toEye = normalize(uEye - vPosition);
    vec3 n = normalize(vNormal);
    if (dot(n, toEye) < 0.0) n = -n;
    float diffuse = max(dot(n, uLightDirection), 0.0);
    float specular = pow(max(dot(n, normalize(uLightDirection + toEye)), 0.0), 48.0);
    if (uWall == 1) {
        // The walls only frame the surface: flat grey, shaded by how squarely they face the viewer.
        fragColor = vec4(color * (0.75 + 0.5 * abs(dot(n, toEye))), 1.0);
        return;
    }
    fragColor = vec4(color * (0.38 + 0.72 * diffuse) + vec3(0.18 * specular), 1.0);
}

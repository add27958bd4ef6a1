#version 330 core
// A path's colour, flat.

in vec4 vColor;
out vec4 fragColor;

void main() {
    fragColor = vColor;
}

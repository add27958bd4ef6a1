#include "render/cpu/software_rasterizer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace gradscape {
namespace {

thread_local Image* rasterTarget = nullptr;

// Vertices snap to 1/256 of a pixel, as GPUs' rasterizers do, so that the edge functions are exact
// integers and an edge shared by two triangles covers each pixel centre exactly once.
constexpr int kSubpixelBits = 8;
constexpr std::int64_t kOne = std::int64_t(1) << kSubpixelBits;

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {  // b > 0
    std::int64_t q = a / b;
    if ((a % b != 0) && (a < 0)) --q;
    return q;
}

std::int64_t ceilDiv(std::int64_t a, std::int64_t b) {
    return -floorDiv(-a, b);
}

std::uint8_t toByte(float value) {
    return static_cast<std::uint8_t>(std::clamp(value, 0.0f, 255.0f) + 0.5f);
}

float sampleBilinear(const AlphaTexture& texture, float u, float v) {
    const float tx = u * static_cast<float>(texture.width) - 0.5f,
                ty = v * static_cast<float>(texture.height) - 0.5f;
    const float fx0 = std::floor(tx), fy0 = std::floor(ty);
    const float fx = tx - fx0, fy = ty - fy0;
    const int x0 = static_cast<int>(fx0), y0 = static_cast<int>(fy0);
    const int xa = std::clamp(x0, 0, texture.width - 1), xb = std::clamp(x0 + 1, 0, texture.width - 1);
    const int ya = std::clamp(y0, 0, texture.height - 1), yb = std::clamp(y0 + 1, 0, texture.height - 1);
    const std::uint8_t* rowA = texture.pixels + static_cast<size_t>(ya) * texture.width;
    const std::uint8_t* rowB = texture.pixels + static_cast<size_t>(yb) * texture.width;
    const float top = rowA[xa] + (rowA[xb] - rowA[xa]) * fx;
    const float bottom = rowB[xa] + (rowB[xb] - rowB[xa]) * fx;
    return (top + (bottom - top) * fy) * (1.0f / 255.0f);
}

struct Vertex {
    std::int64_t x, y;    // fixed point, y up (GL's window coordinates)
    float fx, fy;         // the same in pixels
    float attributes[6];  // r, g, b, a, u, v
    double px, py;        // the position before snapping, in pixels
};

// Vertices within this many pixels around the image are rasterized as they are; a triangle reaching
// further (a path heading for divergence) is first clipped to this guard band, as GL clips, so the
// fixed-point edge functions never overflow.
constexpr double kGuardBand = 1 << 14;

void snap(Vertex& vertex) {
    vertex.x = std::llround(vertex.px * kOne);
    vertex.y = std::llround(vertex.py * kOne);
    vertex.fx = static_cast<float>(vertex.x) / kOne, vertex.fy = static_cast<float>(vertex.y) / kOne;
}

// The part of a triangle inside [lo, hi] on both axes, as a convex polygon (up to 9 corners) whose
// corners interpolate the attributes linearly; empty when nothing is inside or a corner is not finite.
std::vector<Vertex> clipToGuardBand(const Vertex& a, const Vertex& b, const Vertex& c, double loX, double hiX,
                                    double loY, double hiY) {
    std::vector<Vertex> polygon = {a, b, c};
    for (const Vertex* v : {&a, &b, &c})
        if (!std::isfinite(v->px) || !std::isfinite(v->py)) return {};
    // Each of the four sides: keep what is inside (sign * (coordinate - bound) <= 0).
    for (int side = 0; side < 4 && !polygon.empty(); ++side) {
        const bool alongX = side < 2;
        const double bound = side == 0 ? loX : side == 1 ? hiX : side == 2 ? loY : hiY;
        const double sign = (side == 0 || side == 2) ? -1 : 1;
        auto outside = [&](const Vertex& v) { return sign * ((alongX ? v.px : v.py) - bound); };
        std::vector<Vertex> kept;
        for (size_t i = 0; i < polygon.size(); ++i) {
            const Vertex& from = polygon[i];
            const Vertex& to = polygon[(i + 1) % polygon.size()];
            const double d0 = outside(from), d1 = outside(to);
            if (d0 <= 0) kept.push_back(from);
            if ((d0 <= 0) != (d1 <= 0)) {
                const double t = d0 / (d0 - d1);
                Vertex cut = from;
                cut.px = from.px + t * (to.px - from.px);
                cut.py = from.py + t * (to.py - from.py);
                for (int k = 0; k < 6; ++k)
                    cut.attributes[k] =
                        static_cast<float>(from.attributes[k] + t * (to.attributes[k] - from.attributes[k]));
                kept.push_back(cut);
            }
        }
        polygon = std::move(kept);
    }
    for (Vertex& v : polygon)
        snap(v);
    return polygon;
}

// An attribute as a plane over the triangle: value(x, y) = base + dx * x + dy * y (GL coordinates).
struct Plane {
    float base, dx, dy;
    float at(float x, float y) const { return base + dx * x + dy * y; }
};

class TriangleRasterizer {
  public:
    TriangleRasterizer(Image& image, const AlphaTexture& font) : image_(image), font_(font) {}

    void draw(const Vertex& v0, Vertex v1, Vertex v2, const ScissorRect& scissor) {
        std::int64_t area = (v1.x - v0.x) * (v2.y - v0.y) - (v2.x - v0.x) * (v1.y - v0.y);
        if (area == 0) return;
        if (area < 0) std::swap(v1, v2), area = -area;  // counter-clockwise with y up
        const Vertex* v[3] = {&v0, &v1, &v2};

        // Bounding box in image pixels (x right, rows down), clipped to the scissor.
        const std::int64_t minX = std::min({v0.x, v1.x, v2.x}), maxX = std::max({v0.x, v1.x, v2.x});
        const std::int64_t minY = std::min({v0.y, v1.y, v2.y}), maxY = std::max({v0.y, v1.y, v2.y});
        const int height = image_.height;
        int x0 = static_cast<int>(std::max<std::int64_t>(scissor.x0, floorDiv(minX, kOne)));
        int x1 = static_cast<int>(std::min<std::int64_t>(scissor.x1, floorDiv(maxX, kOne) + 1));
        // GL rows [glRow0, glRow1) -> image rows.
        const std::int64_t glRow0 = floorDiv(minY, kOne), glRow1 = floorDiv(maxY, kOne) + 1;
        int y0 = static_cast<int>(std::max<std::int64_t>(scissor.y0, height - glRow1));
        int y1 = static_cast<int>(std::min<std::int64_t>(scissor.y1, height - glRow0));
        if (x0 >= x1 || y0 >= y1) return;

        // Edge i runs from v[i] to v[i + 1]; E(p) > 0 inside, or == 0 on a left or a bottom edge (y up):
        // Mesa's rule for GL's lower-left origin, so a pixel centre on an edge goes where llvmpipe puts it.
        struct Edge {
            std::int64_t ax, ay, dx, dy;
            std::int64_t bias;
        } edges[3];
        for (int i = 0; i < 3; ++i) {
            const Vertex& a = *v[i];
            const Vertex& b = *v[(i + 1) % 3];
            const std::int64_t dx = b.x - a.x, dy = b.y - a.y;
            const bool topLeft = dy < 0 || (dy == 0 && dx > 0);
            edges[i] = {a.x, a.y, dx, dy, topLeft ? 1 : 0};
        }

        // Attribute planes, and whether they are constant over the triangle.
        Plane planes[6];
        bool constantColour = true, constantUv = true;
        const double fArea = (double(v1.fx) - v0.fx) * (double(v2.fy) - v0.fy) -
                             (double(v2.fx) - v0.fx) * (double(v1.fy) - v0.fy);
        for (int k = 0; k < 6; ++k) {
            const double a0 = v0.attributes[k], a1 = v1.attributes[k], a2 = v2.attributes[k];
            const bool constant = a0 == a1 && a1 == a2;
            if (!constant) (k < 4 ? constantColour : constantUv) = false;
            double dx = 0, dy = 0;
            if (!constant) {
                dx = ((a1 - a0) * (double(v2.fy) - v0.fy) - (a2 - a0) * (double(v1.fy) - v0.fy)) / fArea;
                dy = ((a2 - a0) * (double(v1.fx) - v0.fx) - (a1 - a0) * (double(v2.fx) - v0.fx)) / fArea;
            }
            planes[k] = {static_cast<float>(a0 - dx * v0.fx - dy * v0.fy), static_cast<float>(dx),
                         static_cast<float>(dy)};
        }
        const float constantTexture =
            constantUv ? sampleBilinear(font_, v0.attributes[4], v0.attributes[5]) : 1.0f;
        if (constantColour && constantUv && v0.attributes[3] * constantTexture <= 0) return;

        const int width = image_.width;
        for (int row = y0; row < y1; ++row) {
            const std::int64_t glRow = height - 1 - row;
            const std::int64_t py = glRow * kOne + kOne / 2, px = std::int64_t(x0) * kOne + kOne / 2;
            std::int64_t kMin = 0, kMax = x1 - x0 - 1;
            for (const Edge& e : edges) {
                // E(x0 + k) = t + step * k, inside where it is >= 1 - bias.
                const std::int64_t t = e.dx * (py - e.ay) - e.dy * (px - e.ax) + e.bias;
                const std::int64_t step = -e.dy * kOne;
                if (step == 0) {
                    if (t < 1) kMax = -1;
                } else if (step > 0) {
                    kMin = std::max(kMin, ceilDiv(1 - t, step));
                } else {
                    kMax = std::min(kMax, floorDiv(t - 1, -step));
                }
            }
            if (kMin > kMax) continue;
            const int spanStart = x0 + static_cast<int>(kMin), spanEnd = x0 + static_cast<int>(kMax) + 1;
            std::uint8_t* out = image_.rgba.data() + (static_cast<size_t>(row) * width + spanStart) * 4;
            const float centreY = static_cast<float>(glRow) + 0.5f;
            if (constantColour && constantUv) {
                blendSpan(out, spanEnd - spanStart, v0.attributes[0], v0.attributes[1], v0.attributes[2],
                          v0.attributes[3] * constantTexture);
                continue;
            }
            for (int x = spanStart; x < spanEnd; ++x, out += 4) {
                const float cx = static_cast<float>(x) + 0.5f;
                float alpha = planes[3].at(cx, centreY);
                if (!constantUv)
                    alpha *= sampleBilinear(font_, planes[4].at(cx, centreY), planes[5].at(cx, centreY));
                else
                    alpha *= constantTexture;
                if (alpha <= 0) continue;
                blendPixel(out, planes[0].at(cx, centreY), planes[1].at(cx, centreY),
                           planes[2].at(cx, centreY), alpha);
            }
        }
    }

  private:
    static void blendPixel(std::uint8_t* out, float r, float g, float b, float a) {
        a = std::min(a, 1.0f);
        const float keep = 1.0f - a;
        out[0] = toByte(r * a * 255.0f + out[0] * keep);
        out[1] = toByte(g * a * 255.0f + out[1] * keep);
        out[2] = toByte(b * a * 255.0f + out[2] * keep);
        out[3] = toByte(a * 255.0f + out[3] * keep);
    }

    static void blendSpan(std::uint8_t* out, int count, float r, float g, float b, float a) {
        a = std::clamp(a, 0.0f, 1.0f);
        if (a <= 0) return;
        if (a >= 1.0f) {
            const std::uint8_t pixel[4] = {toByte(r * 255.0f), toByte(g * 255.0f), toByte(b * 255.0f), 255};
            std::uint32_t word;
            std::memcpy(&word, pixel, 4);
            std::uint32_t* words = reinterpret_cast<std::uint32_t*>(out);
            std::fill_n(words, count, word);
            return;
        }
        // source * a + destination * (1 - a) never exceeds 255: no clamping, and a loop that vectorizes.
        const float keep = 1.0f - a;
        const float source[4] = {r * a * 255.0f + 0.5f, g * a * 255.0f + 0.5f, b * a * 255.0f + 0.5f,
                                 a * 255.0f + 0.5f};
        const int bytes = count * 4;
        for (int i = 0; i < bytes; ++i)
            out[i] = static_cast<std::uint8_t>(source[i & 3] + static_cast<float>(out[i]) * keep);
    }

    Image& image_;
    const AlphaTexture& font_;
};

}  // namespace

Image* currentRasterTarget() {
    return rasterTarget;
}

ScissorRect scissorOf(const ImDrawData& drawData, const ImVec4& clipRect, int imageWidth, int imageHeight) {
    const ImVec2 offset = drawData.DisplayPos, scale = drawData.FramebufferScale;
    const float minX = (clipRect.x - offset.x) * scale.x, minY = (clipRect.y - offset.y) * scale.y;
    const float maxX = (clipRect.z - offset.x) * scale.x, maxY = (clipRect.w - offset.y) * scale.y;
    if (maxX <= minX || maxY <= minY) return {};
    // As glScissor receives it: x, y (from the bottom), width, height, each truncated.
    const int x = static_cast<int>(minX), glY = static_cast<int>(static_cast<float>(imageHeight) - maxY);
    const int w = static_cast<int>(maxX - minX), h = static_cast<int>(maxY - minY);
    ScissorRect rect{x, imageHeight - (glY + h), x + w, imageHeight - glY};
    rect.x0 = std::max(rect.x0, 0), rect.y0 = std::max(rect.y0, 0);
    rect.x1 = std::min(rect.x1, imageWidth), rect.y1 = std::min(rect.y1, imageHeight);
    return rect;
}

void clearImage(Image& image, float r, float g, float b) {
    const std::uint8_t pixel[4] = {toByte(r * 255.0f), toByte(g * 255.0f), toByte(b * 255.0f), 255};
    std::uint32_t word;
    std::memcpy(&word, pixel, 4);
    const size_t size = static_cast<size_t>(image.width) * image.height * 4;
    if (image.rgba.size() == size) {
        std::fill_n(reinterpret_cast<std::uint32_t*>(image.rgba.data()), size / 4, word);
        return;
    }
    // A fresh buffer is built row by row from one cleared row, so that its megabytes are written once:
    // resize would zero them first.
    std::vector<std::uint8_t> row(static_cast<size_t>(image.width) * 4);
    std::fill_n(reinterpret_cast<std::uint32_t*>(row.data()), image.width, word);
    std::vector<std::uint8_t> pixels;
    pixels.reserve(size);
    for (int y = 0; y < image.height; ++y)
        pixels.insert(pixels.end(), row.begin(), row.end());
    image.rgba = std::move(pixels);
}

void rasterizeDrawData(const ImDrawData& drawData, const AlphaTexture& font, Image& image) {
    TriangleRasterizer rasterizer(image, font);
    const ImVec2 offset = drawData.DisplayPos, scale = drawData.FramebufferScale;
    const float height = static_cast<float>(image.height);
    Image* previous = rasterTarget;
    rasterTarget = &image;
    std::vector<Vertex> vertices;
    for (int n = 0; n < drawData.CmdListsCount; ++n) {
        const ImDrawList* list = drawData.CmdLists[n];
        vertices.resize(static_cast<size_t>(list->VtxBuffer.Size));
        for (int i = 0; i < list->VtxBuffer.Size; ++i) {
            const ImDrawVert& source = list->VtxBuffer[i];
            Vertex& vertex = vertices[static_cast<size_t>(i)];
            const float x = (source.pos.x - offset.x) * scale.x,
                        y = height - (source.pos.y - offset.y) * scale.y;
            vertex.px = x, vertex.py = y;
            // Snapped here only when inside the guard band; the others are clipped first.
            if (vertex.px >= -kGuardBand && vertex.px <= image.width + kGuardBand &&
                vertex.py >= -kGuardBand && vertex.py <= image.height + kGuardBand)
                snap(vertex);
            const ImU32 c = source.col;
            vertex.attributes[0] = static_cast<float>((c >> IM_COL32_R_SHIFT) & 0xFF) / 255.0f;
            vertex.attributes[1] = static_cast<float>((c >> IM_COL32_G_SHIFT) & 0xFF) / 255.0f;
            vertex.attributes[2] = static_cast<float>((c >> IM_COL32_B_SHIFT) & 0xFF) / 255.0f;
            vertex.attributes[3] = static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF) / 255.0f;
            vertex.attributes[4] = source.uv.x, vertex.attributes[5] = source.uv.y;
        }
        for (int c = 0; c < list->CmdBuffer.Size; ++c) {
            const ImDrawCmd& command = list->CmdBuffer[c];
            if (command.UserCallback) {
                if (command.UserCallback != ImDrawCallback_ResetRenderState)
                    command.UserCallback(list, &command);
                continue;
            }
            const ScissorRect scissor = scissorOf(drawData, command.ClipRect, image.width, image.height);
            if (scissor.empty()) continue;
            const ImDrawIdx* indices = list->IdxBuffer.Data + command.IdxOffset;
            const double loX = -kGuardBand, hiX = image.width + kGuardBand, loY = -kGuardBand,
                         hiY = image.height + kGuardBand;
            auto inside = [&](const Vertex& v) {
                return v.px >= loX && v.px <= hiX && v.py >= loY && v.py <= hiY;
            };
            for (unsigned i = 0; i + 2 < command.ElemCount + 0u; i += 3) {
                const Vertex& a = vertices[indices[i] + command.VtxOffset];
                const Vertex& b = vertices[indices[i + 1] + command.VtxOffset];
                const Vertex& c = vertices[indices[i + 2] + command.VtxOffset];
                if (inside(a) && inside(b) && inside(c)) {
                    rasterizer.draw(a, b, c, scissor);
                    continue;
                }
                const std::vector<Vertex> polygon = clipToGuardBand(a, b, c, loX, hiX, loY, hiY);
                for (size_t k = 1; k + 1 < polygon.size(); ++k)
                    rasterizer.draw(polygon[0], polygon[k], polygon[k + 1], scissor);
            }
        }
    }
    rasterTarget = previous;
}

}  // namespace gradscape

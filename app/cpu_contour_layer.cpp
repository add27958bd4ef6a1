#include "cpu_contour_layer.h"

#include "palette.h"
#include "software_rasterizer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>
#include <vector>

namespace gradscape {
namespace {

float smoothstep(float edge0, float edge1, float x) {
    const float t = std::clamp((x - edge0) * (1.0f / (edge1 - edge0)), 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

std::uint8_t toByte(float value) {
    return static_cast<std::uint8_t>(std::clamp(value, 0.0f, 1.0f) * 255.0f + 0.5f);
}

// What one paint needs: the grid, where it lies on screen, and the shader's uniforms.
struct Painting {
    const Grid* grid;
    Image* image;
    ScissorRect pixels;              // the pixels to colour: the rectangle's pixel centres within the scissor
    float left, top, right, bottom;  // the rectangle in image pixels
    float minimum, logScale, logRange;

    // Where GL's texture(uValues, ...) with GL_LINEAR and clamp to edge samples along one axis: the two
    // texels and the weight of the second.
    struct Tap {
        int a, b;
        float weight;
    };
    static Tap tap(float coordinate, int size) {
        const float t = coordinate * static_cast<float>(size) - 0.5f;
        const float t0 = std::floor(t);
        const int i = static_cast<int>(t0);
        return {std::clamp(i, 0, size - 1), std::clamp(i + 1, 0, size - 1), t - t0};
    }
    Tap columnTap(int x) const {
        return tap((static_cast<float>(x) + 0.5f - left) / (right - left), grid->width);
    }
    Tap rowTap(int row) const {  // row 0 of the grid: the bottom
        return tap((bottom - (static_cast<float>(row) + 0.5f)) / (bottom - top), grid->height);
    }

    // The shader's level h * uIsolines at one image row's pixels (columns given by their taps); NaN where
    // the sampled f is not finite.
    void levels(int row, const std::vector<Tap>& columns, float* out) const {
        const Tap r = rowTap(row);
        const float* lower = grid->values.data() + static_cast<size_t>(r.a) * grid->width;
        const float* upper = grid->values.data() + static_cast<size_t>(r.b) * grid->width;
        const float scale = kContourIsolines / logRange, inverseScale = 1.0f / logScale;
        for (size_t c = 0; c < columns.size(); ++c) {
            const Tap& t = columns[c];
            const float l = lower[t.a] + (lower[t.b] - lower[t.a]) * t.weight;
            const float u = upper[t.a] + (upper[t.b] - upper[t.a]) * t.weight;
            const float f = l + (u - l) * r.weight;
            out[c] = std::isfinite(f) ? std::log(1.0f + std::max(f - minimum, 0.0f) * inverseScale) * scale
                                      : std::numeric_limits<float>::quiet_NaN();
        }
    }

    void colour(std::uint8_t* out, float level, float perPixel, int x, int row) const {
        if (std::isnan(level)) {
            // The hatching of gl_FragCoord (y up).
            const float fragX = static_cast<float>(x) + 0.5f,
                        fragY = static_cast<float>(image->height - 1 - row) + 0.5f;
            const float s = (fragX + fragY) / 10.0f;
            const float stripe = s - std::floor(s) >= 0.5f ? 1.0f : 0.0f;
            const std::uint8_t grey = toByte(kContourMaskGrey * (0.85f + 0.15f * stripe));
            out[0] = out[1] = out[2] = grey, out[3] = 255;
            return;
        }
        const float h = level / kContourIsolines;
        const float t = std::clamp(h, 0.0f, 1.0f) * 8.0f;
        const int i = std::min(static_cast<int>(std::floor(t)), 7);
        const float w = t - static_cast<float>(i);
        float rgb[3];
        for (int c = 0; c < 3; ++c)
            rgb[c] = kViridis[i][c] + (kViridis[i + 1][c] - kViridis[i][c]) * w;
        perPixel = std::isnan(perPixel) ? 1e-6f : std::max(perPixel, 1e-6f);
        float darken = 1.0f;
        if (perPixel < 0.5f) {  // where isolines crowd closer than that, they have faded out
            const float shifted = level + 0.5f;
            const float distance = std::abs(shifted - std::floor(shifted) - 0.5f) / perPixel;
            if (distance < 1.4f) {
                float line = 1.0f - smoothstep(0.4f, 1.4f, distance);
                line *= 1.0f - smoothstep(0.25f, 0.5f, perPixel);
                darken = 1.0f - 0.8f * line * 0.65f;  // mix(c, c * 0.35, 0.8 * line)
            }
        }
        out[0] = toByte(rgb[0] * darken), out[1] = toByte(rgb[1] * darken), out[2] = toByte(rgb[2] * darken);
        out[3] = 255;
    }

    // Colours rows [rowBegin, rowEnd) of the pixels, a GL 2x2 quad at a time for the derivatives.
    void band(int rowBegin, int rowEnd) const {
        const int height = image->height;
        // Columns of whole quads (GL's quads start at even x) covering the pixels.
        const int columnBegin = pixels.x0 & ~1, columnEnd = (pixels.x1 + 1) & ~1;
        const int columns = columnEnd - columnBegin;
        std::vector<Tap> taps(static_cast<size_t>(columns));
        for (int c = 0; c < columns; ++c)
            taps[static_cast<size_t>(c)] = columnTap(columnBegin + c);
        std::vector<float> levelRows[2] = {std::vector<float>(columns), std::vector<float>(columns)};
        int row = rowBegin;
        while (row < rowEnd) {
            // The quad's two rows: GL rows 2k and 2k + 1, bottom up.
            const int glRow = height - 1 - row, glLower = glRow & ~1;
            const int rowOfLower = height - 1 - glLower, rowOfUpper = rowOfLower - 1;  // image rows
            levels(rowOfLower, taps, levelRows[0].data());
            levels(rowOfUpper, taps, levelRows[1].data());
            for (int r = rowOfUpper; r <= rowOfLower; ++r) {
                if (r < rowBegin || r >= rowEnd) continue;
                const float* own = levelRows[r == rowOfLower ? 0 : 1].data();
                const float* other = levelRows[r == rowOfLower ? 1 : 0].data();
                std::uint8_t* out =
                    image->rgba.data() + (static_cast<size_t>(r) * image->width + pixels.x0) * 4;
                for (int x = pixels.x0; x < pixels.x1; ++x, out += 4) {
                    const int c = x - columnBegin, pair = c & ~1;
                    const float dx = own[pair + 1] - own[pair];
                    const float dy = other[c] - own[c];
                    colour(out, own[c], std::abs(dx) + std::abs(dy), x, r);
                }
            }
            row = rowOfLower + 1;
        }
    }
};

}  // namespace

void CpuContourLayer::upload(const std::shared_ptr<const Grid>& grid) {
    if (grid) grid_ = grid;
}

void CpuContourLayer::addTo(ImDrawList* drawList, ImVec2 topLeft, ImVec2 bottomRight) {
    if (!grid_) return;
    topLeft_ = topLeft, bottomRight_ = bottomRight;
    drawList->AddCallback(&CpuContourLayer::paint, this);
    drawList->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void CpuContourLayer::paint(const ImDrawList*, const ImDrawCmd* command) {
    const auto* self = static_cast<const CpuContourLayer*>(command->UserCallbackData);
    Image* image = currentRasterTarget();
    if (!image || !self->grid_ || self->grid_->width < 1 || self->grid_->height < 1) return;
    const Grid& grid = *self->grid_;
    const ImDrawData* drawData = ImGui::GetDrawData();
    const ImVec2 origin = drawData->DisplayPos, scale = drawData->FramebufferScale;

    Painting painting{};
    painting.grid = &grid;
    painting.image = image;
    painting.left = (self->topLeft_.x - origin.x) * scale.x,
    painting.right = (self->bottomRight_.x - origin.x) * scale.x;
    painting.top = (self->topLeft_.y - origin.y) * scale.y,
    painting.bottom = (self->bottomRight_.y - origin.y) * scale.y;
    const double range = std::max(grid.maximum - grid.minimum, 1e-12);
    painting.minimum = static_cast<float>(grid.minimum);
    painting.logScale = static_cast<float>(range / kContourLogDecades);
    painting.logRange = std::log(1.0f + static_cast<float>(range) / painting.logScale);

    // The rectangle's pixel centres, within the scissor.
    ScissorRect pixels = scissorOf(*drawData, command->ClipRect, image->width, image->height);
    pixels.x0 = std::max(pixels.x0, static_cast<int>(std::ceil(painting.left - 0.5f)));
    pixels.x1 = std::min(pixels.x1, static_cast<int>(std::ceil(painting.right - 0.5f)));
    pixels.y0 = std::max(pixels.y0, static_cast<int>(std::ceil(painting.top - 0.5f)));
    pixels.y1 = std::min(pixels.y1, static_cast<int>(std::ceil(painting.bottom - 0.5f)));
    if (pixels.empty()) return;
    painting.pixels = pixels;

    const int rows = pixels.y1 - pixels.y0;
    const int threads = std::clamp(std::min(self->threads_, rows / 64), 1, 16);
    std::vector<std::thread> workers;
    const int per = (rows + threads - 1) / threads;
    for (int t = 1; t < threads; ++t) {
        const int begin = pixels.y0 + t * per, end = std::min(pixels.y1, begin + per);
        if (begin < end) workers.emplace_back([&painting, begin, end] { painting.band(begin, end); });
    }
    painting.band(pixels.y0, std::min(pixels.y1, pixels.y0 + per));
    for (auto& worker : workers)
        worker.join();
}

}  // namespace gradscape

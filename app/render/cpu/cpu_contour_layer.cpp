#include "render/cpu/cpu_contour_layer.h"

#include "palette.h"
#include "render/cpu/software_rasterizer.h"
#include "support/parallel_rows.h"

#include <algorithm>
#include <cmath>
#include <limits>
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
    int height;            // of the image, whose rows GL counts from the bottom
    std::uint8_t* buffer;  // the pixels' colours, row by row, (pixels.x1 - pixels.x0) * 4 bytes a row
    ScissorRect pixels;    // the pixels to colour: the rectangle's pixel centres within the scissor
    float left, top, right, bottom;  // the rectangle in image pixels
    float minimum, logScale, logRange;

    // Where GL's texture(uValues, ...) with GL_LINEAR and clamp to edge samples along one axis: the two
    // texels and the weight of the second.
    struct Tap {
        int a, b;
        float weight;
    };
    static Tap tap(float coordinate, int size) {
        float t = coordinate * static_cast<float>(size) - 0.5f;
        // Clamped before the cast (NaN included, from a rectangle of no width): past either end GL's clamp to
        // edge samples the edge texel, as these do.
        t = t >= -1.0f ? std::min(t, static_cast<float>(size)) : -1.0f;
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
                        fragY = static_cast<float>(height - 1 - row) + 0.5f;
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
                std::uint8_t* out = buffer + static_cast<size_t>(r - pixels.y0) *
                                                 static_cast<size_t>(pixels.x1 - pixels.x0) * 4;
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

// A colouring under way: worker threads from addTo on, joined by the drawing thread at paint time, which
// takes the bands of rows still left.
struct CpuContourLayer::Job {
    Painting painting{};
    std::shared_ptr<const Grid> grid;
    // Left unwritten when allocated: the bands write every pixel of it once.
    std::unique_ptr<std::uint8_t[]> buffer;
    ImVec4 clipRect;
    int width = 0, height = 0;
    std::unique_ptr<RowBands> bands;  // last: its threads are joined before the painting goes

    void finish() {
        if (bands) bands->finish();
    }
};

CpuContourLayer::CpuContourLayer(int threads) : threads_(threads) {}

CpuContourLayer::~CpuContourLayer() = default;

void CpuContourLayer::upload(const std::shared_ptr<const Grid>& grid) {
    if (grid) grid_ = grid;
}

void CpuContourLayer::addTo(ImDrawList* drawList, ImVec2 topLeft, ImVec2 bottomRight) {
    if (!grid_) return;
    topLeft_ = topLeft, bottomRight_ = bottomRight;
    drawList->AddCallback(&CpuContourLayer::paint, this);
    drawList->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    // The colours depend on nothing drawn before them: they are worked out while the rest of the frame is
    // laid out and rasterized, and copied in when the rasterizer reaches the callback.
    const ImVec2 clipMin = drawList->GetClipRectMin(), clipMax = drawList->GetClipRectMax();
    const ImGuiIO& io = ImGui::GetIO();
    const int width = static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
              height = static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y);
    job_.reset();
    job_ = start(ImVec4(clipMin.x, clipMin.y, clipMax.x, clipMax.y), ImGui::GetMainViewport()->Pos,
                 io.DisplayFramebufferScale, width, height, std::max(0, threads_ - 1));
}

std::unique_ptr<CpuContourLayer::Job> CpuContourLayer::start(ImVec4 clipRect, ImVec2 origin, ImVec2 scale,
                                                             int width, int height, int workers) const {
    auto job = std::make_unique<Job>();
    job->grid = grid_;
    job->clipRect = clipRect;
    job->width = width, job->height = height;
    const Grid& grid = *grid_;
    if (grid.width < 1 || grid.height < 1 || width < 1 || height < 1) return job;
    Painting& painting = job->painting;
    painting.grid = &grid;
    painting.height = height;
    painting.left = (topLeft_.x - origin.x) * scale.x, painting.right = (bottomRight_.x - origin.x) * scale.x;
    painting.top = (topLeft_.y - origin.y) * scale.y, painting.bottom = (bottomRight_.y - origin.y) * scale.y;
    const double range = std::max(grid.maximum - grid.minimum, 1e-12);
    painting.minimum = static_cast<float>(grid.minimum);
    painting.logScale = static_cast<float>(range / kContourLogDecades);
    painting.logRange = std::log(1.0f + static_cast<float>(range) / painting.logScale);

    // A rectangle that is not a finite, ordered one (a view box the view could not map) colours nothing.
    if (!(std::isfinite(painting.left) && std::isfinite(painting.right) && std::isfinite(painting.top) &&
          std::isfinite(painting.bottom) && painting.left < painting.right && painting.top < painting.bottom))
        return job;

    // The rectangle's pixel centres, within the scissor; each edge clamped to the scissor while still a
    // float, so that a rectangle reaching far off the image never makes an int out of range.
    ImDrawData frame;
    frame.DisplayPos = origin, frame.FramebufferScale = scale;
    ScissorRect pixels = scissorOf(frame, clipRect, width, height);
    const auto edge = [](float position, int low, int high) {
        return static_cast<int>(
            std::clamp(std::ceil(position - 0.5f), static_cast<float>(low), static_cast<float>(high)));
    };
    pixels.x0 = edge(painting.left, pixels.x0, pixels.x1);
    pixels.x1 = edge(painting.right, pixels.x0, pixels.x1);
    pixels.y0 = edge(painting.top, pixels.y0, pixels.y1);
    pixels.y1 = edge(painting.bottom, pixels.y0, pixels.y1);
    if (pixels.empty()) return job;
    painting.pixels = pixels;
    const size_t bytes = static_cast<size_t>(pixels.x1 - pixels.x0) * (pixels.y1 - pixels.y0) * 4;
    job->buffer.reset(new std::uint8_t[bytes]);
    painting.buffer = job->buffer.get();

    // Bands of 16 rows that start on a GL quad's upper row (an image row of the height's parity), so that
    // no quad's levels are worked out twice.
    constexpr int kBandRows = 16;
    const int base = pixels.y0 - ((pixels.y0 - height) & 1);
    std::vector<int> bandStarts = {pixels.y0};
    for (int row = base + kBandRows; row < pixels.y1; row += kBandRows)
        bandStarts.push_back(row);
    bandStarts.push_back(pixels.y1);
    job->bands = std::make_unique<RowBands>(
        std::move(bandStarts), workers,
        [&painting = job->painting](std::size_t, int begin, int end) { painting.band(begin, end); });
    return job;
}

void CpuContourLayer::paint(const ImDrawList*, const ImDrawCmd* command) {
    auto* self = static_cast<CpuContourLayer*>(command->UserCallbackData);
    Image* image = currentRasterTarget();
    if (!image || !self->grid_) return;
    const ImDrawData* drawData = ImGui::GetDrawData();
    const ImVec4 clip = command->ClipRect;
    Job* job = self->job_.get();
    // What addTo foresaw, unless the frame is drawn some other way than it was laid out.
    std::unique_ptr<Job> late;
    if (!job || job->grid != self->grid_ || job->width != image->width || job->height != image->height ||
        job->clipRect.x != clip.x || job->clipRect.y != clip.y || job->clipRect.z != clip.z ||
        job->clipRect.w != clip.w) {
        late = self->start(clip, drawData->DisplayPos, drawData->FramebufferScale, image->width,
                           image->height, std::max(0, self->threads_ - 1));
        job = late.get();
    }
    job->finish();
    const ScissorRect& pixels = job->painting.pixels;
    if (!job->buffer) return;
    const size_t rowBytes = static_cast<size_t>(pixels.x1 - pixels.x0) * 4;
    for (int row = pixels.y0; row < pixels.y1; ++row)
        std::copy_n(job->buffer.get() + static_cast<size_t>(row - pixels.y0) * rowBytes, rowBytes,
                    image->rgba.data() + (static_cast<size_t>(row) * image->width + pixels.x0) * 4);
}

}  // namespace gradscape

#include "export/png_encoder.h"

#include "support/parallel_rows.h"

#include <zlib.h>

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <utility>
#include <stdexcept>
#include <string>

namespace gradscape {
namespace {

void appendBigEndian(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

// A chunk: length, type, data, and the CRC of type and data; `data` may come in several pieces.
void appendChunk(std::vector<std::uint8_t>& out, const char type[4],
                 std::initializer_list<std::pair<const std::uint8_t*, size_t>> pieces) {
    size_t size = 0;
    for (const auto& piece : pieces)
        size += piece.second;
    appendBigEndian(out, static_cast<std::uint32_t>(size));
    const size_t typeAt = out.size();
    out.insert(out.end(), type, type + 4);
    for (const auto& [data, length] : pieces)
        out.insert(out.end(), data, data + length);
    appendBigEndian(out,
                    static_cast<std::uint32_t>(crc32(0, out.data() + typeAt, static_cast<uInt>(size + 4))));
}

// Rows filtered and handed to zlib this many at a time: a buffer that stays in the cache, reused, instead
// of the whole strip filtered into megabytes touched once.
constexpr int kRowsPerBatch = 16;

// One strip of rows: filtered, deflated as raw deflate data ending on a byte boundary (a sync flush) or,
// for the last strip, with the final block; with the Adler-32 of its filtered bytes. `deflated` is
// allocated at zlib's bound and left unwritten: only the compressed bytes are ever touched.
struct Strip {
    std::unique_ptr<std::uint8_t[]> deflated;
    size_t deflatedSize = 0;
    uLong adler = 1;
    size_t filteredSize = 0;
    std::string error;
};

void compressStrip(const Image& image, int channels, int rowBegin, int rowEnd, bool last, Strip& strip) {
    const size_t rowBytes = static_cast<size_t>(image.width) * channels;
    strip.filteredSize = (rowBytes + 1) * static_cast<size_t>(rowEnd - rowBegin);
    z_stream z{};
    if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_RLE) != Z_OK) {
        strip.error = "zlib could not start";
        return;
    }
    const size_t capacity = deflateBound(&z, static_cast<uLong>(strip.filteredSize)) + 16;
    strip.deflated.reset(new std::uint8_t[capacity]);
    z.next_out = strip.deflated.get();
    z.avail_out = static_cast<uInt>(capacity);

    std::vector<std::uint8_t> filtered((rowBytes + 1) * kRowsPerBatch);
    const std::vector<std::uint8_t> noRow(static_cast<size_t>(image.width) * 4, 0);
    const auto pixels = [&](int y) {
        return y < 0 ? noRow.data() : image.rgba.data() + static_cast<size_t>(y) * image.width * 4;
    };
    bool failed = false;
    for (int batch = rowBegin; batch < rowEnd && !failed; batch += kRowsPerBatch) {
        const int batchEnd = std::min(batch + kRowsPerBatch, rowEnd);
        std::uint8_t* next = filtered.data();
        for (int y = batch; y < batchEnd; ++y) {
            const std::uint8_t* row = pixels(y);
            const std::uint8_t* above = pixels(y - 1);
            // Filter type 2 (Up): each byte minus the byte above it (RGB: alpha left out).
            *next++ = 2;
            if (channels == 4) {
                for (size_t i = 0; i < rowBytes; ++i)
                    next[i] = static_cast<std::uint8_t>(row[i] - above[i]);
            } else {
                for (int x = 0; x < image.width; ++x)
                    for (int c = 0; c < 3; ++c)
                        next[x * 3 + c] = static_cast<std::uint8_t>(row[x * 4 + c] - above[x * 4 + c]);
            }
            next += rowBytes;
        }
        const size_t size = static_cast<size_t>(next - filtered.data());
        strip.adler = adler32(strip.adler, filtered.data(), static_cast<uInt>(size));
        z.next_in = filtered.data();
        z.avail_in = static_cast<uInt>(size);
        const bool final = batchEnd == rowEnd;
        const int flush = final ? (last ? Z_FINISH : Z_SYNC_FLUSH) : Z_NO_FLUSH;
        const int status = deflate(&z, flush);
        failed = z.avail_in != 0 || (final && last ? status != Z_STREAM_END : status != Z_OK);
    }
    if (failed) strip.error = "zlib could not compress";
    strip.deflatedSize = capacity - z.avail_out;
    deflateEnd(&z);
}

}  // namespace

std::vector<std::uint8_t> encodePng(const Image& image, int strips) {
    if (image.width <= 0 || image.height <= 0 ||
        image.rgba.size() != static_cast<size_t>(image.width) * image.height * 4)
        throw std::invalid_argument("cannot encode a PNG of " + std::to_string(image.width) + "x" +
                                    std::to_string(image.height) + " pixels from " +
                                    std::to_string(image.rgba.size()) + " bytes");
    bool opaque = true;
    for (size_t i = 3; i < image.rgba.size() && opaque; i += 4)
        opaque = image.rgba[i] == 255;
    const int channels = opaque ? 3 : 4;

    const std::vector<int> bands = evenBands(image.height, strips);
    std::vector<Strip> parts(bands.size() - 1);
    forEachBand(bands, static_cast<int>(parts.size()), [&](std::size_t strip, int begin, int end) {
        compressStrip(image, channels, begin, end, strip + 1 == parts.size(), parts[strip]);
    });

    // The zlib stream: a header (deflate, 32K window, fastest), the strips, and the Adler-32 of all. It is
    // cut into IDAT chunks of at most 1 MiB each, copied from the strips straight into the file's bytes.
    std::vector<std::pair<const std::uint8_t*, size_t>> stream;  // its pieces, in order
    static const std::uint8_t zlibHeader[2] = {0x78, 0x01};
    stream.emplace_back(zlibHeader, 2);
    uLong adler = 1;
    size_t streamSize = 2;
    for (const Strip& part : parts) {
        if (!part.error.empty()) throw std::runtime_error(part.error);
        stream.emplace_back(part.deflated.get(), part.deflatedSize);
        streamSize += part.deflatedSize;
        adler = adler32_combine(adler, part.adler, static_cast<z_off_t>(part.filteredSize));
    }
    std::uint8_t adlerBytes[4];
    for (int i = 0; i < 4; ++i)
        adlerBytes[i] = static_cast<std::uint8_t>(adler >> (24 - 8 * i));
    stream.emplace_back(adlerBytes, 4);
    streamSize += 4;

    constexpr size_t kChunkData = 1 << 20;
    const size_t chunks = (streamSize + kChunkData - 1) / kChunkData;
    std::vector<std::uint8_t> png;
    png.reserve(8 + 25 + chunks * 12 + streamSize + 12);
    png.insert(png.end(), {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    std::vector<std::uint8_t> header;
    appendBigEndian(header, static_cast<std::uint32_t>(image.width));
    appendBigEndian(header, static_cast<std::uint32_t>(image.height));
    // Bit depth 8; colour type 2 (RGB) or 6 (RGBA); deflate; adaptive filtering; no interlace.
    header.insert(header.end(), {8, static_cast<std::uint8_t>(opaque ? 2 : 6), 0, 0, 0});
    appendChunk(png, "IHDR", {{header.data(), header.size()}});
    size_t piece = 0, pieceAt = 0;
    for (size_t at = 0; at < streamSize; at += kChunkData) {
        const size_t size = std::min(kChunkData, streamSize - at);
        appendBigEndian(png, static_cast<std::uint32_t>(size));
        const size_t typeAt = png.size();
        png.insert(png.end(), {'I', 'D', 'A', 'T'});
        for (size_t left = size; left > 0;) {
            const auto& [data, length] = stream[piece];
            const size_t take = std::min(left, length - pieceAt);
            png.insert(png.end(), data + pieceAt, data + pieceAt + take);
            left -= take, pieceAt += take;
            if (pieceAt == length) ++piece, pieceAt = 0;
        }
        appendBigEndian(png, static_cast<std::uint32_t>(
                                 crc32(0, png.data() + typeAt, static_cast<uInt>(size + 4))));
    }
    appendChunk(png, "IEND", {});
    return png;
}

}  // namespace gradscape

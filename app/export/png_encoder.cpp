#include "export/png_encoder.h"

#include "support/parallel_rows.h"

#include <zlib.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace gradscape {
namespace {

void appendBigEndian(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

// A chunk: length, type, data, and the CRC of type and data.
void appendChunk(std::vector<std::uint8_t>& out, const char type[4], const std::uint8_t* data, size_t size) {
    appendBigEndian(out, static_cast<std::uint32_t>(size));
    const size_t typeAt = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data, data + size);
    appendBigEndian(out,
                    static_cast<std::uint32_t>(crc32(0, out.data() + typeAt, static_cast<uInt>(size + 4))));
}

// One strip of rows: filtered, deflated as raw deflate data ending on a byte boundary (a sync flush) or,
// for the last strip, with the final block; with the Adler-32 of its filtered bytes.
struct Strip {
    std::vector<std::uint8_t> deflated;
    uLong adler = 1;
    size_t filteredSize = 0;
    std::string error;
};

void compressStrip(const Image& image, int channels, int rowBegin, int rowEnd, bool last, Strip& strip) {
    const size_t rowBytes = static_cast<size_t>(image.width) * channels;
    std::vector<std::uint8_t> filtered((rowBytes + 1) * static_cast<size_t>(rowEnd - rowBegin));
    std::uint8_t* next = filtered.data();
    std::vector<std::uint8_t> row(rowBytes), above(rowBytes, 0);
    auto pixels = [&](int y, std::vector<std::uint8_t>& to) {
        const std::uint8_t* from = image.rgba.data() + static_cast<size_t>(y) * image.width * 4;
        if (channels == 4) {
            std::copy_n(from, rowBytes, to.data());
            return;
        }
        for (int x = 0; x < image.width; ++x)
            std::copy_n(from + x * 4, 3, to.data() + x * 3);
    };
    if (rowBegin > 0) pixels(rowBegin - 1, above);
    for (int y = rowBegin; y < rowEnd; ++y) {
        pixels(y, row);
        // Filter type 2 (Up): each byte minus the byte above it.
        *next++ = 2;
        for (size_t i = 0; i < rowBytes; ++i)
            next[i] = static_cast<std::uint8_t>(row[i] - above[i]);
        next += rowBytes;
        std::swap(row, above);
    }
    strip.filteredSize = filtered.size();
    strip.adler = adler32(1, filtered.data(), static_cast<uInt>(filtered.size()));

    z_stream z{};
    if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_RLE) != Z_OK) {
        strip.error = "zlib could not start";
        return;
    }
    strip.deflated.resize(deflateBound(&z, static_cast<uLong>(filtered.size())) + 16);
    z.next_in = filtered.data();
    z.avail_in = static_cast<uInt>(filtered.size());
    z.next_out = strip.deflated.data();
    z.avail_out = static_cast<uInt>(strip.deflated.size());
    const int status = deflate(&z, last ? Z_FINISH : Z_SYNC_FLUSH);
    if (status != (last ? Z_STREAM_END : Z_OK) || z.avail_in != 0) strip.error = "zlib could not compress";
    strip.deflated.resize(strip.deflated.size() - z.avail_out);
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

    // The zlib stream: a header (deflate, 32K window, fastest), the strips, and the Adler-32 of all.
    std::vector<std::uint8_t> stream = {0x78, 0x01};
    uLong adler = 1;
    for (const Strip& part : parts) {
        if (!part.error.empty()) throw std::runtime_error(part.error);
        stream.insert(stream.end(), part.deflated.begin(), part.deflated.end());
        adler = adler32_combine(adler, part.adler, static_cast<z_off_t>(part.filteredSize));
    }
    appendBigEndian(stream, static_cast<std::uint32_t>(adler));

    std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<std::uint8_t> header;
    appendBigEndian(header, static_cast<std::uint32_t>(image.width));
    appendBigEndian(header, static_cast<std::uint32_t>(image.height));
    // Bit depth 8; colour type 2 (RGB) or 6 (RGBA); deflate; adaptive filtering; no interlace.
    header.insert(header.end(), {8, static_cast<std::uint8_t>(opaque ? 2 : 6), 0, 0, 0});
    appendChunk(png, "IHDR", header.data(), header.size());
    // IDAT chunks of at most 1 MiB each.
    for (size_t at = 0; at < stream.size(); at += 1 << 20)
        appendChunk(png, "IDAT", stream.data() + at, std::min<size_t>(1 << 20, stream.size() - at));
    appendChunk(png, "IEND", nullptr, 0);
    return png;
}

}  // namespace gradscape

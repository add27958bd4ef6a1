#include "export/png_encoder.h"
#include "support/test_support.h"

#include <doctest/doctest.h>

#include <zlib.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace gradscape;
using namespace gradscape::testing;

namespace {

Image randomImage(int width, int height, bool opaque, unsigned seed) {
    std::mt19937 random(seed);
    Image image{width, height, std::vector<std::uint8_t>(static_cast<size_t>(width) * height * 4)};
    for (size_t i = 0; i < image.rgba.size(); ++i)
        // Runs of equal bytes as well as noise, so both compress differently from strip to strip.
        image.rgba[i] =
            (i % 4 == 3 && opaque) ? 255 : static_cast<std::uint8_t>((i / 97) % 3 ? random() : i / 400);
    return image;
}

}  // namespace

TEST_CASE("PNGs compressed in strips decode to the same pixels, RGB when opaque and RGBA otherwise") {
    const std::string dir = temporaryDirectory("png");
    for (auto [width, height] :
         {std::pair{1, 1}, std::pair{3, 1000}, std::pair{1000, 3}, std::pair{641, 401}})
        for (bool opaque : {true, false})
            for (int strips : {1, 2, 3, 8, 5000}) {
                CAPTURE(width);
                CAPTURE(height);
                CAPTURE(opaque);
                CAPTURE(strips);
                const Image image = randomImage(width, height, opaque, width * 7 + height);
                const std::vector<std::uint8_t> bytes = encodePng(image, strips);
                // Colour type (byte 25 of the file): 2 is RGB, 6 is RGBA.
                REQUIRE(bytes.size() > 33);
                CHECK(bytes[25] == (opaque ? 2 : 6));
                const std::string path = dir + "/image.png";
                std::FILE* file = std::fopen(path.c_str(), "wb");
                REQUIRE(file);
                std::fwrite(bytes.data(), 1, bytes.size(), file);
                std::fclose(file);
                const Image decoded = readPng(path);
                CHECK(decoded.width == width);
                CHECK(decoded.height == height);
                CHECK(decoded.rgba == image.rgba);
            }
}

TEST_CASE("an image whose pixels do not match its size is refused") {
    Image broken{4, 4, std::vector<std::uint8_t>(10)};
    CHECK_THROWS_AS(encodePng(broken, 2), std::invalid_argument);
}

TEST_CASE("a zlib stream longer than 1 MiB is cut into IDAT chunks of at most 1 MiB, each with its CRC") {
    // Mostly noise, so the stream passes 1 MiB and chunk boundaries fall inside strips.
    const Image image = randomImage(1024, 700, false, 11);
    for (int strips : {1, 3}) {
        CAPTURE(strips);
        const std::vector<std::uint8_t> bytes = encodePng(image, strips);
        const auto bigEndian = [&](size_t at) {
            return std::uint32_t(bytes[at]) << 24 | std::uint32_t(bytes[at + 1]) << 16 |
                   std::uint32_t(bytes[at + 2]) << 8 | std::uint32_t(bytes[at + 3]);
        };
        std::vector<std::string> types;
        std::vector<std::uint32_t> idatSizes;
        size_t at = 8;
        while (at + 12 <= bytes.size()) {
            const std::uint32_t size = bigEndian(at);
            REQUIRE(at + 12 + size <= bytes.size());
            types.emplace_back(reinterpret_cast<const char*>(bytes.data() + at + 4), 4);
            if (types.back() == "IDAT") idatSizes.push_back(size);
            CHECK(bigEndian(at + 8 + size) == crc32(0, bytes.data() + at + 4, size + 4));
            at += 12 + size;
        }
        CHECK(at == bytes.size());
        REQUIRE(idatSizes.size() >= 2);
        for (size_t i = 0; i + 1 < idatSizes.size(); ++i)
            CHECK(idatSizes[i] == 1u << 20);
        CHECK(idatSizes.back() <= 1u << 20);
        CHECK(types.front() == "IHDR");
        CHECK(types.back() == "IEND");
        const std::string path = temporaryDirectory("png-chunks") + "/image.png";
        std::FILE* file = std::fopen(path.c_str(), "wb");
        REQUIRE(file);
        std::fwrite(bytes.data(), 1, bytes.size(), file);
        std::fclose(file);
        CHECK(readPng(path).rgba == image.rgba);
    }
}

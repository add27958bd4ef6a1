#include "export/png_encoder.h"
#include "support/test_support.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <random>

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

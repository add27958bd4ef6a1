#pragma once
// An RGBA picture as a GL texture that ImGui::Image draws: a map's cells, nearest-sampled so each cell
// stays a crisp block at any size. Created at the first upload (a frame that never shows one needs no GL).

#include "render/gl/gl.h"
#include "render/image.h"

namespace gradscape {

class ImageTexture {
  public:
    ImageTexture() = default;
    ~ImageTexture();
    ImageTexture(const ImageTexture&) = delete;
    ImageTexture& operator=(const ImageTexture&) = delete;

    /// Replaces the texture's pixels (and size) with the image's; rows top to bottom, as ImGui::Image
    /// draws them with its default texture coordinates.
    void upload(const Image& image);
    /// For ImGui::Image; null before the first upload.
    ImTextureID id() const { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture_)); }
    bool empty() const { return texture_ == 0; }

  private:
    GLuint texture_ = 0;
    int width_ = 0, height_ = 0;
};

}  // namespace gradscape

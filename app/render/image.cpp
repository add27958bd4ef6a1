#include "render/image.h"

#include "support/input_limits.h"

#include <stdexcept>
#include <string>

namespace gradscape {

void requireRenderableSize(int width, int height) {
    if (width < 16 || height < 16 || width > limits::kMaxImageSide || height > limits::kMaxImageSide)
        throw std::invalid_argument("image size must be between 16 and " + std::to_string(limits::kMaxImageSide) +
                                    " pixels a side, got " + std::to_string(width) + "x" + std::to_string(height));
}

}  // namespace gradscape

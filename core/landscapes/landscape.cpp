#include "landscapes/landscape.h"

namespace gradscape {

void Landscape::sampleRows(const ViewBox& box, int width, int height, int rowBegin, int rowEnd,
                           float* out) const {
    const double dx = box.width() / width, dy = box.height() / height;
    for (int row = rowBegin; row < rowEnd; ++row) {
        const double y = box.yMin + (row + 0.5) * dy;
        for (int column = 0; column < width; ++column)
            *out++ = static_cast<float>(valueAt({box.xMin + (column + 0.5) * dx, y}));
    }
}

}  // namespace gradscape

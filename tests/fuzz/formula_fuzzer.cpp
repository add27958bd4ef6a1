// libFuzzer harness for the typed formula: parsing, exact differentiation and evaluation.
// A formula either becomes a landscape or is refused with a FormulaError; anything else escaping
// (another exception type, a crash, a sanitizer report, a hang, gigabytes) is a defect.
#include "formula_landscape.h"
#include "landscape.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto landscape = gradscape::makeFormulaLandscape(text);
        for (const gradscape::Vec2 at : {gradscape::Vec2(0.5, -1.25), gradscape::Vec2(0, 0), gradscape::Vec2(3, 2)}) {
            (void)landscape->valueAt(at);
            (void)landscape->gradientAt(at);
            (void)landscape->hessianAt(at);
        }
    } catch (const gradscape::FormulaError&) {
        // Refused with a message: the expected outcome for most inputs.
    }
    return 0;
}

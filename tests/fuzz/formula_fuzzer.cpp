// libFuzzer harness for the typed formula: parsing, the limits, exact differentiation and evaluation.
// A formula either becomes a landscape or is refused with a FormulaError whose message is one short line;
// anything else escaping (another exception type, a crash, a sanitizer report, a hang, gigabytes, a
// message that dumps kilobytes of the formula or of its derivatives) is a defect.
#include "landscapes/formula_landscape.h"
#include "support/input_limits.h"
#include "landscapes/landscape.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto landscape = gradscape::makeFormulaLandscape(text);
        for (const gradscape::Vec2& at : {gradscape::Vec2(0.5, -1.25), gradscape::Vec2(0, 0),
                                          gradscape::Vec2(3, 2), gradscape::Vec2(-1e300, 1e-300)}) {
            (void)landscape->valueAt(at);
            (void)landscape->gradientAt(at);
            (void)landscape->hessianAt(at);
        }
        // A small grid, as the window draws it.
        std::vector<float> grid(8 * 8);
        landscape->sampleRows({-3, 3, -3, 3}, 8, 8, 0, 8, grid.data());
        const gradscape::FormulaDerivatives d = gradscape::formulaDerivatives(*landscape);
        for (const std::string* derivative : {&d.dx, &d.dy, &d.dxx, &d.dxy, &d.dyy})
            if (derivative->size() > gradscape::limits::kMaxDerivativeCharacters) std::abort();
    } catch (const gradscape::FormulaError& e) {
        // Refused with a message: the expected outcome for most inputs. The message echoes at most
        // kMaxEchoedCharacters of what was typed, so it stays one short line.
        const std::string message = e.what();
        if (message.size() > gradscape::limits::kMaxEchoedCharacters + 300) std::abort();
        if (message.find('\n') != std::string::npos) std::abort();
    }
    return 0;
}

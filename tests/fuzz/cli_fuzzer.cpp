// libFuzzer harness for the command-line parser: the input is split into arguments at NUL and newline
// bytes and parsed as the executable parses its own (parseCommandLine: no file is read, nothing runs).
// parseCommandLine documents that it never throws, so nothing is caught here: any exception, crash,
// sanitizer report or hang is a defect. What it returns must keep its promises too: a refusal is status
// 2 with a short message, help or version status 0, and an accepted command stays within the limits.
#include "cli_parse.h"
#include "support/input_limits.h"
#include "race/solver.h"
#include "export/video_export.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

void require(bool condition, const char* promise) {
    if (condition) return;
    std::fprintf(stderr, "cli_fuzzer: broken promise: %s\n", promise);
    std::abort();
}

bool withinCommonLimits(const gradscape::CommonOptimizerOptions& common) {
    return (!common.batchSize || (*common.batchSize >= 1 && *common.batchSize <= gradscape::kMaxBatchSize)) &&
           (!common.memory || (*common.memory >= 1 && *common.memory <= gradscape::kMaxMemory));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace gradscape;
    std::vector<std::string> arguments(1);
    for (std::size_t i = 0; i < size; ++i) {
        const char c = static_cast<char>(data[i]);
        if (c == '\0' || c == '\n')
            arguments.emplace_back();
        else
            arguments.back() += c;
    }
    // A seed file ends its last line with a newline: that ends the argument, it does not start another.
    if (size == 0 || (arguments.back().empty() && arguments.size() > 1)) arguments.pop_back();

    const ParsedCommand parsed = parseCommandLine(arguments);
    using Action = ParsedCommand::Action;
    switch (parsed.action) {
        case Action::Exit:
            require(parsed.status == 0 || parsed.status == 2, "exit status 0 or 2");
            if (parsed.status == 2) {
                require(!parsed.errors.empty() && parsed.errors.back() == '\n', "a refusal says why, on a line");
                require(parsed.errors.size() <= 1024, "a refusal's message is short whatever was typed");
            }
            break;
        case Action::Run:
            require(parsed.run.steps >= 0 && parsed.run.steps <= kMaxStepsLimit, "run --steps in range");
            require(parsed.run.optimizers.size() <= limits::kMaxRacers, "run racers within the limit");
            require(withinCommonLimits(parsed.run.common), "run's common options in range");
            break;
        case Action::Render: {
            const RenderOptions& r = parsed.render;
            require(r.steps >= 0 && r.steps <= kMaxStepsLimit, "render --steps in range");
            require(r.width >= 16 && r.width <= limits::kMaxImageSide && r.height >= 16 &&
                        r.height <= limits::kMaxImageSide,
                    "render image sides within the limit");
            require(r.frames >= kMinVideoFrames && r.frames <= kMaxVideoFrames, "render --frames in range");
            require(r.fps >= kMinVideoFps && r.fps <= kMaxVideoFps, "render --fps in range");
            require(r.optimizers.size() <= limits::kMaxRacers, "render racers within the limit");
            require(withinCommonLimits(r.common), "render's common options in range");
            break;
        }
        case Action::Analyze:
            require(parsed.analyze.optimizers.size() <= limits::kMaxRacers, "analyze racers within the limit");
            break;
        case Action::Tune:
            require(parsed.tune.optimizers.size() <= limits::kMaxRacers, "tune racers within the limit");
            require(parsed.tune.size >= 2 && parsed.tune.size <= 256 && parsed.tune.steps >= 1, "tune sizes in range");
            require(withinCommonLimits(parsed.tune.common), "tune's common options in range");
            break;
        case Action::Map: {
            const MapOptions& m = parsed.map;
            require(m.kind == "basins" || m.kind == "params", "map kind basins or params");
            require(m.size >= 1 && m.size <= kMaxMapSide, "map --size in range");
            require(m.steps >= 0 && m.tolerance > 0 && !m.out.empty(), "map steps, tolerance and --out given");
            for (const auto& axis : {m.x, m.y})
                require(!axis || (axis->min < axis->max && (!axis->log || axis->min > 0)), "map axes ordered");
            require(withinCommonLimits(m.common), "map's common options in range");
            break;
        }
        case Action::Window:
            require(parsed.window.uiScale >= Presentation::kMinUiScale &&
                        parsed.window.uiScale <= Presentation::kMaxUiScale,
                    "window --ui-scale in range");
            break;
        case Action::Bench:
            break;
    }
    return 0;
}

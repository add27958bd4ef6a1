#include "commands/tune_command.h"

#include "commands/exit_status.h"
#include "optimizers/racer_labels.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>

namespace gradscape {
namespace {

std::string settingText(const OptimizerSettings& racer, const std::vector<std::string>& names) {
    std::string text;
    char value[48];
    for (const std::string& name : names) {
        std::snprintf(value, sizeof value, "%.4g", mappedParameter(racer, name));
        text += (text.empty() ? "" : ", ") + name + "=" + value;
    }
    return text;
}

std::string outcome(const MapCell& c) {
    char text[96];
    if (c.diverged)
        std::snprintf(text, sizeof text, "diverged at step %d", c.stepsRun + 1);
    else if (c.minimum >= 0)
        std::snprintf(text, sizeof text, "loss %.4g, there from step %d", c.finalLoss, c.steps);
    else
        std::snprintf(text, sizeof text, "loss %.4g, not there", c.finalLoss);
    return text;
}

int tuneRacers(const TuneOptions& options) {
    const auto landscape = landscapeFromOptions(options.landscape, options.expression, options.landscapeParameters);
    const std::vector<OptimizerSettings> racers =
        racersFromSpecs(options.optimizers, options.common, landscape->defaultStart());
    const std::vector<std::string> labels = racerLabels(racers);
    const int threads = options.threads > 0 ? options.threads
                                            : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    std::printf("tuned by %s after %d steps, from each racer's start (tolerance %g)\n",
                criterionName(options.criterion), options.steps, options.tolerance);
    std::printf("%-28s %-28s %-34s %-28s %s\n", "racer", "before", "before: outcome", "after", "after: outcome");
    for (size_t i = 0; i < racers.size(); ++i) {
        TuneRequest request;
        request.racer = racers[i];
        request.steps = options.steps;
        request.size = options.size;
        request.tolerance = options.tolerance;
        request.criterion = options.criterion;
        const TuneResult r = tune(*landscape, request, threads);
        std::printf("%-28s %-28s %-34s %-28s %s\n", labels[i].c_str(), settingText(racers[i], r.names).c_str(),
                    outcome(r.before).c_str(), settingText(r.tuned, r.names).c_str(), outcome(r.after).c_str());
    }
    return 0;
}

}  // namespace

int tuneCommand(const TuneOptions& options) {
    return exitStatusOf("gradscape tune", [&] { return tuneRacers(options); });
}

}  // namespace gradscape

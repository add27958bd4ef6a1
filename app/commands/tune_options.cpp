#include "commands/tune_options.h"

#include <CLI/CLI.hpp>

#include <memory>

namespace gradscape {

CommandCli addTuneCommand(CLI::App& app, TuneOptions& tune) {
    struct Typed {
        std::string criterion;
    };
    auto typed = std::make_shared<Typed>();
    CLI::App* tuneApp = app.add_subcommand(
        "tune",
        "each racer's best learning rate (and momentum, beta1 or alpha where it has one) within a step "
        "budget, from its start, by one criterion for all: a table of what was tuned, before and after");
    LandscapeSourceCli source(*tuneApp, tune.landscape, tune.expression, tune.landscapeParameters);
    source.addParameters();
    tuneApp->add_option("--optimizer", tune.optimizers, optimizerSpecHelp())->required();
    CommonOptimizerCli common(*tuneApp, tune.common);
    wholeNumberIn(tuneApp->add_option("--steps", tune.steps, "the step budget every setting runs"), 1, 1'000'000)
        ->capture_default_str();
    wholeNumberIn(tuneApp->add_option("--size", tune.size, "settings along each tuned axis, per pass (two passes)"),
                  2, 256)
        ->capture_default_str();
    numberIn(tuneApp->add_option("--tol", tune.tolerance, "distance to a known minimum that counts as reaching it"),
             1e-300, 1e6)
        ->capture_default_str();
    tuneApp->add_option("--criterion", typed->criterion, "loss (the lowest final loss) or steps (the fewest steps to --tol)")
        ->check(CLI::IsMember({"loss", "steps"}));
    wholeNumberIn(tuneApp->add_option("--threads", tune.threads, "threads (0: every core)"), 0, 256);

    CommandCli cli;
    cli.app = tuneApp;
    cli.read = [&tune, typed, source, common]() mutable {
        source.setAfterParse();
        if (typed->criterion == "steps") tune.criterion = TuneCriterion::Steps;
        common.setAfterParse();
    };
    cli.finish = [&tune, source]() mutable {
        refuseRacerCount(tune.optimizers);
        source.finish();
    };
    return cli;
}

}  // namespace gradscape

#include "commands/tune_options.h"

#include "commands/run_options.h"

#include <CLI/CLI.hpp>

#include <memory>

namespace gradscape {

CommandCli addTuneCommand(CLI::App& app, TuneOptions& tune) {
    struct Typed {
        std::string expression, criterion;
        std::vector<std::string> parameters;
    };
    auto typed = std::make_shared<Typed>();
    CLI::App* tuneApp = app.add_subcommand(
        "tune",
        "each racer's best learning rate (and momentum, beta1 or alpha where it has one) within a step "
        "budget, from its start, by one criterion for all: a table of what was tuned, before and after");
    auto* landscape = tuneApp->add_option("--landscape", tune.landscape, "one of: " + landscapeNameList())
                          ->group(kLandscapeSourceGroup);
    auto* formula = tuneApp->add_option("--expr", typed->expression, "a formula f(x,y)")->group(kLandscapeSourceGroup);
    tuneApp->add_option("--param", typed->parameters, "a landscape parameter NAME=VALUE, repeatable");
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
    cli.read = [&tune, typed, common, tuneApp, landscape, formula]() mutable {
        if (*tuneApp && (*landscape ? 1 : 0) + (*formula ? 1 : 0) != 1)
            throw CLI::RequiredError("Exactly 1 option from [--landscape,--expr]");
        if (*formula) tune.expression = typed->expression;
        if (typed->criterion == "steps") tune.criterion = TuneCriterion::Steps;
        common.setAfterParse();
    };
    cli.finish = [&tune, typed] {
        refuseRacerCount(tune.optimizers);
        tune.landscapeParameters = parseLandscapeParameters(typed->parameters);
    };
    return cli;
}

}  // namespace gradscape

#include "commands/run_options.h"

#include "race/solver.h"

#include <CLI/CLI.hpp>

#include <memory>

namespace gradscape {

CommandCli addRunCommand(CLI::App& app, RunOptions& run) {
    struct Typed {
        std::string expression;
        std::vector<std::string> parameters;
    };
    auto typed = std::make_shared<Typed>();
    CLI::App* runApp = app.add_subcommand(
        "run",
        "race optimizers on a landscape and print every iterate as CSV (optimizer,id,label,step,x,y,loss) or "
        "JSON");
    auto* landscape = runApp->add_option("--landscape", run.landscape, "one of: " + landscapeNameList())
                          ->group(kLandscapeSourceGroup);
    auto* formula =
        runApp
            ->add_option("--expr", typed->expression, "a formula f(x,y), such as \"(1-x)^2 + 100*(y-x^2)^2\"")
            ->group(kLandscapeSourceGroup);
    auto* scene =
        runApp
            ->add_option("--scene", run.scene,
                         "a scene file: its landscape, regularization and enabled optimizers with "
                         "their settings; the hyperparameter options below override every one of them")
            ->group(kLandscapeSourceGroup);
    auto* optimizers =
        runApp->add_option("--optimizer", run.optimizers, optimizerSpecHelp())->excludes(scene);
    runApp
        ->add_option("--param", typed->parameters,
                     "a landscape parameter NAME=VALUE, repeatable (--param kappa=20)")
        ->excludes(scene);
    CommonOptimizerCli common(*runApp, run.common);
    runApp->add_option("--l2", run.regularization.l2, "L2 regularization lambda2 |w|^2")->excludes(scene);
    runApp->add_option("--l1", run.regularization.l1, "L1 regularization lambda1 |w|_1")->excludes(scene);
    auto* steps = runApp->add_option("--steps", run.steps,
                                     "steps each optimizer takes (with --scene: the scene's own, if any, "
                                     "unless this is given)");
    wholeNumberIn(steps, 0, kMaxStepsLimit)->capture_default_str();
    runApp->add_option("--format", run.format, "csv or json")
        ->check(CLI::IsMember({"csv", "json"}))
        ->capture_default_str();
    runApp->add_option("--out", run.out, "write here instead of standard output");

    CommandCli cli;
    cli.app = runApp;
    cli.read = [&run, typed, common, runApp, landscape, formula, scene, optimizers, steps]() mutable {
        if (*runApp && (*landscape ? 1 : 0) + (*formula ? 1 : 0) + (*scene ? 1 : 0) != 1)
            throw CLI::RequiredError("Exactly 1 option from [--landscape,--expr,--scene]");
        if (*runApp && run.scene.empty() && !*optimizers) throw CLI::RequiredError("--optimizer");
        run.stepsGiven = steps->count() > 0;
        // An --expr given empty is a formula still: the formula parser says what is wrong with it.
        if (*formula) run.expression = typed->expression;
        common.setAfterParse();
    };
    cli.finish = [&run, typed] {
        refuseRacerCount(run.optimizers);
        run.landscapeParameters = parseLandscapeParameters(typed->parameters);
    };
    return cli;
}

}  // namespace gradscape

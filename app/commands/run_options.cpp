#include "commands/run_options.h"

#include "race/solver.h"

#include <CLI/CLI.hpp>

#include <memory>

namespace gradscape {

CommandCli addRunCommand(CLI::App& app, RunOptions& run) {
    CLI::App* runApp = app.add_subcommand(
        "run",
        "race optimizers on a landscape and print every iterate as CSV (optimizer,id,label,step,x,y,loss) or "
        "JSON; on a network (--problem), every step's loss as CSV (id,optimizer,step,loss)");
    LandscapeSourceCli source(*runApp, run.landscape, run.expression, run.landscapeParameters);
    auto* scene = source.addAlternative(
        runApp->add_option("--scene", run.scene,
                           "a scene file: its landscape, regularization and enabled optimizers with "
                           "their settings; the hyperparameter options below override every one of them"));
    auto* optimizers =
        runApp->add_option("--optimizer", run.optimizers, optimizerSpecHelp())->excludes(scene);
    source.addParameters()->excludes(scene);
    CommonOptimizerCli common(*runApp, run.common);
    ProblemCli problem(*runApp, run.problem, source);
    runApp->add_option("--l2", run.regularization.l2, "L2 regularization lambda2 |w|^2")->excludes(scene);
    runApp->add_option("--l1", run.regularization.l1, "L1 regularization lambda1 |w|_1")->excludes(scene);
    auto* steps = runApp->add_option("--steps", run.steps,
                                     "steps each optimizer takes (with --scene: the scene's own, if any, "
                                     "unless this is given)");
    wholeNumberIn(steps, 0, kMaxStepsLimit)->capture_default_str();
    runApp->add_option("--format", run.format,
                       "csv or json (on a network, json with --plane: each path on the plane, as the window "
                       "exports it)")
        ->check(CLI::IsMember({"csv", "json"}))
        ->capture_default_str();
    runApp->add_option("--out", run.out, "write here instead of standard output");

    CommandCli cli;
    cli.app = runApp;
    cli.read = [&run, source, common, problem, runApp, optimizers, steps]() mutable {
        source.setAfterParse();
        run.stepsGiven = steps->count() > 0;
        common.setAfterParse();
        problem.setAfterParse(run.common);
        // A network problem may only be exported, with no racer.
        if (*runApp && run.scene.empty() && !*optimizers && run.problem.exportProblem.empty())
            throw CLI::RequiredError("--optimizer");
    };
    cli.finish = [&run, source]() mutable {
        refuseRacerCount(run.optimizers);
        source.finish();
    };
    return cli;
}

}  // namespace gradscape

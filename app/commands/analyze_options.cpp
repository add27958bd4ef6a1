#include "commands/analyze_options.h"

#include "commands/run_options.h"

#include <CLI/CLI.hpp>

#include <memory>

namespace gradscape {

CommandCli addAnalyzeCommand(CLI::App& app, AnalyzeOptions& analyze) {
    struct Typed {
        std::string at, expression;
        std::vector<std::string> parameters;
    };
    auto typed = std::make_shared<Typed>();
    CLI::App* analyzeApp = app.add_subcommand(
        "analyze",
        "the curvature at a point (value, gradient, Hessian, eigenvalues, kappa) and, per racer, the largest "
        "stable learning rate and the predicted contraction per step, as a table or one JSON object");
    auto* landscape =
        analyzeApp->add_option("--landscape", analyze.landscape, "one of: " + landscapeNameList())
            ->group(kLandscapeSourceGroup);
    auto* formula =
        analyzeApp->add_option("--expr", typed->expression, "a formula f(x,y)")->group(kLandscapeSourceGroup);
    analyzeApp->add_option("--param", typed->parameters, "a landscape parameter NAME=VALUE, repeatable");
    analyzeApp->add_option("--l2", analyze.regularization.l2, "L2 regularization lambda2 |w|^2");
    analyzeApp->add_option("--l1", analyze.regularization.l1, "L1 regularization lambda1 |w|_1");
    analyzeApp->add_option("--optimizer", analyze.optimizers, optimizerSpecHelp());
    CommonOptimizerCli common(*analyzeApp, analyze.common, false);  // the point is --at
    analyzeApp->add_option("--at", typed->at, "the point X,Y to analyze")->required();
    analyzeApp->add_option("--format", analyze.format, "text (a table) or json (one object)")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();

    CommandCli cli;
    cli.app = analyzeApp;
    cli.read = [&analyze, typed, common, analyzeApp, landscape, formula]() mutable {
        if (*analyzeApp && (*landscape ? 1 : 0) + (*formula ? 1 : 0) != 1)
            throw CLI::RequiredError("Exactly 1 option from [--landscape,--expr]");
        if (*formula) analyze.expression = typed->expression;
        common.setAfterParse();
        if (*analyzeApp) analyze.at = parsePoint(typed->at, "--at");
    };
    cli.finish = [&analyze, typed] {
        refuseRacerCount(analyze.optimizers);
        analyze.landscapeParameters = parseLandscapeParameters(typed->parameters);
    };
    return cli;
}

}  // namespace gradscape

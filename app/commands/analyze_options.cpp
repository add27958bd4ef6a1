#include "commands/analyze_options.h"

#include <CLI/CLI.hpp>

#include <memory>

namespace gradscape {

CommandCli addAnalyzeCommand(CLI::App& app, AnalyzeOptions& analyze) {
    struct Typed {
        std::string at;
    };
    auto typed = std::make_shared<Typed>();
    CLI::App* analyzeApp = app.add_subcommand(
        "analyze",
        "the curvature at a point (value, gradient, Hessian, eigenvalues, kappa) and, per racer, the largest "
        "stable learning rate and the predicted contraction per step, as a table or one JSON object");
    LandscapeSourceCli source(*analyzeApp, analyze.landscape, analyze.expression,
                              analyze.landscapeParameters);
    source.addParameters();
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
    cli.read = [&analyze, typed, source, common, analyzeApp]() mutable {
        source.setAfterParse();
        common.setAfterParse();
        if (*analyzeApp) analyze.at = parsePoint(typed->at, "--at");
    };
    cli.finish = [&analyze, source]() mutable {
        refuseRacerCount(analyze.optimizers);
        source.finish();
    };
    return cli;
}

}  // namespace gradscape

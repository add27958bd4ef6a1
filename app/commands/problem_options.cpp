#include "commands/problem_options.h"

#include <CLI/CLI.hpp>

#include <stdexcept>

namespace gradscape {

struct ProblemCli::Parts {
    std::string problem, activation, data, loss, plane;
    std::uint64_t planeSeed = 1;
    CLI::Option* planeSeedOption = nullptr;
    std::vector<CLI::Option*> specOptions;     ///< Meaningful with --problem mlp only.
    std::vector<CLI::Option*> networkOptions;  ///< With --problem mlp or --problem-file.
    std::vector<CLI::Option*> added;           ///< Every option, in the order added.
};

ProblemCli::ProblemCli(CLI::App& app, ProblemOptions& options, LandscapeSourceCli& source, ProblemCommand command)
    : options_(options), parts_(std::make_shared<Parts>()) {
    Parts& p = *parts_;
    const bool run = command == ProblemCommand::Run;
    source.addAlternative(app.add_option("--problem", p.problem,
                                         "race on a small real network instead of a landscape: mlp (with "
                                         "--layers, --activation, --data, --samples, --loss)")
                              ->check(CLI::IsMember({"mlp"})));
    source.addAlternative(
        app.add_option("--problem-file", options.problemFile,
                       "race on the network problem in this file (as run --export-problem writes it: layers, "
                       "activation, loss, inputs, targets, weights)"));
    const ProblemSpec defaults;
    p.specOptions.push_back(app.add_option("--layers", options.spec.layers,
                                           "the network's layer sizes, inputs first, one output last "
                                           "(default 2,16,16,1)")
                                ->delimiter(','));
    p.specOptions.push_back(app.add_option("--activation", p.activation,
                                           "between layers: " + nameList(kActivationNames, " or ") + " (default tanh)")
                                ->check(CLI::IsMember(namesOf(kActivationNames))));
    p.specOptions.push_back(app.add_option("--data", p.data,
                                           "the data set, made from --seed: " + nameList(kDatasetKindNames, " or ") +
                                               " (default moons)")
                                ->check(CLI::IsMember(namesOf(kDatasetKindNames))));
    p.specOptions.push_back(app.add_option("--samples", options.spec.data.samples, "samples in the data set")
                                ->capture_default_str());
    p.specOptions.push_back(app.add_option("--data-noise", options.spec.data.noise, "the data set's noise (standard deviation)")
                                ->capture_default_str());
    p.specOptions.push_back(
        app.add_option("--features", options.spec.data.features, "inputs of the linear data set")->capture_default_str());
    p.specOptions.push_back(app.add_option("--loss", p.loss,
                                           "mse (mean squared error) or bce (binary cross-entropy on logits; "
                                           "default for the classification sets)")
                                ->check(CLI::IsMember(namesOf(kLossNames))));
    p.specOptions.push_back(
        app.add_flag(run ? "--linear-probe,--probe" : "--linear-probe", options.spec.probe,
                     std::string("a linear probe: only the last layer trains, the others stay at their initial "
                                 "weights") +
                         (run ? "" : " (--probe is the curvature overlay's point)")));
    if (run) {
        p.networkOptions.push_back(app.add_flag("--linearize", options.spec.linearized,
                                                "train the network's linearization at its initial weights, "
                                                "f(w0) + J(w0)(w - w0) (lazy training), instead of the network"));
        p.networkOptions.push_back(app.add_option("--sharpness-every", options.sharpnessEvery,
                                                  "every this many steps, the sharpness (the Hessian's largest "
                                                  "eigenvalue, by Lanczos) in a column of its own; compare with "
                                                  "2/lr")
                                       ->check(CLI::Range(1, 1'000'000)));
        app.add_option("--export-problem", options.exportProblem,
                       "write the network problem (data and initial weights) to this JSON file, for another "
                       "framework to reproduce it exactly");
    }
    app.add_option("--plane", p.plane,
                   std::string(run ? "also print each iterate's coordinates x,y on a plane through the weights, its "
                                     "distance from the plane and the plane's loss under it"
                                   : "the plane through the weights the network's loss is drawn on (default "
                                     "random)") +
                       ": random (filter-normalized random directions through the first racer's final weights), "
                       "pca (the paths' top two principal directions) or points (the start and the first two "
                       "racers' ends)")
        ->check(CLI::IsMember(namesOf(kPlaneKindNames)));
    p.planeSeedOption = app.add_option("--plane-seed", p.planeSeed, "the seed of the random plane's directions")
                            ->capture_default_str();
    for (const char* name : {"--problem", "--problem-file", "--layers", "--activation", "--data", "--samples",
                             "--data-noise", "--features", "--loss", "--linear-probe", "--linearize",
                             "--sharpness-every", "--export-problem", "--plane", "--plane-seed"})
        if (CLI::Option* option = app.get_option_no_throw(name)) p.added.push_back(option);
}

const std::vector<CLI::Option*>& ProblemCli::added() const {
    return parts_->added;
}

void ProblemCli::setAfterParse(const CommonOptimizerOptions& common) {
    Parts& p = *parts_;
    options_.mlp = p.problem == "mlp";
    if (!options_.mlp)
        for (CLI::Option* option : p.specOptions)
            if (option->count() > 0)
                throw CLI::ValidationError(option->get_name(), "describes a network: give --problem mlp");
    if (!options_.given())
        for (CLI::Option* option : p.networkOptions)
            if (option->count() > 0)
                throw CLI::ValidationError(option->get_name(),
                                           "describes a network race: give --problem mlp or --problem-file");
    if (!options_.mlp && !options_.exportProblem.empty() && options_.problemFile.empty())
        throw CLI::ValidationError("--export-problem", "writes a network problem: give --problem mlp");
    if (!p.plane.empty()) {
        if (!options_.given()) throw CLI::ValidationError("--plane", "slices a network problem: give --problem mlp");
        options_.plane = PlaneSettings{*valueNamed(kPlaneKindNames, p.plane), p.planeSeed};
    } else if (p.planeSeedOption->count() > 0) {
        throw CLI::ValidationError("--plane-seed", "seeds the random plane: give --plane random");
    }
    ProblemSpec& spec = options_.spec;
    if (!p.activation.empty()) spec.activation = *valueNamed(kActivationNames, p.activation);
    if (!p.data.empty()) spec.data.kind = *valueNamed(kDatasetKindNames, p.data);
    spec.loss = p.loss.empty() ? (isClassification(spec.data.kind) ? Loss::Bce : Loss::Mse)
                               : *valueNamed(kLossNames, p.loss);
    spec.seed = spec.data.seed = common.seed.value_or(0);
}

std::shared_ptr<const NetworkProblem> problemFromOptions(const ProblemOptions& options) {
    if (!options.problemFile.empty()) return loadProblemFile(options.problemFile, options.spec.probe);
    std::vector<std::string> why = validate(options.spec);
    if (!why.empty()) {
        // The spec's field names as the options spell them.
        std::string sentence = why.front();
        for (auto [field, option] : {std::pair{"data.samples", "--samples"}, {"data.noise", "--data-noise"},
                                     {"data.features", "--features"}, {"layers", "--layers"},
                                     {"loss", "--loss"}, {"probe", "--linear-probe"},
                                     {"linearized", "--linearize"}})
            if (sentence.rfind(field, 0) == 0) sentence = option + sentence.substr(std::string(field).size());
        throw std::invalid_argument(sentence);
    }
    return makeProblem(options.spec);
}

}  // namespace gradscape

#pragma once
// A network problem as a few settings (what a scene or the command line holds), checked and built; and a
// problem as a JSON file holding its data and weights in full, so that another framework (torch, in
// tools/) rebuilds exactly the problem gradscape trains:
//
//   {"layers": [2, 16, 16, 1], "activation": "tanh" | "relu" | "gelu", "loss": "mse" | "bce",
//    "inputs": [[x_1, x_2], ...] (one list per sample), "targets": [t, ...] (one number per sample),
//    "weights": [{"W": [[...], ...] (out x in, one list per row), "b": [...]}, ...] (one per layer)}
//
// The model is W x + b per layer, the activation between layers and none after the last; the loss is
// the mean over the samples (mse without a 1/2, bce on logits). Every number is written with 17
// significant digits, so reading a file gives back every double bit for bit.

#include "networks/dataset.h"
#include "networks/linearized_problem.h"
#include "networks/mlp.h"
#include "networks/network_problem.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gradscape {

/// The settings a network problem is made from.
struct ProblemSpec {
    std::vector<int> layers = {2, 16, 16, 1};  ///< Sizes, inputs first; the last is 1 (one output).
    Activation activation = Activation::Tanh;
    Loss loss = Loss::Bce;
    DatasetSpec data;
    bool probe = false;      ///< Train the last layer only (a linear probe).
    std::uint64_t seed = 0;  ///< Of the initial weights (the data have their own, data.seed).
    /// Train the network's linearization at its initial weights, f(w0) + J(w0)(w - w0), instead of the
    /// network (linearized_problem.h). Not with probe. Like probe, a choice of what trains: a problem file
    /// holds the network alone.
    bool linearized = false;

    bool operator==(const ProblemSpec&) const = default;
};

/// What is wrong with `spec`, one sentence per field, each naming the field and its allowed range
/// ("data.samples must be in [1, 100000], got 0"); empty when it can be built.
std::vector<std::string> validate(const ProblemSpec& spec);

/// The network `spec` describes: its data set made, its weights drawn (initialWeights with spec.seed).
/// Always the network itself, spec.linearized or not (what a problem file holds); makeTrainedProblem
/// gives what trains. Throws std::invalid_argument with validate's sentences.
std::shared_ptr<const NetworkProblem> makeProblem(const ProblemSpec& spec);

/// What a racer trains on: `network` itself, or with spec.linearized its LinearizedNetworkProblem at its
/// initial parameters (only spec.linearized is read, so a network read from a file serves too). Throws
/// std::invalid_argument when `network` is a linear probe and spec.linearized is set.
std::shared_ptr<const Problem> trainedProblem(const ProblemSpec& spec, std::shared_ptr<const NetworkProblem> network);
/// trainedProblem(spec, makeProblem(spec)).
std::shared_ptr<const Problem> makeTrainedProblem(const ProblemSpec& spec);

/// A problem file that cannot be read; what() is "WHERE: WHAT", WHERE a JSON pointer ("/weights/1/W/0/3")
/// or the file's path.
class ProblemFileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The problem as a file's text, its weights the network's at the trained parameters `parameters` (a
/// probe's frozen layers written as they are: the file describes the whole model). Throws
/// std::invalid_argument when a parameter is not finite or `parameters` has the wrong size.
std::string problemToJson(const NetworkProblem& problem, const Eigen::VectorXd& parameters);
/// The problem at its initial parameters.
std::string problemToJson(const NetworkProblem& problem);

/// The problem a file's text describes, with the file's own data and weights (nothing regenerated); its
/// initial parameters are the file's weights. With `linearProbe`, only its last layer trains. Every key
/// is checked against the format and the limits of input_limits.h. Throws ProblemFileError, never
/// anything else, whatever the text.
std::shared_ptr<const NetworkProblem> problemFromJson(std::string_view text, bool linearProbe = false);
/// The same from parsed JSON (a scene file's part, say); named apart, as a std::string converts to both.
std::shared_ptr<const NetworkProblem> problemFromJsonValue(const nlohmann::json& file, bool linearProbe = false);

/// Writes problemToJson to `path` (replaced whole or left as it was, support/atomic_file.h). Throws
/// FileError or std::invalid_argument.
void saveProblemFile(const std::string& path, const NetworkProblem& problem, const Eigen::VectorXd& parameters);
/// Reads the problem file at `path`. Throws ProblemFileError ("PATH: WHERE: WHAT").
std::shared_ptr<const NetworkProblem> loadProblemFile(const std::string& path, bool linearProbe = false);

}  // namespace gradscape

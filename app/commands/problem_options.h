#pragma once
// The network problem `gradscape run` and `gradscape render` race on instead of a 2D landscape (issue 15):
// --problem mlp with its layers, activation, data set and loss, or --problem-file with a problem written by
// --export-problem, and the plane it is drawn on (no GL, like every *_options.h).

#include "commands/command_cli.h"
#include "commands/race_options.h"
#include "networks/problem_spec.h"
#include "view/loss_plane.h"

#include <optional>

#include <string>

namespace gradscape {

struct ProblemOptions {
    bool mlp = false;           ///< --problem mlp was given.
    ProblemSpec spec;           ///< --layers, --activation, --data, --samples, --noise, --features, --loss,
                                ///< --linear-probe, --linearize; the seed of its data and weights is --seed's
                                ///< (0 unless given).
    int sharpnessEvery = 0;     ///< --sharpness-every: lambda_max of the Hessian every this many steps; 0: never.
    std::string problemFile;    ///< --problem-file: a problem written by --export-problem.
    std::string exportProblem;  ///< --export-problem: write the problem here as it starts.
    /// --plane (with --plane-seed): print each iterate's coordinates on this plane, with its distance from
    /// it and the plane's loss under it.
    std::optional<PlaneSettings> plane;

    /// Whether the race is on a network problem.
    bool given() const { return mlp || !problemFile.empty(); }
};

/// Which command the options are added to: `run` takes them all; `render` draws what the window races, so
/// it takes the network and its plane but not --linearize, --sharpness-every or --export-problem, and its
/// --probe stays the curvature overlay's point (the linear probe is --linear-probe on both; run also
/// reads --probe, its name of old).
enum class ProblemCommand { Run, Render };

/// Adds the options to `app`; --problem and --problem-file become alternatives to `source`'s landscape.
class ProblemCli {
  public:
    ProblemCli(CLI::App& app, ProblemOptions& options, LandscapeSourceCli& source,
               ProblemCommand command = ProblemCommand::Run);
    /// Every option added, for a command to declare what excludes them (render's --scene).
    const std::vector<CLI::Option*>& added() const;
    /// After parsing: the seed from the common options (--seed), and the spec's options refused without
    /// --problem mlp. Throws CLI errors.
    void setAfterParse(const CommonOptimizerOptions& common);

  private:
    ProblemOptions& options_;
    struct Parts;
    std::shared_ptr<Parts> parts_;
};

/// The network the options describe (made, or read from --problem-file); throws std::invalid_argument
/// with validate's sentences named by option, or ProblemFileError. With --linearize, still the network:
/// trainedProblem(options.spec, network) gives what trains.
std::shared_ptr<const NetworkProblem> problemFromOptions(const ProblemOptions& options);

}  // namespace gradscape

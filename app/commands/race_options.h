#pragma once
// The command-line options that describe a race, shared by `run`, `render`, `analyze`, `map`, `tune` and
// the window: the racers as specs (--optimizer KIND[:KEY=VALUE,...], see optimizer_spec.h), the options
// that set one setting for every racer (--lr, --schedule, --look-ahead, ...), and the options that choose
// the landscape (--landscape NAME, --expr F, --param NAME=VALUE).

#include "commands/command_cli.h"
#include "landscapes/landscape.h"
#include "landscapes/regularization.h"
#include "optimizers/optimizer.h"
#include "support/echo.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gradscape {

/// What the options meant for every racer set; each racer's own spec keys override them.
struct CommonOptimizerOptions {
    std::map<std::string, double> values;  ///< Given real hyperparameters by spec name ("lr", "momentum").
    std::optional<int> batchSize, memory;
    std::optional<std::uint64_t> seed;
    std::optional<std::string> schedule;
    bool lineSearch = false, lookAhead = false, noBiasCorrection = false, epsilonInsideSqrt = false;
    std::optional<Vec2> start;

    /// Sets every given option on `settings`, whether its kind reads it or not. Throws
    /// std::invalid_argument naming the option ("--lr: learning rate must be in (0, 1000], got -1").
    void applyTo(OptimizerSettings& settings) const;
    /// Checks every given value without a racer, so a bad global option is named before any spec.
    void check() const;
};

/// The racers the --optimizer specs name, in order, each starting at `start` (or --start), with the
/// common options and then its own keys applied. Throws std::invalid_argument as one line.
std::vector<OptimizerSettings> racersFromSpecs(const std::vector<std::string>& specs,
                                               const CommonOptimizerOptions& common, const Vec2& start);

/// "NAME=VALUE" texts (--param) as landscape parameter values. Throws std::invalid_argument naming the
/// text when it is not NAME=NUMBER or names a parameter twice.
std::map<std::string, double> parseLandscapeParameters(const std::vector<std::string>& texts);

/// The help heading of the options that say where the loss comes from, exactly one of them (`run`,
/// `analyze`, `map` and `tune`). A heading, not a CLI11 option group: an empty argument and another after
/// it sent CLI11 2.1's option groups into an endless loop (found by the fuzzer).
inline constexpr const char* kLandscapeSourceGroup = "landscape (exactly one)";

/// How a command words and groups the options that choose its landscape.
struct LandscapeSourceHelp {
    std::string landscape = "one of: ";  ///< --landscape's help, before the names of the landscapes.
    /// --expr's help; empty: the command has no --expr.
    std::string formula = "a formula f(x,y), such as \"(1-x)^2 + 100*(y-x^2)^2\"";
    /// --landscape and --expr (and any addAlternative) under kLandscapeSourceGroup, exactly one of them
    /// required when the command is given; otherwise none is, and they are listed with the other options.
    bool exactlyOne = true;
};

/// The options that choose a command's landscape, --landscape NAME, --expr F and --param NAME=VALUE,
/// filling its name, formula and parameters; `setAfterParse` and `finish` must be called after parsing.
class LandscapeSourceCli {
  public:
    /// Adds --landscape (into `name`) and, unless `help.formula` is empty, --expr to `app`.
    LandscapeSourceCli(CLI::App& app, std::string& name, std::optional<std::string>& expression,
                       std::map<std::string, double>& parameters, const LandscapeSourceHelp& help = {});
    /// Adds --param to the app: called by each command where its help lists --param.
    CLI::Option* addParameters();
    /// Another option that says where the loss comes from (run's --scene): under the same heading, and
    /// counted in the exactly-one check. Returns the option.
    CLI::Option* addAlternative(CLI::Option* option);
    CLI::Option* landscapeOption() const;
    CLI::Option* formulaOption() const;  ///< Null when the command has no --expr.
    /// Whether --landscape, --expr or --param was given.
    bool given() const;
    /// Refuses (CLI::RequiredError) a given command without exactly one source when that is asked for,
    /// then copies --expr into the formula when it was given: an --expr given empty is a formula still,
    /// and the formula parser says what is wrong with it.
    void setAfterParse();
    /// The --param texts as the parameters (parseLandscapeParameters: throws std::invalid_argument).
    void finish();

  private:
    struct Parts;
    std::shared_ptr<Parts> parts_;
};

/// The options below, added to a (sub)command; `setAfterParse` must be called after parsing.
class CommonOptimizerCli {
  public:
    /// Adds --lr and every other hyperparameter, --batch-size, --memory, --seed, --schedule, the switches
    /// and (with `withStart`) --start to `app`.
    CommonOptimizerCli(CLI::App& app, CommonOptimizerOptions& options, bool withStart = true);
    /// Copies what was given into the options (what was not given stays unset). Throws CLI errors.
    void setAfterParse();

  private:
    CommonOptimizerOptions& options_;
    struct Parts;
    std::shared_ptr<Parts> parts_;
};

/// The message with every value of `values` longer than limits::kMaxEchoedCharacters cut where it appears
/// (for messages of code that quotes a user's value whole).
std::string withValuesCut(std::string message, const std::vector<std::string>& values);

/// Makes `option` accept only a whole number written as digits alone, in [lowest, highest], compared as
/// text before any conversion (so 1.5 is not truncated and 99999999999999999999 does not saturate):
/// "--steps: must be a whole number in [0, 1000000], got '1.5'". Returns the option.
CLI::Option* wholeNumberIn(CLI::Option* option, std::uint64_t lowest, std::uint64_t highest);
/// Makes `option` accept only a finite number in [lowest, highest] ("--fps: must be a number in
/// [1, 120], got 'nan'"). Returns the option.
CLI::Option* numberIn(CLI::Option* option, double lowest, double highest);

/// Throws std::invalid_argument ("--out: cannot write out: it is a folder") unless AtomicFile can replace
/// the file at `path`: a folder, a device or a missing folder is refused before a command does its work.
/// The check makes AtomicFile's temporary beside the path and removes it again; nothing else changes.
void requireWritable(const std::string& option, const std::string& path);

/// The whole of `text` as a finite number; nothing for "", "1.5x", "nan", "inf" or "1e999".
std::optional<double> finiteNumber(const std::string& text);

/// "X,Y" as a point; throws CLI::ValidationError naming `option` unless both are finite numbers.
Vec2 parsePoint(const std::string& text, const std::string& option);

/// The landscape a command's --landscape / --expr, --param, --l1 and --l2 options name, chosen by
/// landscapeFor (scene.h): the formula whenever --expr was given, even empty (the formula parser then
/// says what is wrong with it), then the regularization. Throws std::invalid_argument as one line
/// ("--expr: ...", "--param: a typed formula has no parameters", an unknown name or value, a
/// regularization out of range).
std::shared_ptr<const Landscape> landscapeFromOptions(const std::string& name,
                                                      const std::optional<std::string>& expression,
                                                      const std::map<std::string, double>& parameters,
                                                      const Regularization& regularization = {});

/// The help text of --optimizer: the spec syntax, its keys and the kinds.
std::string optimizerSpecHelp();

/// The named landscapes as --landscape's help lists them: "rosenbrock, quadratic, ...".
std::string landscapeNameList();

/// Throws std::invalid_argument naming the limit when `specs` (the --optimizer values) ask for more than
/// limits::kMaxRacers racers: more than the limit is not a typing mistake.
void refuseRacerCount(const std::vector<std::string>& specs);

}  // namespace gradscape

#pragma once
// One racer's settings as a script writes them: "KIND[:KEY=VALUE,...]", such as
// "adam:lr=0.05,weight-decay=0.3,colour=#cc79a7,start=-1.2;1". What the command line's --optimizer reads.
//
// Keys (a later key overrides an earlier one):
//   lr, momentum, dampening, alpha, beta1, beta2, eps, weight-decay, noise, damping
//                                   a real hyperparameter (hyperparameterSpecs()), within its range
//   bias-correction, eps-inside-sqrt, look-ahead, line-search, ema-form (momentum: dampening = momentum)
//                                   a switch: on/off, true/false, yes/no or 1/0; the bare key means on
//   schedule=SPEC                   as --schedule: constant, step:N:GAMMA, exp:GAMMA, inv:DECAY,
//                                   cosine:T_MAX[:ETA_MIN], warmup:N
//   seed=N, batch-size=N, memory=N  whole numbers (SGD and random search; SGD; L-BFGS)
//   start=X;Y                       the racer's own start point, so it no longer follows the shared start;
//                                   ";" since "," separates keys (quote the spec in a shell)
//   follow=on|off                   moves with the race's shared start (on unless start= is given)
//   colour=#rrggbb (or color)       the path's colour
//   label=TEXT                      the legend's name (no commas)
//   enabled=on|off, id=N            as in a scene file
//   linearized=on|off               on a network problem, trains the network linearized at its start
// Only the settings a kind reads may be given for it ("gd:beta1=0.5" is refused, naming gd's keys).

#include "optimizers/optimizer.h"

#include <functional>
#include <string>
#include <vector>

namespace gradscape {

/// The keys a racer of this kind accepts, in the order the help lists them.
std::vector<std::string> optimizerSpecKeys(const OptimizerInfo& info);

/// Applies one KEY=VALUE (hasValue false for a bare switch) to `settings`. Throws std::invalid_argument
/// "KEY: why" naming the allowed range or values, and leaves `settings` as it was. With `strict`, a key
/// the kind does not read is refused; without it (global options meant for every racer) it is set anyway.
void applyOptimizerSetting(OptimizerSettings& settings, const std::string& key, const std::string& value,
                           bool hasValue = true, bool strict = true);

/// The settings of one racer from its spec: the kind's catalog defaults starting at (and following) `start`,
/// then
/// `common` (what global options set for every racer), then the spec's own keys in order. Throws
/// std::invalid_argument naming the key and the allowed range or values.
OptimizerSettings parseOptimizerSpec(const std::string& spec, const Vec2& start,
                                     const std::function<void(OptimizerSettings&)>& common = {});

/// Every racer that the --optimizer texts name, in order, with ids 1, 2, ... (or their own id=N). A text
/// without ':' may list several kinds ("gd,adam"); a text with ':' is one racer. Throws
/// std::invalid_argument as one line naming the racer ("--optimizer 'adam:lr=-1' (racer 2)"), the key
/// and what is allowed.
std::vector<OptimizerSettings> parseOptimizerSpecs(const std::vector<std::string>& texts, const Vec2& start,
                                                   const std::function<void(OptimizerSettings&)>& common = {});

/// "#rrggbb" (or "rrggbb") as 0xRRGGBB; throws std::invalid_argument otherwise.
std::uint32_t parseColour(const std::string& text);

/// 0xRRGGBB as "#rrggbb".
std::string colourText(std::uint32_t colour);

}  // namespace gradscape

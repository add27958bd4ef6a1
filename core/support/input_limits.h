#pragma once
// The limits on what a user can ask for, in one place. Each is refused where it is typed (the formula
// box, a scene file, a command-line option), with a message that names the limit; nothing past one
// reaches the solver, the renderer or the disk. They are far above anything a class needs, and low
// enough that the machine in front of the class never runs out of memory or time.
//
// Limits that belong to one setting are declared beside it and listed here for the reader:
//   kMaxFormulaLength (formula_landscape.h), kMaxBatchSize and kMaxMemory (hyperparameters.h),
//   kMaxRegularization (regularization.h), kMaxStepsPerSecond and kMaxStepsLimit (solver.h),
//   kMaxScheduleSteps (schedule.h), kMaxLessonPrompts (scene_file.h),
//   kMaxViewCoordinate and kMinViewWidthRatio (view_box_check.h), camera ranges (camera.h),
//   kMaxVideoFrames and kMaxVideoFps (app/export/video_export.h). README's "Limits" lists them all.

#include <cstddef>

namespace gradscape::limits {

/// Characters in a derivative's text after simplification; past this a formula is refused as too
/// complex to differentiate (muparser itself gives up near 20,000).
inline constexpr std::size_t kMaxDerivativeCharacters = 8000;
/// Largest magnitude of a number literal's decimal exponent and of an exact integer power in a
/// formula: past this, exact arithmetic would need gigabytes (1e-3086666666, 9^9999999).
inline constexpr int kMaxFormulaExponent = 1000;

/// Nesting depth of a scene file's JSON (objects and arrays inside one another).
inline constexpr int kMaxJsonDepth = 32;
/// Bytes in a scene file.
inline constexpr std::size_t kMaxSceneFileBytes = 4u << 20;
/// Parameters of one landscape in a scene.
inline constexpr std::size_t kMaxLandscapeParameters = 64;

/// Racers in one race (the window, a scene, a script).
inline constexpr std::size_t kMaxRacers = 64;
/// Iterates kept over all racers of one run (racers x steps); about 24 bytes each in memory.
inline constexpr std::size_t kMaxStoredIterates = 20'000'000;

/// A network problem (core/networks/problem_spec.h): linear layers of an MLP, units in one layer (inputs
/// and outputs included), samples of its data set, and its parameters. kMaxNetworkActivations bounds
/// samples x (the sum of every layer's units), the size of one pass's buffers (a Hessian-vector product
/// keeps about ten of that many doubles: 320 MB at the limit). A 2-32-32-1 network on 256 samples uses 1185 parameters
/// and 17,000 activations.
inline constexpr int kMaxNetworkLayers = 8;
inline constexpr int kMaxLayerWidth = 1024;
inline constexpr int kMaxSamples = 100'000;
inline constexpr long long kMaxNetworkParameters = 1'000'000;
inline constexpr long long kMaxNetworkActivations = 4'000'000;
/// Parameters Newton's method and BFGS take on a Problem: Newton builds and factors the n x n Hessian
/// every step (from n Hessian-vector products; 32 MiB and about 2048 of them at the limit), BFGS keeps an
/// n x n inverse Hessian estimate (128 MiB at the limit). Past these they refuse, pointing to lbfgs.
inline constexpr int kMaxNewtonParameters = 2048;
inline constexpr int kMaxBfgsParameters = 4096;
/// Standard deviation of a generated data set's noise.
inline constexpr double kMaxDatasetNoise = 10;
/// Bytes in a problem file (its data and weights, written with 17 digits: about 25 bytes a number).
inline constexpr std::size_t kMaxProblemFileBytes = 256u << 20;

/// Width or height of a rendered picture or video, in pixels.
inline constexpr int kMaxImageSide = 8192;
/// Points a side of a loss grid written as CSV (render --grid-csv): 1024 x 1024 rows of about 60 bytes.
inline constexpr int kMaxGridCsvSide = 1024;

/// Characters in one text the user names things with: a racer's label, a lesson's title, explanation,
/// formula or prompt. Far above any lesson's (the longest explanation is about 500); low enough that the
/// window lays every one out each frame without a stutter. Scene files call it kMaxSceneTextCharacters.
inline constexpr std::size_t kMaxTextCharacters = 4000;

/// Characters of a user's value echoed back in a message; longer values are cut with an ellipsis.
inline constexpr std::size_t kMaxEchoedCharacters = 80;

}  // namespace gradscape::limits

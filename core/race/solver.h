#pragma once
// The solver thread: steps every optimizer of a race, driven by commands, publishing snapshots.
//
// UI -> solver: commands go into a queue that the solver swaps out under a short lock and applies
// unlocked; repeated changes to the same start point or hyperparameters collapse into the latest.
// Solver -> UI: after each batch of work an immutable Snapshot is published with a generation number;
// readers take the pointer once and hold no lock while they draw from it. Each path carries what the views
// derive from it (race/path_analysis.h), worked out here rather than on the UI thread, and a listener
// (the window's wake-up) is told of every publish.
// Long paths stay live: a path that must be computed again (a new start, other hyperparameters, another
// landscape) or grown by many steps gets its first kFirstSteps steps at once, is published, and is
// extended in batches of a few milliseconds; the queue is looked at between batches, so a newer drag
// preempts the rest. A snapshot says which paths are still being extended (PathSnapshot::complete).

#include "landscapes/landscape.h"
#include "landscapes/problem.h"
#include "optimizers/optimizer.h"
#include "optimizers/parameter_optimizer.h"
#include "optimizers/trajectory.h"
#include "networks/sharpness.h"
#include "race/network_series.h"
#include "race/path_analysis.h"
#include "view/loss_plane.h"
#include "view/path_lod.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace gradscape {

/// One optimizer's settings and its path, as of one snapshot.
struct PathSnapshot {
    OptimizerSettings settings;
    std::shared_ptr<const Trajectory> trajectory;  ///< Never null; empty points when disabled.
    OptimizerState state;                          ///< The optimizer's state after its last step.
    std::shared_ptr<const PathAnalysis> analysis;  ///< Never null; what Snapshot::analyses asked for.
    /// Whether the path is as long as it will get without another command: it reaches stepCount, diverged,
    /// is switched off, or failed (Snapshot::error says why). False while the solver is still extending it.
    bool complete = true;
    /// Never null: the level-of-detail summary of trajectory->points (its points are the same memory), for
    /// the views to draw the path at a cost that follows the pixels, not the steps.
    std::shared_ptr<const PathLod> lod;
    /// On a network problem: the path on the snapshot's plane, with what the plane hides of it (its distance
    /// from the plane, the true loss beside the plane's); `trajectory` then holds its plane coordinates and
    /// true losses. Null on a 2D landscape.
    std::shared_ptr<const ProjectedPath> projection;
    /// On a network problem: the latest parameters (the network's weights after `steps` steps), for the
    /// data view; null on a 2D landscape and on a switched-off path.
    std::shared_ptr<const VecX> parameters;
    /// On a network problem: the steps taken (trajectory holds the kept iterates, which thin out on long
    /// runs, ParameterPath); trajectory->steps() on a 2D landscape.
    int steps = 0;
    /// On a network problem, while the plots are asked for (AnalysisRequest::metrics): the distances, the
    /// plane's loss under the path and the sharpness (race/network_series.h). Null otherwise.
    std::shared_ptr<const NetworkSeries> network;
    /// On a network problem: Kept iterates are iterates[j] = w at step j x keptStride (trajectory's points).
    int keptStride = 1;
};

/// An immutable picture of the whole race; safe to read from any thread.
struct Snapshot {
    std::uint64_t generation = 0;       ///< Grows with every published snapshot.
    std::uint64_t appliedCommands = 0;  ///< Sequence number of the last command applied.
    /// The loss the views draw: the 2D landscape, or on a network problem its loss on the plane
    /// (makePlaneLandscape; lossPlaneOf gives the plane).
    std::shared_ptr<const Landscape> landscape;
    /// The network problem being raced on, or null on a 2D landscape.
    std::shared_ptr<const Problem> problem;
    std::vector<PathSnapshot> paths;
    int stepCount = 0;     ///< Every complete, enabled path is computed up to this step (or diverged before).
    bool complete = true;  ///< Every path is complete (PathSnapshot::complete).
    int maxSteps = 0;
    bool playing = false;
    double stepsPerSecond = 0;
    std::string error;             ///< Why the latest refused command was refused; "" if none.
    std::uint64_t errorCount = 0;  ///< Grows with every refusal, so a repeated message is noticed.
    AnalysisRequest analyses;      ///< What every path's analysis holds.
    int sharpnessEvery = 0;        ///< On a network problem: the sharpness is tracked every so many steps; 0: not.

    /// The path with this id, or null.
    const PathSnapshot* find(int id) const;
};

namespace command {
struct SetStart {
    int id;
    Vec2 start;
};
struct SetHyperparameters {
    int id;
    Hyperparameters hyperparameters;
};
struct SetEnabled {
    int id;
    bool enabled;
};
struct SetLandscape {
    std::shared_ptr<const Landscape> landscape;
};
/// Races on a network problem from now on (each racer from the problem's initial parameters), drawn on a
/// plane through its parameter space; SetLandscape goes back to a 2D landscape.
struct SetProblem {
    std::shared_ptr<const Problem> problem;
};
/// How the plane of a network problem is chosen.
struct SetPlane {
    PlaneSettings settings;
};
/// Whether a racer trains the network linearized at its start (OptimizerSettings::linearized). Refused,
/// changing nothing, on a network that cannot be linearized (a linear probe, which is linear already).
struct SetLinearized {
    int id;
    bool linearized;
};
/// On a network problem, the sharpness (largest Hessian eigenvalue, by Lanczos) of every racer's kept
/// iterates at every `every`-th step, published in PathSnapshot::network; 0 stops it. At most
/// kMaxSharpnessEvery.
struct SetSharpness {
    int every;
};
struct AddOptimizer {
    OptimizerSettings settings;
};
struct RemoveOptimizer {
    int id;
};
struct Play {};
struct Pause {};
struct Step {
    int count = 1;
};
struct Reset {};
struct SetSpeed {
    double stepsPerSecond;
};
struct SetMaxSteps {
    int maxSteps;
};
/// Which analyses the published paths carry from now on.
struct SetAnalyses {
    AnalysisRequest request;
};
}  // namespace command

using Command = std::variant<command::SetStart, command::SetHyperparameters, command::SetEnabled,
                             command::SetLandscape, command::SetProblem, command::SetPlane, command::SetLinearized,
                             command::SetSharpness, command::AddOptimizer, command::RemoveOptimizer,
                             command::Play, command::Pause, command::Step, command::Reset, command::SetSpeed,
                             command::SetMaxSteps, command::SetAnalyses>;

/// The step limit of a race unless it needs more (maxStepsFor).
inline constexpr int kDefaultMaxSteps = 100'000;

/// How many steps of a path computed again are published at once (the answer to a drag, within a
/// frame); the rest follows in batches.
inline constexpr int kFirstSteps = 10'000;

/// The largest stride of SetSharpness.
inline constexpr int kMaxSharpnessEvery = 1'000'000;

/// The Lanczos settings of the sharpness the solver tracks: warm-started from the previous iterate's
/// eigenvector, a few products each.
inline constexpr LanczosSettings kTrackedSharpness{.maxIterations = 30, .tolerance = 1e-7};

/// Allowed ranges of the race-wide settings.
inline constexpr double kMinStepsPerSecond = 1, kMaxStepsPerSecond = 1e6;
inline constexpr int kMaxStepsLimit = 1'000'000;

/// "" when a race of `racers` racers, each keeping up to `steps` steps, stays within the limits of
/// input_limits.h (at most limits::kMaxRacers racers, at most limits::kMaxStoredIterates iterates in
/// all, counting racers x steps), else a sentence naming the limit and both numbers. The solver checks
/// every race with it; entry points (the command line, the window, scenes) call it to refuse early.
std::string checkRaceSize(std::size_t racers, long long steps);

/// The step limit for a race of `racers` racers opened at `steps` steps: kDefaultMaxSteps, or when that is
/// too few to hold the race, as many as the stored-iterate limit allows so many racers (at most
/// kMaxStepsLimit), so that a long race can still play on.
int maxStepsFor(std::size_t racers, int steps);

/// Runs the race on its own thread. Construction validates the initial race (throwing
/// std::invalid_argument, also for more racers than checkRaceSize allows with maxSteps); afterwards
/// every problem is reported through Snapshot::error: an AddOptimizer past limits::kMaxRacers, or one
/// or a SetMaxSteps that would keep more than limits::kMaxStoredIterates iterates, is refused and
/// changes nothing.
class Solver {
  public:
    Solver(std::shared_ptr<const Landscape> landscape, const std::vector<OptimizerSettings>& optimizers,
           int maxSteps = kDefaultMaxSteps);
    /// A race on a network problem: as the constructor above after SetProblem and SetPlane.
    Solver(std::shared_ptr<const Problem> problem, const PlaneSettings& plane,
           const std::vector<OptimizerSettings>& optimizers, int maxSteps = kDefaultMaxSteps);
    ~Solver();
    Solver(const Solver&) = delete;
    Solver& operator=(const Solver&) = delete;

    /// Queues a command and returns its sequence number; never blocks on the solver's work.
    std::uint64_t post(Command command);
    /// The latest snapshot; never null.
    std::shared_ptr<const Snapshot> snapshot() const;
    /// Blocks until the command with this sequence number has been applied and every path is complete
    /// (Snapshot::complete): what scripts, one-shot renders and tests read.
    std::shared_ptr<const Snapshot> waitFor(std::uint64_t sequence) const;
    /// Blocks until every command posted so far has been applied and every path is complete.
    std::shared_ptr<const Snapshot> sync() const;
    /// Blocks until the first snapshot that has applied the command with this sequence number, complete or
    /// not: what a drag sees first (the first kFirstSteps steps of each path computed again).
    std::shared_ptr<const Snapshot> waitForAnswer(std::uint64_t sequence) const;
    /// Called on the solver thread after every publish (once each), holding no lock that snapshot() or
    /// post() take: the window wakes its event loop with it. Replaces the previous listener (waiting for a
    /// call in progress to return); an empty function removes it.
    void setPublishListener(std::function<void()> listener);

  private:
    struct Slot;
    using Clock = std::chrono::steady_clock;
    void loop();
    void apply(const Command& command);
    void bringUpToDate(Clock::time_point deadline);
    void extend(Slot& slot, int targetSteps);
    bool behind(const Slot& slot) const;
    bool caughtUp() const;
    void publish(std::uint64_t appliedSequence);
    void refuse(const std::string& why);
    Slot* findSlot(int id);
    void start(std::vector<OptimizerSettings> optimizers);
    // Network races: the steps a slot's path has, its projection onto the plane, the plane made anew.
    int stepsOf(const Slot& slot) const;
    void extendNetwork(Slot& slot, int targetSteps);
    void projectOntoPlane(Slot& slot, bool again);
    void remakePlane();
    const Problem& problemOf(const Slot& slot) const;
    // The next step whose sharpness is due (a kept iterate not measured yet), or -1 when none is.
    long nextSharpnessStep(const Slot& slot) const;
    void measureSharpness(Slot& slot, long step);
    void updateNetworkSeries(Slot& slot);

    // Shared with posting threads, guarded by queueMutex_.
    mutable std::mutex queueMutex_;
    std::condition_variable wake_;
    std::vector<Command> queue_;
    std::uint64_t posted_ = 0;
    bool stopping_ = false;
    // Set by post() and cleared when the queue is taken: extending paths stops at once for a new command.
    std::atomic<bool> commandWaiting_ = false;

    // The published snapshot, guarded by snapshotMutex_ (held only to copy the pointer).
    mutable std::mutex snapshotMutex_;
    mutable std::condition_variable published_;
    std::shared_ptr<const Snapshot> snapshot_;

    // Called after every publish, guarded by listenerMutex_ (held while it runs).
    std::mutex listenerMutex_;
    std::function<void()> publishListener_;

    // Owned by the solver thread once it runs.
    std::shared_ptr<const Landscape> landscape_;
    std::shared_ptr<const Problem> problem_;  // null on a 2D landscape
    PlaneSettings planeSettings_;
    std::shared_ptr<const Landscape> planeLandscape_;  // what landscape_ is while problem_ is set
    bool planeStale_ = false;  // a path changed since the plane was made
    // The network linearized at its initial weights, for the racers that ask for it; null when none has yet
    // or the network cannot be linearized (linearizedWhyNot_ says why).
    std::shared_ptr<const Problem> linearized_;
    std::string linearizedWhyNot_;
    int sharpnessEvery_ = 0;
    std::vector<std::unique_ptr<Slot>> slots_;
    int stepCount_ = 0, maxSteps_ = 0;
    bool playing_ = false;
    double stepsPerSecond_ = 60;
    double pendingSteps_ = 0;
    AnalysisRequest analyses_;
    std::string error_;
    std::uint64_t errorCount_ = 0, generation_ = 0;

    std::thread thread_;
};

}  // namespace gradscape

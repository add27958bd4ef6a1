#include "race/solver.h"

#include "networks/linearized_problem.h"
#include "networks/network_problem.h"
#include "optimizers/racer_labels.h"
#include "optimizers/stability.h"
#include "support/input_limits.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace gradscape {
namespace {

using Clock = std::chrono::steady_clock;
// The solver publishes at most this often while playing or extending paths; a display cannot show more.
constexpr std::chrono::microseconds kTickInterval(1'000'000 / 120);
// Work between two looks at the command queue while paths are extended: after applying commands (the
// answer should come within the frame), and otherwise.
constexpr std::chrono::microseconds kAnswerBudget(2'000), kBatchBudget(8'000);
// Steps one path is extended by before the clock is read again (well under a millisecond for most kinds).
constexpr int kBatchSteps = 8192;
// The same on a network problem, where a step is a pass of backpropagation over the data set.
constexpr int kNetworkBatchSteps = 8;

// Two commands of these kinds for the same target collapse: only the latest matters.
bool supersedes(const Command& newer, const Command& older) {
    if (newer.index() != older.index()) return false;
    if (auto* n = std::get_if<command::SetStart>(&newer))
        return n->id == std::get<command::SetStart>(older).id;
    if (auto* n = std::get_if<command::SetHyperparameters>(&newer))
        return n->id == std::get<command::SetHyperparameters>(older).id;
    if (auto* n = std::get_if<command::SetEnabled>(&newer))
        return n->id == std::get<command::SetEnabled>(older).id;
    if (auto* n = std::get_if<command::SetLinearized>(&newer))
        return n->id == std::get<command::SetLinearized>(older).id;
    return std::holds_alternative<command::SetSpeed>(newer) ||
           std::holds_alternative<command::SetLandscape>(newer) ||
           std::holds_alternative<command::SetProblem>(newer) || std::holds_alternative<command::SetPlane>(newer) ||
           std::holds_alternative<command::SetAnalyses>(newer) || std::holds_alternative<command::SetSharpness>(newer);
}

bool isFinite(const Vec2& p) {
    return std::isfinite(p.x()) && std::isfinite(p.y());
}

}  // namespace

std::string checkRaceSize(std::size_t racers, long long steps) {
    if (racers > limits::kMaxRacers)
        return "a race has at most " + std::to_string(limits::kMaxRacers) + " racers, got " +
               std::to_string(racers);
    if (steps > kMaxStepsLimit)
        return "a racer takes at most " + std::to_string(kMaxStepsLimit) + " steps, got " +
               std::to_string(steps);
    const long long iterates = static_cast<long long>(racers) * std::max(steps, 0LL);  // 64 x 1e6 at most
    if (iterates > static_cast<long long>(limits::kMaxStoredIterates))
        return "a race keeps at most " + std::to_string(limits::kMaxStoredIterates) +
               " iterates (racers x steps), got " + std::to_string(racers) + " racers x " +
               std::to_string(steps) + " steps";
    return "";
}

int maxStepsFor(std::size_t racers, int steps) {
    if (steps <= kDefaultMaxSteps) return kDefaultMaxSteps;
    const long long room =
        static_cast<long long>(limits::kMaxStoredIterates) / std::max<std::size_t>(racers, 1);
    return static_cast<int>(std::min<long long>(kMaxStepsLimit, std::max<long long>(room, steps)));
}

struct Solver::Slot {
    OptimizerSettings settings;
    std::unique_ptr<Optimizer> optimizer;
    Trajectory trajectory;
    bool needsRestart = true;
    bool changed = true;   // since the last publish
    bool stalled = false;  // stepping it threw: not extended again until the next command
    std::shared_ptr<const Trajectory> published;
    PathLod lod;  // of the published path, extended as it grows
    std::shared_ptr<const PathLod> publishedLod;
    PathAnalyser analyser;
    // On a network problem: the optimizer over the parameter vector, its run, and how much of the run the
    // 2D trajectory holds (its kept iterates projected onto the plane, at keptStride projectedStride).
    std::unique_ptr<ParameterOptimizer> parameterOptimizer;
    ParameterPath parameterPath;
    long projectedStride = 0;
    std::shared_ptr<const ProjectedPath> projection;
    std::shared_ptr<const VecX> publishedParameters;
    // Grows whenever parameterPath's kept iterates are no longer those they were (a restart, a thinning):
    // what was derived from them must be derived again.
    long pathGeneration = 0;
    // The sharpness measured along the path (SetSharpness), warm-started point to point.
    SharpnessTracker sharpnessTracker{kTrackedSharpness};
    std::vector<SharpnessSample> sharpness;
    // The plots' series (NetworkSeries), extended as the path grows, and the pathGeneration, twin and plane
    // they were made for.
    NetworkSeries series;
    long seriesGeneration = -1, twinGeneration = -1;
    std::shared_ptr<const Landscape> seriesPlaneLandscape;
    std::size_t seriesSharpness = 0;
    std::shared_ptr<const NetworkSeries> publishedSeries;
};

const PathSnapshot* Snapshot::find(int id) const {
    for (const auto& path : paths)
        if (path.settings.id == id) return &path;
    return nullptr;
}

Solver::Solver(std::shared_ptr<const Landscape> landscape, const std::vector<OptimizerSettings>& optimizers,
               int maxSteps)
    : landscape_(std::move(landscape)), maxSteps_(maxSteps) {
    if (!landscape_) throw std::invalid_argument("solver: a landscape is required");
    if (maxSteps < 1 || maxSteps > kMaxStepsLimit)
        throw std::invalid_argument("max steps must be in [1, " + std::to_string(kMaxStepsLimit) + "]");
    if (std::string complaint = checkRaceSize(optimizers.size(), maxSteps); !complaint.empty())
        throw std::invalid_argument(complaint);
    start(optimizers);
}

Solver::Solver(std::shared_ptr<const Problem> problem, const PlaneSettings& plane,
               const std::vector<OptimizerSettings>& optimizers, int maxSteps)
    : maxSteps_(maxSteps) {
    if (!problem) throw std::invalid_argument("solver: a problem is required");
    if (maxSteps < 1 || maxSteps > kMaxStepsLimit)
        throw std::invalid_argument("max steps must be in [1, " + std::to_string(kMaxStepsLimit) + "]");
    if (std::string complaint = checkRaceSize(optimizers.size(), maxSteps); !complaint.empty())
        throw std::invalid_argument(complaint);
    apply(command::SetPlane{plane});
    apply(command::SetProblem{std::move(problem)});
    if (!error_.empty()) throw std::invalid_argument(error_);
    start(optimizers);
}

void Solver::start(std::vector<OptimizerSettings> optimizers) {
    for (const auto& settings : optimizers) {
        // Applied here, on the caller's thread, so a bad initial race throws instead of being refused.
        apply(command::AddOptimizer{settings});
        if (!error_.empty()) throw std::invalid_argument(error_);
    }
    bringUpToDate(Clock::time_point::max());
    publish(0);
    thread_ = std::thread([this] { loop(); });
}

Solver::~Solver() {
    {
        std::lock_guard lock(queueMutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

std::uint64_t Solver::post(Command command) {
    std::uint64_t sequence;
    {
        std::lock_guard lock(queueMutex_);
        sequence = ++posted_;
        auto older = std::find_if(queue_.begin(), queue_.end(),
                                  [&](const Command& queued) { return supersedes(command, queued); });
        if (older != queue_.end())
            *older = std::move(command);
        else
            queue_.push_back(std::move(command));
        commandWaiting_.store(true, std::memory_order_relaxed);
    }
    wake_.notify_one();
    return sequence;
}

std::shared_ptr<const Snapshot> Solver::snapshot() const {
    std::lock_guard lock(snapshotMutex_);
    return snapshot_;
}

std::shared_ptr<const Snapshot> Solver::waitFor(std::uint64_t sequence) const {
    std::unique_lock lock(snapshotMutex_);
    published_.wait(lock, [&] { return snapshot_->appliedCommands >= sequence && snapshot_->complete; });
    return snapshot_;
}

std::shared_ptr<const Snapshot> Solver::waitForAnswer(std::uint64_t sequence) const {
    std::unique_lock lock(snapshotMutex_);
    published_.wait(lock, [&] { return snapshot_->appliedCommands >= sequence; });
    return snapshot_;
}

std::shared_ptr<const Snapshot> Solver::sync() const {
    std::uint64_t sequence;
    {
        std::lock_guard lock(queueMutex_);
        sequence = posted_;
    }
    return waitFor(sequence);
}

void Solver::setPublishListener(std::function<void()> listener) {
    std::lock_guard lock(listenerMutex_);
    publishListener_ = std::move(listener);
}

void Solver::loop() {
    auto lastTick = Clock::now(), lastPublish = lastTick;
    std::uint64_t applied = 0;
    for (;;) {
        std::vector<Command> batch;
        {
            std::unique_lock lock(queueMutex_);
            auto ready = [this] { return stopping_ || !queue_.empty(); };
            // While a path is being extended the queue is only looked at, so a newer command comes first.
            if (!caughtUp()) {
            } else if (playing_) {
                wake_.wait_until(lock, lastTick + kTickInterval, ready);
            } else {
                wake_.wait(lock, ready);
            }
            if (stopping_) return;
            batch.swap(queue_);
            applied = posted_;
            commandWaiting_.store(false, std::memory_order_relaxed);
        }
        const auto started = Clock::now();
        // No exception may leave this thread: anything unexpected is reported through the snapshot.
        try {
            if (!batch.empty())
                for (auto& slot : slots_)
                    slot->stalled = false;  // a command is a reason to try a failed path again
            const bool wasPlaying = playing_;
            for (const Command& c : batch)
                apply(c);
            // Playing moves on only once every path has caught up: the race plays as fast as it is computed.
            if (playing_ && wasPlaying && caughtUp()) {
                pendingSteps_ += std::chrono::duration<double>(started - lastTick).count() * stepsPerSecond_;
                const int whole = static_cast<int>(std::min(pendingSteps_, double(maxSteps_)));
                pendingSteps_ -= whole;
                stepCount_ = std::min(stepCount_ + whole, maxSteps_);
                if (stepCount_ >= maxSteps_) playing_ = false;
            }
            if (playing_ && !wasPlaying) pendingSteps_ = 0;
            lastTick = started;
            bringUpToDate(started + (batch.empty() ? kBatchBudget : kAnswerBudget));
        } catch (const std::exception& e) {
            refuse(std::string("solver: ") + e.what());
        } catch (...) {
            refuse("solver: unknown failure");
        }
        // Every batch of commands and every tick is published; a batch of extension work only when the
        // paths have caught up or a tick has passed since the last publish.
        const auto now = Clock::now();
        if (batch.empty() && !caughtUp() && now - lastPublish < kTickInterval) continue;
        lastPublish = now;
        try {
            publish(applied);
        } catch (...) {
            // Out of memory for a snapshot: the UI keeps drawing the previous one; the next batch tries
            // again.
            refuse("solver: cannot publish the race (out of memory?)");
        }
    }
}

void Solver::refuse(const std::string& why) {
    error_ = why;
    ++errorCount_;
}

Solver::Slot* Solver::findSlot(int id) {
    for (auto& slot : slots_)
        if (slot->settings.id == id) return slot.get();
    refuse("no optimizer with id " + std::to_string(id));
    return nullptr;
}

void Solver::apply(const Command& c) {
    try {
        if (auto* set = std::get_if<command::SetStart>(&c)) {
            if (!isFinite(set->start)) return refuse("start point must be finite");
            if (problem_)
                return refuse("a network starts from its initial weights: its start cannot be moved (change the "
                              "problem's seed for other ones)");
            if (Slot* slot = findSlot(set->id)) slot->settings.start = set->start, slot->needsRestart = true;
        } else if (auto* set = std::get_if<command::SetHyperparameters>(&c)) {
            if (Slot* slot = findSlot(set->id)) {
                // Built first: a refused value leaves the old optimizer and its path untouched.
                auto optimizer = makeOptimizer(slot->settings.kind, set->hyperparameters);
                if (problem_)
                    slot->parameterOptimizer = makeParameterOptimizer(slot->settings.kind, set->hyperparameters);
                slot->optimizer = std::move(optimizer);
                slot->settings.hyperparameters = set->hyperparameters;
                slot->needsRestart = true;
            }
        } else if (auto* set = std::get_if<command::SetEnabled>(&c)) {
            if (Slot* slot = findSlot(set->id))
                slot->settings.enabled = set->enabled, slot->needsRestart = true;
        } else if (auto* set = std::get_if<command::SetLinearized>(&c)) {
            if (Slot* slot = findSlot(set->id)) {
                if (set->linearized && problem_ && !linearized_) return refuse(linearizedWhyNot_);
                if (slot->settings.linearized == set->linearized) return;
                slot->settings.linearized = set->linearized;
                slot->needsRestart = true;
            }
        } else if (auto* set = std::get_if<command::SetSharpness>(&c)) {
            if (set->every < 0 || set->every > kMaxSharpnessEvery)
                return refuse("the sharpness is tracked every 1 to " + std::to_string(kMaxSharpnessEvery) +
                              " steps (0: not at all), got " + std::to_string(set->every));
            if (set->every == sharpnessEvery_) return;
            sharpnessEvery_ = set->every;
            for (auto& slot : slots_) {
                slot->sharpness.clear();
                slot->sharpnessTracker.reset();
            }
        } else if (auto* set = std::get_if<command::SetLandscape>(&c)) {
            if (!set->landscape) return refuse("set landscape: no landscape given");
            landscape_ = set->landscape;
            problem_ = nullptr;
            linearized_ = nullptr;
            planeLandscape_ = nullptr;
            for (auto& slot : slots_) {
                slot->needsRestart = true;
                slot->parameterOptimizer = nullptr;
                slot->parameterPath = ParameterPath{};
                slot->projection = nullptr;
            }
        } else if (auto* set = std::get_if<command::SetProblem>(&c)) {
            if (!set->problem) return refuse("set problem: no problem given");
            // Every racer's optimizer first: a kind that cannot train a network refuses the whole change.
            std::vector<std::unique_ptr<ParameterOptimizer>> optimizers;
            for (auto& slot : slots_)
                optimizers.push_back(makeParameterOptimizer(slot->settings.kind, slot->settings.hyperparameters));
            problem_ = set->problem;
            // The racers that ask for it train the network linearized at its start (made once: f(w0) is a
            // forward pass); a network that cannot be linearized trains them as it is, saying so.
            linearized_ = nullptr;
            linearizedWhyNot_ = "only a network can be linearized";
            if (auto network = std::dynamic_pointer_cast<const NetworkProblem>(problem_)) {
                try {
                    linearized_ = std::make_shared<const LinearizedNetworkProblem>(network);
                } catch (const std::invalid_argument& e) {
                    linearizedWhyNot_ = e.what();
                }
            }
            if (!linearized_)
                for (auto& slot : slots_)
                    if (slot->settings.linearized)
                        refuse(linearizedWhyNot_ + ": racer " + std::to_string(slot->settings.id) +
                               " trains the network itself");
            // Until the paths exist, the plane goes through the initial weights.
            LossPlane plane = makeLossPlane(*problem_, {PlaneKind::Random, planeSettings_.seed}, {});
            planeLandscape_ = makePlaneLandscape(problem_, plane, planeBox(plane, {}));
            landscape_ = planeLandscape_;
            planeStale_ = true;
            for (std::size_t i = 0; i < slots_.size(); ++i) {
                slots_[i]->parameterOptimizer = std::move(optimizers[i]);
                slots_[i]->needsRestart = true;
            }
        } else if (auto* set = std::get_if<command::SetPlane>(&c)) {
            planeSettings_ = set->settings;
            planeStale_ = true;
        } else if (auto* add = std::get_if<command::AddOptimizer>(&c)) {
            if (std::string complaint = checkRaceSize(slots_.size() + 1, maxSteps_); !complaint.empty())
                return refuse(complaint);
            auto slot = std::make_unique<Slot>();
            slot->settings = add->settings;
            if (!isFinite(slot->settings.start)) return refuse("start point must be finite");
            slot->optimizer = makeOptimizer(slot->settings.kind, slot->settings.hyperparameters);
            if (problem_)
                slot->parameterOptimizer = makeParameterOptimizer(slot->settings.kind, slot->settings.hyperparameters);
            if (problem_ && slot->settings.linearized && !linearized_)
                return refuse(linearizedWhyNot_);
            int& id = slot->settings.id;
            const bool taken = std::any_of(slots_.begin(), slots_.end(),
                                           [&](const auto& s) { return s->settings.id == id; });
            if (id == 0) {
                for (const auto& other : slots_)
                    id = std::max(id, other->settings.id);
                ++id;
            } else if (taken) {
                return refuse("an optimizer with id " + std::to_string(id) + " already exists");
            }
            slots_.push_back(std::move(slot));
        } else if (auto* remove = std::get_if<command::RemoveOptimizer>(&c)) {
            if (findSlot(remove->id)) {
                std::erase_if(slots_, [&](const auto& slot) { return slot->settings.id == remove->id; });
                planeStale_ = true;
            }
        } else if (std::holds_alternative<command::Play>(c)) {
            playing_ = stepCount_ < maxSteps_;
        } else if (std::holds_alternative<command::Pause>(c)) {
            playing_ = false;
        } else if (auto* step = std::get_if<command::Step>(&c)) {
            if (step->count < 1) return refuse("step count must be at least 1");
            playing_ = false;
            stepCount_ = static_cast<int>(std::min<long long>(0LL + stepCount_ + step->count, maxSteps_));
        } else if (std::holds_alternative<command::Reset>(c)) {
            stepCount_ = 0;
            pendingSteps_ = 0;
            for (auto& slot : slots_)
                slot->needsRestart = true;
        } else if (auto* speed = std::get_if<command::SetSpeed>(&c)) {
            if (!(speed->stepsPerSecond >= kMinStepsPerSecond && speed->stepsPerSecond <= kMaxStepsPerSecond))
                return refuse("steps per second must be in [1, 1e6], got " +
                              std::to_string(speed->stepsPerSecond));
            stepsPerSecond_ = speed->stepsPerSecond;
        } else if (auto* max = std::get_if<command::SetMaxSteps>(&c)) {
            if (max->maxSteps < 1 || max->maxSteps > kMaxStepsLimit)
                return refuse("max steps must be in [1, " + std::to_string(kMaxStepsLimit) + "], got " +
                              std::to_string(max->maxSteps));
            if (std::string complaint = checkRaceSize(slots_.size(), max->maxSteps); !complaint.empty())
                return refuse(complaint);
            maxSteps_ = max->maxSteps;
            stepCount_ = std::min(stepCount_, maxSteps_);
            for (auto& slot : slots_)
                slot->needsRestart |= stepsOf(*slot) > maxSteps_;
        } else if (auto* analyses = std::get_if<command::SetAnalyses>(&c)) {
            analyses_ = analyses->request;
        }
    } catch (const std::invalid_argument& e) {
        refuse(e.what());
    } catch (const std::exception& e) {
        // Anything else a command throws (bad_alloc, a landscape's own error) refuses that command only:
        // the rest of the batch is still applied.
        refuse(std::string("solver: ") + e.what());
    } catch (...) {
        refuse("solver: a command failed with an unknown error");
    }
}

bool Solver::behind(const Slot& slot) const {
    if (slot.stalled) return false;
    if (slot.needsRestart) return true;
    if (nextSharpnessStep(slot) >= 0) return true;
    return slot.settings.enabled && !slot.trajectory.diverged() && stepsOf(slot) < stepCount_;
}

const Problem& Solver::problemOf(const Slot& slot) const {
    return slot.settings.linearized && linearized_ ? *linearized_ : *problem_;
}

long Solver::nextSharpnessStep(const Slot& slot) const {
    if (!problem_ || sharpnessEvery_ <= 0 || !slot.settings.enabled || slot.stalled || slot.needsRestart) return -1;
    const ParameterPath& path = slot.parameterPath;
    if (path.iterates.empty()) return -1;
    // Only kept iterates can be measured: on a thinned path, the multiples of both strides.
    const long every = std::lcm(static_cast<long>(sharpnessEvery_), path.keptStride);
    const long next = slot.sharpness.empty() ? 0 : (slot.sharpness.back().step / every + 1) * every;
    const long last = path.diverged() ? path.divergedAtStep - 1 : path.steps();
    const bool kept = next / path.keptStride < static_cast<long>(path.iterates.size());
    return next <= last && kept ? next : -1;
}

void Solver::measureSharpness(Slot& slot, long step) {
    const ParameterPath& path = slot.parameterPath;
    try {
        slot.sharpness.push_back(slot.sharpnessTracker.measure(
            problemOf(slot), path.iterates[static_cast<std::size_t>(step / path.keptStride)], step));
    } catch (const std::exception& e) {
        slot.stalled = true;
        refuse(std::string("solver: sharpness: ") + e.what());
    }
    slot.changed = true;
}

int Solver::stepsOf(const Slot& slot) const {
    return problem_ ? slot.parameterPath.steps() : slot.trajectory.steps();
}

bool Solver::caughtUp() const {
    return std::none_of(slots_.begin(), slots_.end(), [&](const auto& slot) { return behind(*slot); });
}

void Solver::extend(Slot& slot, int targetSteps) {
    if (!slot.settings.enabled || slot.stalled) return;
    if (problem_) return extendNetwork(slot, targetSteps);
    const int stepsBefore = slot.trajectory.steps();
    const bool divergedBefore = slot.trajectory.diverged();
    try {
        advanceTrajectory(slot.trajectory, *slot.optimizer, *landscape_, targetSteps);
    } catch (const std::exception& e) {
        // This path stops where it is (it is complete until a command asks again); the others go on.
        slot.stalled = true;
        refuse(std::string("solver: ") + e.what());
    } catch (...) {
        slot.stalled = true;
        refuse("solver: unknown failure");
    }
    if (slot.trajectory.steps() != stepsBefore || slot.trajectory.diverged() != divergedBefore)
        slot.changed = true;
}

void Solver::extendNetwork(Slot& slot, int targetSteps) {
    const int stepsBefore = slot.parameterPath.steps();
    const bool divergedBefore = slot.parameterPath.diverged();
    const long strideBefore = slot.parameterPath.keptStride;
    try {
        advanceParameterPath(slot.parameterPath, *slot.parameterOptimizer, problemOf(slot), targetSteps);
    } catch (const std::exception& e) {
        slot.stalled = true;
        refuse(std::string("solver: ") + e.what());
    } catch (...) {
        slot.stalled = true;
        refuse("solver: unknown failure");
    }
    if (slot.parameterPath.keptStride != strideBefore) ++slot.pathGeneration;  // thinned: other iterates
    if (slot.parameterPath.steps() != stepsBefore || slot.parameterPath.diverged() != divergedBefore) {
        slot.changed = true;
        planeStale_ = true;
        projectOntoPlane(slot, false);
    }
}

void Solver::projectOntoPlane(Slot& slot, bool again) {
    const LossPlane* plane = planeLandscape_ ? lossPlaneOf(*planeLandscape_) : nullptr;
    if (!plane) return;
    const ParameterPath& path = slot.parameterPath;
    // A new trajectory when the plane or the kept stride changed (published copies share the old one's
    // chunks, so it is never cut back in place); else the new kept iterates are appended.
    if (again || slot.projectedStride != path.keptStride) {
        slot.trajectory = Trajectory{};
        slot.projectedStride = path.keptStride;
    }
    for (std::size_t j = slot.trajectory.points.size(); j < path.iterates.size(); ++j) {
        slot.trajectory.points.push_back(plane->project(path.iterates[j]));
        slot.trajectory.losses.push_back(path.losses[static_cast<std::size_t>(path.stepOfIterate(j))]);
    }
    slot.trajectory.divergedAtStep = path.divergedAtStep;
    slot.changed = true;
}

void Solver::remakePlane() {
    std::vector<OptimizerSettings> racers;
    for (auto& slot : slots_)
        racers.push_back(slot->settings);
    const std::vector<std::string> labels = racerLabels(racers);
    std::vector<PlanePath> paths;
    for (std::size_t i = 0; i < slots_.size(); ++i)
        if (slots_[i]->settings.enabled && !slots_[i]->parameterPath.iterates.empty())
            paths.push_back({labels[i], &slots_[i]->parameterPath});
    LossPlane plane;
    try {
        plane = makeLossPlane(*problem_, planeSettings_, paths);
    } catch (const std::invalid_argument& e) {
        // The plane asked for cannot be made from these paths: the random one, with the reason on screen
        // (unless no path has moved yet, as when a race opens at step 0: then there is nothing to say).
        const bool moved = std::any_of(paths.begin(), paths.end(), [](const PlanePath& p) { return p.path->steps() > 0; });
        if (moved) refuse(std::string(e.what()) + "; showing the random plane");
        plane = makeLossPlane(*problem_, {PlaneKind::Random, planeSettings_.seed}, paths);
    }
    std::vector<ProjectedPath> projections;
    for (auto& slot : slots_) {
        if (!slot->settings.enabled || slot->parameterPath.iterates.empty()) {
            slot->projection = nullptr;
            continue;
        }
        projections.push_back(projectPath(*problem_, plane, slot->parameterPath));
        slot->projection = std::make_shared<const ProjectedPath>(projections.back());
    }
    planeLandscape_ = makePlaneLandscape(problem_, plane, planeBox(plane, projections));
    landscape_ = planeLandscape_;
    for (auto& slot : slots_)
        projectOntoPlane(*slot, true);
    planeStale_ = false;
}

void Solver::bringUpToDate(Clock::time_point deadline) {
    for (auto& slot : slots_) {
        if (!slot->needsRestart || slot->stalled) continue;
        try {
            slot->optimizer->reset();
            if (problem_) {
                slot->parameterOptimizer->reset();
                slot->parameterPath = slot->settings.enabled
                                          ? startParameterPath(problemOf(*slot), problem_->initialParameters())
                                          : ParameterPath{};
                ++slot->pathGeneration;
                slot->sharpness.clear();
                slot->sharpnessTracker.reset();
                slot->projection = nullptr;
                planeStale_ = true;
                projectOntoPlane(*slot, true);
            } else {
                slot->trajectory =
                    slot->settings.enabled ? startTrajectory(*landscape_, slot->settings.start) : Trajectory{};
            }
        } catch (...) {
            slot->trajectory = Trajectory{};
            slot->stalled = true;
            slot->changed = true;
            throw;
        }
        slot->needsRestart = false;
        slot->changed = true;
    }
    // The answer: every path's first kFirstSteps steps, whatever the time (on a 2D landscape; a network's
    // paths grow within the deadline only, a step being a pass over the data).
    const int first = problem_ ? 0 : std::min(stepCount_, kFirstSteps);
    for (auto& slot : slots_)
        extend(*slot, first);
    const int batchSteps = problem_ ? kNetworkBatchSteps : kBatchSteps;
    // Then the rest, a batch at a time to the shortest path first (so the paths grow together), until the
    // deadline or a command is posted: the loop looks at the queue and publishes before going on. On a
    // network whose sharpness is tracked, a due measurement counts as the path being at that step: the
    // sharpness keeps up with the paths.
    while (Clock::now() < deadline && !commandWaiting_.load(std::memory_order_relaxed)) {
        Slot* shortest = nullptr;
        long shortestAt = 0, shortestDue = -1;
        for (auto& slot : slots_) {
            if (!behind(*slot)) continue;
            const long due = nextSharpnessStep(*slot);
            const long at = due >= 0 ? due : stepsOf(*slot);
            if (!shortest || at < shortestAt) shortest = slot.get(), shortestAt = at, shortestDue = due;
        }
        if (!shortest) break;
        if (shortestDue >= 0)
            measureSharpness(*shortest, shortestDue);
        else
            extend(*shortest,
                   static_cast<int>(std::min<long long>(stepCount_, 0LL + stepsOf(*shortest) + batchSteps)));
    }
    // A network's plane follows its paths once they stand still: made anew when every path has caught up
    // and the race is not playing (while it plays, the paths are projected onto the plane they had).
    if (problem_ && planeStale_ && caughtUp() && !playing_) remakePlane();
}

void Solver::updateNetworkSeries(Slot& slot) {
    NetworkSeries& s = slot.series;
    const ParameterPath& path = slot.parameterPath;
    bool grew = !slot.publishedSeries;
    if (slot.seriesGeneration != slot.pathGeneration || s.stride != path.keptStride) {
        s = NetworkSeries{};
        s.stride = static_cast<int>(path.keptStride);
        s.edge = sharpnessEdge(slot.settings);
        slot.seriesGeneration = slot.pathGeneration;
        slot.twinGeneration = -1;
        slot.seriesPlaneLandscape = nullptr;
        slot.seriesSharpness = 0;
        grew = true;
    }
    const std::size_t count = path.iterates.size();
    for (std::size_t j = s.distanceFromStart.size(); j < count; ++j, grew = true)
        s.distanceFromStart.push_back((path.iterates[j] - path.iterates[0]).norm());
    s.distanceSummary.extend(s.distanceFromStart);

    // The plane's loss under each iterate, the network's loss at its projection (made again on a new plane).
    // Not for a linearized racer: the plane draws the network's loss, not the loss that racer descends.
    if (slot.seriesPlaneLandscape != planeLandscape_) {
        s.planeLoss.clear();
        s.planeLossSummary = {};
        slot.seriesPlaneLandscape = planeLandscape_;
        grew = true;
    }
    if (const LossPlane* plane = planeLandscape_ ? lossPlaneOf(*planeLandscape_) : nullptr;
        plane && !slot.settings.linearized && s.planeLoss.size() < count) {
        std::vector<Vec2> at;
        for (std::size_t j = s.planeLoss.size(); j < count; ++j)
            at.push_back(plane->project(path.iterates[j]));
        std::vector<double> values(at.size());
        problem_->valuesOnPlane(plane->origin, plane->first, plane->second, at, values);
        s.planeLoss.insert(s.planeLoss.end(), values.begin(), values.end());
        s.planeLossSummary.extend(s.planeLoss);
        grew = true;
    }

    // A linearized racer's distance from its twin on the network, step for step.
    const Slot* twin = nullptr;
    if (slot.settings.linearized && linearized_) {
        for (const auto& other : slots_)
            if (!other->settings.linearized && other->settings.enabled && other->settings.kind == slot.settings.kind &&
                other->settings.hyperparameters == slot.settings.hyperparameters) {
                twin = other.get();
                break;
            }
        for (const auto& other : slots_)
            if (!twin && !other->settings.linearized && other->settings.enabled) twin = other.get();
    }
    if (!twin || twin->settings.id != s.twinId || twin->pathGeneration != slot.twinGeneration) {
        s.twinId = twin ? twin->settings.id : 0;
        s.twinDistance.clear();
        s.twinSummary = {};
        slot.twinGeneration = twin ? twin->pathGeneration : -1;
        grew = true;
    }
    if (twin && twin->parameterPath.keptStride == path.keptStride) {
        const std::size_t both = std::min(count, twin->parameterPath.iterates.size());
        for (std::size_t j = s.twinDistance.size(); j < both; ++j, grew = true)
            s.twinDistance.push_back((path.iterates[j] - twin->parameterPath.iterates[j]).norm());
        s.twinSummary.extend(s.twinDistance);
    }

    // The sharpness at the steps of one stride (the tracking stride on an unthinned path).
    const int sharpnessStride =
        sharpnessEvery_ > 0 ? static_cast<int>(std::lcm(static_cast<long>(sharpnessEvery_), path.keptStride)) : 0;
    if (s.sharpnessStride != sharpnessStride || slot.sharpness.size() < slot.seriesSharpness) {
        s.sharpnessStride = sharpnessStride;
        s.sharpness.clear();
        s.sharpnessSummary = {};
        slot.seriesSharpness = 0;
        grew = true;
    }
    for (; slot.seriesSharpness < slot.sharpness.size(); ++slot.seriesSharpness, grew = true) {
        const SharpnessSample& sample = slot.sharpness[slot.seriesSharpness];
        if (sharpnessStride > 0 && sample.step == static_cast<long>(s.sharpness.size()) * sharpnessStride)
            s.sharpness.push_back(sample.sharpness);
    }
    s.sharpnessSummary.extend(s.sharpness);
    if (grew) slot.publishedSeries = std::make_shared<const NetworkSeries>(s);
}

void Solver::publish(std::uint64_t appliedSequence) {
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->generation = ++generation_;
    snapshot->appliedCommands = appliedSequence;
    snapshot->landscape = landscape_;
    snapshot->problem = problem_;
    snapshot->stepCount = stepCount_;
    snapshot->maxSteps = maxSteps_;
    snapshot->playing = playing_;
    snapshot->stepsPerSecond = stepsPerSecond_;
    snapshot->error = error_;
    snapshot->errorCount = errorCount_;
    snapshot->analyses = analyses_;
    snapshot->sharpnessEvery = sharpnessEvery_;
    snapshot->complete = true;
    for (auto& slot : slots_) {
        // Unchanged paths are shared with the previous snapshot; a changed one is copied, which shares
        // its chunks with the solver's (O(chunks), whatever its length): the solver appends past its end.
        if (slot->changed || !slot->published) {
            slot->published = std::make_shared<const Trajectory>(slot->trajectory);
            slot->publishedParameters = problem_ && slot->settings.enabled && slot->parameterPath.last.size()
                                            ? std::make_shared<const VecX>(slot->parameterPath.last)
                                            : nullptr;
            slot->lod.update(slot->published->points);
            slot->publishedLod = std::make_shared<const PathLod>(slot->lod);
        }
        slot->changed = false;
        const bool complete = !behind(*slot);
        snapshot->complete = snapshot->complete && complete;
        // Worked out again only where the path, its settings, the landscape or the request changed. A
        // network's path on a plane has no 2D step to explain or linearize: its analyses are the plots'.
        AnalysisRequest request = analyses_;
        if (problem_) request = {.metrics = analyses_.metrics};
        auto analysis = slot->analyser.update(request, slot->settings, landscape_, slot->published, complete);
        if (problem_ && analyses_.metrics && slot->settings.enabled)
            updateNetworkSeries(*slot);
        else
            slot->publishedSeries = nullptr, slot->seriesGeneration = -1;
        snapshot->paths.push_back({slot->settings, slot->published, slot->optimizer->state(), std::move(analysis),
                                   complete, slot->publishedLod, slot->projection, slot->publishedParameters,
                                   stepsOf(*slot), slot->publishedSeries,
                                   static_cast<int>(slot->parameterPath.keptStride)});
    }
    {
        std::lock_guard lock(snapshotMutex_);
        snapshot_ = std::move(snapshot);
    }
    published_.notify_all();
    // Called under its own lock, so that once setPublishListener returns the old listener is never running.
    std::lock_guard lock(listenerMutex_);
    if (publishListener_) publishListener_();
}

}  // namespace gradscape

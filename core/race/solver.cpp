#include "race/solver.h"

#include "support/input_limits.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace gradscape {
namespace {

using Clock = std::chrono::steady_clock;
// The solver publishes at most this often while playing; a display cannot show more.
constexpr std::chrono::microseconds kTickInterval(1'000'000 / 120);

// Two commands of these kinds for the same target collapse: only the latest matters.
bool supersedes(const Command& newer, const Command& older) {
    if (newer.index() != older.index()) return false;
    if (auto* n = std::get_if<command::SetStart>(&newer))
        return n->id == std::get<command::SetStart>(older).id;
    if (auto* n = std::get_if<command::SetHyperparameters>(&newer))
        return n->id == std::get<command::SetHyperparameters>(older).id;
    if (auto* n = std::get_if<command::SetEnabled>(&newer))
        return n->id == std::get<command::SetEnabled>(older).id;
    return std::holds_alternative<command::SetSpeed>(newer) ||
           std::holds_alternative<command::SetLandscape>(newer) ||
           std::holds_alternative<command::SetAnalyses>(newer);
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
        return "a racer takes at most " + std::to_string(kMaxStepsLimit) + " steps, got " + std::to_string(steps);
    const long long iterates = static_cast<long long>(racers) * std::max(steps, 0LL);  // 64 x 1e6 at most
    if (iterates > static_cast<long long>(limits::kMaxStoredIterates))
        return "a race keeps at most " + std::to_string(limits::kMaxStoredIterates) +
               " iterates (racers x steps), got " + std::to_string(racers) + " racers x " +
               std::to_string(steps) + " steps";
    return "";
}

struct Solver::Slot {
    OptimizerSettings settings;
    std::unique_ptr<Optimizer> optimizer;
    Trajectory trajectory;
    bool needsRestart = true;
    bool changed = true;  // since the last publish
    std::shared_ptr<const Trajectory> published;
    PathAnalyser analyser;
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
    for (const auto& settings : optimizers) {
        // Applied here, on the caller's thread, so a bad initial race throws instead of being refused.
        apply(command::AddOptimizer{settings});
        if (!error_.empty()) throw std::invalid_argument(error_);
    }
    bringUpToDate();
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
    auto lastTick = Clock::now();
    std::uint64_t applied = 0;
    for (;;) {
        std::vector<Command> batch;
        {
            std::unique_lock lock(queueMutex_);
            auto ready = [this] { return stopping_ || !queue_.empty(); };
            if (playing_)
                wake_.wait_until(lock, lastTick + kTickInterval, ready);
            else
                wake_.wait(lock, ready);
            if (stopping_) return;
            batch.swap(queue_);
            applied = posted_;
        }
        // No exception may leave this thread: anything unexpected is reported through the snapshot.
        try {
            const bool wasPlaying = playing_;
            for (const Command& c : batch)
                apply(c);
            const auto now = Clock::now();
            if (playing_ && wasPlaying) {
                pendingSteps_ += std::chrono::duration<double>(now - lastTick).count() * stepsPerSecond_;
                const int whole = static_cast<int>(std::min(pendingSteps_, double(maxSteps_)));
                pendingSteps_ -= whole;
                stepCount_ = std::min(stepCount_ + whole, maxSteps_);
                if (stepCount_ >= maxSteps_) playing_ = false;
            }
            if (playing_ && !wasPlaying) pendingSteps_ = 0;
            lastTick = now;
            bringUpToDate();
        } catch (const std::exception& e) {
            refuse(std::string("solver: ") + e.what());
        } catch (...) {
            refuse("solver: unknown failure");
        }
        try {
            publish(applied);
        } catch (...) {
            // Out of memory for a snapshot: the UI keeps drawing the previous one; the next batch tries again.
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
            if (Slot* slot = findSlot(set->id)) slot->settings.start = set->start, slot->needsRestart = true;
        } else if (auto* set = std::get_if<command::SetHyperparameters>(&c)) {
            if (Slot* slot = findSlot(set->id)) {
                // Built first: a refused value leaves the old optimizer and its path untouched.
                slot->optimizer = makeOptimizer(slot->settings.kind, set->hyperparameters);
                slot->settings.hyperparameters = set->hyperparameters;
                slot->needsRestart = true;
            }
        } else if (auto* set = std::get_if<command::SetEnabled>(&c)) {
            if (Slot* slot = findSlot(set->id))
                slot->settings.enabled = set->enabled, slot->needsRestart = true;
        } else if (auto* set = std::get_if<command::SetLandscape>(&c)) {
            if (!set->landscape) return refuse("set landscape: no landscape given");
            landscape_ = set->landscape;
            for (auto& slot : slots_)
                slot->needsRestart = true;
        } else if (auto* add = std::get_if<command::AddOptimizer>(&c)) {
            if (std::string complaint = checkRaceSize(slots_.size() + 1, maxSteps_); !complaint.empty())
                return refuse(complaint);
            auto slot = std::make_unique<Slot>();
            slot->settings = add->settings;
            if (!isFinite(slot->settings.start)) return refuse("start point must be finite");
            slot->optimizer = makeOptimizer(slot->settings.kind, slot->settings.hyperparameters);
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
            if (findSlot(remove->id))
                std::erase_if(slots_, [&](const auto& slot) { return slot->settings.id == remove->id; });
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
                slot->needsRestart |= slot->trajectory.steps() > maxSteps_;
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

void Solver::bringUpToDate() {
    for (auto& slot : slots_) {
        if (slot->needsRestart) {
            slot->optimizer->reset();
            slot->trajectory =
                slot->settings.enabled ? startTrajectory(*landscape_, slot->settings.start) : Trajectory{};
            slot->needsRestart = false;
            slot->changed = true;
        }
        if (!slot->settings.enabled) continue;
        const int stepsBefore = slot->trajectory.steps();
        const bool divergedBefore = slot->trajectory.diverged();
        advanceTrajectory(slot->trajectory, *slot->optimizer, *landscape_, stepCount_);
        if (slot->trajectory.steps() != stepsBefore || slot->trajectory.diverged() != divergedBefore)
            slot->changed = true;
    }
}

void Solver::publish(std::uint64_t appliedSequence) {
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->generation = ++generation_;
    snapshot->appliedCommands = appliedSequence;
    snapshot->landscape = landscape_;
    snapshot->stepCount = stepCount_;
    snapshot->maxSteps = maxSteps_;
    snapshot->playing = playing_;
    snapshot->stepsPerSecond = stepsPerSecond_;
    snapshot->error = error_;
    snapshot->errorCount = errorCount_;
    snapshot->analyses = analyses_;
    for (auto& slot : slots_) {
        // Unchanged paths are shared with the previous snapshot; a changed one is copied, which shares
        // its chunks with the solver's (O(chunks), whatever its length): the solver appends past its end.
        if (slot->changed || !slot->published)
            slot->published = std::make_shared<const Trajectory>(slot->trajectory);
        slot->changed = false;
        // Worked out again only where the path, its settings, the landscape or the request changed.
        auto analysis = slot->analyser.update(analyses_, slot->settings, landscape_, slot->published);
        snapshot->paths.push_back(
            {slot->settings, slot->published, slot->optimizer->state(), std::move(analysis)});
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

// The autosave's files and its owner marker (see autosave_slot.h).
#include "scene/autosave_slot.h"

#include "support/atomic_file.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

namespace gradscape {
namespace {

namespace fs = std::filesystem;

// Field 22 of /proc/PID/stat: when the process started, in clock ticks after boot; 0 when unreadable.
// The command name (field 2) is in parentheses and may hold spaces, so fields are counted after the last ')'.
unsigned long long startTimeOf(long pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return 0;
    const auto close = line.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream fields(line.substr(close + 1));
    std::string field;
    for (int index = 3; index <= 22 && fields >> field; ++index)
        if (index == 22) return std::strtoull(field.c_str(), nullptr, 10);
    return 0;
}

// The marker's "PID START"; nullopt when missing, empty or damaged.
std::optional<ProcessIdentity> readMarker(const fs::path& path) {
    std::ifstream in(path);
    ProcessIdentity owner;
    if (!(in >> owner.pid >> owner.startTime) || owner.pid <= 0) return std::nullopt;
    return owner;
}

// Modification time in seconds since the epoch; 0 when the file is missing.
std::time_t modified(const fs::path& path) {
    struct stat status {};
    return ::stat(path.c_str(), &status) == 0 ? status.st_mtime : 0;
}

}  // namespace

fs::path stateDirectory() {
    // The XDG spec: a relative XDG_STATE_HOME is invalid and is ignored.
    if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state == '/') return fs::path(state) / "gradscape";
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".local/state/gradscape";
    return {};
}

ProcessIdentity currentProcess() {
    return {static_cast<long>(::getpid()), startTimeOf(::getpid())};
}

bool processAlive(const ProcessIdentity& process) {
    if (process.pid <= 0) return false;
    if (::kill(static_cast<pid_t>(process.pid), 0) != 0 && errno != EPERM) return false;
    // The id may have been handed to a later process; the start time tells them apart.
    const unsigned long long started = startTimeOf(process.pid);
    return process.startTime == 0 || started == 0 || started == process.startTime;
}

AutosaveSlot AutosaveSlot::claim(const fs::path& directory) {
    AutosaveSlot slot;
    slot.directory_ = directory;
    std::error_code error;
    if (!fs::is_directory(directory)) {
        fs::create_directories(directory, error);
        if (error) throw FileError("cannot create the state folder " + directory.string() + ": " + error.message());
        fs::permissions(directory, fs::perms::owner_all, error);  // the user's work is theirs alone
    }
    const ProcessIdentity self = currentProcess();
    const std::optional<ProcessIdentity> previous = readMarker(slot.markerPath());
    if (previous && !(*previous == self) && processAlive(*previous)) {
        slot.owner_ = *previous;  // another window is running and keeps saving there
        return slot;
    }
    // A marker left behind (or a damaged one) means the window that wrote it never closed.
    const bool endedAbnormally = fs::exists(slot.markerPath(), error);
    if (endedAbnormally && fs::is_regular_file(slot.scenePath(), error))
        slot.recovery_ = Recovery{slot.scenePath(),
                                  std::max(modified(slot.markerPath()), modified(slot.scenePath()))};
    replaceFile(slot.markerPath().string(), std::to_string(self.pid) + " " + std::to_string(self.startTime) + "\n");
    // Two windows starting at once both write; the marker holds the last, and only that one owns it.
    const std::optional<ProcessIdentity> written = readMarker(slot.markerPath());
    slot.owned_ = written && *written == self;
    slot.owner_ = written.value_or(ProcessIdentity{});
    if (!slot.owned_) slot.recovery_.reset();
    return slot;
}

void AutosaveSlot::acceptRecovery() {
    recovery_.reset();
}

void AutosaveSlot::declineRecovery() {
    if (!recovery_) return;
    std::error_code error;
    fs::rename(recovery_->scene, directory_ / "autosave-declined.json", error);
    if (error)
        throw FileError("cannot keep the previous autosave as " + (directory_ / "autosave-declined.json").string() +
                        ": " + error.message());
    recovery_.reset();
}

bool AutosaveSlot::save(const std::string& sceneText) {
    if (!owned_ || recovery_) return false;
    replaceFile(scenePath().string(), sceneText);
    return true;
}

void AutosaveSlot::touch() {
    if (!owned_) return;
    std::error_code error;
    fs::last_write_time(markerPath(), fs::file_time_type::clock::now(), error);
}

void AutosaveSlot::release() {
    if (!owned_ || recovery_) return;
    // Removed only while it still names this window.
    if (readMarker(markerPath()) == std::optional(currentProcess())) {
        std::error_code error;
        fs::remove(markerPath(), error);
    }
    owned_ = false;
}

std::string clockTime(std::time_t time) {
    std::tm local{};
    localtime_r(&time, &local);
    char text[16];
    std::strftime(text, sizeof text, "%H:%M", &local);
    return text;
}

}  // namespace gradscape

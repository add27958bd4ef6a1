#pragma once
// The window's autosave, without the window: where it lives (the user's XDG state directory), which
// window owns it (a marker file naming the owner's process), and whether the previous window ended
// without closing (its marker left behind by a process that is gone), so the next one can offer to
// restore the race it had. app/autosave.* draws the offer and decides when to save.
//
// Files in the directory:
//   autosave.json           the race as a scene file, replaced atomically (old-whole or new-whole)
//   autosave.owner          "PID START" of the window that owns the autosave; removed by a clean exit
//   autosave-declined.json  the previous autosave, kept when the user chose to start fresh

#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

namespace gradscape {

/// Where gradscape keeps state between runs: $XDG_STATE_HOME/gradscape when XDG_STATE_HOME is an
/// absolute path (the XDG spec ignores a relative one), else $HOME/.local/state/gradscape; empty when
/// neither is set.
std::filesystem::path stateDirectory();

/// A process, told apart from a later one that reuses its id by when it started.
struct ProcessIdentity {
    long pid = 0;
    unsigned long long startTime = 0;  ///< Clock ticks after boot (/proc/PID/stat, field 22); 0 if unknown.

    bool operator==(const ProcessIdentity&) const = default;
};

/// This process.
ProcessIdentity currentProcess();
/// Whether that process still runs (the same process: a reused id with another start time does not count).
bool processAlive(const ProcessIdentity& process);

/// What the previous window left when it ended without closing.
struct Recovery {
    std::filesystem::path scene;  ///< Its autosave, a scene file.
    std::time_t endedAt = 0;      ///< About when it ended: its last sign of life (marker or autosave).
};

/// One window's hold on the autosave in a state directory.
class AutosaveSlot {
  public:
    /// Claims the autosave in `directory` (created, 0700, when missing). A marker naming a live process
    /// means another window owns it: this one is not the owner and never writes. A marker naming a
    /// process that is gone (or unreadable) means that window ended abnormally: this one takes over, and
    /// when an autosave is there, recovery() offers it. Throws FileError when the directory or the
    /// marker cannot be written.
    static AutosaveSlot claim(const std::filesystem::path& directory);

    /// Whether this window owns the autosave (another live window may).
    bool owned() const { return owned_; }
    /// The process that owns it when this window does not.
    const ProcessIdentity& owner() const { return owner_; }
    /// The previous window's race while the offer to restore it is open.
    const std::optional<Recovery>& recovery() const { return recovery_; }
    /// The path of the autosave.
    std::filesystem::path scenePath() const { return directory_ / "autosave.json"; }

    /// The user restores the race: the offer closes and saving resumes (the next save writes the
    /// restored race).
    void acceptRecovery();
    /// The user starts fresh: the previous autosave is kept as autosave-declined.json, the offer closes.
    void declineRecovery();

    /// Replaces the autosave with `sceneText` atomically. Does nothing, and returns false, when this
    /// window is not the owner or the offer to restore is still open (the previous race must not be
    /// overwritten before the user has chosen). Throws FileError.
    bool save(const std::string& sceneText);
    /// Marks the owner alive now (the marker's time says when a window that dies was last seen).
    void touch();
    /// A clean exit: the marker goes, so the next window offers nothing. While the offer is still open
    /// the marker stays, and the next window offers the same race again.
    void release();

  private:
    std::filesystem::path markerPath() const { return directory_ / "autosave.owner"; }

    std::filesystem::path directory_;
    bool owned_ = false;
    ProcessIdentity owner_;
    std::optional<Recovery> recovery_;
};

/// "14:05" in local time.
std::string clockTime(std::time_t time);

}  // namespace gradscape

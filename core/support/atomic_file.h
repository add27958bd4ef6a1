#pragma once
// Replacing a file the user has, so that the path always holds either the previous file whole or the
// new one whole: never a truncated file, never a half-written row, whatever happens (a full disk, a
// failing writer, kill -9 at any instant).
//
// The new contents go to a temporary file beside the target, which is flushed to disk and then renamed
// over it. Around that:
//   - a symbolic link at the path is followed: the file it points to is replaced and the link stays;
//   - a path that is a folder, a device or anything but a regular file is refused, as is a missing
//     folder (nothing is created behind the user's back);
//   - the new file keeps the old one's permissions (a 0600 file stays 0600); a new file gets the
//     usual 0666 less the umask;
//   - the temporary is named ".NAME.gradscape-PID-RANDOM[.EXT]" (its extension kept for writers such
//     as ffmpeg that choose a format by it); one left behind by a killed process is removed by the next
//     replacement of the same file once that process is gone.
// Every failure throws FileError with a sentence naming the path and the reason ("No space left on
// device"), and leaves the previous file as it was.

#include <functional>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gradscape {

class FileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Whether commit() waits for the new contents to reach the disk before renaming. A scene or an autosave
/// is the user's work and waits (Synced), so that even a power cut leaves the old file or the new one. A
/// picture that can be drawn again (a render's PNG) is only renamed (Renamed): no other process ever sees
/// it half-written, and the wait, as long as the rest of a render on some disks, is spared.
enum class Durability { Synced, Renamed };

class AtomicFile {
  public:
    /// Checks the path and creates the temporary. Throws FileError.
    explicit AtomicFile(const std::string& path, Durability durability = Durability::Synced);
    /// Removes the temporary unless commit() succeeded.
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// Where the new contents go, for writers that open a path themselves (ffmpeg, a PNG encoder).
    const std::string& temporaryPath() const { return temporary_; }

    /// Appends bytes to the temporary. Throws FileError (the disk is full, ...).
    void write(std::string_view bytes);
    /// Flushes the temporary to disk (when Synced), gives it the old file's permissions and renames it over
    /// the target. Throws FileError, and then the target is untouched.
    void commit();

  private:
    std::string path_, target_, temporary_;
    int fd_ = -1;
    Durability durability_;
    bool committed_ = false;
};

/// Replaces the file at `path` with `contents` as AtomicFile does. Throws FileError.
void replaceFile(const std::string& path, std::string_view contents,
                 Durability durability = Durability::Synced);
/// Replaces the file at `path` with what `write` puts into the stream; a stream that fails (or a
/// `write` that throws) leaves the previous file. Throws FileError, or what `write` threw.
void replaceFile(const std::string& path, const std::function<void(std::ostream&)>& write);

}  // namespace gradscape

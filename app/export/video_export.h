#pragma once
// Animations through Debian's ffmpeg: raw RGBA frames piped into a child process that encodes MP4
// (libx264 where ffmpeg has it, else mpeg4; yuv420p, even sides) or GIF (a palette made from the frames
// themselves), chosen by the file's extension. No shell is involved: ffmpeg gets its arguments as a list.

#include "support/atomic_file.h"
#include "render/image.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gradscape {

enum class VideoFormat { Mp4, Gif };

/// The format a file name asks for by its extension (.mp4 or .gif, in any case); throws
/// std::invalid_argument naming the file otherwise.
VideoFormat videoFormatOf(const std::string& path);

inline constexpr int kMinVideoFrames = 2, kMaxVideoFrames = 10000;
inline constexpr double kMinVideoFps = 1, kMaxVideoFps = 120;

/// "" when an animation of `frames` frames at `fps` frames per second is possible, else a sentence
/// naming the parameter and its allowed range.
std::string validateVideo(int frames, double fps);

/// The ffmpeg program: $GRADSCAPE_FFMPEG when set, else "ffmpeg" looked up on the PATH.
std::string ffmpegProgram();

/// Feeds frames to an ffmpeg child from a writer thread of its own, so the caller never waits on the
/// encoder unless it wants to. ffmpeg writes AtomicFile's temporary beside PATH (named by ffmpeg's
/// "file:" protocol, so a name such as "-y.gif" is never read as an option), committed over PATH only
/// once it succeeds: an existing file is never half-overwritten, a link keeps pointing at its file, and a
/// failed or cancelled video leaves nothing behind.
class VideoEncoder {
  public:
    enum class State { Encoding, Done, Failed, Cancelled };

    /// Starts ffmpeg for `frameCount` frames of width x height at `fps`. Throws std::invalid_argument for
    /// a bad extension or count, FileError for a path AtomicFile refuses (a folder, a device, a missing
    /// folder: none is created), std::runtime_error when ffmpeg cannot be started (saying how to get it).
    VideoEncoder(const std::string& path, int width, int height, double fps, int frameCount);
    /// Cancels a video still missing frames; waits for one whose frames are all in to finish encoding.
    ~VideoEncoder();
    VideoEncoder(const VideoEncoder&) = delete;
    VideoEncoder& operator=(const VideoEncoder&) = delete;

    /// Whether addFrame would return at once: frames remain to be added and few are waiting.
    bool readyForFrame() const;
    /// Queues the next frame (width x height); blocks while several frames are already waiting.
    /// After the last frame, ffmpeg's input is closed and the file finished on the writer thread.
    void addFrame(Image frame);
    /// Stops ffmpeg and removes the partial file; nothing happens once the video is finished.
    void cancel();
    /// Blocks until the video is done, failed or cancelled; returns which.
    State wait();

    State state() const;
    /// Frames ffmpeg has read so far.
    int framesWritten() const { return framesWritten_; }
    int frameCount() const { return frameCount_; }
    /// Why the video failed: ffmpeg's exit status and the tail of what it said.
    std::string error() const;
    const std::string& path() const { return path_; }

  private:
    void writerLoop();
    void finish(bool cancelled, const std::string& writeError);

    std::string path_, stderrPath_;
    std::unique_ptr<AtomicFile> file_;  ///< What ffmpeg writes; touched only by the writer thread once started.
    int width_, height_, frameCount_;
    int pid_ = -1, input_ = -1;
    std::atomic<int> framesAdded_{0}, framesWritten_{0};

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Image> queue_;
    bool cancelRequested_ = false;
    bool childExited_ = false;  ///< ffmpeg has exited (it may not be reaped yet): no more signals to it.
    State state_ = State::Encoding;
    std::string error_;
    std::thread writer_;
};

}  // namespace gradscape

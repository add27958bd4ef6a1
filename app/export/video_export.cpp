#include "export/video_export.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace gradscape {
namespace {

// Frames waiting for the writer thread: enough to smooth over ffmpeg's pauses, few enough that a 4K
// video does not hold much memory.
constexpr size_t kQueueDepth = 4;

std::string lowerExtension(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return extension;
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

// A file of our own under the temporary directory, for a child's output.
std::string temporaryFile(int& descriptor) {
    const std::string directory = std::filesystem::temp_directory_path().string();
    std::string name = directory + "/gradscape-ffmpeg-XXXXXX";
    descriptor = mkostemp(name.data(), O_CLOEXEC);
    if (descriptor < 0) throw std::runtime_error("cannot create a temporary file in " + directory);
    return name;
}

// Starts `arguments` (no shell) with stdin from `input` (or /dev/null), stdout and stderr as given.
int spawn(const std::vector<std::string>& arguments, int input, int output, int errors) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (input >= 0)
        posix_spawn_file_actions_adddup2(&actions, input, 0);
    else
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (output >= 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1);
    else
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, errors, 2);
    std::vector<char*> argv;
    for (const auto& a : arguments)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int failure = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (failure == ENOENT || failure == EACCES)
        throw std::runtime_error("cannot run '" + arguments[0] +
                                 "': videos need ffmpeg (on Debian: apt-get install ffmpeg)");
    if (failure) throw std::runtime_error("cannot start " + arguments[0] + ": " + std::strerror(failure));
    return pid;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The last few lines a child wrote, joined into one line for an error message.
std::string tail(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
    std::string joined;
    for (size_t i = lines.size() > 4 ? lines.size() - 4 : 0; i < lines.size(); ++i)
        joined += (joined.empty() ? "" : "; ") + lines[i];
    return joined.size() > 800 ? "..." + joined.substr(joined.size() - 800) : joined;
}

std::string describeExit(int status) {
    if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return std::string("killed by ") + strsignal(WTERMSIG(status));
    return "status " + std::to_string(status);
}

// Whether this ffmpeg has the libx264 encoder (Debian's does); asked once per program.
bool hasLibx264(const std::string& program) {
    static std::mutex mutex;
    static std::string asked;
    static bool answer = false;
    std::lock_guard lock(mutex);
    if (asked == program) return answer;
    int output = -1;
    const std::string outputPath = temporaryFile(output);
    const int errors = open("/dev/null", O_WRONLY | O_CLOEXEC);
    int status = 0;
    try {
        const int pid = spawn({program, "-hide_banner", "-encoders"}, -1, output, errors);
        waitpid(pid, &status, 0);
    } catch (...) {
        close(output), close(errors), std::remove(outputPath.c_str());
        throw;
    }
    close(output), close(errors);
    answer = readFile(outputPath).find(" libx264 ") != std::string::npos;
    std::remove(outputPath.c_str());
    asked = program;
    return answer;
}

std::vector<std::string> ffmpegArguments(const std::string& program, VideoFormat format, int width,
                                         int height, double fps, const std::string& output) {
    std::vector<std::string> a = {program,
                                  "-hide_banner",
                                  "-loglevel",
                                  "error",
                                  "-y",
                                  "-f",
                                  "rawvideo",
                                  "-pix_fmt",
                                  "rgba",
                                  "-s",
                                  std::to_string(width) + "x" + std::to_string(height),
                                  "-r",
                                  number(fps),
                                  "-i",
                                  "-",
                                  "-an"};
    if (format == VideoFormat::Gif) {
        // One filter graph: the palette is made from the frames themselves, then applied to them.
        a.insert(a.end(), {"-filter_complex", "[0:v]split[a][b];[a]palettegen[p];[b][p]paletteuse", "-loop",
                           "0", "-f", "gif", output});
        return a;
    }
    // yuv420p (what players expect) halves the chroma: both sides must be even.
    a.insert(a.end(), {"-vf", "crop=trunc(iw/2)*2:trunc(ih/2)*2", "-pix_fmt", "yuv420p"});
    if (hasLibx264(program))
        a.insert(a.end(), {"-c:v", "libx264", "-crf", "18", "-preset", "medium"});
    else
        a.insert(a.end(), {"-c:v", "mpeg4", "-q:v", "3"});
    a.insert(a.end(), {"-movflags", "+faststart", "-f", "mp4", output});
    return a;
}

}  // namespace

VideoFormat videoFormatOf(const std::string& path) {
    const std::string extension = lowerExtension(path);
    if (extension == ".mp4") return VideoFormat::Mp4;
    if (extension == ".gif") return VideoFormat::Gif;
    throw std::invalid_argument("a video's file name must end in .mp4 or .gif, got '" + path + "'");
}

std::string validateVideo(int frames, double fps) {
    if (frames < kMinVideoFrames || frames > kMaxVideoFrames)
        return "--frames must be in [" + std::to_string(kMinVideoFrames) + ", " +
               std::to_string(kMaxVideoFrames) + "], got " + std::to_string(frames);
    if (!(fps >= kMinVideoFps && fps <= kMaxVideoFps))
        return "--fps must be in [" + number(kMinVideoFps) + ", " + number(kMaxVideoFps) + "], got " +
               number(fps);
    return {};
}

std::string ffmpegProgram() {
    const char* chosen = std::getenv("GRADSCAPE_FFMPEG");
    return chosen && *chosen ? chosen : "ffmpeg";
}

VideoEncoder::VideoEncoder(const std::string& path, int width, int height, double fps, int frameCount)
    : path_(path), width_(width), height_(height), frameCount_(frameCount) {
    const VideoFormat format = videoFormatOf(path);
    if (std::string complaint = validateVideo(frameCount, fps); !complaint.empty())
        throw std::invalid_argument(complaint);
    if (width < 2 || height < 2) throw std::invalid_argument("a video needs at least 2x2 pixels");
    file_ = std::make_unique<AtomicFile>(path);
    const std::string program = ffmpegProgram();
    // "file:" names the output for ffmpeg whatever it looks like: "-y.gif" is not an option, "a:b.gif"
    // not a protocol.
    const auto arguments =
        ffmpegArguments(program, format, width, height, fps, "file:" + file_->temporaryPath());

    int errors = -1;
    stderrPath_ = temporaryFile(errors);
    int pipe[2];
    if (pipe2(pipe, O_CLOEXEC) != 0) {
        close(errors), std::remove(stderrPath_.c_str());
        throw std::runtime_error(std::string("cannot make a pipe to ffmpeg: ") + std::strerror(errno));
    }
    try {
        pid_ = spawn(arguments, pipe[0], -1, errors);
    } catch (...) {
        close(pipe[0]), close(pipe[1]), close(errors), std::remove(stderrPath_.c_str());
        throw;
    }
    close(pipe[0]), close(errors);
    input_ = pipe[1];
    writer_ = std::thread([this] { writerLoop(); });
}

VideoEncoder::~VideoEncoder() {
    if (framesAdded_ < frameCount_) cancel();
    if (writer_.joinable()) writer_.join();
}

bool VideoEncoder::readyForFrame() const {
    std::lock_guard lock(mutex_);
    return state_ == State::Encoding && framesAdded_ < frameCount_ && queue_.size() < kQueueDepth;
}

void VideoEncoder::addFrame(Image frame) {
    if (frame.width != width_ || frame.height != height_)
        throw std::logic_error("a video frame of the wrong size");
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < kQueueDepth || state_ != State::Encoding; });
    if (state_ != State::Encoding || framesAdded_ >= frameCount_) return;
    queue_.push_back(std::move(frame));
    ++framesAdded_;
    changed_.notify_all();
}

void VideoEncoder::cancel() {
    std::lock_guard lock(mutex_);
    if (state_ != State::Encoding) return;
    cancelRequested_ = true;
    // Unblocks a writer stuck on a full pipe; the writer reaps the child and removes the partial file.
    if (!childExited_) kill(pid_, SIGKILL);
    changed_.notify_all();
}

VideoEncoder::State VideoEncoder::wait() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return state_ != State::Encoding; });
    return state_;
}

VideoEncoder::State VideoEncoder::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

std::string VideoEncoder::error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

void VideoEncoder::writerLoop() {
    // A write to an ffmpeg that has died raises SIGPIPE in this thread: blocked here, the write
    // returns EPIPE instead and the failure is reported with what ffmpeg said.
    sigset_t pipeSignal;
    sigemptyset(&pipeSignal);
    sigaddset(&pipeSignal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipeSignal, nullptr);

    std::string writeError;
    for (int written = 0; written < frameCount_;) {
        Image frame;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return !queue_.empty() || cancelRequested_; });
            if (cancelRequested_) break;
            frame = std::move(queue_.front());
            queue_.pop_front();
            changed_.notify_all();
        }
        const std::uint8_t* data = frame.rgba.data();
        size_t left = frame.rgba.size();
        while (left > 0) {
            const ssize_t n = write(input_, data, left);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                writeError = std::strerror(errno);
                break;
            }
            data += n, left -= static_cast<size_t>(n);
        }
        if (!writeError.empty()) break;
        framesWritten_ = ++written;
    }
    if (!writeError.empty()) {
        const timespec now{0, 0};
        sigtimedwait(&pipeSignal, nullptr, &now);  // the SIGPIPE left pending by the failed write
    }
    bool cancelled;
    {
        std::lock_guard lock(mutex_);
        cancelled = cancelRequested_;
    }
    finish(cancelled, writeError);
}

void VideoEncoder::finish(bool cancelled, const std::string& writeError) {
    close(input_);  // ffmpeg sees the end of its input and finishes the file
    siginfo_t info{};
    waitid(P_PID, pid_, &info, WEXITED | WNOWAIT);  // exited, not yet reaped: its pid stays ours
    {
        std::lock_guard lock(mutex_);
        childExited_ = true;
        cancelled = cancelled || cancelRequested_;
    }
    int status = 0;
    waitpid(pid_, &status, 0);
    const std::string said = tail(readFile(stderrPath_));
    std::remove(stderrPath_.c_str());

    State outcome = State::Done;
    std::string message;
    if (cancelled) {
        outcome = State::Cancelled;
    } else if (!writeError.empty() || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        outcome = State::Failed;
        message = "ffmpeg failed (" + describeExit(status) + ")" +
                  (writeError.empty() ? "" : " while reading frames (" + writeError + ")") +
                  (said.empty() ? "" : ": " + said);
    } else {
        try {
            file_->commit();
        } catch (const FileError& e) {
            outcome = State::Failed, message = e.what();
        }
    }
    file_.reset();  // a video not committed leaves nothing behind
    std::lock_guard lock(mutex_);
    state_ = outcome;
    error_ = message;
    queue_.clear();
    changed_.notify_all();
}

}  // namespace gradscape

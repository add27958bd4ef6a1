#include "support/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <random>
#include <streambuf>

namespace gradscape {
namespace {

namespace fs = std::filesystem;

std::string reason(int error) {
    return std::strerror(error);
}

// Follows symbolic links (a chain, relative or absolute) to the file they name, which may not exist yet.
fs::path followLinks(const std::string& path) {
    fs::path p(path);
    for (int hops = 0;; ++hops) {
        std::error_code error;
        if (!fs::is_symlink(fs::symlink_status(p, error))) return p;
        if (hops == 40) throw FileError("cannot write " + path + ": too many levels of symbolic links");
        const fs::path next = fs::read_symlink(p, error);
        if (error) throw FileError("cannot write " + path + ": " + error.message());
        p = next.is_absolute() ? next : p.parent_path() / next;
    }
}

bool processIsGone(const std::string& pid) {
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos || pid.size() > 9)
        return false;
    return ::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH;
}

// Temporaries of this file left by processes that were killed before they could remove them.
void removeStaleTemporaries(const fs::path& directory, const std::string& prefix) {
    std::error_code error;
    for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        const std::string rest = name.substr(prefix.size());  // PID-RANDOM[.EXT]
        const auto dash = rest.find('-');
        if (dash != std::string::npos && processIsGone(rest.substr(0, dash))) {
            std::error_code ignored;
            fs::remove(it->path(), ignored);
        }
    }
}

// An output stream buffer over a file descriptor that remembers the first write error.
class DescriptorBuffer : public std::streambuf {
  public:
    explicit DescriptorBuffer(AtomicFile& file) : file_(file) {
        setp(buffer_.data(), buffer_.data() + buffer_.size());
    }
    ~DescriptorBuffer() override = default;
    int sync() override { return flush() ? 0 : -1; }
    std::string error;

  protected:
    int_type overflow(int_type c) override {
        if (!flush()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }

  private:
    bool flush() {
        if (!error.empty()) return false;
        try {
            file_.write(std::string_view(pbase(), static_cast<size_t>(pptr() - pbase())));
        } catch (const FileError& e) {
            error = e.what();
            return false;
        }
        setp(buffer_.data(), buffer_.data() + buffer_.size());
        return true;
    }
    AtomicFile& file_;
    std::array<char, 1 << 16> buffer_{};
};

}  // namespace

AtomicFile::AtomicFile(const std::string& path, Durability durability)
    : path_(path), durability_(durability) {
    if (path.empty()) throw FileError("cannot write a file with no name");
    const fs::path target = followLinks(path);
    target_ = target.string();
    if (target.filename().empty() || target.filename() == "." || target.filename() == "..")
        throw FileError("cannot write " + path + ": it names a folder, not a file");
    struct stat existing {};
    if (::stat(target_.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode))
        throw FileError("cannot write " + path + ": " +
                        (S_ISDIR(existing.st_mode) ? "it is a folder" : "it is not a regular file"));
    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
    struct stat folder {};
    if (::stat(directory.c_str(), &folder) != 0 || !S_ISDIR(folder.st_mode))
        throw FileError("cannot write " + path + ": the folder " + directory.string() + " does not exist");

    const std::string prefix = "." + target.filename().string() + ".gradscape-";
    removeStaleTemporaries(directory, prefix);
    std::random_device entropy;
    std::mt19937_64 random(entropy());
    const std::string extension = target.extension().string();
    for (int attempt = 0; fd_ < 0; ++attempt) {
        char suffix[17];
        std::snprintf(suffix, sizeof suffix, "%016llx", static_cast<unsigned long long>(random()));
        temporary_ = (directory / (prefix + std::to_string(::getpid()) + "-" + suffix + extension)).string();
        fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);  // less the umask
        if (fd_ < 0 && (errno != EEXIST || attempt == 100))
            throw FileError("cannot write " + path + ": " + reason(errno));
    }
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(temporary_.c_str());
}

void AtomicFile::write(std::string_view bytes) {
    if (fd_ < 0) throw FileError("cannot write " + path_ + ": the file is already closed");
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            throw FileError("cannot write " + path_ + ": " + reason(errno));
        }
        bytes.remove_prefix(static_cast<size_t>(n));
    }
}

void AtomicFile::commit() {
    if (committed_) return;
    struct stat existing {};
    if (::stat(target_.c_str(), &existing) == 0) {
        // The old file's owner where we may set it (root saving a user's file), and its permissions; an
        // owner that is not ours to give away is left as ours.
        [[maybe_unused]] const int owned = ::fchown(fd_, existing.st_uid, existing.st_gid);
        ::fchmod(fd_, existing.st_mode & 07777);
    }
    if (durability_ == Durability::Synced && ::fsync(fd_) != 0)
        throw FileError("cannot write " + path_ + ": " + reason(errno));
    const int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0) throw FileError("cannot write " + path_ + ": " + reason(errno));
    if (::rename(temporary_.c_str(), target_.c_str()) != 0)
        throw FileError("cannot write " + path_ + ": " + reason(errno));
    committed_ = true;
    if (durability_ != Durability::Synced) return;
    // The rename itself reaches the disk with the folder's entry.
    const fs::path target(target_);
    const std::string directory = target.has_parent_path() ? target.parent_path().string() : ".";
    const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

void replaceFile(const std::string& path, std::string_view contents, Durability durability) {
    AtomicFile file(path, durability);
    file.write(contents);
    file.commit();
}

void replaceFile(const std::string& path, const std::function<void(std::ostream&)>& write) {
    AtomicFile file(path);
    DescriptorBuffer buffer(file);
    std::ostream out(&buffer);
    write(out);
    out.flush();
    if (!buffer.error.empty()) throw FileError(buffer.error);
    if (!out) throw FileError("cannot write " + path + ": the writer failed");
    file.commit();
}

}  // namespace gradscape

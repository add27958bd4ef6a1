#pragma once
// Helpers for tests that drive the real gradscape executable.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace gradscape::testing {

/// The gradscape executable under test.
inline const char* executable() {
    return GRADSCAPE_EXECUTABLE;
}

struct CommandResult {
    int exitStatus = -1;
    std::string output;  ///< stdout and stderr together.
};

/// Runs a shell command line to completion.
CommandResult run(const std::string& commandLine);

/// A child process started in the background; killed if still running when destroyed.
class Process {
  public:
    explicit Process(const std::vector<std::string>& arguments);
    ~Process();
    bool running();
    /// Waits up to `timeout` for the process to exit; returns its exit status, or -1 on time-out.
    int wait(std::chrono::milliseconds timeout);

  private:
    int pid_ = -1;
    int status_ = -1;
    bool exited_ = false;
};

/// Polls `condition` every 50 ms until it holds or `timeout` passes; returns whether it held.
bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

/// A fresh empty directory under the system temporary directory.
std::string temporaryDirectory(const std::string& name);

}  // namespace gradscape::testing

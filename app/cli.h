#pragma once
// The command line: no arguments opens the window; subcommands serve scripts and tests.

namespace gradscape {

/// Parses the arguments and runs what they ask for; returns the process exit status
/// (0 success, 1 failure, 2 bad arguments).
int runCli(int argc, char** argv);

}  // namespace gradscape

#pragma once
// `gradscape bench`: in-process speed figures for the closing notes; nothing here is asserted by tests.

namespace gradscape {

struct BenchOptions {
    bool json = false;   ///< One JSON object on stdout instead of a table.
    bool window = true;  ///< Also measure the window's frame rate (needs a display, such as Xvfb).
    /// Small sizes and one repetition: every figure, none of them meaningful (checks the report itself,
    /// in sanitizer builds too).
    bool quick = false;
};

/// Runs every measurement and prints it; returns the exit status.
int benchCommand(const BenchOptions& options);

}  // namespace gradscape

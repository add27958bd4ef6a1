#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite: core units, the command line, the
# headless renderer, the real window under Xvfb, then the core and solver tests again under
# ThreadSanitizer (the solver thread is hammered the way a fast slider drag does), then each fuzzer for a
# short smoke budget (GRADSCAPE_FUZZ_SECONDS, default 10) under AddressSanitizer and UBSan.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$(nproc)"

echo "== build and test (RelWithDebInfo)"
"$root/tools/setup.sh" "$root/build"
ctest --test-dir "$root/build" --output-on-failure -j"$jobs"

echo "== core and solver under ThreadSanitizer"
CMAKE_BUILD_TYPE=RelWithDebInfo "$root/tools/setup.sh" "$root/build-tsan" -DGRADSCAPE_SANITIZER=thread \
    -DGRADSCAPE_BUILD_APP=OFF
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ctest --test-dir "$root/build-tsan" --output-on-failure -j"$jobs"

echo "== fuzzers, ${GRADSCAPE_FUZZ_SECONDS:-10} s each, under AddressSanitizer and UBSan"
GRADSCAPE_FUZZ_SEED="${GRADSCAPE_FUZZ_SEED:-1}" "$root/tools/fuzz.sh" "${GRADSCAPE_FUZZ_SECONDS:-10}"

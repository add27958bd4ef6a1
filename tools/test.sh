#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite: core units, the command line, the
# headless renderer, the real window under Xvfb, then the tests that start threads again under
# ThreadSanitizer (the solver thread is hammered the way a fast slider drag does); with
# GRADSCAPE_FUZZ_SECONDS=N, then each fuzzer for N seconds under AddressSanitizer and UBSan.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$(nproc)"

echo "== build and test (RelWithDebInfo)"
"$root/tools/setup.sh" "$root/build"
ctest --test-dir "$root/build" --output-on-failure -j"$jobs"

echo "== the threaded core under ThreadSanitizer"
# -O1: what the sanitizers' docs suggest, and a quarter quicker to compile (the optimizer catalog: 24 s -> 18 s).
# The tests that start threads (thread_tests: the solver hammered the way a fast slider drag does, the
# samplers, maps and tuning, rows over threads, networks shared by threads), not every core test: CI's
# 15 minutes. Every test passes under ThreadSanitizer too: -DGRADSCAPE_SANITIZER=thread builds them all.
CMAKE_BUILD_TYPE=RelWithDebInfo GRADSCAPE_CONFIGURE_ONLY=1 "$root/tools/setup.sh" "$root/build-tsan" \
    -DGRADSCAPE_SANITIZER=thread -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DGRADSCAPE_BUILD_APP=OFF
cmake --build "$root/build-tsan" -j"$jobs" --target thread_tests
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ctest --test-dir "$root/build-tsan" --output-on-failure -j"$jobs" \
    -L thread

# The fuzzers' corpora and regressions are replayed as tests in the build above. Fuzzing them afresh
# under AddressSanitizer and UBSan (tools/fuzz.sh) builds the whole core a third time (about 3 minutes),
# past CI's 15: it runs when GRADSCAPE_FUZZ_SECONDS is given.
if [ "${GRADSCAPE_FUZZ_SECONDS:-0}" != 0 ]; then
    echo "== fuzzers, ${GRADSCAPE_FUZZ_SECONDS} s each, under AddressSanitizer and UBSan"
    # Unoptimized for a smoke run: clang compiles the instrumented core in half the time (-O1 is no quicker).
    GRADSCAPE_FUZZ_OPTIMIZE="${GRADSCAPE_FUZZ_OPTIMIZE:--O0}" GRADSCAPE_FUZZ_SEED="${GRADSCAPE_FUZZ_SEED:-1}" \
        "$root/tools/fuzz.sh" "${GRADSCAPE_FUZZ_SECONDS}"
fi

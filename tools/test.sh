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

# The threaded core under ThreadSanitizer is built while the tests above run: the window's tests spend most
# of their two minutes waiting on the window, and the build takes that time instead (niced, so the tests'
# own work comes first). -O1: what the sanitizers' docs suggest, and a quarter quicker to compile. The tests
# that start threads (thread_tests: the solver hammered the way a fast slider drag does, the samplers, maps
# and tuning, rows over threads, networks shared by threads), not every core test: CI's 15 minutes. Every
# test passes under ThreadSanitizer too: -DGRADSCAPE_SANITIZER=thread builds them all.
tsan_log="$root/build/tsan-build.log"
(
    CMAKE_BUILD_TYPE=RelWithDebInfo GRADSCAPE_CONFIGURE_ONLY=1 "$root/tools/setup.sh" "$root/build-tsan" \
        -DGRADSCAPE_SANITIZER=thread -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DGRADSCAPE_BUILD_APP=OFF &&
        nice -n 10 cmake --build "$root/build-tsan" -j"$jobs" --target thread_tests
) >"$tsan_log" 2>&1 &
tsan_build=$!
tests_status=0
ctest --test-dir "$root/build" --output-on-failure -j"$jobs" || tests_status=$?
tsan_status=0
wait "$tsan_build" || tsan_status=$?
[ "$tests_status" = 0 ] || { echo "the tests failed"; exit "$tests_status"; }

echo "== the threaded core under ThreadSanitizer"
cat "$tsan_log"
[ "$tsan_status" = 0 ] || { echo "the ThreadSanitizer build failed"; exit "$tsan_status"; }
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

#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz) with clang under AddressSanitizer and UBSan and runs each
# for SECONDS (default 60), starting from its seeds (tests/fuzz/corpus/NAME, plus the lessons for the
# scene harness) and every input that once crashed it (tests/fuzz/regressions/NAME).
# Usage: tools/fuzz.sh [SECONDS] [NAME...]        e.g. tools/fuzz.sh 1800 formula
# A crash, a hang (over 10 s on one input), an uncaught exception or more than 2 GB ends the run with
# exit 1 and the input in build-fuzz/artifacts/NAME/; copy it into tests/fuzz/regressions/NAME/, fix the
# defect, and ctest's fuzz_replay_NAME keeps it fixed. The corpus grown by a run stays in
# build-fuzz/corpus/NAME for the next one. GRADSCAPE_FUZZ_SEED fixes libFuzzer's random seed (CI uses 1, so
# a smoke run repeats the same mutations); unset, each run draws its own. GRADSCAPE_FUZZ_OPTIMIZE sets the
# optimization (-O1 by default; CI's smoke run uses -O0, which compiles in half the time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
shift || true
build="${GRADSCAPE_FUZZ_BUILD:-$root/build-fuzz}"

# clang and libFuzzer's runtime, with the core's other dependencies, installed when missing.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
GRADSCAPE_EXTRA_PACKAGES="clang libclang-rt-14-dev" GRADSCAPE_CONFIGURE_ONLY=1 CMAKE_BUILD_TYPE=RelWithDebInfo "$root/tools/setup.sh" "$build" "${launcher[@]}" \
    -DCMAKE_CXX_COMPILER=clang++ -DGRADSCAPE_FUZZ=ON -DGRADSCAPE_BUILD_APP=OFF \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="${GRADSCAPE_FUZZ_OPTIMIZE:--O1} -g1 -DNDEBUG"
names=("$@")
if ((${#names[@]} == 0)); then
    names=($(sed -n 's/^set(GRADSCAPE_FUZZERS \(.*\))$/\1/p' "$root/tests/fuzz/CMakeLists.txt"))
fi
cmake --build "$build" -j"$(nproc)" --target "${names[@]/%/_fuzzer}"

status=0
for name in "${names[@]}"; do
    corpus="$build/corpus/$name" artifacts="$build/artifacts/$name"
    mkdir -p "$corpus" "$artifacts"
    seeds=("$root/tests/fuzz/corpus/$name")
    [ -d "$root/tests/fuzz/regressions/$name" ] && seeds+=("$root/tests/fuzz/regressions/$name")
    [ "$name" = scene ] && seeds+=("$root/assets/lessons")
    dictionary=()
    [ -f "$root/tests/fuzz/$name.dict" ] && dictionary=(-dict="$root/tests/fuzz/$name.dict")
    echo "== fuzz $name for ${seconds}s"
    log="$build/$name.log"
    if ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1" LSAN_OPTIONS="suppressions=$root/tests/fuzz/lsan.supp" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        "$build/tests/fuzz/${name}_fuzzer" "$corpus" "${seeds[@]}" "${dictionary[@]}" \
        -max_total_time="$seconds" -seed="${GRADSCAPE_FUZZ_SEED:-0}" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" >"$log" 2>&1; then
        grep -E "^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+ +DONE" "$log" | tail -3 || true
        echo "   no crash, hang or leak; corpus $(find "$corpus" -type f | wc -l) inputs"
    else
        status=1
        tail -40 "$log"
        echo "fuzz: $name failed; the input is in $artifacts/ (log: $log)"
    fi
done
exit "$status"

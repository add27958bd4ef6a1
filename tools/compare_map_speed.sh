#!/usr/bin/env bash
# Issue 14's speed figure: `gradscape map basins` of GD (lr 0.01) on Himmelblau, 512x512 starts over
# [-5, 5]^2, 1000 steps each, against the same map from a vectorized numpy script
# (tools/map_numpy.py), side by side in one run: RUNS runs each (default 3), medians and their ratio.
# gradscape is timed from process start to PNG, on every core; numpy's map is timed inside the script
# (its start-up and import left out), and numpy's array operations run on one core. The numpy script
# computes less than the map (no arrival step, no rate), so the ratio errs on numpy's side. Run it on a
# quiet machine: both sides are timed by the wall clock. Installs python3-numpy when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
size="${SIZE:-512}"
gradscape="${GRADSCAPE:-$root/build/gradscape}"
if ! /usr/bin/python3 -c "import numpy" 2>/dev/null; then
    apt-get update -qq && apt-get install -y -qq python3-numpy >/dev/null
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { print e - s }'
}
map() {
    "$gradscape" map basins --landscape himmelblau --optimizer gd:lr=0.01 --size "$size" --steps 1000 \
        --out "$out/basins.png" --quiet
}
numpy_map() { /usr/bin/python3 "$root/tools/map_numpy.py" "$size" 1000 | awk '/^seconds/ { print $2 }'; }

# One untimed gradscape run warms the file cache.
map
gs=$(for _ in $(seq "$runs"); do seconds map; done | median)
np=$(for _ in $(seq "$runs"); do numpy_map; done | median)
printf 'gradscape map      %.3f s (median of %d, %dx%d, 1000 steps, every core)\nnumpy script       %.3f s (median of %d)\nratio              %.1fx\n' \
    "$gs" "$runs" "$size" "$size" "$np" "$runs" "$(awk -v a="$np" -v b="$gs" 'BEGIN { print a / b }')"

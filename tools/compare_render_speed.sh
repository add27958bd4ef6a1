#!/usr/bin/env bash
# Issue 6's speed figure: `gradscape render` of a 1280x800 figure (three 500-step paths on Rosenbrock)
# against the same figure from a matplotlib script, each timed from process start to PNG with no
# display, median of RUNS runs (default 5). Installs python3-matplotlib when missing. Run it on a quiet
# machine: both sides are timed by the wall clock.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
gradscape="${GRADSCAPE:-$root/build/gradscape}"
if ! /usr/bin/python3 -c "import matplotlib" 2>/dev/null; then
    apt-get update -qq && apt-get install -y -qq python3-matplotlib >/dev/null
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
unset DISPLAY

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { print e - s }'
}

# One untimed run each warms the file cache (and matplotlib's font cache).
"$gradscape" render --landscape rosenbrock --steps 500 --out "$out/gradscape.png" >/dev/null
/usr/bin/python3 "$root/tools/matplotlib_figure.py" "$out/matplotlib.png"

gs=$(for _ in $(seq "$runs"); do seconds "$gradscape" render --landscape rosenbrock --steps 500 --width 1280 \
    --height 800 --out "$out/gradscape.png"; done | median)
mpl=$(for _ in $(seq "$runs"); do seconds /usr/bin/python3 "$root/tools/matplotlib_figure.py" \
    "$out/matplotlib.png"; done | median)
printf 'gradscape render   %.3f s (median of %d)\nmatplotlib script  %.3f s (median of %d)\nratio              %.1fx\n' \
    "$gs" "$runs" "$mpl" "$runs" "$(awk -v a="$mpl" -v b="$gs" 'BEGIN { print a / b }')"

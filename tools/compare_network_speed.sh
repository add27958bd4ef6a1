#!/usr/bin/env bash
# Issue 15's speed figure: full-batch training of a 2-32-32-1 tanh MLP on 256 moons (bce, seed 3), as
# gd steps per second in `gradscape bench --network-only` against torch.optim's SGD (lr 0.1, float64) on
# the same problem exported by `gradscape run --export-problem` (tools/network_torch_speed.py), both in
# one run, and their ratio; with the bench's 128x128 plane of losses on 2 threads. Each side gives its
# own median: the bench of 7 runs of 1000 steps after a warm-up, torch of 5 after a warm-up; ROUNDS
# (default 3) repeats the pair and takes the median of each side. Both are timed by the wall clock, so
# run it on a quiet machine: the load average is printed before and after. Needs /usr/bin/python3 with
# torch (the Debian package python3-torch).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${ROUNDS:-3}"
gradscape="${GRADSCAPE:-$root/build/gradscape}"
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
    echo "compare_network_speed.sh: /usr/bin/python3 has no torch (apt-get install python3-torch)" >&2
    exit 1
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
json_key() { /usr/bin/python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }

"$gradscape" run --problem mlp --layers 2,32,32,1 --activation tanh --data moons --samples 256 --loss bce \
    --seed 3 --optimizer gd:lr=0.1 --steps 1 --export-problem "$out/problem.json" >/dev/null
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$rounds"); do
    "$gradscape" bench --network-only --json --no-window >"$out/bench.json"
    json_key network_steps_per_second <"$out/bench.json" >>"$out/ours"
    json_key network_plane_128_seconds <"$out/bench.json" >>"$out/plane"
    /usr/bin/python3 "$root/tools/network_torch_speed.py" "$out/problem.json" --steps 1000 | tee -a "$out/torch.log" |
        awk '{ print $1 }' >>"$out/torch"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
ours="$(median <"$out/ours")"
torch="$(median <"$out/torch")"
plane="$(median <"$out/plane")"
printf 'gradscape gd       %8.0f steps/s (%.3f ms a step; median of %d rounds, each the median of 7 runs)\n' \
    "$ours" "$(awk -v s="$ours" 'BEGIN { print 1000 / s }')" "$rounds"
printf 'torch.optim SGD    %8.0f steps/s (%.3f ms a step; %s)\n' "$torch" \
    "$(awk -v s="$torch" 'BEGIN { print 1000 / s }')" "$(tail -1 "$out/torch.log" | sed 's/^[^(]*(//; s/)$//')"
printf 'ratio              %8.1fx\n' "$(awk -v a="$ours" -v b="$torch" 'BEGIN { print a / b }')"
printf '128x128 plane      %8.3f s on 2 threads (median)\n' "$plane"
printf 'load average       %s before, %s after (1, 5, 15 min)\n' "$load_before" "$load_after"
